/** Roles a person may hold; each assignment is scoped to a grid, a village or the town. */
export const ROLES = [
  'villager',
  'household_head',
  'grid_worker',
  'grid_leader',
  'reviewer',
  'supervisor',
  'village_admin',
  'town_admin',
  'shop_clerk',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  villager: '村民',
  household_head: '户主',
  grid_worker: '网格员',
  grid_leader: '网格长',
  reviewer: '评议小组成员',
  supervisor: '监督小组成员',
  village_admin: '村两委',
  town_admin: '镇管理员',
  shop_clerk: '超市店员',
};

export type ScopeKind = 'grid' | 'village' | 'town';

/** Which kind of scope each role is assigned at. */
export const ROLE_SCOPE: Record<Role, ScopeKind> = {
  villager: 'village',
  household_head: 'village',
  grid_worker: 'grid',
  grid_leader: 'grid',
  reviewer: 'village',
  supervisor: 'village',
  village_admin: 'village',
  town_admin: 'town',
  shop_clerk: 'village',
};

export interface RoleAssignment {
  role: Role;
  scope: ScopeKind;
  /** id of the grid, village or town the role applies to */
  scopeId: string;
  /** Reviewers only: the committee's leader (组长, the cadre who leads it [003]), who closes the month. */
  lead?: true;
}

export function hasRole(roles: readonly RoleAssignment[], role: Role, scopeId?: string): boolean {
  return roles.some((r) => r.role === role && (scopeId === undefined || r.scopeId === scopeId));
}

/** Grids on which this person may act as grid worker (worker or leader). */
export function gridsWorked(roles: readonly RoleAssignment[]): string[] {
  return roles.filter((r) => r.role === 'grid_worker' || r.role === 'grid_leader').map((r) => r.scopeId);
}

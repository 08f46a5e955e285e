import type { Role, RoleAssignment } from './roles';

/**
 * The role index: one small document per (role, scope, person) for the roles whose holders are
 * looked up by scope — who sits on a village's committees, who runs the town — so finding the
 * reviewers of a village reads those few documents instead of every person of the village.
 * Person.roles stays the source of truth; every writer of a person's roles keeps the index in
 * step in the same transaction (backend/repos/roleHolders.ts).
 */
export interface RoleHolder {
  /** `${scopeId}~${role}~${personId}`. */
  _id: string;
  role: Role;
  scopeId: string;
  personId: string;
}

/** Roles held by few people of a scope and looked up by it (villagers and heads are found through households; grid staff through the grid document). */
export const INDEXED_ROLES: readonly Role[] = ['reviewer', 'supervisor', 'village_admin', 'shop_clerk', 'town_admin'];

export function roleHolderId(role: Role, scopeId: string, personId: string): string {
  return `${scopeId}~${role}~${personId}`;
}

/** A person's entries in the index. */
export function roleHoldersOf(personId: string, roles: readonly RoleAssignment[]): RoleHolder[] {
  const out = new Map<string, RoleHolder>();
  for (const r of roles) {
    if (!INDEXED_ROLES.includes(r.role)) continue;
    const _id = roleHolderId(r.role, r.scopeId, personId);
    out.set(_id, { _id, role: r.role, scopeId: r.scopeId, personId });
  }
  return [...out.values()];
}

/** What changes in the index when a person's roles go from `before` to `after`. */
export function roleHolderChanges(personId: string, before: readonly RoleAssignment[], after: readonly RoleAssignment[]): { add: RoleHolder[]; remove: string[] } {
  const was = new Set(roleHoldersOf(personId, before).map((h) => h._id));
  const now = roleHoldersOf(personId, after);
  const keep = new Set(now.map((h) => h._id));
  return { add: now.filter((h) => !was.has(h._id)), remove: [...was].filter((id) => !keep.has(id)) };
}

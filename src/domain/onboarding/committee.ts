import type { Role, RoleAssignment } from '../org/roles';

/** The committee sizes SPEC §1 names [003]: 5 reviewers led by a cadre, 3 supervisors. */
export const COMMITTEE_SIZES = { reviewer: 5, supervisor: 3, shop_clerk: 1 } as const;

export interface ChecklistItem {
  key: 'reviewers' | 'reviewLead' | 'supervisors' | 'clerks' | 'gridStaff';
  label: string;
  have: number;
  want: number;
  done: boolean;
}

interface Holder {
  roles: readonly RoleAssignment[];
}

function count(people: readonly Holder[], role: Role, villageId: string, lead = false): number {
  return people.filter((p) => p.roles.some((r) => r.role === role && r.scopeId === villageId && (!lead || r.lead === true))).length;
}

/** What a village still lacks before its year can run: the admin's setup checklist. */
export function committeeChecklist(people: readonly Holder[], villageId: string, grids: readonly { _id: string }[]): ChecklistItem[] {
  const staffed = grids.filter((g) => people.some((p) => p.roles.some((r) => (r.role === 'grid_worker' || r.role === 'grid_leader') && r.scopeId === g._id))).length;
  const item = (key: ChecklistItem['key'], label: string, have: number, want: number): ChecklistItem => ({ key, label, have, want, done: have >= want });
  return [
    item('reviewers', '积分评议小组成员', count(people, 'reviewer', villageId), COMMITTEE_SIZES.reviewer),
    item('reviewLead', '评议小组组长（负责月度结账）', count(people, 'reviewer', villageId, true), 1),
    item('supervisors', '监督小组成员', count(people, 'supervisor', villageId), COMMITTEE_SIZES.supervisor),
    item('clerks', '超市店员', count(people, 'shop_clerk', villageId), COMMITTEE_SIZES.shop_clerk),
    item('gridStaff', '有网格员的网格', staffed, grids.length),
  ];
}

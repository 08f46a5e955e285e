import type { Grid, GridStaff, Household } from '../org/types';
import type { VillagePolicy } from '../org/policy';

/**
 * The grid tree: town (level 1) → village (level 2) → area grids (level 3) [004], with the
 * "不漏户、不漏人" [000] flags: households in no grid, grids over the household cap, grids with
 * nobody serving them, people of the village in no household.
 */
export interface GridNode {
  id: string;
  name: string;
  householdCount: number;
  /** policy.maxHouseholdsPerGrid */
  capacity: number;
  overCap: boolean;
  leaders: { id: string; name: string }[];
  workers: { id: string; name: string }[];
  flags: string[];
}

export interface VillageNode {
  id: string;
  name: string;
  grids: GridNode[];
  householdCount: number;
  /** Households whose grid is missing (UNASSIGNED_GRID or a grid id that is not in the village). */
  unassigned: { id: string; doorNo: string; headName: string }[];
  peopleWithoutHousehold: number;
  flags: string[];
}

export function gridNode(g: Grid, householdCount: number, policy: VillagePolicy): GridNode {
  const staff: GridStaff[] = g.staff ?? [];
  const leaders = staff.filter((s) => s.role === 'grid_leader').map((s) => ({ id: s.personId, name: s.name }));
  const workers = staff.filter((s) => s.role === 'grid_worker').map((s) => ({ id: s.personId, name: s.name }));
  const overCap = householdCount > policy.maxHouseholdsPerGrid;
  const flags: string[] = [];
  if (overCap) flags.push(`超过每格 ${policy.maxHouseholdsPerGrid} 户上限（${householdCount} 户），请拆分网格`);
  if (leaders.length === 0) flags.push('未设网格长');
  if (workers.length === 0) flags.push('未设网格员');
  return { id: g._id, name: g.name, householdCount, capacity: policy.maxHouseholdsPerGrid, overCap, leaders, workers, flags };
}

export function villageNode(
  v: { _id: string; name: string },
  grids: GridNode[],
  unassigned: Pick<Household, '_id' | 'doorNo' | 'headName'>[],
  peopleWithoutHousehold: number,
): VillageNode {
  const flags: string[] = [];
  if (unassigned.length > 0) flags.push(`${unassigned.length} 户未划入网格（不漏户）`);
  const over = grids.filter((g) => g.overCap);
  if (over.length > 0) flags.push(`${over.map((g) => g.name).join('、')} 超过户数上限`);
  if (peopleWithoutHousehold > 0) flags.push(`${peopleWithoutHousehold} 人未登记所属家庭（不漏人）`);
  return {
    id: v._id,
    name: v.name,
    grids,
    householdCount: grids.reduce((n, g) => n + g.householdCount, 0) + unassigned.length,
    unassigned: unassigned.map((h) => ({ id: h._id, doorNo: h.doorNo, headName: h.headName })),
    peopleWithoutHousehold,
    flags,
  };
}

/** Grid names as cadres write them: 2–20 characters, no line breaks. */
export function cleanGridName(name: string): string | null {
  const n = name.trim().replace(/\s+/g, ' ');
  return n.length >= 2 && n.length <= 20 ? n : null;
}

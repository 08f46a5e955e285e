import { anyPerson, roles } from '../access/gate';
import { allowIf, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';
import { LEDGER_OVERSIGHT } from '../ledger/policy';

/** Who may take the village's paperwork (积分台账, 积分手册 of many households). */
const PAPERWORK = [...LEDGER_OVERSIGHT, 'town_admin'] as const;

export const sheetsGates = {
  /** 积分台账: the village's admins and committees, the town. */
  pointsLedger: roles(PAPERWORK, '只有村两委、评议小组、监督小组和镇管理员可以导出积分台账'),
  /** 积分手册: a household reads its own; the rest is checked against what is asked for. */
  handbook: anyPerson,
  /** A stored export fetched again: any registered person; only its maker passes `mayFetchExport`. */
  exportFile: anyPerson,
} as const;

/** A village's paperwork: its admins and committees, or the admin of its town. */
export function mayTakeVillagePaperwork(actor: Actor, village: { _id: string; townId: string }): Decision {
  return allowIf(holdsIn(actor, LEDGER_OVERSIGHT, village._id) || holdsIn(actor, ['town_admin'], village.townId), 'NOT_FOUND', '找不到该村，或您无权导出');
}

/** One household's 积分手册: its members, its village's admins and committees, its grid's workers, the town. */
export function mayTakeHandbook(actor: Actor, household: { _id: string; villageId: string; gridId: string; townId: string }): Decision {
  return allowIf(
    household._id === actor.householdId ||
      holdsIn(actor, LEDGER_OVERSIGHT, household.villageId) ||
      holdsIn(actor, ['grid_worker', 'grid_leader'], household.gridId) ||
      holdsIn(actor, ['town_admin'], household.townId),
    'NOT_FOUND',
    '找不到该户，或您无权查看',
  );
}

/** A grid's 积分手册 (every household of it): its workers and leader, the village's admins and committees, the town. */
export function mayTakeGridHandbooks(actor: Actor, grid: { _id: string; villageId: string; townId: string }): Decision {
  return allowIf(
    holdsIn(actor, ['grid_worker', 'grid_leader'], grid._id) || holdsIn(actor, LEDGER_OVERSIGHT, grid.villageId) || holdsIn(actor, ['town_admin'], grid.townId),
    'NOT_FOUND',
    '找不到该网格，或您无权导出',
  );
}

/** Where a stored export lives: the requester's place (village, else town) and the requester. */
export interface ExportOwner {
  scopeId: string;
  personId: string;
}

/** The place a person's exports are filed under: their village, or their town for town staff. */
export function exportScopeOf(actor: Actor): string {
  return actor.villageId ?? actor.townId;
}

/**
 * A stored export (too large for the answer) is fetched again only by the person who made it:
 * it was made under their permissions, which another person may not hold.
 */
export function mayFetchExport(actor: Actor, owner: ExportOwner): Decision {
  return allowIf(owner.personId === actor._id && owner.scopeId === exportScopeOf(actor), 'NOT_FOUND', '找不到该文件，或它不是您导出的，请自己重新导出');
}

import type { Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';
import type { EntryKind } from './types';

/** Village roles that may read any household's points in their village. */
export const LEDGER_OVERSIGHT: Role[] = ['village_admin', 'reviewer', 'supervisor'];

export const ledgerGates = {
  read: anyPerson,
  adjust: roles(['village_admin'], '只有村两委可以调整积分'),
  reverse: roles(['village_admin'], '只有村两委可以冲销积分'),
} as const;

/**
 * Why an entry cannot be reversed by the village admin (更正冲销), by kind; null: it can.
 * The admin may undo only the admin's own decisions (村委调整). What a committee decided
 * (评议, 异议, 一票否决, 基础评分), what the town approved (公示) and what the village's rules did
 * (年底清零) are corrected only through those bodies' own procedures (four eyes, SPEC §5).
 */
export const NOT_REVERSIBLE: Record<EntryKind, string | null> = {
  adjustment: null,
  application: '月度评议结果由评议小组决定，村两委不能冲销；如有错误，请在季度公示期内提出异议，由评议小组和监督小组处理',
  objection: '异议处理结果由评议小组和监督小组共同决定，村两委不能冲销',
  veto: '一票否决由评议小组认定、监督小组复核，村两委不能冲销',
  base_score: '基础评分由评议小组评定，村两委不能冲销',
  publicity: '公示结果已经镇里复核通过，村两委不能冲销',
  year_end: '年底清零按村规执行，不能冲销',
  redemption: '兑换记录不能冲销，请联系超市办理退货',
  reversal: '冲销记录不能再次冲销',
  refund: '退货记录不能冲销',
};

/** A household's points: its members, and the village's admins and committee. Others: NOT_FOUND (no probing). */
export function mayReadHousehold(actor: Actor, household: { _id: string; villageId: string }): Decision {
  return allowIf(household._id === actor.householdId || holdsIn(actor, LEDGER_OVERSIGHT, household.villageId), 'NOT_FOUND', '找不到该户，或您无权查看');
}

/** 村委调整: the admin of the household's village. */
export function mayAdjust(actor: Actor, household: { villageId: string }): Decision {
  return allowIf(holdsIn(actor, ['village_admin'], household.villageId), 'NOT_FOUND', '找不到该户，或该户不在您管理的村');
}

/** 更正冲销: the admin of the entry's village, and only for an entry the admin's own office decided. */
export function mayReverse(actor: Actor, entry: { villageId: string; kind: EntryKind }): Decision {
  if (!holdsIn(actor, ['village_admin'], entry.villageId)) return deny('NOT_FOUND', '找不到要冲销的记录，或该户不在您管理的村');
  const why = NOT_REVERSIBLE[entry.kind];
  if (!why) return allow;
  // A reversal or a redemption is not a decision at all: the entry's state forbids it.
  return deny(entry.kind === 'reversal' || entry.kind === 'redemption' || entry.kind === 'refund' ? 'INVALID_TRANSITION' : 'COMMITTEE_DECISION', why);
}

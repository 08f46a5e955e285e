/**
 * 村规设置: the policy fields a village sets for the audit, publicity, base score, veto and year
 * end (SPEC §3, §5, §6, §7 — where the seeds disagree, the village chooses). Ranges are checked
 * by the API schema; this holds what the page shows and the rules across fields.
 */
import { DomainError } from '../shared/errors';
import type { VillagePolicy } from '../org/policy';
import type { RulesView } from '../api/catalogue';
import { honoursProblem } from '../ranking/annual';

export function rulesOf(p: VillagePolicy): RulesView {
  return {
    auditQuorum: p.auditQuorum,
    auditCloseByDay: p.auditCloseByDay,
    publicityDays: p.publicityDays,
    baseScore: p.baseScore,
    veto: p.veto,
    yearEnd: p.yearEnd,
    redBlackVisibility: p.redBlackVisibility,
    honours: p.honours,
    unitsRedeem: p.unitsRedeem,
  };
}

/** The committee has 5 members [003]: a quorum above the committee could never be reached. */
export const COMMITTEE_SIZE = 5;

/** Four eyes: one signature never decides an application alone. */
export const MIN_QUORUM = 2;

export function assertRules(r: RulesView): void {
  if (r.auditQuorum < MIN_QUORUM) throw new DomainError('BAD_INPUT', `评议通过人数至少 ${MIN_QUORUM} 人：一个人不能单独决定申报结果`);
  if (r.auditQuorum > COMMITTEE_SIZE) throw new DomainError('BAD_INPUT', `评议通过人数不能超过评议小组人数（${COMMITTEE_SIZE} 人）`);
  const honours = honoursProblem(r.honours);
  if (honours) throw new DomainError('BAD_INPUT', honours);
}

/** In words, for the page and the household: what a veto does under this policy. */
export function describeVeto(v: VillagePolicy['veto']): string {
  return v.mode === 'clear_and_bar_year'
    ? '清零当前积分，并取消当年兑换资格（次年 1 月 1 日恢复）'
    : `仍可积分，但自发生之日起 ${v.barMonths} 个月内不能兑换`;
}

export function describeYearEnd(y: VillagePolicy['yearEnd']): string {
  return y === 'clear' ? '年底清零：12 月 31 日未兑换的可兑换积分清零，次年重新积分' : '滚动结存：未兑换的积分累计到下一年';
}

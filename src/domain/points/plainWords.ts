import type { Application, ApplicationSource, ApplicationStatus, HistoryAction } from './application';
import type { Bucket, EntryKind } from '../ledger/types';
import type { ObjectionAction, ObjectionStatus } from '../publicity/types';

/**
 * Statuses and ledger lines in the words a villager uses: no internal codes (2026-Q3, PV-02,
 * 待公示余), every status says what happens next. Pure text; pages for villagers use these.
 */
export const VILLAGER_STATUS: Record<ApplicationStatus, string> = {
  submitted: '等网格员核实',
  first_reviewed: '网格员已核实，等评议小组评议',
  returned: '退回了，请补充后重新申报',
  approved: '评议通过，等公示后可兑换',
  rejected: '评议没有通过',
  fraud: '认定为虚假申报',
};

/** An application's 办理记录 lines: who did what, in a villager's words. */
export const VILLAGER_HISTORY: Record<HistoryAction, string> = {
  submit: '提交申报',
  submit_on_behalf: '网格员帮忙申报',
  first_review_pass: '网格员核实通过',
  first_review_return: '网格员退回了申报',
  audit_sign: '评议小组成员签了字',
  audit_resign: '评议小组成员改了签字',
  audit_decide: '评议结果定了',
  audit_freeze: '监督小组暂停了这件申报，等核查',
  audit_unfreeze: '监督小组核查完，恢复评议',
  report: '有村民把这件事报给了村里',
  record_visit: '评议小组上门走访时记下',
  record_inspection: '上级检查时记下',
};

/** Who recorded it. */
export const VILLAGER_SOURCE: Record<ApplicationSource, string> = {
  self: '自家申报',
  grid_worker: '网格员帮忙申报',
  villager_report: '别的村民报上来的',
  committee_visit: '评议小组走访记下的',
  inspection: '上级检查记下的',
};

/** Who recorded it, in a villager's words, by the role they filed in (the village admin for a unit). */
export function villagerSourceOf(app: Pick<Application, 'source' | 'onBehalfRole'>): string {
  return app.source === 'grid_worker' && app.onBehalfRole === 'village_admin' ? '村两委帮忙申报' : VILLAGER_SOURCE[app.source];
}

/** A history line in a villager's words, the 代申报 by the role it was filed in. */
export function villagerHistoryOf(app: Pick<Application, 'onBehalfRole'>, action: HistoryAction): string {
  return action === 'submit_on_behalf' && app.onBehalfRole === 'village_admin' ? '村两委帮忙申报' : VILLAGER_HISTORY[action];
}

/** The villager's own objection: where it stands, in words (not the committees' 待调查 / 待会签). */
export const VILLAGER_OBJECTION_STATUS: Record<ObjectionStatus, string> = {
  open: '已收到，村里正在核实',
  proposed: '已有处理意见，等评议和监督小组签字',
  upheld: '异议成立，已更正',
  dismissed: '异议不成立',
};

export const VILLAGER_OBJECTION_ACTION: Record<ObjectionAction, string> = {
  file: '提出异议',
  propose: '提出处理意见',
  countersign: '签字同意这个处理意见',
  disagree: '签字不同意这个处理意见',
};

const CN_QUARTER = ['一', '二', '三', '四'];

/** '2026-Q3' → '2026年第三季度'. */
export function quarterWords(quarter: string): string {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  return m ? `${m[1]}年第${CN_QUARTER[Number(m[2]) - 1]}季度` : quarter;
}

/** '2026-11' → '2026年11月'. */
export function monthWords(month: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  return m ? `${m[1]}年${Number(m[2])}月` : month;
}

/** Replaces quarter and month codes inside a sentence and drops catalogue item codes (PV-02). */
export function plainText(text: string): string {
  return text
    .replace(/\b(\d{4})-Q([1-4])\b/g, (q) => quarterWords(q))
    .replace(/\b(\d{4})-(\d{2})\b(?!-)/g, (m) => monthWords(m))
    .replace(/\s*[（(]?\b[A-Z]{2}-\d{2}\b[）)]?/g, '')
    .trim();
}

/** What each kind of ledger line means for the household. */
export const VILLAGER_ENTRY_KIND: Record<EntryKind, string> = {
  application: '好人好事评议通过',
  base_score: '人居环境评分',
  objection: '公示异议后更正',
  publicity: '公示结束，可以兑换了',
  redemption: '在积分超市兑换',
  refund: '超市退货，积分退回',
  adjustment: '村委调整',
  reversal: '撤回记错的积分',
  veto: '一票否决',
  year_end: '年底清零',
};

/** The balance after a line, in words: which of the household's two figures it changed. */
export function balanceAfterWords(bucket: Bucket, after: { pending: number; redeemable: number }): string {
  return bucket === 'pending' ? `等公示的积分还有 ${after.pending} 分` : `能兑换的积分还有 ${after.redeemable} 分`;
}

/** One ledger line as a villager reads it: a title and what kind of change it is. */
export function villagerEntry(e: { kind: EntryKind; label: string; bucket: Bucket; balanceAfter: { pending: number; redeemable: number } }): {
  title: string;
  kind: string;
  after: string;
} {
  return { title: plainText(e.label), kind: VILLAGER_ENTRY_KIND[e.kind], after: balanceAfterWords(e.bucket, e.balanceAfter) };
}

/** 读给我听 on the points page: the figures and the last few lines, as one would say them. */
export function pointsReadout(
  b: { redeemable: number; pending: number; spent: number },
  recent: { kind: EntryKind; label: string; delta: number }[],
): string {
  const parts = [`您家现在可以兑换的积分 ${b.redeemable} 分。`, `等公示的积分 ${b.pending} 分，公示结束、镇里复核后就能兑换。`, `已经兑换了 ${b.spent} 分。`];
  if (recent.length) {
    parts.push('最近的记录：');
    for (const e of recent) parts.push(`${plainText(e.label)}，${e.delta >= 0 ? '加' : '减'} ${Math.abs(e.delta)} 分。`);
  }
  return parts.join('');
}

/**
 * The notices of the product's events, sent right after the event in its action (the cheap
 * ones — 申报, 初审, 兑换 — are written inside the event's own transaction: backend/points, backend/shop). Each
 * is keyed (kind, subject, day), so a retried action sends nothing twice, and none can fail
 * the event: notify() logs and carries on.
 */
import { RANKING_ANSWER_OUTCOME_LABELS, type RankingAnswerOutcome } from '@domain/ranking/types';
import { STATUS_LABELS, type Application } from '@domain/points/application';
import { applicationScope } from '@domain/notices/recipients';
import type { AuditMonth } from '@domain/audit/types';
import type { Objection, Publicity } from '@domain/publicity/types';
import { OBJECTION_STATUS_LABELS } from '@domain/publicity/types';
import type { Veto } from '@domain/veto/types';
import type { Receipt } from '@domain/shop/types';
import type { GridEvent } from '@domain/grid/records';
import { EVENT_CATEGORY_LABELS } from '@domain/grid/records';
import type { JoinRequest } from '@domain/onboarding/types';
import type { Household, Person } from '@domain/org/types';
import type { NoticeDraft } from '@domain/notices/types';
import type { Deps } from '../runtime/deps';
import { orgRepo } from '../repos/org';
import { notify } from './notify';

type D = Pick<Deps, 'db' | 'now' | 'push'>;

/** 评议: the decision on an application took effect (the household). */
export async function onAuditSigned(deps: D, actor: Person, app: Application): Promise<void> {
  if (app.status !== 'approved' && app.status !== 'rejected' && app.status !== 'fraud') return;
  const points = app.status === 'rejected' ? undefined : (app.audit?.points ?? undefined);
  await notify(
    deps,
    { kind: 'audit_decided', subjectId: app._id, facts: { villageId: app.villageId, what: app.itemName, outcome: STATUS_LABELS[app.status], points } },
    { villageId: app.villageId, ...applicationScope(app), actorId: actor._id },
  );
}

/** 评议结束入账 (the village admin). */
export async function onMonthClosed(deps: D, actor: Person, m: AuditMonth): Promise<void> {
  if (m.status !== 'closed') return;
  const village = await orgRepo.village(deps.db, m.villageId);
  await notify(
    deps,
    { kind: 'audit_month_closed', subjectId: m._id, facts: { villageId: m.villageId, villageName: village?.name, month: m.month, count: m.postedHouseholds } },
    { villageId: m.villageId, actorId: actor._id },
  );
}

/** 公示 opened (every household of the village); closed = sent to the town (its admins); the town's decision (the village admin; redeemable: every household). */
export async function onPublicityChanged(deps: D, actor: Person, p: Publicity): Promise<void> {
  const facts = { villageId: p.villageId, villageName: p.villageName, quarter: p.quarter, by: p.endDate, reason: p.returnReason ?? undefined };
  const scope = { townId: p.townId, villageId: p.villageId, actorId: actor._id };
  if (p.status === 'open') await notify(deps, { kind: 'publicity_opened', subjectId: `${p._id}@${p.startDate}`, facts }, scope);
  else if (p.status === 'closed') await notify(deps, { kind: 'quarter_sent', subjectId: p._id, facts }, scope);
  else if (p.status === 'returned') await notify(deps, { kind: 'quarter_returned', subjectId: p._id, facts }, scope);
  else if (p.status === 'approved') {
    await notify(deps, { kind: 'quarter_approved', subjectId: p._id, facts }, scope);
    await notify(deps, { kind: 'points_redeemable', subjectId: p._id, facts }, scope);
  }
}

/**
 * 年度评比 published for its 公示期 (every household of the village), with the window's end;
 * once per 公示 whatever retries publish it (again after an upheld objection's redraft).
 */
export async function onRankingPublished(
  deps: D,
  actor: Person,
  r: { _id: string; townId: string; villageId: string; villageName: string; year: string; status: string; startDate?: string | null; endDate?: string | null },
): Promise<void> {
  if (r.status !== 'publicity' || !r.startDate || !r.endDate) return;
  const facts = { villageId: r.villageId, villageName: r.villageName, year: r.year, by: r.endDate };
  await notify(deps, { kind: 'ranking_published', subjectId: `${r._id}@${r.startDate}`, facts }, { townId: r.townId, villageId: r.villageId, actorId: actor._id });
}

/** A villager objected to the 年度评比 (the village's reviewers); once per objection. */
export async function onRankingObjectionFiled(deps: D, actor: Person, r: { villageId: string; villageName: string; year: string }, o: { id: string }): Promise<void> {
  await notify(deps, { kind: 'ranking_objection_filed', subjectId: o.id, facts: { villageId: r.villageId, villageName: r.villageName, year: r.year } }, { villageId: r.villageId, actorId: actor._id });
}

/**
 * An answer to an objection to the 年度评比: proposed (the other reviewers, one of whom confirms
 * it; each proposal once), or decided by two members (the objector).
 */
export async function onRankingObjectionAnswered(
  deps: D,
  actor: Person,
  r: { villageId: string; villageName: string; year: string },
  o: { id: string; objectorId: string; status: string; answer: { reason: string } | null; proposal?: { outcome: RankingAnswerOutcome; by: { at: number } } | null },
  outcome: string,
): Promise<void> {
  if (o.status === 'proposed' && o.proposal) {
    const facts = { villageId: r.villageId, villageName: r.villageName, year: r.year, outcome: RANKING_ANSWER_OUTCOME_LABELS[o.proposal.outcome] };
    await notify(deps, { kind: 'ranking_objection_proposed', subjectId: `${o.id}@${o.proposal.by.at}`, facts }, { villageId: r.villageId, actorId: actor._id });
    return;
  }
  if (o.status !== 'upheld' && o.status !== 'dismissed') return;
  await notify(deps, { kind: 'ranking_objection_answered', subjectId: o.id, facts: { villageId: r.villageId, year: r.year, outcome, reason: o.answer?.reason } }, { villageId: r.villageId, named: [o.objectorId], actorId: actor._id });
}

/** 异议 filed (reviewers and supervisors of the village). */
export async function onObjectionFiled(deps: D, actor: Person, o: Objection): Promise<void> {
  await notify(deps, { kind: 'objection_filed', subjectId: o._id, facts: { villageId: o.villageId, quarter: o.quarter } }, { villageId: o.villageId, actorId: actor._id });
}

/** 异议 decided (the objector). */
export async function onObjectionDecided(deps: D, actor: Person, o: Objection): Promise<void> {
  if (o.status !== 'upheld' && o.status !== 'dismissed') return;
  await notify(
    deps,
    { kind: 'objection_decided', subjectId: o._id, facts: { villageId: o.villageId, quarter: o.quarter, outcome: OBJECTION_STATUS_LABELS[o.status], reason: o.decision?.reason } },
    { villageId: o.villageId, named: [o.objectorId], actorId: actor._id },
  );
}

/** 一票否决 recorded, waiting for a countersign (the village's supervisors). */
export async function onVetoRecorded(deps: D, actor: Person, v: Veto): Promise<void> {
  if (v.status !== 'recorded') return;
  await notify(deps, { kind: 'veto_waiting', subjectId: v._id, facts: { villageId: v.villageId, what: v.item } }, { villageId: v.villageId, actorId: actor._id });
}

/**
 * 兑换: the household's receipt. Written inside the redemption's own transaction, with the
 * receipt (backend/shop/redeem.ts): a redemption is one round trip of reads and one of writes.
 */
export function redeemedNotice(r: Pick<Receipt, '_id' | 'villageId' | 'lines' | 'total'>): NoticeDraft {
  const what = r.lines.length === 1 ? r.lines[0].name : `${r.lines[0]?.name ?? '商品'}等 ${r.lines.length} 种商品`;
  return { kind: 'redemption_receipt', subjectId: r._id, facts: { villageId: r.villageId, what, points: r.total } };
}

/** 派单 (the handler) and 办结 (the reporter, for 回访). */
export async function onEventStep(deps: D, actor: Person, e: GridEvent): Promise<void> {
  const facts = { villageId: e.villageId, what: EVENT_CATEGORY_LABELS[e.category], deadlineAt: e.deadlineAt };
  if (e.status === 'dispatched' && e.handlerId) {
    await notify(deps, { kind: 'event_dispatched', subjectId: `${e._id}@${e.deadlineAt}`, facts }, { villageId: e.villageId, gridId: e.gridId, named: [e.handlerId], actorId: actor._id });
  } else if (e.status === 'closed') {
    await notify(deps, { kind: 'event_closed', subjectId: `${e._id}@${e.closedAt ?? 0}`, facts }, { villageId: e.villageId, gridId: e.gridId, named: [e.reporterId], actorId: actor._id });
  }
}

/** 申请加入 (the household's head and its grid's workers). */
export async function onJoinRequested(deps: D, request: JoinRequest, household: Household): Promise<void> {
  if (request.status !== 'pending') return;
  await notify(
    deps,
    { kind: 'join_request', subjectId: request._id, facts: { villageId: household.villageId, name: request.name } },
    { villageId: household.villageId, gridId: household.gridId, householdId: household._id, headPersonId: household.headPersonId },
  );
}

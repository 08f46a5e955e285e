import {
  baseScoresInput,
  closeInput,
  freezeInput,
  monthInput,
  monthsInput,
  recordBaseScoreInput,
  signInput,
  unfreezeInput,
  type BaseScoreRow,
  type MonthSummary,
} from '@domain/api/audit';
import { DomainError } from '@domain/shared/errors';
import { hasRole } from '@domain/org/roles';
import { maskName, type Household } from '@domain/org/types';
import { baseScoreId, type BaseScoreRecord } from '@domain/audit/baseScore';
import { addMonths } from '@domain/audit/month';
import { cstDate, monthOf } from '@domain/shared/time';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { scopesOf } from '@backend/runtime/scope';
import { orgRepo } from '@backend/repos/org';
import { auditRepo } from '@backend/repos/audit';
import { baseScoresRepo } from '@backend/repos/baseScores';
import type { HouseholdDoc } from '@backend/shop/eligibility';
import { isLeader, isReviewer, isSupervisor, readableVillage, villagePolicy } from '@backend/audit/access';
import { freezeApplication, signApplication, unfreezeApplication } from '@backend/audit/sign';
import { closeMonth } from '@backend/audit/close';
import { recordBaseScore } from '@backend/audit/baseScore';
import { summaryOf, toItemView, withLedgerFigures } from '@backend/audit/view';

/** How long one `close` call posts before answering (the month then stays 结账中; calling again continues). */
const CLOSE_BUDGET_MS = 8_000;

function baseScoreRow(h: HouseholdDoc, record: BaseScoreRecord | null): BaseScoreRow {
  return { householdId: h._id, doorNo: h.doorNo, headName: maskName(h.headName), record, baseScoreOk: h.baseScoreOk ?? null };
}

export const audit: FunctionDef<'audit'> = {
  /** A village month: header, history and a page of its applications with photos, history and signatures. */
  month: action(monthInput, async (input, ctx) => {
    const person = await me(ctx);
    const { db, files } = ctx.deps;
    const village = await readableVillage(db, person, input.villageId);
    const policy = await villagePolicy(db, village._id);
    const [m, counts] = await Promise.all([auditRepo.month(db, village._id, input.month), auditRepo.undecided(db, village._id, input.month)]);
    const limit = input.limit ?? 50;
    const apps = await auditRepo.page(db, village._id, input.month, input.afterId ?? null, limit);
    // Applications from before the audit existed (no auditMonth) belong to their deed's month: first page only.
    const legacy = input.afterId ? [] : await auditRepo.page(db, village._id, input.month, null, 100, true);
    const summary = summaryOf(await withLedgerFigures(db, m), { villageId: village._id, villageName: village.name, townId: village.townId, month: input.month }, counts, policy, ctx.deps.now());
    const leader = isLeader(person, village._id);
    return {
      summary,
      quorum: policy.auditQuorum,
      history: m?.history ?? [],
      items: await Promise.all([...apps, ...legacy].map((a) => toItemView(a, files, person))),
      nextAfterId: apps.length === limit ? apps[apps.length - 1]._id : null,
      role: { reviewer: isReviewer(person, village._id), leader, supervisor: isSupervisor(person, village._id) },
      canClose: leader && summary.status !== 'closed' && summary.undecided === 0 && input.month < monthOf(cstDate(ctx.deps.now())),
    };
  }),

  /** A reviewer of the application's village signs: approve, reject, adjust (points) or fraud, with a reason. */
  sign: action(signInput, async ({ applicationId, ...decision }, ctx) => {
    const person = await me(ctx);
    return toItemView(await signApplication(ctx.deps, person, applicationId, decision), ctx.deps.files, person);
  }),

  /** A supervisor of the village freezes an undecided application. */
  freeze: action(freezeInput, async (input, ctx) => {
    const person = await me(ctx);
    return toItemView(await freezeApplication(ctx.deps, person, input.applicationId, input.reason), ctx.deps.files, person);
  }),

  /** Any supervisor of the village lifts a freeze. */
  unfreeze: action(unfreezeInput, async (input, ctx) => {
    const person = await me(ctx);
    return toItemView(await unfreezeApplication(ctx.deps, person, input.applicationId, input.reason), ctx.deps.files, person);
  }),

  /** The committee leader closes a month that is over and fully decided. */
  close: action(closeInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = scopesOf(person, ['reviewer']).find((v) => isLeader(person, v));
    if (!villageId) throw new DomainError('FORBIDDEN', '只有评议小组组长可以结账');
    const { db } = ctx.deps;
    // A big village may take longer than one call may run: the month stays 结账中 and the page calls again.
    const m = await closeMonth(ctx.deps, person, villageId, input.month, { budgetMs: CLOSE_BUDGET_MS });
    const village = await orgRepo.village(db, villageId);
    const policy = await villagePolicy(db, villageId);
    return {
      summary: summaryOf(await withLedgerFigures(db, m), { villageId, villageName: village?.name ?? '', townId: m.townId, month: m.month }, { undecided: 0, frozen: 0 }, policy, ctx.deps.now()),
    };
  }),

  /** Months at a glance, late ones flagged: the caller's village, or every village of the town for the town admin. */
  months: action(monthsInput, async (input, ctx) => {
    const person = await me(ctx);
    const { db } = ctx.deps;
    const townIds = scopesOf(person, ['town_admin']);
    let months;
    if (townIds.length > 0 && !input.villageId) {
      months = await auditRepo.monthsOfTown(db, townIds[0], addMonths(monthOf(cstDate(ctx.deps.now())), -12));
    } else {
      const village = await readableVillage(db, person, input.villageId);
      months = await auditRepo.monthsOfVillage(db, village._id);
    }
    const villages = new Map<string, { name: string; policy: Awaited<ReturnType<typeof villagePolicy>> }>();
    const items: MonthSummary[] = [];
    for (const m of months) {
      if (!villages.has(m.villageId)) {
        villages.set(m.villageId, { name: (await orgRepo.village(db, m.villageId))?.name ?? '', policy: await villagePolicy(db, m.villageId) });
      }
      const v = villages.get(m.villageId)!;
      const counts = m.status === 'closed' ? { undecided: 0, frozen: 0 } : await auditRepo.undecided(db, m.villageId, m.month);
      items.push(summaryOf(await withLedgerFigures(db, m), { villageId: m.villageId, villageName: v.name, townId: m.townId, month: m.month }, counts, v.policy, ctx.deps.now()));
    }
    return { items };
  }),

  /** A reviewer of the household's village records one inspection's score; the shop gate follows. */
  recordBaseScore: action(recordBaseScoreInput, async (input, ctx) => {
    const person = await me(ctx);
    if (scopesOf(person, ['reviewer']).length === 0) throw new DomainError('FORBIDDEN', '只有评议小组成员可以登记基础评分');
    const household = await orgRepo.household(ctx.deps.db, input.householdId);
    if (!household || !isReviewer(person, household.villageId)) throw new DomainError('NOT_FOUND', '找不到该户，或您无权评分');
    const r = await recordBaseScore(ctx.deps, person, household, input);
    return baseScoreRow(r.household, r.record);
  }),

  /** One grid's households with their quarter's base score (committee, supervisors, village admin). */
  baseScores: action(baseScoresInput, async (input, ctx) => {
    const person = await me(ctx);
    const { db } = ctx.deps;
    const grid = await orgRepo.grid(db, input.gridId);
    if (scopesOf(person, ['reviewer', 'supervisor', 'village_admin']).length === 0) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组和村两委可以查看基础评分');
    if (!grid || !['reviewer', 'supervisor', 'village_admin'].some((r) => hasRole(person.roles, r as 'reviewer', grid.villageId))) {
      throw new DomainError('NOT_FOUND', '找不到该网格，或您无权查看');
    }
    // In door order as posted (一组2号 before 一组10号).
    const doorNumber = (h: Household) => Number(/(\d+)号?$/.exec(h.doorNo)?.[1] ?? 0);
    const households = ((await orgRepo.householdsOfGrid(db, grid._id)) as (Household & HouseholdDoc)[]).sort((a, b) => doorNumber(a) - doorNumber(b));
    const records = await baseScoresRepo.byIds(db, households.map((h) => baseScoreId(h._id, input.quarter)));
    const byHousehold = new Map(records.map((r) => [r.householdId, r]));
    return { quarter: input.quarter, items: households.map((h) => baseScoreRow(h, byHousehold.get(h._id) ?? null)) };
  }),
};

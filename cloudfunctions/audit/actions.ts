import { SCENES } from '@domain/moderation';
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
import { maskName, type Household } from '@domain/org/types';
import { baseScoreId, type BaseScoreRecord } from '@domain/audit/baseScore';
import { addMonths } from '@domain/audit/month';
import { allow } from '@domain/access/decision';
import {
  auditGates,
  auditRoleIn,
  auditTownOf,
  leadVillageOf,
  mayCloseMonth,
  mayFreeze,
  mayReadAudit,
  mayReadBaseScores,
  mayScoreHousehold,
  maySign,
} from '@domain/audit/policy';
import type { Application } from '@domain/points/application';
import { cstDate, monthOf } from '@domain/shared/time';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { auditRepo } from '@backend/repos/audit';
import { applicationsRepo } from '@backend/repos/applications';
import { baseScoresRepo } from '@backend/repos/baseScores';
import type { HouseholdDoc } from '@backend/shop/eligibility';
import { auditVillage, villagePolicy } from '@backend/audit/access';
import { freezeApplication, signApplication, unfreezeApplication, vetoIdOfApplication } from '@backend/audit/sign';
import { closeMonth } from '@backend/audit/close';
import { recordBaseScore } from '@backend/audit/baseScore';
import { summaryOf, toItemView, withLedgerFigures } from '@backend/audit/view';
import { onAuditSigned, onMonthClosed, onVetoRecorded } from '@backend/notices/triggers';
import { vetoesRepo } from '@backend/repos/vetoes';

/** How long one `close` call posts before answering (the month then stays 结账中; calling again continues). */
const CLOSE_BUDGET_MS = 8_000;

function baseScoreRow(h: HouseholdDoc, record: BaseScoreRecord | null): BaseScoreRow {
  return { householdId: h._id, doorNo: h.doorNo, headName: maskName(h.headName), record, baseScoreOk: h.baseScoreOk ?? null };
}

/** The application to sign or freeze; unknown ones get the answer the policy gives other villages'. */
async function loadApplication(db: Database, applicationId: string): Promise<Application> {
  const app = await applicationsRepo.get(db, applicationId);
  if (!app) throw new DomainError('NOT_FOUND', '找不到该申报，或您无权操作');
  return app;
}

export const audit: FunctionDef<'audit'> = {
  /** A village month: header, history and a page of its applications with photos, history and signatures. */
  month: action({
    gate: auditGates.read,
    schema: monthInput,
    load: (input, { deps, actor }) => auditVillage(deps.db, actor, input.villageId),
    authorize: (village, actor) => mayReadAudit(actor, village),
    run: async (input, { deps, actor, loaded: village }) => {
      const { db } = deps;
      const policy = await villagePolicy(db, village._id);
      const [m, counts] = await Promise.all([auditRepo.month(db, village._id, input.month), auditRepo.undecided(db, village._id, input.month)]);
      const limit = input.limit ?? 50;
      const apps = await auditRepo.page(db, village._id, input.month, input.afterId ?? null, limit);
      // Applications from before the audit existed (no auditMonth) belong to their deed's month: first page only.
      const legacy = input.afterId ? [] : await auditRepo.page(db, village._id, input.month, null, 100, true);
      const summary = summaryOf(await withLedgerFigures(db, m), { villageId: village._id, villageName: village.name, townId: village.townId, month: input.month }, counts, policy, deps.now());
      const role = auditRoleIn(actor, village._id);
      return {
        summary,
        quorum: policy.auditQuorum,
        history: m?.history ?? [],
        items: await Promise.all([...apps, ...legacy].map((a) => toItemView(a, deps, actor))),
        nextAfterId: apps.length === limit ? apps[apps.length - 1]._id : null,
        role,
        canClose: role.leader && summary.status !== 'closed' && summary.undecided === 0 && input.month < monthOf(cstDate(deps.now())),
      };
    },
  }),

  /** A reviewer of the application's village signs: approve, reject, adjust (points) or fraud, with a reason. */
  sign: action({
    gate: auditGates.sign,
    schema: signInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, { deps }) => loadApplication(deps.db, input.applicationId),
    authorize: (app, actor) => maySign(actor, app),
    run: async ({ applicationId, ...decision }, { deps, actor, loaded: app }) => {
      void applicationId;
      const signed = await signApplication(deps, actor, app, decision);
      await onAuditSigned(deps, actor, signed);
      // A negative-list item just approved opened a veto: the supervisors are asked to countersign.
      if (signed.negativeList && signed.status === 'approved' && app.status !== 'approved') {
        const v = await vetoesRepo.get(deps.db, vetoIdOfApplication(signed._id));
        if (v) await onVetoRecorded(deps, actor, v);
      }
      return toItemView(signed, deps, actor);
    },
  }),

  /** A supervisor of the village freezes an undecided application. */
  freeze: action({
    gate: auditGates.freeze,
    schema: freezeInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, { deps }) => loadApplication(deps.db, input.applicationId),
    authorize: (app, actor) => mayFreeze(actor, app),
    run: async (input, { deps, actor, loaded: app }) => toItemView(await freezeApplication(deps, actor, app, input.reason), deps, actor),
  }),

  /** Any supervisor of the village lifts a freeze. */
  unfreeze: action({
    gate: auditGates.unfreeze,
    schema: unfreezeInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, { deps }) => loadApplication(deps.db, input.applicationId),
    authorize: (app, actor) => mayFreeze(actor, app),
    run: async (input, { deps, actor, loaded: app }) => toItemView(await unfreezeApplication(deps, actor, app, input.reason), deps, actor),
  }),

  /** The committee lead closes a month of their village that is over and fully decided. */
  close: action({
    gate: auditGates.close,
    schema: closeInput,
    load: async (_input, { actor }) => leadVillageOf(actor),
    authorize: (villageId, actor) => mayCloseMonth(actor, villageId),
    run: async (input, { deps, actor, loaded }) => {
      const villageId = loaded as string; // mayCloseMonth refused null
      const { db } = deps;
      // A big village may take longer than one call may run: the month stays 结账中 and the page calls again.
      const m = await closeMonth(deps, actor, villageId, input.month, { budgetMs: CLOSE_BUDGET_MS });
      await onMonthClosed(deps, actor, m);
      const village = await orgRepo.village(db, villageId);
      const policy = await villagePolicy(db, villageId);
      return {
        summary: summaryOf(await withLedgerFigures(db, m), { villageId, villageName: village?.name ?? '', townId: m.townId, month: m.month }, { undecided: 0, frozen: 0 }, policy, deps.now()),
      };
    },
  }),

  /** Months at a glance, late ones flagged: the caller's village, or every village of the town for the town admin. */
  months: action({
    gate: auditGates.read,
    schema: monthsInput,
    // The town admin without a village named sees their whole town; anyone else one village.
    load: async (input, { deps, actor }) => {
      const townId = input.villageId ? null : auditTownOf(actor);
      return townId ? { kind: 'town' as const, townId } : { kind: 'village' as const, village: await auditVillage(deps.db, actor, input.villageId) };
    },
    // A town admin's own town is theirs by definition.
    authorize: (scope, actor) => (scope.kind === 'village' ? mayReadAudit(actor, scope.village) : allow),
    run: async (_input, { deps, loaded: scope }) => {
      const { db } = deps;
      const months =
        scope.kind === 'village'
          ? await auditRepo.monthsOfVillage(db, scope.village._id)
          : await auditRepo.monthsOfTown(db, scope.townId, addMonths(monthOf(cstDate(deps.now())), -12));
      const villages = new Map<string, { name: string; policy: Awaited<ReturnType<typeof villagePolicy>> }>();
      const items: MonthSummary[] = [];
      for (const m of months) {
        if (!villages.has(m.villageId)) {
          villages.set(m.villageId, { name: (await orgRepo.village(db, m.villageId))?.name ?? '', policy: await villagePolicy(db, m.villageId) });
        }
        const v = villages.get(m.villageId)!;
        const counts = m.status === 'closed' ? { undecided: 0, frozen: 0 } : await auditRepo.undecided(db, m.villageId, m.month);
        items.push(summaryOf(await withLedgerFigures(db, m), { villageId: m.villageId, villageName: v.name, townId: m.townId, month: m.month }, counts, v.policy, deps.now()));
      }
      return { items };
    },
  }),

  /** A reviewer of the household's village records one inspection's score (not their own household); the shop gate follows. */
  recordBaseScore: action({
    gate: auditGates.recordBaseScore,
    schema: recordBaseScoreInput,
    content: { scene: SCENES.decision, texts: (i) => [i.note] },
    load: async (input, { deps }) => {
      const household = await orgRepo.household(deps.db, input.householdId);
      if (!household) throw new DomainError('NOT_FOUND', '找不到该户，或您无权评分');
      return household;
    },
    authorize: (household, actor) => mayScoreHousehold(actor, household),
    run: async (input, { deps, actor, loaded: household }) => {
      const r = await recordBaseScore(deps, actor, household, input);
      return baseScoreRow(r.household, r.record);
    },
  }),

  /** One grid's households with their quarter's base score (committee, supervisors, village admin). */
  baseScores: action({
    gate: auditGates.readBaseScores,
    schema: baseScoresInput,
    load: async (input, { deps }) => {
      const grid = await orgRepo.grid(deps.db, input.gridId);
      if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格，或您无权查看');
      return grid;
    },
    authorize: (grid, actor) => mayReadBaseScores(actor, grid),
    run: async (input, { deps, loaded: grid }) => {
      const { db } = deps;
      const gridId = grid._id;
      // In door order as posted (一组2号 before 一组10号).
      const doorNumber = (h: Household) => Number(/(\d+)号?$/.exec(h.doorNo)?.[1] ?? 0);
      const households = ((await orgRepo.householdsOfGrid(db, gridId)) as (Household & HouseholdDoc)[]).sort((a, b) => doorNumber(a) - doorNumber(b));
      const records = await baseScoresRepo.byIds(db, households.map((h) => baseScoreId(h._id, input.quarter)));
      const byHousehold = new Map(records.map((r) => [r.householdId, r]));
      return { quarter: input.quarter, items: households.map((h) => baseScoreRow(h, byHousehold.get(h._id) ?? null)) };
    },
  }),
};

import { photoViews } from '@backend/moderation/photos';
import { SCENES } from '@domain/moderation';
import { dueInput, exportInput, ledgerInput, mineInput, recordInput, visitInput, type PatrolView, type VisitView } from '@domain/api/patrol';
import { DomainError } from '@domain/shared/errors';
import { allow } from '@domain/access/decision';
import { mayReadPatrolLedger, mayWorkGrid, patrolGates, workedGrids } from '@domain/grid/policy';
import type { Household } from '@domain/org/types';
import type { Patrol, Visit } from '@domain/grid/records';
import { householdsDue, patrolDue, windowStart } from '@domain/grid/patrol';
import { cstDate, monthOf } from '@domain/shared/time';
import { action, type ActionContext, type FunctionDef } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { patrolsRepo } from '@backend/repos/patrols';
import { recordPatrol, recordVisit } from '@backend/patrol/record';
import { ledgerBook, ledgerScope, loadLedgerTarget, toRows } from '@backend/patrol/ledger';
import { villagePolicy } from '@backend/events/policy';
import type { Database } from '@backend/db/types';
import { csvAction, exportSpec } from '@backend/sheets/exportSpec';

const LEDGER_PAGE = 50;

async function patrolView(ctx: ActionContext, x: Patrol, gridName: string): Promise<PatrolView> {
  const photos = await photoViews(ctx.deps, x.photos, ctx.actor?._id ?? null);
  return { ...x, photos, gridName };
}

async function householdsById(db: Database, ids: string[]): Promise<Map<string, Household>> {
  const out = new Map<string, Household>();
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += 100) {
    const { data } = await db.collection<Household>(C.households).where({ _id: db.command.in(unique.slice(i, i + 100)) }).limit(100).get();
    for (const h of data) out.set(h._id, h);
  }
  return out;
}

function visitView(v: Visit, hh: Map<string, Household>): VisitView {
  const h = hh.get(v.householdId);
  return { ...v, doorNo: h?.doorNo ?? '', headName: h?.headName ?? '' };
}

/** 定点巡查台账 of a month: CSV here, .xlsx in the sheets function. */
export const patrolExport = exportSpec({
  gate: patrolGates.ledger,
  schema: exportInput,
  load: (input, { deps, actor }) => loadLedgerTarget(deps.db, actor, input),
  authorize: (target, actor) => mayReadPatrolLedger(actor, target),
  book: async (input, { deps, loaded }) => {
    const { scope, label } = await ledgerScope(deps.db, loaded);
    return ledgerBook(deps.db, scope, label, input.month);
  },
});

export const patrol: FunctionDef<'patrol'> = {
  /** 定点巡查: place, time, findings, photos — on the grid named (one of mine) or my first. */
  record: action({
    gate: patrolGates.record,
    schema: recordInput,
    content: { scene: SCENES.patrol, texts: (i) => [i.place, i.findings], photos: (i) => i.photos },
    load: async (input, { actor }) => input.gridId ?? workedGrids(actor)[0],
    authorize: (gridId, actor) => mayWorkGrid(actor, gridId),
    run: async (input, ctx) => {
      const x = await recordPatrol(ctx.deps, ctx.actor, ctx.loaded, input);
      const g = await orgRepo.grid(ctx.deps.db, x.gridId);
      return patrolView(ctx, x, g?.name ?? '');
    },
  }),

  /** 入户走访 of a household of my grid. */
  visit: action({
    gate: patrolGates.visit,
    schema: visitInput,
    content: { scene: SCENES.patrol, texts: (i) => [i.note] },
    load: async (input, { deps }) => {
      const household = await orgRepo.household(deps.db, input.householdId);
      if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
      return household;
    },
    authorize: (household, actor) => mayWorkGrid(actor, household.gridId),
    run: async (input, ctx) => {
      const v = await recordVisit(ctx.deps, ctx.actor, ctx.loaded, input);
      return visitView(v, await householdsById(ctx.deps.db, [v.householdId]));
    },
  }),

  /** What is due: today's patrol of each of my grids (or the one named), and households not visited within the policy's days. */
  due: action({
    gate: patrolGates.due,
    schema: dueInput,
    authorize: (_none, actor, input) => (input.gridId ? mayWorkGrid(actor, input.gridId) : allow),
    run: async (input, { deps, actor }) => {
      const { db } = deps;
      const ids = input.gridId ? [input.gridId] : workedGrids(actor);
      const today = cstDate(deps.now());
      const grids = await orgRepo.grids(db, ids);
      if (grids.length === 0) throw new DomainError('NOT_FOUND', '找不到该网格');
      const policy = await villagePolicy(db, grids[0].villageId);
      const out = await Promise.all(
        grids.map(async (g) => {
          const [last, households, visits] = await Promise.all([
            patrolsRepo.lastPatrol(db, g._id, actor._id),
            orgRepo.householdsOfGrid(db, g._id),
            patrolsRepo.visitsOfGridSince(db, g._id, windowStart(today, policy.visitEveryDays)),
          ]);
          const lastVisit = new Map<string, string>();
          for (const v of visits) if (!lastVisit.has(v.householdId) || (lastVisit.get(v.householdId) as string) < v.date) lastVisit.set(v.householdId, v.date);
          return {
            gridId: g._id,
            gridName: g.name,
            lastPatrolDate: last?.date ?? null,
            patrolDue: patrolDue(last?.date ?? null, today, policy),
            householdCount: households.length,
            // 门牌号 in natural order (2号 before 10号), as a worker walks the grid.
            householdsDue: householdsDue([...households].sort((x, y) => x.doorNo.localeCompare(y.doorNo, 'zh', { numeric: true })), lastVisit, today, policy).map(({ household: h, lastVisit: lv }) => ({ id: h._id, doorNo: h.doorNo, headName: h.headName, lastVisit: lv })),
          };
        }),
      );
      return { today, patrolEveryDays: policy.patrolEveryDays, visitEveryDays: policy.visitEveryDays, grids: out };
    },
  }),

  /** My patrols and visits of a month (default this month). */
  mine: action({
    gate: patrolGates.mine,
    schema: mineInput,
    run: async (input, ctx) => {
      const { db } = ctx.deps;
      const p = ctx.actor;
      const month = input.month ?? monthOf(cstDate(ctx.deps.now()));
      const [patrols, visits] = await Promise.all([patrolsRepo.patrolsOfWorker(db, p._id, month), patrolsRepo.visitsOfWorker(db, p._id, month)]);
      const grids = await orgRepo.grids(db, [...new Set(patrols.map((x) => x.gridId))]);
      const names = new Map(grids.map((g) => [g._id, g.name]));
      const hh = await householdsById(db, visits.map((v) => v.householdId));
      return {
        month,
        patrols: await Promise.all(patrols.map((x) => patrolView(ctx, x, names.get(x.gridId) ?? ''))),
        visits: visits.map((v) => visitView(v, hh)),
      };
    },
  }),

  /** 定点巡查台账: the village admin's village, the town admin's town, a month, newest first, paged. */
  ledger: action({
    gate: patrolGates.ledger,
    schema: ledgerInput,
    load: (input, { deps, actor }) => loadLedgerTarget(deps.db, actor, input),
    authorize: (target, actor) => mayReadPatrolLedger(actor, target),
    run: async (input, { deps, loaded }) => {
      const { db } = deps;
      const { scope } = await ledgerScope(db, loaded);
      const page = input.page ?? 0;
      const [rows, total] = await Promise.all([
        patrolsRepo.ledgerPage(db, scope, input.month, page * LEDGER_PAGE, LEDGER_PAGE),
        patrolsRepo.ledgerCount(db, scope, input.month),
      ]);
      return { month: input.month, items: await toRows(db, rows), page, hasMore: (page + 1) * LEDGER_PAGE < total, total };
    },
  }),

  /** The same month as a CSV file (saved by the client with saveExport); .xlsx from the sheets function. */
  export: csvAction(patrolExport),
};

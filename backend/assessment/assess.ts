import { DomainError } from '@domain/shared/errors';
import { cstDate, monthOf } from '@domain/shared/time';
import type { Grid, Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import { weightsWithDefaults, type AssessmentWeights } from '@domain/grid/assessmentWeights';
import { scoreGridMonth, type Month, type WorkerScore } from '@domain/grid/assessmentScore';
import {
  addManualItem,
  assessmentId,
  correct,
  linesOf,
  newAssessment,
  publish,
  removeManualItem,
  type Actor,
  type Assessment,
  type ManualCategory,
} from '@domain/grid/assessment';
import { rowsOf, type AssessmentRow } from '@domain/grid/assessmentLedger';
import type { AssessmentView } from '@domain/api/assessment';
import { mayCorrectLine } from '@domain/grid/assessmentPolicy';
import type { Deps } from '../runtime/deps';
import { enforce } from '../runtime/handler';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { assessmentRepo } from '../repos/assessment';
import { stableId } from '../shared/ids';
import { workersOfGrid } from './workers';

/** No assessing the future; publication once the month is over (China time). */
function checkMonth(month: Month, now: number): { monthEnded: boolean } {
  const current = monthOf(cstDate(now));
  if (month > current) throw new DomainError('BAD_INPUT', '不能评定尚未到来的月份');
  return { monthEnded: month < current };
}

interface Computed {
  scores: WorkerScore[];
  weights: AssessmentWeights;
  householdCount: number;
  villageName: string;
}

/** The month's figures for every worker of the grid, from the records, as of now. */
export async function computeScores(deps: Pick<Deps, 'db' | 'now'>, grid: Grid, month: Month, alsoIds: readonly string[] = []): Promise<Computed> {
  const db = deps.db;
  const [village, records] = await Promise.all([orgRepo.village(db, grid.villageId), assessmentRepo.gridMonthRecords(db, grid._id, month)]);
  const policy = policyWithDefaults(village?.policy);
  const weights = weightsWithDefaults(village?.policy?.assessmentWeights);
  const { people, householdCount } = await workersOfGrid(db, grid, records, alsoIds);
  const scores = scoreGridMonth({
    month,
    asOf: deps.now(),
    householdCount,
    workers: people.map((p) => ({ id: p._id, name: p.name })),
    patrols: records.patrols,
    visits: records.visits,
    events: records.events,
    weights,
    visitEveryDays: policy.visitEveryDays,
  });
  return { scores, weights, householdCount, villageName: village?.name ?? '' };
}

function view(grid: Grid, month: Month, doc: Assessment | null, c: Computed, canEdit: boolean, monthEnded: boolean): AssessmentView {
  const manualItems = doc?.manualItems ?? [];
  const corrections = doc?.corrections ?? [];
  const lines = doc?.status === 'published' && doc.lines ? doc.lines : linesOf(c.scores, manualItems, []);
  return {
    gridId: grid._id,
    gridName: grid.name,
    villageName: doc?.villageName ?? c.villageName,
    month,
    status: doc?.status ?? 'none',
    lines: lines.map((l) => ({
      ...l,
      manualItems: manualItems.filter((i) => i.workerId === l.workerId),
      corrections: corrections.filter((x) => x.workerId === l.workerId),
    })),
    weights: doc?.weights ?? c.weights,
    householdCount: c.householdCount,
    history: doc?.history ?? [],
    publishedAt: doc?.publishedAt ?? null,
    canEdit,
    monthEnded,
  };
}

/** The leader's page: live figures for a draft, frozen ones once published. */
export async function assessmentView(deps: Pick<Deps, 'db' | 'now'>, grid: Grid, month: Month, canEdit: boolean): Promise<AssessmentView> {
  const { monthEnded } = checkMonth(month, deps.now());
  const doc = await assessmentRepo.get(deps.db, assessmentId(grid._id, month));
  const published = doc?.status === 'published';
  const c = published
    ? { scores: [], weights: doc.weights ?? weightsWithDefaults(undefined), householdCount: (await orgRepo.householdsOfGrid(deps.db, grid._id)).length, villageName: doc.villageName }
    : await computeScores(deps, grid, month, doc?.manualItems.map((i) => i.workerId));
  return view(grid, month, doc, c, canEdit, monthEnded);
}

/** The published assessment for readers (workers of the grid, village, town): nothing of a draft. */
export async function publishedView(deps: Pick<Deps, 'db' | 'now'>, grid: Grid, month: Month): Promise<AssessmentView> {
  checkMonth(month, deps.now());
  const doc = await assessmentRepo.get(deps.db, assessmentId(grid._id, month));
  if (doc?.status !== 'published') throw new DomainError('NOT_FOUND', '该网格本月的积分评定尚未发布');
  return assessmentView(deps, grid, month, false);
}

const actorOf = (p: Person): Actor => ({ id: p._id, name: p.name });

/** Read-modify-write of the grid-month document in one transaction (created as a draft if absent). */
async function change(
  deps: Pick<Deps, 'db' | 'now'>,
  grid: Grid,
  month: Month,
  actor: Person,
  fn: (a: Assessment, now: number) => Assessment,
  opts: { create: boolean; rows?: boolean } = { create: false },
): Promise<void> {
  const now = deps.now();
  const village = await orgRepo.village(deps.db, grid.villageId);
  await deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<Assessment>(C.gridAssessments).doc(assessmentId(grid._id, month));
    const { data: existing } = await ref.get();
    if (!existing && !opts.create) throw new DomainError('NOT_FOUND', '该网格本月还没有评定记录');
    const before =
      existing ?? newAssessment({ townId: grid.townId, villageId: grid.villageId, gridId: grid._id, gridName: grid.name, villageName: village?.name ?? '' }, month, actorOf(actor), now);
    const after = fn(before, now);
    if (after === existing) return; // a retry found its own work
    const { _id, ...doc } = after;
    void _id;
    await ref.set(doc);
    // The ledger rows follow the published document in the same transaction.
    if (opts.rows) {
      for (const row of rowsOf(after)) {
        const { _id: rowId, ...rest } = row;
        await tx.collection<AssessmentRow>(C.assessmentRows).doc(rowId).set(rest);
      }
    }
  });
}

export async function addItem(
  deps: Pick<Deps, 'db' | 'now'>,
  grid: Grid,
  leader: Person,
  input: { requestId: string; month: Month; workerId: string; category: ManualCategory; points: number; reason: string },
): Promise<void> {
  checkMonth(input.month, deps.now());
  const worker = await orgRepo.person(deps.db, input.workerId);
  const c = await computeScores(deps, grid, input.month, worker ? [worker._id] : []);
  if (!worker || !c.scores.some((s) => s.workerId === worker._id)) throw new DomainError('NOT_FOUND', '该人员不是本网格的网格员');
  const id = stableId('asmitem', leader._id, input.requestId);
  await change(
    deps,
    grid,
    input.month,
    leader,
    (a, now) =>
      addManualItem(a, { id, workerId: worker._id, workerName: worker.name, category: input.category, points: input.points, reason: input.reason }, actorOf(leader), now),
    { create: true },
  );
}

export async function removeItem(deps: Pick<Deps, 'db' | 'now'>, grid: Grid, leader: Person, month: Month, itemId: string): Promise<void> {
  checkMonth(month, deps.now());
  await change(deps, grid, month, leader, (a, now) => removeManualItem(a, itemId, actorOf(leader), now));
}

export async function publishAssessment(deps: Pick<Deps, 'db' | 'now'>, grid: Grid, leader: Person, month: Month): Promise<void> {
  const { monthEnded } = checkMonth(month, deps.now());
  if (!monthEnded) throw new DomainError('MONTH_NOT_ENDED');
  const existing = await assessmentRepo.get(deps.db, assessmentId(grid._id, month));
  if (existing?.status === 'published') throw new DomainError('ASSESSMENT_PUBLISHED');
  const c = await computeScores(deps, grid, month, existing?.manualItems.map((i) => i.workerId));
  await change(deps, grid, month, leader, (a, now) => publish(a, c.scores, c.weights, actorOf(leader), now), { create: true, rows: true });
}

export async function correctAssessment(
  deps: Pick<Deps, 'db' | 'now'>,
  grid: Grid,
  actor: Person,
  input: { requestId: string; month: Month; workerId: string; points: number; reason: string },
): Promise<void> {
  checkMonth(input.month, deps.now());
  const id = stableId('asmfix', actor._id, input.requestId);
  await change(
    deps,
    grid,
    input.month,
    actor,
    (a, now) => {
      // Only the transaction's copy of the lines says whether this is the corrector's own line.
      enforce(mayCorrectLine(actor, a, input.workerId));
      return correct(a, { id, workerId: input.workerId, points: input.points, reason: input.reason }, actorOf(actor), now);
    },
    { create: false, rows: true },
  );
}

import { policyWithDefaults } from '@domain/org/policy';
import type { Household } from '@domain/org/types';
import type { Balance } from '@domain/ledger/types';
import { yearEndDraft, yearEndRunId, type YearEndHistoryEntry, type YearEndRun } from '@domain/jobs/yearEnd';
import { batchSize, type Query, type Transaction } from '../db/types';
import { C } from '../repos/collections';
import { jobsRepo } from '../repos/jobs';
import type { VillageDoc } from '../repos/org';
import { postToLedger } from '../ledger/post';
import type { Deps } from '../runtime/deps';

type JobDeps = Pick<Deps, 'db' | 'now'>;

/** Who runs it: an admin, or the system (the timer). */
export interface JobActor {
  id: string;
  name: string;
}
export const SYSTEM_ACTOR: JobActor = { id: 'system', name: '系统定时任务' };

export interface YearEndOptions {
  /** Households per transaction (100–200 keeps each transaction short). */
  batchSize?: number;
  /** Households per query (CloudBase returns at most 1000). */
  pageSize?: number;
}

function note(actor: JobActor, at: number, action: YearEndHistoryEntry['action'], text: string | null): YearEndHistoryEntry {
  return { at, action, actorId: actor.id, actorName: actor.name, note: text };
}

async function putRun(tx: Transaction, run: YearEndRun): Promise<void> {
  const { _id, ...doc } = run;
  await tx.collection<YearEndRun>(C.jobRuns).doc(_id).set(doc);
}

/** Creates the run (mode from today's policy) or marks a resume; a finished run is returned as is. */
async function startRun(deps: JobDeps, village: VillageDoc, year: number, actor: JobActor): Promise<YearEndRun> {
  const id = yearEndRunId(year, village._id);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { data: run } = await tx.collection<YearEndRun>(C.jobRuns).doc(id).get();
    if (run?.status === 'done') return run;
    const next: YearEndRun = run
      ? { ...run, history: [...run.history, note(actor, now, 'resume', run.cursor ? `从 ${run.cursor} 之后继续` : null)] }
      : {
          _id: id,
          job: 'year_end',
          year,
          townId: village.townId,
          villageId: village._id,
          villageName: village.name,
          mode: policyWithDefaults(village.policy).yearEnd,
          status: 'running',
          cursor: null,
          householdsSeen: 0,
          householdsCleared: 0,
          pointsCleared: 0,
          startedAt: now,
          finishedAt: null,
          history: [note(actor, now, 'start', null)],
        };
    await putRun(tx, next);
    return next;
  });
}

/**
 * One batch in one transaction: zero each household's redeemable points (entry id
 * `ye-${year}-${householdId}-r`, so a re-run finds it and posts nothing) and move the run's
 * cursor past the batch. Households at or before the cursor were done by an earlier attempt.
 */
async function clearBatch(deps: JobDeps, runId: string, batch: Household[], actor: JobActor): Promise<YearEndRun> {
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { data: run } = await tx.collection<YearEndRun>(C.jobRuns).doc(runId).get();
    if (!run) throw new Error(`year-end run ${runId} vanished`);
    const todo = batch.filter((h) => run.cursor === null || h._id > run.cursor);
    if (todo.length === 0 || run.status === 'done') return run;
    let cleared = 0;
    let points = 0;
    for (const h of todo) {
      const { data: balance } = await tx.collection<Balance>(C.balances).doc(h._id).get();
      const draft = yearEndDraft(balance, h._id, run.year, actor, now);
      if (!draft) continue;
      const posted = await postToLedger(tx, draft, h, { balance });
      if (posted.created) {
        cleared += 1;
        points += -draft.delta;
      }
    }
    const next: YearEndRun = {
      ...run,
      cursor: todo[todo.length - 1]._id,
      householdsSeen: run.householdsSeen + todo.length,
      householdsCleared: run.householdsCleared + cleared,
      pointsCleared: run.pointsCleared + points,
    };
    await putRun(tx, next);
    return next;
  });
}

async function finishRun(deps: JobDeps, runId: string, actor: JobActor): Promise<YearEndRun> {
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { data: run } = await tx.collection<YearEndRun>(C.jobRuns).doc(runId).get();
    if (!run) throw new Error(`year-end run ${runId} vanished`);
    if (run.status === 'done') return run;
    const text = run.mode === 'clear' ? `清零 ${run.householdsCleared} 户，共 ${run.pointsCleared} 分` : '滚动结存：积分不清零';
    const next: YearEndRun = { ...run, status: 'done', finishedAt: now, history: [...run.history, note(actor, now, 'finish', text)] };
    await putRun(tx, next);
    return next;
  });
}

/**
 * The year-end job for one village. `rollover` writes nothing to the ledger, only the run;
 * `clear` pages through the village's households (≤ pageSize per query) in id order and clears
 * them in batches (one transaction each). Safe to run again at any point, also concurrently:
 * the run's cursor skips finished batches and the entry ids make a repeated posting a no-op.
 * Year validity (`assertYearJustEnded`) is the caller's check.
 */
export async function runYearEnd(deps: JobDeps, village: VillageDoc, year: number, actor: JobActor, opts: YearEndOptions = {}): Promise<YearEndRun> {
  // Per household: balance, entry, totals shard read; entry, balance, shard written. Per batch: the run.
  const size = opts.batchSize ?? batchSize(deps.db, 6, 2, 100);
  const pageSize = Math.min(opts.pageSize ?? 1000, 1000);
  let run = await startRun(deps, village, year, actor);
  if (run.status === 'done') return run;
  if (run.mode === 'clear') {
    let after = run.cursor;
    for (;;) {
      const page = await jobsRepo.householdPage(deps.db, village._id, after, pageSize);
      for (let i = 0; i < page.length; i += size) run = await clearBatch(deps, run._id, page.slice(i, i + size), actor);
      if (page.length < pageSize) break;
      after = page[page.length - 1]._id;
    }
  }
  return finishRun(deps, run._id, actor);
}

/** Every village in turn (one village's failure stops the job; a re-run resumes it). */
export async function runYearEndAll(deps: JobDeps, villages: VillageDoc[], year: number, actor: JobActor, opts: YearEndOptions = {}): Promise<YearEndRun[]> {
  const runs: YearEndRun[] = [];
  for (const v of villages) runs.push(await runYearEnd(deps, v, year, actor, opts));
  return runs;
}

/** All villages (the timer's scope), paged by id. */
export async function allVillages(deps: JobDeps): Promise<VillageDoc[]> {
  const out: VillageDoc[] = [];
  let after: string | null = null;
  for (;;) {
    const where: Query = after === null ? {} : { _id: deps.db.command.gt(after) };
    const { data } = await deps.db.collection<VillageDoc>(C.villages).where(where).orderBy('_id', 'asc').limit(1000).get();
    out.push(...data);
    if (data.length < 1000) return out;
    after = data[data.length - 1]._id;
  }
}

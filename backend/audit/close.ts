import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { abortClose, finishClose, netByHousehold, newAuditMonth, startClose } from '@domain/audit/month';
import { auditEntryId, auditMonthId, type AuditMonth } from '@domain/audit/types';
import type { Balance, EntryDraft, LedgerEntry } from '@domain/ledger/types';
import { cstDate } from '@domain/shared/time';
import { batchSize, limitsOf, mapLimit, type Database } from '../db/types';
import { C } from '../repos/collections';
import { auditRepo } from '../repos/audit';
import { bumpTotals, postToLedger, type TotalsDelta } from '../ledger/post';
import type { Deps } from '../runtime/deps';
import { villagePolicy } from './access';

/**
 * Households per transaction on PostgreSQL: each costs 4 operations (balance and entry read,
 * both written), a batch 4 more (the month and the totals shard, each read and written).
 * CloudBase allows fewer (backend/db/types.ts `batchSize`): 24 households per transaction.
 */
export const CLOSE_BATCH = 200;
const OPS_PER_HOUSEHOLD = 4;
const OPS_PER_BATCH = 4;

/** Thrown inside a batch's transaction when the call's time is up: the batch is rolled back. */
class OutOfTime extends Error {}

function monthLabel(month: string): string {
  return `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月评议入账`;
}

/** Back to open, unless posting has begun (then the close must finish). */
async function abort(db: Database, id: string, actor: Person, now: number): Promise<void> {
  await db.runTransaction(async (tx) => {
    const ref = tx.collection<AuditMonth>(C.auditMonths).doc(id);
    const { data: m } = await ref.get();
    if (!m || m.status !== 'closing' || m.closeCursor !== null) return;
    const { _id, ...doc } = abortClose(m, actor, now);
    void _id;
    await ref.set(doc);
  });
}

export interface CloseOptions {
  /** Households per transaction (default CLOSE_BATCH). */
  batch?: number;
  /**
   * Stop after this many ms (a cloud function has a time limit): no new batch starts, and a
   * batch still running then is rolled back (checked inside it too); the month stays `closing`
   * with its cursor, and the next call continues. At least one batch per call.
   */
  budgetMs?: number;
  /** The clock the budget is judged on (default Date.now; a test's may count requests). */
  clock?: () => number;
}

/**
 * The leader closes a village month [000 一月一审核]: every decided application's points go to
 * the ledger as pending publicity — ONE entry per household with a non-zero net
 * (`aud-${villageId}-${month}-${householdId}`, kind 'application', bucket 'pending', period the
 * month, sourceId the audit month id). Nothing is written on the 50,000 applications: "入账"
 * follows from the month's status.
 *
 * Idempotent and resumable: the month goes `open → closing → closed`; households are posted in
 * id order in batches, and each batch's transaction also moves the month's `closeCursor` and
 * adds the batch to its `postedHouseholds` / `postedPoints`, so a rerun after a crash (or a
 * second leader pressing at once) continues after the last committed batch and never posts
 * twice — which is why the batches may skip the per-entry "already posted?" read. A closed
 * month answers with its summary and writes nothing.
 *
 * Each batch reads only its own households' applications (after the cursor, in household
 * order): a call's work is its batches', never the whole month's, so a call within its budget
 * stays within it at 10,000 households.
 */
export async function closeMonth(deps: Deps, actor: Person, villageId: string, month: string, opts: CloseOptions = {}): Promise<AuditMonth> {
  const clock = opts.clock ?? Date.now;
  const started = clock();
  const { db } = deps;
  const policy = await villagePolicy(db, villageId);
  const village = await db.collection(C.villages).doc(villageId).get();
  const townId = (village.data[0] as { townId?: string } | undefined)?.townId;
  if (!townId) throw new DomainError('NOT_FOUND', '找不到该村');
  const id = auditMonthId(villageId, month);

  const stored = await auditRepo.month(db, villageId, month);
  if (stored?.status === 'closed') return stored;
  const resuming = stored?.status === 'closing';
  const counts = resuming ? { undecided: 0, frozen: 0 } : await auditRepo.undecided(db, villageId, month);
  await db.runTransaction(async (tx) => {
    const ref = tx.collection<AuditMonth>(C.auditMonths).doc(id);
    const { data } = await ref.get();
    if (data?.status === 'closed') return;
    const next = startClose(data ?? newAuditMonth(townId, villageId, month, deps.now(), actor), actor, cstDate(deps.now()), counts.undecided, counts.frozen, deps.now());
    const { _id, ...doc } = next;
    void _id;
    await ref.set(doc);
  });
  // A first review that committed between the count and `closing` put one more in: back to open
  // (possible only until the first batch posted; a call resuming after one need not look).
  if (!resuming || stored.closeCursor === null) {
    const after = await auditRepo.undecided(db, villageId, month);
    if (after.undecided > 0) {
      await abort(db, id, actor, deps.now());
      throw new DomainError('UNDECIDED', `还有 ${after.undecided} 件申报未形成评议结果，不能结账`);
    }
  }

  const size = opts.batch ?? batchSize(db, OPS_PER_HOUSEHOLD, OPS_PER_BATCH, CLOSE_BATCH);
  const posted = await postBatches(deps, actor, { villageId, townId, month }, size, clock, opts.budgetMs === undefined ? null : started + opts.budgetMs);
  if (posted !== true) {
    const m = posted ?? (await auditRepo.month(db, villageId, month));
    if (!m) throw new DomainError('NOT_FOUND', '找不到该月评议');
    if (m.status !== 'closed') return m;
  }

  return db.runTransaction(async (tx) => {
    const ref = tx.collection<AuditMonth>(C.auditMonths).doc(id);
    const { data } = await ref.get();
    if (!data) throw new DomainError('NOT_FOUND', '找不到该月评议');
    if (data.status === 'closed') return data;
    const done = finishClose(data, actor, cstDate(deps.now()), policy.auditCloseByDay, { households: data.postedHouseholds, points: data.postedPoints }, deps.now());
    const { _id, ...doc } = done;
    void _id;
    await ref.set(doc);
    return done;
  });
}

/**
 * Posts the month's households after its cursor, batch by batch (each batch reads its own
 * households' applications, then moves the cursor in its transaction). True when none is left;
 * otherwise it stopped for `deadline` (on `clock`): no batch starts that would not end by it,
 * judged by twice the longest batch so far, and one running past it is rolled back. Then the month as
 * its last batch left it (null if none committed).
 */
async function postBatches(
  deps: Deps,
  actor: Person,
  plan: { villageId: string; townId: string; month: string },
  size: number,
  clock: () => number,
  deadline: number | null,
): Promise<true | AuditMonth | null> {
  const { db } = deps;
  const id = auditMonthId(plan.villageId, plan.month);
  const meta = { townId: plan.townId, villageId: plan.villageId };
  const { maxParallel } = limitsOf(db);
  let cursor = (await auditRepo.month(db, plan.villageId, plan.month))?.closeCursor ?? null;
  let longest = 0;
  let seen: AuditMonth | null = null;
  for (let n = 0; ; n++) {
    const batchStarted = clock();
    // Twice the longest batch so far: a margin for a slower one (a busy database or instance).
    if (n > 0 && deadline !== null && batchStarted + 2 * longest >= deadline) return seen;
    const late = (): boolean => n > 0 && deadline !== null && clock() >= deadline;
    const from = cursor;
    const { rows, more } = await auditRepo.decidedOfNextHouseholds(db, plan.villageId, plan.month, from, size);
    if (rows.length === 0) return true;
    const visited = [...new Set(rows.map((r) => r.householdId))].sort();
    const last = visited[visited.length - 1];
    const nets = netByHousehold(rows);
    const batch = visited.filter((h) => nets.has(h)).map((h) => [h, nets.get(h) ?? 0] as const);
    if (late()) return seen;
    const now = deps.now();
    let moved: { stop: boolean; cursor: string | null; month?: AuditMonth };
    try {
      moved = await db.runTransaction(async (tx) => {
        const ref = tx.collection<AuditMonth>(C.auditMonths).doc(id);
        const { data: m } = await ref.get();
        if (!m || m.status !== 'closing') return { stop: true, cursor: null };
        // Someone else (a rerun, a second leader) got here first: continue after their batch.
        if (m.closeCursor !== from) return { stop: false, cursor: m.closeCursor, month: m };
        const totals: TotalsDelta = {};
        // Read the batch's balances and (absent) entries, at most the engine's parallel requests
        // at once; the entries and balances are then written together when the transaction ends.
        const balances = tx.collection<Balance>(C.balances);
        const entries = tx.collection<LedgerEntry>(C.ledgerEntries);
        const reads = await mapLimit([...batch.map(([h]) => () => balances.doc(h).get()), ...batch.map(([h]) => () => entries.doc(auditEntryId(plan.villageId, plan.month, h)).get())] as (() => Promise<{ data: unknown }>)[], maxParallel, (read) => read());
        const current = reads.slice(0, batch.length) as { data: Balance | null }[];
        const prior = reads.slice(batch.length);
        if (late()) throw new OutOfTime();
        // The households' postings are independent: at most the engine's parallel requests at once.
        await mapLimit(batch, maxParallel, async ([householdId, delta], i) => {
          // Posted already (the cursor says otherwise only if someone posted by hand): keep it.
          if (prior[i].data) return;
          const draft: EntryDraft = {
            _id: auditEntryId(plan.villageId, plan.month, householdId),
            householdId,
            kind: 'application',
            bucket: 'pending',
            delta,
            sourceId: id,
            label: monthLabel(plan.month),
            actorId: actor._id,
            actorName: actor.name,
            reason: null,
            reverses: null,
            reversedKind: null,
            at: now,
            period: plan.month,
          };
          await postToLedger(tx, draft, meta, { knownNew: true, balance: current[i].data, collectTotals: totals });
        });
        if (late()) throw new OutOfTime();
        await bumpTotals(tx, meta, totals, now, 'close');
        const next: AuditMonth = {
          ...m,
          closeCursor: last,
          postedHouseholds: m.postedHouseholds + batch.length,
          postedPoints: m.postedPoints + batch.reduce((s, [, d]) => s + d, 0),
          updatedAt: now,
        };
        const { _id, ...doc } = next;
        void _id;
        await ref.set(doc);
        return { stop: false, cursor: last, month: next };
      });
    } catch (e) {
      if (e instanceof OutOfTime) return seen;
      throw e;
    }
    if (moved.stop || (!more && moved.cursor === last)) return true;
    cursor = moved.cursor;
    seen = moved.month ?? seen;
    longest = Math.max(longest, clock() - batchStarted);
  }
}

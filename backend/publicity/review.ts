import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import type { EntryDraft } from '@domain/ledger/types';
import type { LineChunk, Publicity } from '@domain/publicity/types';
import { LINES_PER_CHUNK } from '@domain/publicity/lines';
import { publicityMoveIds } from '@domain/publicity/ids';
import { redeemableMove } from '@domain/publicity/move';
import { publicityWindow } from '@domain/publicity/quarter';
import { assertCanClose, assertCanReopen, assertCanTownDecide, historyEntry, type Actor } from '@domain/publicity/workflow';
import { batchSize, limitsOf, mapLimit, type Database } from '../db/types';
import { readBatch } from '../ledger/batchReads';
import { bumpTotals, postToLedger, type TotalsDelta } from '../ledger/post';
import { C } from '../repos/collections';
import type { VillageDoc } from '../repos/org';
import { publicityRepo } from '../repos/publicity';
import type { Deps } from '../runtime/deps';
import { computeRedBlack } from './redBlack';
import { BUDGET_MS } from './open';
import { callBudget } from './budget';

type ReviewDeps = Pick<Deps, 'db' | 'now'>;

function actorOf(person: Person, now: number): Actor {
  return { id: person._id, name: person.name, at: now };
}

/** Reads the publicity in a transaction, lets `change` decide, writes what it returns. */
async function transition(db: Database, id: string, change: (p: Publicity) => Publicity | null): Promise<Publicity> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<Publicity>(C.publicities).doc(id);
    const { data: cur } = await ref.get();
    if (!cur || cur.status === 'opening') throw new DomainError('NOT_FOUND', '该季度还未公示');
    const next = change(cur);
    if (!next) return cur;
    const { _id, ...doc } = next;
    void _id;
    await ref.set(doc);
    return next;
  });
}

/**
 * The village ends the publicity (window over, every objection decided) and submits it to the
 * town; the 红黑榜 is recomputed (vetoes that took effect during the window). A retry of a
 * close that went through answers with the closed publicity.
 */
export async function closePublicity(deps: ReviewDeps, actor: Person, id: string): Promise<Publicity> {
  const now = deps.now();
  const p = await publicityRepo.get(deps.db, id);
  if (!p || p.status === 'opening') throw new DomainError('NOT_FOUND', '该季度还未公示');
  if (p.status === 'closed') return p; // a retry of a close that went through
  assertCanClose(p, cstDate(now));
  const redBlack = await computeRedBlack(deps.db, { ...p, status: 'closed' }, now);
  return transition(deps.db, id, (cur) => {
    assertCanClose(cur, cstDate(now));
    return { ...cur, status: 'closed', redBlack, history: [...cur.history, historyEntry(actorOf(actor, now), 'close')], updatedAt: now };
  });
}

/** After the town sent it back, the village publishes again with a new window (objections reopen). */
export async function reopenPublicity(deps: ReviewDeps, actor: Person, village: VillageDoc, id: string): Promise<Publicity> {
  const now = deps.now();
  const days = policyWithDefaults(village.policy).publicityDays;
  return transition(deps.db, id, (cur) => {
    assertCanReopen(cur);
    const window = publicityWindow(cstDate(now), days);
    return {
      ...cur,
      status: 'open',
      ...window,
      history: [...cur.history, historyEntry(actorOf(actor, now), 'reopen', `公示期 ${window.startDate} 至 ${window.endDate}`)],
      updatedAt: now,
    };
  });
}

/** The town sends the quarter back with a reason: it returns to the village (reopen or resubmit). */
export async function townReturn(deps: ReviewDeps, actor: Person, id: string, reason: string): Promise<Publicity> {
  const now = deps.now();
  if (reason.trim().length < 2) throw new DomainError('REASON_REQUIRED', '退回时请填写原因');
  return transition(deps.db, id, (cur) => {
    if (cur.status === 'approving') throw new DomainError('INVALID_TRANSITION', '该季度已复核通过，正在入账');
    assertCanTownDecide(cur);
    return {
      ...cur,
      status: 'returned',
      returnReason: reason.trim(),
      history: [...cur.history, historyEntry(actorOf(actor, now), 'town_return', reason.trim())],
      updatedAt: now,
    };
  });
}

function moveDrafts(p: Publicity, householdId: string, amount: number, who: Actor): [EntryDraft, EntryDraft] {
  const ids = publicityMoveIds(p.villageId, p.quarter, householdId);
  const base = {
    householdId,
    kind: 'publicity' as const,
    sourceId: p._id,
    actorId: who.id,
    actorName: who.name,
    reason: null,
    reverses: null,
    reversedKind: null,
    at: who.at,
    period: p.quarter,
  };
  return [
    { ...base, _id: ids.pending, bucket: 'pending', delta: -amount, label: `${p.quarter} 公示通过，转出待公示` },
    { ...base, _id: ids.redeemable, bucket: 'redeemable', delta: amount, label: `${p.quarter} 公示通过，转为可兑换` },
  ];
}

/**
 * 镇复核 approves: each household's quarter (its line's total: month points + base score +
 * corrections, all pending) moves to redeemable, one chunk of lines per transaction with the
 * cursor; a negative quarter moves only what redeemable can absorb. Called again after a crash
 * it resumes at the cursor; entry ids come from village, quarter and household. A call stops after
 * BUDGET_MS and answers `approving` with its progress: call again to go on.
 */
export async function townApprove(deps: ReviewDeps, actor: Person, id: string, opts: { budgetMs?: number } = {}): Promise<Publicity> {
  const { db } = deps;
  const now = deps.now();
  const budget = callBudget(deps.now, now, opts.budgetMs ?? BUDGET_MS);
  const who = actorOf(actor, now);
  let p = await transition(db, id, (cur) => {
    assertCanTownDecide(cur);
    if (cur.status === 'approving') return null; // resume
    return {
      ...cur,
      status: 'approving',
      cursor: { phase: 'approve', next: 0 },
      returnReason: null,
      history: [...cur.history, historyEntry(who, 'town_approve')],
      updatedAt: now,
    };
  });
  const meta = { townId: p.townId, villageId: p.villageId };
  // Lines per transaction: each costs up to 6 operations (balance and entry read; two entries
  // and the balance twice written), a batch 4 more (the publicity, the totals shard).
  // PostgreSQL moves a whole chunk at once; CloudBase (≤ 100 operations) part of one.
  const per = batchSize(db, 6, 4, LINES_PER_CHUNK);
  const { maxParallel } = limitsOf(db);
  let chunk: LineChunk | null = null;
  for (let n = p.cursor?.next ?? 0, at = p.cursor?.at ?? 0; n < p.chunkCount; ) {
    if (!budget.room()) return (await publicityRepo.get(db, id)) as Publicity; // call again to go on
    const [chunkNo, from] = [n, at];
    const end = await budget.step(async () => {
      if (chunk === null || chunk.chunk !== chunkNo) chunk = await publicityRepo.chunk(db, id, chunkNo);
      if (!chunk) throw new DomainError('INTERNAL', '公示名单不完整');
      const part = chunk.lines.slice(from, from + per);
      const last = from + part.length >= chunk.lines.length;
      await db.runTransaction(async (tx) => {
        const ref = tx.collection<Publicity>(C.publicities).doc(id);
        const { data: cur } = await ref.get();
        if (!cur || cur.status !== 'approving' || cur.cursor?.next !== chunkNo || (cur.cursor.at ?? 0) !== from) return;
        const totals: TotalsDelta = {};
        const lines = part.filter((l) => l.total !== 0);
        const ids = lines.map((l) => publicityMoveIds(cur.villageId, cur.quarter, l.householdId));
        const { balances, posted } = await readBatch(tx, lines.map((l) => l.householdId), ids.map((x) => x.pending), maxParallel);
        // Independent households: at most the engine's parallel requests at once.
        await mapLimit(lines, maxParallel, async (line, i) => {
          if (posted[i]) return; // moved already (never, while the cursor holds): keep it
          const balance = balances[i];
          const amount = redeemableMove(line.total, balance?.redeemable ?? 0, balance?.pending ?? 0);
          if (amount === 0) return;
          const [out, into] = moveDrafts(cur, line.householdId, amount, who);
          const first = await postToLedger(tx, out, meta, { knownNew: true, balance, collectTotals: totals });
          await postToLedger(tx, into, meta, { knownNew: true, balance: first.balance, collectTotals: totals });
        });
        if (Object.keys(totals).length > 0) await bumpTotals(tx, meta, totals, now, 'publicity');
        const { _id, ...doc } = cur;
        void _id;
        await ref.set({ ...doc, cursor: last ? { phase: 'approve', next: chunkNo + 1 } : { phase: 'approve', next: chunkNo, at: from + part.length }, updatedAt: now });
      });
      return { last, next: from + part.length };
    });
    [n, at] = end.last ? [n + 1, 0] : [n, end.next];
  }
  p = (await publicityRepo.get(db, id)) as Publicity;
  if (p.status !== 'approving' || !budget.roomToFinish()) return p;
  const redBlack = await computeRedBlack(db, { ...p, status: 'approved' }, now);
  return transition(db, id, (cur) => {
    if (cur.status !== 'approving') return null;
    return {
      ...cur,
      status: 'approved',
      cursor: null,
      redBlack,
      history: [...cur.history, historyEntry(who, 'approved', `${cur.householdCount} 户积分转为可兑换`)],
      updatedAt: now,
    };
  });
}


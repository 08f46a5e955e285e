import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import type { EntryDraft } from '@domain/ledger/types';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { baseScoreEntryId, chunkIdOf, publicityIdOf } from '@domain/publicity/ids';
import { buildLine, buildUnitLine, chunked, isHouseholdLine, lineKey, LINES_PER_CHUNK, unitLineKey } from '@domain/publicity/lines';
import { UNIT_KIND_LABELS } from '@domain/units/types';
import { monthsOfQuarter } from '@domain/publicity/quarter';
import { assertQuarterOver, historyEntry, newPublicity, type Actor } from '@domain/publicity/workflow';
import type { LineChunk, Publicity, PublicityLine } from '@domain/publicity/types';
import { batchSize, limitsOf, mapLimit, type Database } from '../db/types';
import { readBatch } from '../ledger/batchReads';
import { bumpTotals, postToLedger, type TotalsDelta } from '../ledger/post';
import { C } from '../repos/collections';
import { orgRepo, type VillageDoc } from '../repos/org';
import { publicityRepo } from '../repos/publicity';
import { baseScoresRepo } from '../repos/baseScores';
import { unitsRepo } from '../repos/units';
import type { Deps } from '../runtime/deps';
import { computeRedBlack } from './redBlack';
import { callBudget } from './budget';

type OpenDeps = Pick<Deps, 'db' | 'now'>;

/** How long one open (or approve) call keeps posting batches before it answers with its progress. */
export const BUDGET_MS = 8000;

/**
 * 一季一公示 needs the quarter's three months audited: each month's audit record closed (the
 * audit posts a month's results to the ledger when it closes). A month never opened for
 * audit counts as not closed: the village closes it, even when empty, before publishing.
 */
export async function assertMonthsClosed(db: Database, villageId: string, quarter: string): Promise<void> {
  const months = monthsOfQuarter(quarter);
  const docs = await Promise.all(months.map((m) => db.collection<AuditMonth>(C.auditMonths).doc(auditMonthId(villageId, m)).get()));
  const open = months.filter((_, i) => docs[i].data[0]?.status !== 'closed');
  if (open.length > 0) throw new DomainError('MONTHS_NOT_CLOSED', `${open.join('、')} 的月度评议还未结账，不能发起公示`);
}

/**
 * Every household's line, in list order: the quarter's month sums (pending, by period) and
 * base-score points; then each unit's (单位积分: active ones, and closed ones with points).
 */
export async function quarterLines(db: Database, villageId: string, quarter: string): Promise<{ key: string; line: PublicityLine }[]> {
  const months = monthsOfQuarter(quarter);
  const [households, grids, m0, m1, m2, scores, units] = await Promise.all([
    publicityRepo.householdsOfVillage(db, villageId),
    orgRepo.gridsOfVillage(db, villageId),
    publicityRepo.pendingSumsOfPeriod(db, villageId, months[0]),
    publicityRepo.pendingSumsOfPeriod(db, villageId, months[1]),
    publicityRepo.pendingSumsOfPeriod(db, villageId, months[2]),
    baseScoresRepo.ofVillageQuarter(db, villageId, quarter),
    unitsRepo.ofVillage(db, villageId),
  ]);
  const unitLines = units
    .map((u) => ({ key: unitLineKey(u), line: buildUnitLine({ unit: u, kindLabel: UNIT_KIND_LABELS[u.kind], months: [m0.get(u._id) ?? 0, m1.get(u._id) ?? 0, m2.get(u._id) ?? 0] }), active: u.active }))
    .filter((x) => x.active || x.line.total !== 0)
    .map(({ key, line }) => ({ key, line }));
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const points = new Map(scores.map((s) => [s.householdId, s.points]));
  return households
    .map((h) => ({
      key: lineKey(h),
      line: buildLine({
        household: h,
        gridName: gridName.get(h.gridId) ?? '',
        months: [m0.get(h._id) ?? 0, m1.get(h._id) ?? 0, m2.get(h._id) ?? 0],
        baseScore: points.get(h._id) ?? 0,
      }),
    }))
    .concat(unitLines)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function baseScoreDraft(p: Publicity, line: PublicityLine, actor: Actor): EntryDraft {
  return {
    _id: baseScoreEntryId(p.villageId, p.quarter, line.householdId),
    householdId: line.householdId,
    kind: 'base_score',
    bucket: 'pending',
    delta: line.baseScore,
    sourceId: p._id,
    label: `${p.quarter} 基础评分`,
    actorId: actor.id,
    actorName: actor.name,
    reason: null,
    reverses: null,
    reversedKind: null,
    at: actor.at,
    period: p.quarter,
  };
}

/**
 * Publishes a village's quarter. The publicity document is created first (status opening,
 * cursor 0); then each batch of LINES_PER_CHUNK households, in one transaction: their
 * base-score entries (pending), their chunk of lines, and the cursor. A crash leaves the
 * cursor at the last whole batch, and calling open again resumes there: entry ids are
 * derived from village, quarter and household, and a batch either happened whole or not at all.
 * A call stops after `BUDGET_MS` and answers `opening` with its progress: call again to go on.
 * Authorization (village admin of the village) is the caller's.
 */
export async function openPublicity(
  deps: OpenDeps,
  actor: Person,
  village: VillageDoc,
  quarter: string,
  opts: { budgetMs?: number } = {},
): Promise<Publicity> {
  const { db } = deps;
  const id = publicityIdOf(village._id, quarter);
  const now = deps.now();
  // One call works for at most this long (a cloud function has a timeout); the caller calls again to go on.
  const budget = callBudget(deps.now, now, opts.budgetMs ?? BUDGET_MS);
  const who: Actor = { id: actor._id, name: actor.name, at: now };
  let p = await publicityRepo.get(db, id);
  if (p && p.status !== 'opening') return p; // published before: a retry
  if (!p) {
    assertQuarterOver(quarter, cstDate(now));
    await assertMonthsClosed(db, village._id, quarter);
    const policy = policyWithDefaults(village.policy);
    const fresh = newPublicity(
      { id, townId: village.townId, villageId: village._id, villageName: village.name, quarter, today: cstDate(now), publicityDays: policy.publicityDays },
      who,
    );
    p = await db.runTransaction(async (tx) => {
      const ref = tx.collection<Publicity>(C.publicities).doc(id);
      const { data } = await ref.get();
      if (data) return data;
      const { _id, ...doc } = fresh;
      void _id;
      await ref.set(doc);
      return fresh;
    });
    if (p.status !== 'opening') return p;
  }

  const lines = await quarterLines(db, village._id, quarter);
  const batches = chunked(lines, LINES_PER_CHUNK);
  const chunks: LineChunk[] = batches.map((b, n) => ({
    _id: chunkIdOf(id, n),
    publicityId: id,
    villageId: village._id,
    quarter,
    chunk: n,
    firstKey: b[0].key,
    keys: b.map((x) => x.key),
    lines: b.map((x) => x.line),
  }));
  const meta = { townId: village.townId, villageId: village._id };

  // Lines per transaction: each costs up to 4 operations (balance and entry read, both
  // written), a batch 5 more (the publicity read and written, the chunk, the totals shard).
  // PostgreSQL posts a whole chunk at once; CloudBase (≤ 100 operations) part of one.
  const per = batchSize(db, 4, 5, LINES_PER_CHUNK);
  const { maxParallel } = limitsOf(db);
  for (let next = p.cursor?.next ?? 0; next < lines.length; ) {
    if (!budget.room()) return (await publicityRepo.get(db, id)) as Publicity;
    const from = next;
    const n = Math.floor(from / LINES_PER_CHUNK);
    const chunk = chunks[n];
    const part = chunk.lines.slice(from % LINES_PER_CHUNK, (from % LINES_PER_CHUNK) + per);
    next = from + part.length;
    await budget.step(() =>
      db.runTransaction(async (tx) => {
        const ref = tx.collection<Publicity>(C.publicities).doc(id);
        const { data: cur } = await ref.get();
        // Someone else (a concurrent retry) already did this batch.
        if (!cur || cur.status !== 'opening' || (cur.cursor?.next ?? 0) !== from) return;
        const totals: TotalsDelta = {};
        const drafts = part.filter((l) => l.baseScore !== 0).map((l) => baseScoreDraft(cur, l, who));
        const { balances, posted } = await readBatch(tx, drafts.map((d) => d.householdId), drafts.map((d) => d._id), maxParallel);
        // Independent households: at most the engine's parallel requests at once.
        await mapLimit(drafts, maxParallel, async (draft, i) => {
          if (posted[i]) return; // posted already (never, while the cursor holds): keep it
          await postToLedger(tx, draft, meta, { knownNew: true, balance: balances[i], collectTotals: totals });
        });
        if (Object.keys(totals).length > 0) await bumpTotals(tx, meta, totals, now, 'publicity');
        if (from % LINES_PER_CHUNK === 0) {
          const { _id, ...chunkDoc } = chunk;
          await tx.collection<LineChunk>(C.publicityLines).doc(_id).set(chunkDoc);
        }
        const { _id: pid, ...doc } = cur;
        void pid;
        await ref.set({
          ...doc,
          cursor: { phase: 'open', next: from + part.length },
          householdCount: cur.householdCount + part.filter(isHouseholdLine).length,
          unitCount: (cur.unitCount ?? 0) + part.filter((l) => !isHouseholdLine(l)).length,
          chunkCount: n + 1,
          totalPoints: cur.totalPoints + part.reduce((s, l) => s + l.total, 0),
          updatedAt: now,
        });
      }),
    );
  }

  // Published: the lists go up with it.
  const opened = await publicityRepo.get(db, id);
  if (!opened || opened.status !== 'opening' || !budget.roomToFinish()) return opened as Publicity;
  const redBlack = await computeRedBlack(db, { ...opened, status: 'open' }, now, chunks);
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<Publicity>(C.publicities).doc(id);
    const { data: cur } = await ref.get();
    if (!cur || cur.status !== 'opening') return cur as Publicity;
    const next: Publicity = {
      ...cur,
      status: 'open',
      cursor: null,
      redBlack,
      history: [...cur.history, historyEntry(who, 'published', `${cur.householdCount} 户${cur.unitCount ? `、${cur.unitCount} 个单位` : ''}，合计 ${cur.totalPoints} 分，公示至 ${cur.endDate}`)],
      updatedAt: now,
    };
    const { _id, ...doc } = next;
    void _id;
    await ref.set(doc);
    return next;
  });
}

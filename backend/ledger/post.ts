import { emptyBalance, postEntry } from '@domain/ledger/post';
import type { Balance, EntryDraft, LedgerEntry } from '@domain/ledger/types';
import { emptyTotals, type VillageTotals } from '@domain/fund/types';
import { activityOf, addPeriods, type PeriodTable } from '@domain/dashboard/activity';
import { isUnitId } from '@domain/units/types';
import type { Transaction } from '../db/types';
import { C } from '../repos/collections';

/** Where a household sits: what a balance created on its first entry records. */
export interface HouseholdMeta {
  townId: string;
  villageId: string;
}

/** Changes to a village's running totals; each field is added. */
export type TotalsDelta = Partial<Pick<VillageTotals, 'moneyInFen' | 'moneyOutFen' | 'stockValueFen' | 'outstandingPoints' | 'pendingPoints' | 'spentPoints'>> & {
  /** The dashboard's per-period figures, added key by key. */
  periods?: PeriodTable;
};

const TOTAL_FIELDS = ['moneyInFen', 'moneyOutFen', 'stockValueFen', 'outstandingPoints', 'pendingPoints', 'spentPoints'] as const;

/** Shards per village for the households' postings. */
export const TOTALS_SHARDS = 256;

/**
 * Which shard of its village's totals a posting writes. Households spread over
 * `TOTALS_SHARDS` shards by a hash of their id (on CloudBase the first writer of a document
 * wins and the other transaction is retried: one document written by every posting of a
 * village made concurrent redemptions fail); batch jobs and the fund/stock have their own.
 */
export type TotalsShard = { householdId: string } | 'close' | 'publicity' | 'fund' | 'stock';

export function totalsShardId(villageId: string, shard: TotalsShard): string {
  if (typeof shard === 'string') return `${villageId}~${shard}`;
  // FNV-1a: stable across runs and engines.
  let hash = 0x811c9dc5;
  for (let i = 0; i < shard.householdId.length; i++) {
    hash ^= shard.householdId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${villageId}~h${String(hash % TOTALS_SHARDS).padStart(2, '0')}`;
}

/** Adds `delta` to one shard of the village's totals (created on first use), inside `tx`. */
export async function bumpTotals(
  tx: Transaction,
  meta: HouseholdMeta,
  delta: TotalsDelta,
  now: number,
  shard: TotalsShard,
  /** The shard as this transaction already read it (null = absent); read here when undefined. */
  read?: VillageTotals | null,
): Promise<VillageTotals> {
  const id = totalsShardId(meta.villageId, shard);
  const ref = tx.collection<VillageTotals>(C.villageTotals).doc(id);
  const { data } = read !== undefined ? { data: read } : await ref.get();
  const next: VillageTotals = { ...(data ?? { ...emptyTotals(id, meta.townId, now), villageId: meta.villageId }), updatedAt: now };
  for (const f of TOTAL_FIELDS) next[f] += delta[f] ?? 0;
  if (delta.periods && Object.keys(delta.periods).length > 0) next.periods = addPeriods({ ...(next.periods ?? {}) }, delta.periods);
  const { _id, ...doc } = next;
  void _id;
  await ref.set(doc);
  return next;
}

/** Adds `delta` into `into` field by field (batching totals over many entries). */
export function addTotals(into: TotalsDelta, delta: TotalsDelta): TotalsDelta {
  for (const f of TOTAL_FIELDS) if (delta[f] !== undefined) into[f] = (into[f] ?? 0) + (delta[f] ?? 0);
  if (delta.periods && Object.keys(delta.periods).length > 0) into.periods = addPeriods(into.periods ?? {}, delta.periods);
  return into;
}

export interface PostOptions {
  /** Other totals moving in the same step (e.g. the stock value a redemption hands over). */
  extra?: TotalsDelta;
  /**
   * The household's balance as this same transaction already read it (null = absent), to
   * save reading it twice. Only ever a value read through `tx` in this transaction.
   */
  balance?: Balance | null;
  /** The household's totals shard as this transaction already read it (null = absent). */
  totals?: VillageTotals | null;
  /**
   * The caller guarantees this entry id was never posted (e.g. a batch job whose progress
   * cursor is written in the same transaction): skip the read that makes a retry harmless.
   */
  knownNew?: boolean;
  /**
   * Batch jobs: add the village totals' changes into this object instead of writing them; the
   * caller then calls `bumpTotals` once for the batch, in the same transaction.
   */
  collectTotals?: TotalsDelta;
}

export interface Posted {
  entry: LedgerEntry;
  balance: Balance;
  /** False when the entry already existed: nothing was written. */
  created: boolean;
}

/**
 * The ONLY way points change. Inside the caller's transaction: reads the entry's id (a
 * retry finds the first posting and changes nothing), then the household's balance
 * (created empty if absent), applies the entry by the domain rule (nothing below zero),
 * writes entry and balance, and moves the village's totals by the same amounts (plus
 * `opts.extra`) in the same transaction.
 *
 * Lock order, kept by every use case so that concurrent transactions never deadlock:
 * code → household → balance → goods → (entries, moves) → villageTotals (the household's shard).
 */
export async function postToLedger(tx: Transaction, draft: EntryDraft, meta: HouseholdMeta, opts: PostOptions = {}): Promise<Posted> {
  const extra = opts.extra ?? {};
  const balances = tx.collection<Balance>(C.balances);
  const entries = tx.collection<LedgerEntry>(C.ledgerEntries);
  const { data: prior } = opts.knownNew ? { data: null } : await entries.doc(draft._id).get();
  // A retry finds the first posting: it answers with that entry's household balance.
  const householdId = prior?.householdId ?? draft.householdId;
  const { data: current } =
    opts.balance !== undefined && householdId === draft.householdId ? { data: opts.balance } : await balances.doc(householdId).get();
  const balance = current ?? emptyBalance(householdId, meta.townId, meta.villageId, draft.at);
  if (prior) return { entry: prior, balance, created: false };

  const posted = postEntry(balance, draft);
  // The dashboard's counters: the period figures this entry adds, each household counted once a period.
  const activity = activityOf(balance.marks ?? [], posted.entry, posted.balance.spent - balance.spent, !isUnitId(householdId));
  if (activity.marks.length > 0 || balance.marks) posted.balance = { ...posted.balance, marks: activity.marks };
  const { _id: entryId, ...entryDoc } = posted.entry;
  const { _id: balanceId, ...balanceDoc } = posted.balance;
  // The writes go out together: on CloudBase each is a round trip.
  const writes: Promise<unknown>[] = [entries.doc(entryId).set(entryDoc), balances.doc(balanceId).set(balanceDoc)];
  const totals: TotalsDelta = {
    ...extra,
    outstandingPoints: (extra.outstandingPoints ?? 0) + posted.balance.redeemable - balance.redeemable,
    pendingPoints: (extra.pendingPoints ?? 0) + posted.balance.pending - balance.pending,
    spentPoints: (extra.spentPoints ?? 0) + posted.balance.spent - balance.spent,
    ...(Object.keys(activity.periods).length > 0 ? { periods: addPeriods({ ...(extra.periods ?? {}) }, activity.periods) } : extra.periods ? { periods: extra.periods } : {}),
  };
  if (opts.collectTotals) addTotals(opts.collectTotals, totals);
  else writes.push(bumpTotals(tx, { townId: balance.townId, villageId: balance.villageId }, totals, draft.at, { householdId }, opts.totals));
  await Promise.all(writes);
  return { ...posted, created: true };
}

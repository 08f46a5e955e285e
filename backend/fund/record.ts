import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { FUND_IN, emptyTotals, poolView, type FundEntry, type FundEntryKind, type PoolView, type VillageTotals } from '@domain/fund/types';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { fundRepo } from '../repos/fund';
import type { Deps } from '../runtime/deps';
import { stableId, yuanToFen } from '../shared/ids';
import { bumpTotals, type HouseholdMeta } from '../ledger/post';

/**
 * A fund-pool entry by the village admin: money in (乡贤 donation, sponsor, collective
 * income) or out (other spending; purchases come from stock-in). The entry and the
 * village's totals change in one transaction; idempotent on the admin's requestId.
 */
export async function recordFund(
  deps: Pick<Deps, 'db' | 'now'>,
  actor: Person,
  village: HouseholdMeta,
  input: { requestId: string; kind: Exclude<FundEntryKind, 'purchase'>; amountYuan: number; counterparty?: string; note?: string },
): Promise<FundEntry> {
  const amountFen = yuanToFen(input.amountYuan);
  if (amountFen === null || amountFen <= 0) throw new DomainError('BAD_INPUT', '金额最多保留两位小数，且必须大于 0');
  const entry: FundEntry = {
    _id: stableId('fund', actor._id, input.requestId),
    townId: village.townId,
    villageId: village.villageId,
    kind: input.kind,
    amountFen,
    counterparty: input.counterparty?.trim() || null,
    note: input.note?.trim() || null,
    sourceId: null,
    actorId: actor._id,
    actorName: actor.name,
    at: deps.now(),
  };
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<FundEntry>(C.fundEntries).doc(entry._id);
    const { data: done } = await ref.get();
    if (done) return done;
    const { _id, ...doc } = entry;
    void _id;
    await ref.set(doc);
    const moneyIn = FUND_IN.includes(entry.kind);
    await bumpTotals(tx, village, moneyIn ? { moneyInFen: amountFen } : { moneyOutFen: amountFen }, entry.at, 'fund');
    return entry;
  });
}

export async function villagePool(db: Database, village: { _id: string; townId: string; name: string }, now: number): Promise<PoolView> {
  const totals: VillageTotals = (await fundRepo.totals(db, village._id)) ?? emptyTotals(village._id, village.townId, now);
  return poolView(totals, village.name);
}

/** Every village's pool and the town's sum, whose warning compares the town's liability with its pool and stock. */
export async function townPool(db: Database, townId: string, now: number): Promise<{ villages: PoolView[]; total: Omit<PoolView, 'villageId' | 'villageName'> }> {
  const villages = await fundRepo.villagesOfTown(db, townId);
  const totals = await Promise.all(villages.map(async (v) => (await fundRepo.totals(db, v._id)) ?? emptyTotals(v._id, townId, now)));
  const sum = totals.reduce<VillageTotals>(
    (s, t) => ({
      ...s,
      moneyInFen: s.moneyInFen + t.moneyInFen,
      moneyOutFen: s.moneyOutFen + t.moneyOutFen,
      stockValueFen: s.stockValueFen + t.stockValueFen,
      outstandingPoints: s.outstandingPoints + t.outstandingPoints,
      pendingPoints: s.pendingPoints + t.pendingPoints,
      spentPoints: s.spentPoints + t.spentPoints,
    }),
    emptyTotals(townId, townId, now),
  );
  const { villageId, villageName, ...total } = poolView(sum, '');
  void villageId;
  void villageName;
  return { villages: villages.map((v, i) => poolView(totals[i], v.name)), total };
}

import type { Database, Doc } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import { fundRepo, sumTotals } from '@backend/repos/fund';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import { isUnitId, type Unit } from '@domain/units/types';
import type { GoodsDoc, Receipt, StockMove } from '@domain/shop/types';
import type { StockShard } from '@domain/shop/stockShards';
import { returnable } from '@domain/shop/returns';
import { FUND_IN, type FundEntry, type VillageTotals } from '@domain/fund/types';

/** Every document of a collection, a page of 1000 at a time (CloudBase's cap). */
export async function readAll<T extends Doc>(db: Database, collection: string): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const { data } = await db.collection<T>(collection).orderBy('_id', 'asc').skip(skip).limit(1000).get();
    out.push(...data);
    if (data.length < 1000) return out;
  }
}

/**
 * The ledger's and the shop's invariants, over the whole database: for every household,
 * balance == sum of its entries and entries are numbered 1…n with running balances that
 * never go negative; for every goods, stock == sum of its moves, never negative; every
 * village's totals == the sums they summarise. Returns a list of violations (empty = fine).
 */
export async function ledgerViolations(db: Database): Promise<string[]> {
  const bad: string[] = [];
  const [balances, entries, goodsDocs, moves, totals, fund] = await Promise.all([
    readAll<Balance>(db, C.balances),
    readAll<LedgerEntry>(db, C.ledgerEntries),
    readAll<GoodsDoc>(db, C.goods),
    readAll<StockMove>(db, C.stockMoves),
    readAll<VillageTotals>(db, C.villageTotals),
    readAll<FundEntry>(db, C.fundEntries),
  ]);
  for (const b of balances) {
    const mine = entries.filter((e) => e.householdId === b._id).sort((x, y) => x.seq - y.seq);
    const sum = (bucket: 'pending' | 'redeemable') => mine.filter((e) => e.bucket === bucket).reduce((s, e) => s + e.delta, 0);
    const spent = -mine.filter((e) => e.kind === 'redemption' || e.reversedKind === 'redemption').reduce((s, e) => s + e.delta, 0);
    if (b.redeemable !== sum('redeemable')) bad.push(`${b._id}: redeemable ${b.redeemable} != Σ ${sum('redeemable')}`);
    if (b.pending !== sum('pending')) bad.push(`${b._id}: pending ${b.pending} != Σ ${sum('pending')}`);
    if (b.spent !== spent) bad.push(`${b._id}: spent ${b.spent} != Σ ${spent}`);
    if (b.seq !== mine.length || mine.some((e, i) => e.seq !== i + 1)) bad.push(`${b._id}: seq ${b.seq} over ${mine.length} entries not 1…n`);
    if (b.redeemable < 0 || b.pending < 0 || b.spent < 0) bad.push(`${b._id}: negative balance`);
    const last = mine[mine.length - 1];
    if (last && (last.balanceAfter.redeemable !== b.redeemable || last.balanceAfter.pending !== b.pending)) bad.push(`${b._id}: last balanceAfter differs`);
    if (mine.some((e) => e.balanceAfter.redeemable < 0 || e.balanceAfter.pending < 0)) bad.push(`${b._id}: an entry left a negative balance`);
  }
  // 单位积分: a unit's account (the same checks above) belongs to a registered unit of its village,
  // and is never counted as a household taking part (the dashboard's marks).
  const units = await readAll<Unit>(db, C.units);
  for (const b of balances.filter((x) => isUnitId(x._id))) {
    const u = units.find((x) => x._id === b._id);
    if (!u || u.villageId !== b.villageId) bad.push(`${b._id}: a unit account without its unit in ${b.villageId}`);
    if ((b.marks ?? []).length > 0) bad.push(`${b._id}: a unit counted as a household on the dashboard`);
  }
  const orphan = entries.filter((e) => !balances.some((b) => b._id === e.householdId));
  if (orphan.length) bad.push(`${orphan.length} entries without a balance`);
  // A goods' stock is the sum of its shards (src/domain/shop/stockShards.ts).
  const shards = await readAll<StockShard>(db, C.stockShards);
  for (const sh of shards) if (sh.stock < 0) bad.push(`${sh._id}: negative stock shard`);
  const goods = goodsDocs.map((g) => ({ ...g, stock: shards.filter((sh) => sh.goodsId === g._id).reduce((s, sh) => s + sh.stock, 0) }));
  for (const g of goods) {
    const sum = moves.filter((m) => m.goodsId === g._id).reduce((s, m) => s + m.delta, 0);
    if (g.stock !== sum) bad.push(`${g.name}(${g._id}): stock ${g.stock} != Σ moves ${sum}`);
    if (g.stock < 0) bad.push(`${g._id}: negative stock`);
  }
  if (moves.some((m) => m.stockAfter !== null && m.stockAfter < 0)) bad.push('a stock move left negative stock');
  // No receipt returned beyond what it sold; each return has its refund entry and its stock moves.
  for (const r of await readAll<Receipt>(db, C.receipts)) {
    for (const [goodsId, left] of returnable(r)) if (left < 0) bad.push(`${r._id}: ${goodsId} returned ${-left} more than sold`);
    for (const ret of r.returns ?? []) {
      const entry = entries.find((e) => e._id === `le_${ret.id}`);
      if (!entry || entry.kind !== 'refund' || entry.delta !== ret.total || entry.sourceId !== r._id) bad.push(`${r._id}: return ${ret.id} has no matching refund entry`);
      for (const l of ret.lines) {
        if (!moves.some((m) => m.kind === 'refund' && m.goodsId === l.goodsId && m.delta === l.quantity && m.sourceId === r._id)) bad.push(`${r._id}: return ${ret.id} of ${l.goodsId} has no refund move`);
      }
    }
  }
  // The totals are stored in shards per village (ledger/post.ts): compare their sums.
  const byVillage = new Map<string, VillageTotals[]>();
  for (const t of totals) {
    const v = t.villageId ?? t._id;
    byVillage.set(v, [...(byVillage.get(v) ?? []), t]);
  }
  for (const t of [...byVillage].map(([v, parts]) => sumTotals(v, parts))) {
    const inV = balances.filter((b) => b.villageId === t._id);
    const sum = (f: 'redeemable' | 'pending' | 'spent') => inV.reduce((s, b) => s + b[f], 0);
    if (t.outstandingPoints !== sum('redeemable')) bad.push(`${t._id}: outstanding ${t.outstandingPoints} != Σ ${sum('redeemable')}`);
    if (t.pendingPoints !== sum('pending')) bad.push(`${t._id}: pending ${t.pendingPoints} != Σ ${sum('pending')}`);
    if (t.spentPoints !== sum('spent')) bad.push(`${t._id}: spent ${t.spentPoints} != Σ ${sum('spent')}`);
    const value = goods.filter((g) => g.villageId === t._id).reduce((s, g) => s + g.stock * g.unitCostFen, 0);
    if (t.stockValueFen !== value) bad.push(`${t._id}: stock value ${t.stockValueFen} != Σ ${value}`);
    const f = fund.filter((e) => e.villageId === t._id);
    const moneyIn = f.filter((e) => FUND_IN.includes(e.kind)).reduce((s, e) => s + e.amountFen, 0);
    const moneyOut = f.filter((e) => !FUND_IN.includes(e.kind)).reduce((s, e) => s + e.amountFen, 0);
    if (t.moneyInFen !== moneyIn || t.moneyOutFen !== moneyOut) bad.push(`${t._id}: money ${t.moneyInFen}/${t.moneyOutFen} != Σ ${moneyIn}/${moneyOut}`);
  }
  return bad;
}

/** A fingerprint of everything the ledger, shop and fund write: equal before and after = nothing written. */
export async function shopFingerprint(db: Database): Promise<string> {
  const counted = [C.ledgerEntries, C.stockMoves, C.fundEntries];
  // Receipts whole: a return is written onto its receipt.
  const whole = [C.balances, C.villageTotals, C.redemptionCodes, C.goods, C.stockShards, C.villages, C.households, C.receipts];
  const counts = await Promise.all(counted.map(async (c) => [c, (await db.collection(c).count()).total]));
  const docs = await Promise.all(whole.map(async (c) => [c, await readAll(db, c)]));
  return JSON.stringify([counts, docs]);
}

/** A village's totals as the app reads them (the sum of its shards); throws when it has none. */
export async function villageTotals(db: Database, villageId: string): Promise<VillageTotals> {
  const t = await fundRepo.totals(db, villageId);
  if (t === null) throw new Error(`no totals for ${villageId}`);
  return t;
}

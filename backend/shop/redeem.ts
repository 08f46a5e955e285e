import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import type { Balance, EntryDraft } from '@domain/ledger/types';
import { emptyBalance, postEntry } from '@domain/ledger/post';
import type { GoodsDoc, Receipt, RedemptionCode, StockMove } from '@domain/shop/types';
import { stockMove } from '@domain/shop/stockMove';
import { STOCK_SHARDS, probeShards, takeFromShards, type StockShard } from '@domain/shop/stockShards';
import type { VillageTotals } from '@domain/fund/types';
import { assertCodeUsable } from '@domain/shop/code';
import { priceCart, type CartLine } from '@domain/shop/cart';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import type { Deps } from '../runtime/deps';
import { stableId } from '../shared/ids';
import { readsLock } from '../db/types';
import { postToLedger, totalsShardId } from '../ledger/post';
import { eligibilityOf, householdLabel } from './eligibility';
import type { Notice } from '@domain/notices/types';
import { buildNotices } from '@domain/notices/build';
import { recipientsOf } from '../notices/notify';
import { redeemedNotice } from '../notices/triggers';
import { noticesRepo } from '../repos/notices';
import { isUnitId } from '@domain/units/types';
import { asRedeemer, redeemerCollection, type RedeemerDoc } from './redeemer';
import { filledShards, readShardDocs, readShards, shardsFrom, sumStock, withStock, writeShards } from './stock';

/**
 * Shards a redemption reads first per cart line, from a random one: it takes from the first
 * that holds enough, so reading more would not spread simultaneous redemptions any better —
 * only cost requests (each a round trip on CloudBase). The rest are read only when these hold
 * too little. Big carts read two per line, to stay near a hundred operations.
 */
export function shardsToRead(lines: number): number {
  return lines <= 8 ? 4 : 2;
}

/** Same clerk + same requestId → same receipt: a retried or duplicated confirm finds the first one. */
export function receiptIdFor(clerkId: string, requestId: string): string {
  return stableId('rcp', clerkId, requestId);
}

/** The code belongs to a village where this person is a clerk, or it is not a code for them. */
function assertClerkOf(code: RedemptionCode | null, clerkVillages: readonly string[]): RedemptionCode {
  if (!code) throw new DomainError('CODE_INVALID');
  if (!clerkVillages.includes(code.villageId)) throw new DomainError('CODE_INVALID', '该兑换码不属于本村超市');
  return code;
}

/**
 * Confirm at the shop: in ONE transaction the code is consumed, the household's redeemable
 * points drop by the cart's total (never below zero), each goods' stock drops (never below
 * zero) with a stock move, the village's stock value and liability move, and the receipt is
 * written, with the household's notice of it (the action delivers its push once committed).
 * Authorization (a shop clerk) is the caller's; the code must be of their village.
 *
 * On PostgreSQL that is, inside the transaction: one statement reading receipt, code and
 * village, one reading everything else (the notice's recipients among them), one writing
 * everything (backend/db/postgres/transaction.ts batches what a tick starts together) — three
 * between BEGIN and COMMIT, whatever the cart (on PGlite BEGIN and COMMIT ride with them).
 */
export interface Redeemed {
  receipt: Receipt;
  /** The notices written with it (none when a repeated requestId found the first receipt). */
  notices: Notice[];
}

export async function redeem(
  deps: Pick<Deps, 'db' | 'now'> & { random?: () => number },
  clerk: Person,
  clerkVillages: readonly string[],
  input: { requestId: string; code: string; lines: CartLine[] },
): Promise<Redeemed> {
  const { db } = deps;
  const receiptId = receiptIdFor(clerk._id, input.requestId);
  const now = deps.now();

  // Every check is inside the transaction: a retried confirm finds its receipt there first.
  return db.runTransaction(async (tx) => {
    const receipts = tx.collection<Receipt>(C.receipts);
    const codeRef = tx.collection<RedemptionCode>(C.redemptionCodes).doc(input.code);
    // Reads started together (one round trip each on CloudBase, one statement on PostgreSQL):
    // the shorter the transaction, the fewer concurrent ones it collides with. With them, the
    // redemption-day policy of the clerk's village(s) (a clerk serves one shop, as a rule): read,
    // not locked.
    const [prior, codeRead, villages] = await Promise.all([
      receipts.doc(receiptId).get(),
      codeRef.get(),
      Promise.all(clerkVillages.map((id) => orgRepo.village(db, id))),
    ]);
    if (prior.data) return { receipt: prior.data, notices: [] };
    const policies = new Map<string, VillagePolicy>();
    for (const village of villages) if (village) policies.set(village._id, policyWithDefaults(village.policy));

    const found = assertClerkOf(codeRead.data, clerkVillages);
    const code = assertCodeUsable(found, now, found.villageId);
    // The household is ours before its gates (veto, base score) are read, so that they are this
    // transaction's to decide on (a veto committing meanwhile conflicts or waits). On CloudBase,
    // where the first writer wins, it is written before anything else is read: of the confirms
    // racing for one household exactly one gets past this point — the others learn it at their
    // fourth request, not after a dozen (200 confirms of one code otherwise kept the machine busy
    // with doomed attempts). Where a read locks (PostgreSQL), reading it below is enough, and it
    // is not written at all: the lock held until the commit is the claim.
    // A unit (单位积分, where the village lets units redeem) stands where a household does.
    const householdRef = tx.collection<RedeemerDoc>(redeemerCollection(code.householdId)).doc(code.householdId);
    const claimFirst = !readsLock(db);
    if (claimFirst) await householdRef.update({ lastReceiptId: receiptId });
    const policy = policies.get(code.villageId);
    const random = deps.random ?? Math.random;
    const goodsIds = [...new Set(input.lines.map((l) => l.goodsId))];
    const perLine = shardsToRead(goodsIds.length);
    // Which shards each line looks at first: a random one, so simultaneous redemptions of one
    // goods take from different shards (on CloudBase only writers of one document collide), and
    // a few near the start where small stock is (see probeShards).
    const firstShards = new Map(goodsIds.map((id) => [id, probeShards(random() * STOCK_SHARDS, perLine)]));
    const goodsRef = tx.collection<GoodsDoc>(C.goods);
    // One round trip: household, balance, the household's totals shard, goods and their shards
    // and, in the same statement, who the household's notice of the receipt goes to.
    // A unit's notice goes to its 负责人, known once the unit is read: asked for after it (units only).
    const scope = { villageId: code.villageId, householdId: code.householdId, actorId: clerk._id };
    const forUnit = isUnitId(code.householdId);
    const [{ data: redeemerDoc }, { data: balance }, { data: totals }, read, householdRecipients] = await Promise.all([
      householdRef.get(),
      tx.collection<Balance>(C.balances).doc(code.householdId).get(),
      tx.collection<VillageTotals>(C.villageTotals).doc(totalsShardId(code.villageId, { householdId: code.householdId })).get(),
      Promise.all(
        goodsIds.map(async (id) => {
          const [{ data }, shards] = await Promise.all([goodsRef.doc(id).get(), readShardDocs(tx, id, firstShards.get(id) ?? [])]);
          return data ? { doc: data, shards: filledShards(data, shards) } : null;
        }),
      ),
      forUnit ? Promise.resolve(null) : recipientsOf(deps, 'redemption_receipt', scope),
    ]);
    const household = redeemerDoc ? asRedeemer(code.householdId, redeemerDoc) : null;
    if (!policy || !redeemerDoc || !household || household.villageId !== code.villageId) throw new DomainError('CODE_INVALID');
    const recipients = householdRecipients ?? (await recipientsOf(deps, 'redemption_receipt', { ...scope, unitResponsibleId: household.headPersonId }));
    const eligibility = eligibilityOf(household, balance, policy, now);
    if (!eligibility.allowed) {
      throw new DomainError('NOT_ELIGIBLE', `该户今天不能兑换：${eligibility.reasons.join('；')}`, { reasons: eligibility.reasons, nextDay: eligibility.nextDay });
    }
    const found0 = read.filter((r): r is { doc: GoodsDoc; shards: StockShard[] } => r !== null);
    // A line whose first shards hold too little looks at the rest of its goods' shards.
    const shelf = await Promise.all(
      found0.map(async ({ doc, shards }) => {
        const want = input.lines.find((l) => l.goodsId === doc._id)?.quantity ?? 0;
        if (sumStock(shards) >= want || shards.length === STOCK_SHARDS) return { doc, shards };
        const seen = new Set(shards.map((x) => x._id));
        const rest = (await readShards(tx, doc, shardsFrom(0, STOCK_SHARDS))).filter((x) => !seen.has(x._id));
        return { doc, shards: [...shards, ...rest] };
      }),
    );
    const goods = shelf.map(({ doc, shards }) => withStock(doc, sumStock(shards)));
    const cart = priceCart(goods, input.lines, code.villageId);
    const label = householdLabel(household);
    const stockValueOut = cart.lines.reduce((s, l) => s + l.quantity * (goods.find((g) => g._id === l.goodsId)?.unitCostFen ?? 0), 0);

    const draft: EntryDraft = {
      _id: `le_${receiptId}`,
      householdId: household._id,
      kind: 'redemption',
      bucket: 'redeemable',
      delta: -cart.total,
      sourceId: receiptId,
      label: `超市兑换：${cart.lines.map((l) => `${l.name}×${l.quantity}`).join('、')}`,
      actorId: clerk._id,
      actorName: clerk.name,
      reason: null,
      reverses: null,
      reversedKind: null,
      at: now,
    };
    // Points first, by the rule alone (INSUFFICIENT_POINTS before anything is written).
    const after = postEntry(balance ?? emptyBalance(household._id, household.townId, household.villageId, now), draft).balance;

    const moves = tx.collection<StockMove>(C.stockMoves);
    // The other writes start together (the transaction stays short), the points among them.
    const writes: Promise<unknown>[] = [];
    for (const line of cart.lines) {
      const { doc, shards } = shelf.find((x) => x.doc._id === line.goodsId) as (typeof shelf)[number];
      const g = withStock(doc, sumStock(shards));
      const { _id: moveId, ...move } = stockMove(g, {
        id: stableId('mv', receiptId, g._id),
        kind: 'redemption',
        delta: -line.quantity,
        costFen: null,
        reason: null,
        sourceId: receiptId,
        actor: clerk,
        at: now,
      });
      // Only the shards taken from are written; the goods document is not (see StockMove.stockAfter).
      // Its id comes from the receipt's, read as absent: new (on PostgreSQL a plain INSERT kept for the end).
      tx.declareNew?.(C.stockMoves, [moveId]);
      writes.push(moves.doc(moveId).set({ ...move, stockAfter: null }), ...writeShards(tx, takeFromShards(shards, line.quantity, g.name), now));
    }
    // Where reads lock, the household's locked read was the claim: it stays ours until the commit,
    // and is not written (a write would only cost the upkeep of its three indexes).
    const { _id: codeId, ...codeDoc } = found;
    writes.push(codeRef.set({ ...codeDoc, consumedBy: receiptId }));
    const receipt: Receipt = {
      _id: receiptId,
      townId: household.townId,
      villageId: household.villageId,
      householdId: household._id,
      householdLabel: label,
      code: code._id,
      lines: cart.lines,
      total: cart.total,
      clerkId: clerk._id,
      clerkName: clerk.name,
      at: now,
      balanceAfter: after.redeemable,
    };
    const { _id, ...doc } = receipt;
    void _id;
    writes.push(receipts.doc(receiptId).set(doc));
    // The entry id comes from the receipt's, absent above: known new; balance and totals were read above.
    tx.declareNew?.(C.ledgerEntries, [draft._id]);
    writes.push(postToLedger(tx, draft, household, { extra: { stockValueFen: -stockValueOut }, balance, totals, knownNew: true }));
    // The notices' ids come from the receipt's too. So every write waits for the end of the
    // callback and goes out in one statement with the COMMIT (PGlite: one call for both).
    const notices = buildNotices(redeemedNotice(receipt), recipients, now);
    tx.declareNew?.(C.notices, notices.map((n) => n._id));
    writes.push(noticesRepo.setAllInTx(tx, notices));
    await Promise.all(writes);
    return { receipt, notices };
  });
}

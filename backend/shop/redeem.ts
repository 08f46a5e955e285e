import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import type { Balance, EntryDraft } from '@domain/ledger/types';
import { emptyBalance, postEntry } from '@domain/ledger/post';
import type { Goods, Receipt, RedemptionCode, StockMove } from '@domain/shop/types';
import { stockMove } from '@domain/shop/stockMove';
import { assertCodeUsable } from '@domain/shop/code';
import { priceCart, type CartLine } from '@domain/shop/cart';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import type { Deps } from '../runtime/deps';
import { stableId } from '../shared/ids';
import { postToLedger } from '../ledger/post';
import { eligibilityOf, householdLabel, type HouseholdDoc } from './eligibility';

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
 * written. Authorization (a shop clerk) is the caller's; the code must be of their village.
 */
export async function redeem(
  deps: Pick<Deps, 'db' | 'now'>,
  clerk: Person,
  clerkVillages: readonly string[],
  input: { requestId: string; code: string; lines: CartLine[] },
): Promise<Receipt> {
  const { db } = deps;
  const receiptId = receiptIdFor(clerk._id, input.requestId);
  const now = deps.now();
  // The redemption-day policy of the clerk's village(s) (a clerk serves one shop, as a rule).
  const policies = new Map<string, VillagePolicy>();
  for (const id of clerkVillages) {
    const village = await orgRepo.village(db, id);
    if (village) policies.set(id, policyWithDefaults(village.policy));
  }

  // Every check is inside the transaction: a retried confirm finds its receipt there first.
  return db.runTransaction(async (tx) => {
    const receipts = tx.collection<Receipt>(C.receipts);
    const codeRef = tx.collection<RedemptionCode>(C.redemptionCodes).doc(input.code);
    // Reads started together (one round trip each on CloudBase, one statement on PostgreSQL):
    // the shorter the transaction, the fewer concurrent ones it collides with.
    const [prior, codeRead] = await Promise.all([receipts.doc(receiptId).get(), codeRef.get()]);
    if (prior.data) return prior.data;

    const found = assertClerkOf(codeRead.data, clerkVillages);
    const code = assertCodeUsable(found, now, found.villageId);
    const policy = policies.get(code.villageId);
    // Goods are read (and locked) in id order, so concurrent carts never deadlock.
    const goodsRef = tx.collection<Goods>(C.goods);
    const [{ data: household }, { data: balance }, read] = await Promise.all([
      tx.collection<HouseholdDoc>(C.households).doc(code.householdId).get(),
      tx.collection<Balance>(C.balances).doc(code.householdId).get(),
      Promise.all([...new Set(input.lines.map((l) => l.goodsId))].sort().map((id) => goodsRef.doc(id).get())),
    ]);
    if (!policy || !household || household.villageId !== code.villageId) throw new DomainError('CODE_INVALID');
    const eligibility = eligibilityOf(household, balance, policy, now);
    if (!eligibility.allowed) {
      throw new DomainError('NOT_ELIGIBLE', `该户今天不能兑换：${eligibility.reasons.join('；')}`, { reasons: eligibility.reasons, nextDay: eligibility.nextDay });
    }
    const goods = read.map((r) => r.data).filter((g): g is Goods => g !== null);
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
    // Points first, by the rule alone (INSUFFICIENT_POINTS before anything is written) …
    const after = postEntry(balance ?? emptyBalance(household._id, household.townId, household.villageId, now), draft).balance;

    const moves = tx.collection<StockMove>(C.stockMoves);
    // The gates were read, so the household is written: a veto committing meanwhile conflicts.
    // Written first and alone: on CloudBase the first writer wins, so of the confirms racing for
    // one household exactly one gets past here (written in parallel with the rest, two of them
    // could each take one document and both abort, again and again).
    await tx.collection<HouseholdDoc>(C.households).doc(household._id).update({ lastReceiptId: receiptId });
    // The other writes start together (the transaction stays short); the points are posted after them.
    const writes: Promise<unknown>[] = [];
    for (const line of cart.lines) {
      const g = goods.find((x) => x._id === line.goodsId) as Goods;
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
      // Whole-document writes of what this transaction read: they go out with the rest at commit.
      const { _id: goodsId, ...goodsDoc } = g;
      writes.push(moves.doc(moveId).set(move), goodsRef.doc(goodsId).set({ ...goodsDoc, stock: move.stockAfter, updatedAt: now }));
    }
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
    await Promise.all(writes);
    // … and posted last. Its entry id comes from the receipt's, absent above: known new.
    await postToLedger(tx, draft, household, { extra: { stockValueFen: -stockValueOut }, balance, knownNew: true });
    return receipt;
  });
}

/**
 * Issue 13 part 1: 退货 at the shop. A clerk (or the village admin) returns a receipt, whole or
 * some lines, within the window, with a reason: points come back as a `refund` entry naming the
 * receipt, stock as a `refund` move, the receipt shows it, the household and the supervisors see
 * it; never more than sold; idempotent; concurrent returns of one receipt can't both succeed.
 */
import { C } from '@backend/repos/collections';
import { stockOf } from '@backend/shop/stock';
import type { Receipt, StockMove } from '@domain/shop/types';
import type { LedgerEntry } from '@domain/ledger/types';
import { ledgerViolations } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, CLERK_OTHER_VILLAGE, HEAD, REVIEWER, SUPERVISOR, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectNoWriteIn, expectRefused } from '../support/refusals';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const HH = 'h-qs-1-03';
const SOAP = 'goods_qs-01'; // 5 points
const TOWEL = 'goods_qs-03'; // 10 points

let seq = 0;
const rid = () => `ret-req-${++seq}-${Date.now().toString(36)}`;
const expectNoWrite = <T>(fn: () => Promise<T>): Promise<T> => expectNoWriteIn(h.db, fn);

/** A goods' stock: the sum of its shards (the goods document holds none). */
const stock = async (id: string) => (await stockOf(h.db, { goodsId: id })).get(id) ?? 0;
const redeemable = async () => (await h.ok(ADMIN, 'ledger', 'balance', { householdId: HH })).redeemable;

/** A fresh receipt of 2 soaps and 1 towel (20 points) for 一组3号. */
async function buy(lines = [{ goodsId: SOAP, quantity: 2 }, { goodsId: TOWEL, quantity: 1 }]): Promise<Receipt> {
  const { code } = await h.ok(VILLAGER, 'shop', 'myCode', {});
  return h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines });
}

describe('shop.returnGoods', () => {
  it('a clerk returns one line: points back as a refund entry naming the receipt, stock back as a refund move, the receipt and the household see it', async () => {
    const receipt = await buy();
    const [points0, soap0] = [await redeemable(), await stock(SOAP)];
    const back = await h.ok(CLERK, 'shop', 'returnGoods', { requestId: rid(), receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 1 }], reason: '包装破损' });
    expect(back.returns).toEqual([expect.objectContaining({ total: 5, reason: '包装破损', lines: [expect.objectContaining({ goodsId: SOAP, quantity: 1, subtotal: 5 })] })]);
    expect(back.lines).toEqual(receipt.lines);
    expect(await redeemable()).toBe(points0 + 5);
    expect(await stock(SOAP)).toBe(soap0 + 1);
    const { items } = await h.ok(VILLAGER, 'ledger', 'entries', {});
    // (the clock is fixed: entries of the same instant come in seq order)
    expect(items.find((e) => e.kind === 'refund' && e.sourceId === receipt._id)).toMatchObject({ delta: 5, reason: '包装破损' });
    const moves = await h.ok(CLERK, 'shop', 'stockMoves', { goodsId: SOAP });
    expect(moves.items.find((m) => m.kind === 'refund' && m.sourceId === receipt._id)).toMatchObject({ delta: 1 });
    // the household's receipts and the supervisors' redemption trail show the return
    const mine = (await h.ok(VILLAGER, 'shop', 'receipts', {})).items.find((r) => r._id === receipt._id);
    expect(mine?.returns).toHaveLength(1);
    const trail = (await h.ok(SUPERVISOR, 'shop', 'receipts', { scope: 'village' })).items.find((r) => r._id === receipt._id);
    expect(trail?.returns).toHaveLength(1);
    // spent went down as much as redeemable went up
    const b = await h.ok(VILLAGER, 'ledger', 'balance', {});
    expect(b.spent).toBeGreaterThanOrEqual(0);
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it('the village admin returns the rest of a receipt; a retry with the same requestId changes nothing', async () => {
    const receipt = await buy();
    const input = { requestId: rid(), receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 2 }, { goodsId: TOWEL, quantity: 1 }], reason: '整单退货' };
    const first = await h.ok(ADMIN, 'shop', 'returnGoods', input);
    expect(first.returns?.[0].total).toBe(20);
    const again = await expectNoWrite(() => h.ok(ADMIN, 'shop', 'returnGoods', input));
    expect(again.returns).toHaveLength(1);
    // nothing is left to return
    expectRefused(await expectNoWrite(() => h.call(CLERK, 'shop', 'returnGoods', { ...input, requestId: rid(), lines: [{ goodsId: SOAP, quantity: 1 }] })), 'RETURN_TOO_MANY', /最多还能退 0 件/);
  });

  it('concurrent returns of the whole receipt: exactly one succeeds, points and stock come back once', async () => {
    const receipt = await buy();
    const [points0, soap0, towel0] = [await redeemable(), await stock(SOAP), await stock(TOWEL)];
    const whole = receipt.lines.map((l) => ({ goodsId: l.goodsId, quantity: l.quantity }));
    const tries = await Promise.all(
      Array.from({ length: 30 }, () => h.call(CLERK, 'shop', 'returnGoods', { requestId: rid(), receiptId: receipt._id, lines: whole, reason: '并发整单退货' })),
    );
    expect(tries.filter((r) => r.ok)).toHaveLength(1);
    expect(tries.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(Array(29).fill('RETURN_TOO_MANY'));
    expect(await redeemable()).toBe(points0 + 20);
    expect(await stock(SOAP)).toBe(soap0 + 2);
    expect(await stock(TOWEL)).toBe(towel0 + 1);
    const { data } = await h.db.collection<Receipt>(C.receipts).doc(receipt._id).get();
    expect(data[0].returns).toHaveLength(1);
    const refunds = await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ kind: 'refund', sourceId: receipt._id }).get();
    expect(refunds.data.map((e) => e.delta)).toEqual([20]);
    const moves = await h.db.collection<StockMove>(C.stockMoves).where({ kind: 'refund', sourceId: receipt._id }).get();
    expect(moves.data.map((m) => `${m.goodsId}+${m.delta}`).sort()).toEqual([`${SOAP}+2`, `${TOWEL}+1`]);
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it('concurrent retries of one return (same requestId): every call gets the receipt, the return happens once', async () => {
    const receipt = await buy([{ goodsId: SOAP, quantity: 2 }]);
    const [points0, soap0] = [await redeemable(), await stock(SOAP)];
    const input = { requestId: rid(), receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 1 }], reason: '重复提交' };
    const tries = await Promise.all(Array.from({ length: 20 }, () => h.call(CLERK, 'shop', 'returnGoods', input)));
    expect(tries.every((r) => r.ok && r.data.returns?.length === 1)).toBe(true);
    expect(await redeemable()).toBe(points0 + 5);
    expect(await stock(SOAP)).toBe(soap0 + 1);
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it('50 concurrent returns of one unit each: exactly what the receipt sold comes back', async () => {
    const receipt = await buy([{ goodsId: SOAP, quantity: 5 }]);
    const [points0, soap0] = [await redeemable(), await stock(SOAP)];
    const tries = await Promise.all(
      Array.from({ length: 50 }, () => h.call(CLERK, 'shop', 'returnGoods', { requestId: rid(), receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 1 }], reason: '并发退货' })),
    );
    expect(tries.filter((r) => r.ok)).toHaveLength(5);
    expect(tries.filter((r) => !r.ok).every((r) => !r.ok && r.code === 'RETURN_TOO_MANY')).toBe(true);
    expect(await redeemable()).toBe(points0 + 25);
    expect(await stock(SOAP)).toBe(soap0 + 5);
    expect(await ledgerViolations(h.db)).toEqual([]);
  }, 120_000);

  describe('refusals: code, Chinese message, nothing written', () => {
    let receipt: Receipt;
    beforeAll(async () => {
      receipt = await buy();
    });
    const base = () => ({ requestId: rid(), receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 1 }], reason: '质量问题' });

    it.each([
      [VILLAGER, 'FORBIDDEN'],
      [HEAD, 'FORBIDDEN'],
      [WORKER_G1, 'FORBIDDEN'],
      [REVIEWER, 'FORBIDDEN'],
      [SUPERVISOR, 'FORBIDDEN'],
      [TOWN, 'FORBIDDEN'],
      [CLERK_OTHER_VILLAGE, 'NOT_FOUND'],
      [ADMIN_OTHER_VILLAGE, 'NOT_FOUND'],
      ['stranger-openid', 'NOT_REGISTERED'],
      [null, 'NOT_REGISTERED'],
    ])('%s is refused (%s)', async (who, code) => {
      expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'returnGoods', base())), code);
    });

    it.each([
      ['more than sold', () => ({ ...base(), lines: [{ goodsId: SOAP, quantity: 3 }] }), 'RETURN_TOO_MANY', /最多还能退 2 件/],
      ['goods not on the receipt', () => ({ ...base(), lines: [{ goodsId: 'goods_qs-09', quantity: 1 }] }), 'BAD_INPUT', /没有这件商品/],
      ['an unknown receipt', () => ({ ...base(), receiptId: 'rcp_nothing' }), 'NOT_FOUND', /小票/],
      ['no reason', () => ({ ...base(), reason: ' ' }), 'BAD_INPUT', /原因/],
      ['no lines', () => ({ ...base(), lines: [] }), 'BAD_INPUT', /商品/],
      ['zero quantity', () => ({ ...base(), lines: [{ goodsId: SOAP, quantity: 0 }] }), 'BAD_INPUT', null],
      ['a bad requestId', () => ({ ...base(), requestId: 'x' }), 'BAD_INPUT', /请求编号/],
    ] as const)('%s', async (_name, make, code, message) => {
      expectRefused(await expectNoWrite(() => h.call(CLERK, 'shop', 'returnGoods', make())), code, message ?? undefined);
    });

    it('after the window (7 days by default)', async () => {
      h.setNow(NOW + 7 * 24 * 3600_000 + 1);
      try {
        expectRefused(await expectNoWrite(() => h.call(CLERK, 'shop', 'returnGoods', base())), 'RETURN_WINDOW', /7 天/);
      } finally {
        h.setNow(NOW);
      }
    });

    it('a refund entry cannot be reversed by the admin', async () => {
      await h.ok(CLERK, 'shop', 'returnGoods', base());
      const { data } = await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ householdId: HH, kind: 'refund' }).get();
      expectRefused(await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: data[0]._id, reason: '试图冲销退货' })), 'INVALID_TRANSITION');
    });
  });
});

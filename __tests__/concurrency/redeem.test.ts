/**
 * Concurrent confirms at the shop, on PGlite and (when DATABASE_URL is set) on a PostgreSQL
 * server, where the transactions really overlap: one code is charged once however many
 * confirms race for it; two clerks redeeming for one household never spend more than it has.
 */
import { C } from '@backend/repos/collections';
import { shopRepo } from '@backend/repos/shop';
import type { Receipt } from '@domain/shop/types';
import type { ApiResult } from '@domain/shared/result';
import { ledgerViolations, readAll } from '../support/invariants';
import { harnessBackends, NOW, openHarness, type Harness } from '../support/harness';

const CLERK = 'demo-clerk-1';
const CLERK_2 = 'test-clerk-2';
const ADMIN = 'demo-admin-1';
const DETERGENT = 'goods_qs-06'; // 洗衣粉 15 分
const SOAP = 'goods_qs-01'; // 肥皂 5 分

describe.each(harnessBackends())('on %s', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ backend });
    // A second clerk in 青山村 (the demo has one): 三组19号's head.
    const person = (await h.db.collection<{ _id: string; roles: unknown[] }>(C.people).doc('h-qs-3-19-m1').get()).data[0];
    await h.db.collection(C.people).doc('h-qs-3-19-m1').update({ roles: [...person.roles, { role: 'shop_clerk', scope: 'village', scopeId: 'v-qingshan' }] });
    await h.db.collection(C.identities).doc(CLERK_2).set({ personId: 'h-qs-3-19-m1', boundAt: NOW });
  }, 120_000);
  afterAll(async () => h?.close());

  async function member(householdId: string, points: number): Promise<string> {
    const openid = `test-${householdId}`;
    await h.db.collection(C.identities).doc(openid).set({ personId: `${householdId}-m1`, boundAt: NOW });
    if (points > 0) await h.ok(ADMIN, 'ledger', 'adjust', { requestId: `grant-${householdId}-${points}`, householdId, points, reason: '并发测试发放' });
    return openid;
  }

  async function state(householdId: string) {
    const balance = await h.ok(ADMIN, 'ledger', 'balance', { householdId });
    const receipts = (await readAll<Receipt>(h.db, C.receipts)).filter((r) => r.householdId === householdId);
    const goods = await shopRepo.goodsOfVillage(h.db, 'v-qingshan', true);
    return { balance, receipts, stock: (id: string) => goods.find((g) => g._id === id)?.stock ?? -1 };
  }

  const oks = (rs: ApiResult<Receipt>[]) => rs.filter((r): r is { ok: true; data: Receipt } => r.ok);

  /**
   * What the cashier page does with CONFLICT ("操作冲突，请稍后重试"): the clerk taps again and
   * the page re-sends the same requestId. PostgreSQL locks, so there a race never answers
   * CONFLICT. On CloudBase a confirm that lost the race for all its retry budget answers it
   * (here 200 instances share one core of the test process, so a loaded machine sees it where
   * CloudBase, one instance per call, would not): the answer must be that clear message, and
   * the re-sent request must then get its normal answer — never a second charge.
   */
  async function afterClerksRetry(rs: ApiResult<Receipt>[], resend: (i: number) => Promise<ApiResult<Receipt>>): Promise<ApiResult<Receipt>[]> {
    const conflicts = rs.filter((r) => !r.ok && r.code === 'CONFLICT');
    if (backend !== 'tcb-standin') expect(conflicts).toEqual([]);
    for (const r of conflicts) expect(r).toMatchObject({ ok: false, message: '操作冲突，请稍后重试' });
    const settled = [...rs];
    for (let i = 0; i < settled.length; i++) {
      for (let tap = 0; tap < 5; tap++) {
        const r = settled[i];
        if (r.ok || r.code !== 'CONFLICT') break;
        settled[i] = await resend(i);
      }
    }
    return settled;
  }

  it('200 concurrent confirms of one code with the same requestId: one charge, one receipt, stock down once', async () => {
    const who = await member('h-qs-3-01', 100);
    const code = (await h.ok(who, 'shop', 'myCode', {})).code;
    const before = await state('h-qs-3-01');
    const input = { requestId: 'race-same-request-id', code, lines: [{ goodsId: DETERGENT, quantity: 2 }] };
    const raced = await Promise.all(Array.from({ length: 200 }, () => h.call(CLERK, 'shop', 'redeem', input)));
    const won = oks(await afterClerksRetry(raced, () => h.call(CLERK, 'shop', 'redeem', input)));
    expect(won).toHaveLength(200); // every retry of the one confirm gets its receipt
    expect(new Set(won.map((r) => r.data._id)).size).toBe(1);
    const after = await state('h-qs-3-01');
    expect(after.receipts).toHaveLength(before.receipts.length + 1);
    expect(after.balance.redeemable).toBe(before.balance.redeemable - 30);
    expect(after.balance.seq).toBe(before.balance.seq + 1);
    expect(after.stock(DETERGENT)).toBe(before.stock(DETERGENT) - 2);
  }, 120_000);

  it('200 concurrent confirms of one code with different requestIds: exactly one charge, the rest CODE_USED', async () => {
    const who = await member('h-qs-3-02', 100);
    const code = (await h.ok(who, 'shop', 'myCode', {})).code;
    const before = await state('h-qs-3-02');
    const confirm = (i: number) => h.call(i % 2 ? CLERK : CLERK_2, 'shop', 'redeem', { requestId: `race-different-${i}`, code, lines: [{ goodsId: SOAP, quantity: 3 }] });
    const rs = await afterClerksRetry(await Promise.all(Array.from({ length: 200 }, (_, i) => confirm(i))), confirm);
    expect(oks(rs)).toHaveLength(1);
    const refused = rs.filter((r) => !r.ok);
    expect(refused.every((r) => !r.ok && r.code === 'CODE_USED')).toBe(true);
    const after = await state('h-qs-3-02');
    expect(after.receipts).toHaveLength(before.receipts.length + 1);
    expect(after.balance.redeemable).toBe(before.balance.redeemable - 15);
    expect(after.stock(SOAP)).toBe(before.stock(SOAP) - 3);
  }, 120_000);

  it('200 concurrent confirms mixing one shared requestId with fresh ones: still one charge', async () => {
    const who = await member('h-qs-3-03', 100);
    const code = (await h.ok(who, 'shop', 'myCode', {})).code;
    const before = await state('h-qs-3-03');
    const rs = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.call(CLERK, 'shop', 'redeem', { requestId: i % 2 ? 'race-mixed-shared' : `race-mixed-${i}`, code, lines: [{ goodsId: SOAP, quantity: 1 }] }),
      ),
    );
    expect(new Set(oks(rs).map((r) => r.data._id)).size).toBe(1);
    const after = await state('h-qs-3-03');
    expect(after.receipts).toHaveLength(before.receipts.length + 1);
    expect(after.balance.redeemable).toBe(before.balance.redeemable - 5);
  }, 120_000);

  it('50 concurrent redemptions by two clerks for one household (a fresh code each) never spend more than the balance', async () => {
    const hid = 'h-qs-3-08';
    const who = await member(hid, 0);
    const start = await state(hid);
    const top = 300 - start.balance.redeemable;
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: 'race-50-grant', householdId: hid, points: top, reason: '并发测试发放' });
    const codes: string[] = [];
    for (let i = 0; i < 50; i++) codes.push((await h.ok(who, 'shop', 'myCode', {})).code);
    const before = await state(hid);
    expect(before.balance.redeemable).toBe(300);
    const confirm = (i: number) =>
      h.call(i % 2 ? CLERK : CLERK_2, 'shop', 'redeem', {
        requestId: `race-50-${i}`,
        code: codes[i],
        // 15 or 20 points a cart: 50 carts ask for ~875 points against 300.
        lines: i % 4 === 0 ? [{ goodsId: DETERGENT, quantity: 1 }, { goodsId: SOAP, quantity: 1 }] : [{ goodsId: DETERGENT, quantity: 1 }],
      });
    const rs = await afterClerksRetry(await Promise.all(codes.map((_, i) => confirm(i))), confirm);
    const won = oks(rs);
    const spent = won.reduce((s, r) => s + r.data.total, 0);
    expect(spent).toBeLessThanOrEqual(300);
    expect(spent).toBeGreaterThan(300 - 20); // they stop only when the next cart no longer fits
    const refused = rs.filter((r) => !r.ok);
    expect(refused.every((r) => !r.ok && (r.code === 'INSUFFICIENT_POINTS' || r.code === 'NOT_ELIGIBLE'))).toBe(true);
    const after = await state(hid);
    expect(after.balance.redeemable).toBe(300 - spent);
    expect(after.balance.spent).toBe(before.balance.spent + spent);
    expect(after.receipts).toHaveLength(before.receipts.length + won.length);
    const sold = won.reduce((s, r) => s + (r.data.lines.find((l) => l.goodsId === DETERGENT)?.quantity ?? 0), 0);
    expect(after.stock(DETERGENT)).toBe(before.stock(DETERGENT) - sold);
    // Both clerks got some through.
    expect(new Set(won.map((r) => r.data.clerkId)).size).toBe(2);
  }, 120_000);

  it('退货 racing redemptions of the same household and goods: each unit back once, points and stock exact', async () => {
    const hid = 'h-qs-3-09';
    const who = await member(hid, 200);
    const bought = (await h.ok(who, 'shop', 'myCode', {})).code;
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: 'race-ret-buy', code: bought, lines: [{ goodsId: SOAP, quantity: 6 }] });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) codes.push((await h.ok(who, 'shop', 'myCode', {})).code);
    const before = await state(hid);
    // 8 returns of one soap each (6 were sold: 2 must be refused) and 10 redemptions of one soap, all at once.
    const [returns, redemptions] = await Promise.all([
      Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          h.call(i % 2 ? CLERK : ADMIN, 'shop', 'returnGoods', { requestId: `race-ret-${i}`, receiptId: receipt._id, lines: [{ goodsId: SOAP, quantity: 1 }], reason: '并发退货' }),
        ),
      ),
      Promise.all(codes.map((code, i) => h.call(i % 2 ? CLERK : CLERK_2, 'shop', 'redeem', { requestId: `race-ret-redeem-${i}`, code, lines: [{ goodsId: SOAP, quantity: 1 }] }))),
    ]);
    expect(returns.filter((r) => r.ok)).toHaveLength(6);
    expect(returns.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code))).toEqual(['RETURN_TOO_MANY', 'RETURN_TOO_MANY']);
    const sold = oks(redemptions).length;
    expect(sold).toBe(10);
    const after = await state(hid);
    expect(after.balance.redeemable).toBe(before.balance.redeemable - 5 * sold + 5 * 6);
    expect(after.balance.spent).toBe(before.balance.spent + 5 * sold - 5 * 6);
    expect(after.stock(SOAP)).toBe(before.stock(SOAP) - sold + 6);
    const stored = after.receipts.find((r) => r._id === receipt._id);
    expect(stored?.returns?.reduce((n, r) => n + r.lines[0].quantity, 0)).toBe(6);
  }, 120_000);

  it('afterwards: balance == Σ entries per household, stock == Σ moves, totals == their sums, nothing negative', async () => {
    expect(await ledgerViolations(h.db)).toEqual([]);
  }, 60_000);
});

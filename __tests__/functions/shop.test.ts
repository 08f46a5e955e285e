import { C } from '@backend/repos/collections';
import { shopRepo } from '@backend/repos/shop';
import type { Goods, Receipt } from '@domain/shop/types';
import type { VillageTotals } from '@domain/fund/types';
import { ledgerViolations, readAll, villageTotals } from '../support/invariants';
import { JPEG, NOW, PDF, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, CLERK_OTHER_VILLAGE, HEAD, OTHER_HOUSEHOLD, REVIEWER, STRANGER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE, WORKER_G1 } from '../support/people';
import { expectNoWriteIn, expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

// The test household (青山村 一组3号) starts with 200 redeemable points.
const HH = 'h-qs-1-03';

// 青山村 goods (seed order is price order): 肥皂 5, 牙膏 8, 毛巾 10, 洗洁精 10, 酱油 12, 洗衣粉 15, 卫生纸 20, 大米 40, 食用油 50.
const SOAP = 'goods_qs-01';
const TOWEL = 'goods_qs-03';
const DETERGENT = 'goods_qs-06';
const OIL = 'goods_qs-09';
const LX_SOAP = 'goods_lx-01';

let seq = 0;
const rid = () => `shop-req-${++seq}-${Date.now().toString(36)}`;

const expectNoWrite = <T>(fn: () => Promise<T>): Promise<T> => expectNoWriteIn(h.db, fn);

/** Binds a test openid to the head of any household, so that household can show codes. */
async function member(householdId: string): Promise<string> {
  const openid = `test-${householdId}`;
  await h.db.collection(C.identities).doc(openid).set({ personId: `${householdId}-m1`, boundAt: NOW });
  return openid;
}

async function codeOf(openid: string): Promise<string> {
  return (await h.ok(openid, 'shop', 'myCode', {})).code;
}

async function goods(id: string): Promise<Goods> {
  return (await shopRepo.goods(h.db, id)) as Goods;
}

async function totals(villageId = 'v-qingshan'): Promise<VillageTotals> {
  return (await villageTotals(h.db, villageId));
}

async function redeemable(householdId: string): Promise<number> {
  return (await h.ok(ADMIN, 'ledger', 'balance', { householdId })).redeemable;
}

const QS_VILLAGERS = [VILLAGER, HEAD, OTHER_HOUSEHOLD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, CLERK];
const NOT_CLERKS = [VILLAGER, HEAD, OTHER_HOUSEHOLD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, TOWN];

describe('shop.goods', () => {
  it.each(QS_VILLAGERS)('%s sees 青山村 goods on the shelf, cheapest first, with prices and stock', async (who) => {
    const { items } = await h.ok(who, 'shop', 'goods', {});
    expect(items.map((g) => g.name)).toEqual(expect.arrayContaining(['洗衣粉', '食用油 5L', '大米 10kg', '牙膏', '毛巾', '酱油', '肥皂', '卫生纸']));
    expect(items.every((g) => g.villageId === 'v-qingshan' && g.active && g.stock > 0 && Number.isInteger(g.price))).toBe(true);
    const prices = items.map((g) => g.price);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
  });

  it('the other village sees its own shelf', async () => {
    const { items } = await h.ok(CLERK_OTHER_VILLAGE, 'shop', 'goods', {});
    expect(items).toHaveLength(8);
    expect(items.every((g) => g.villageId === 'v-liuxi')).toBe(true);
  });

  it('the village admin may include inactive goods; nobody else may', async () => {
    expect((await h.ok(ADMIN, 'shop', 'goods', { includeInactive: true })).items.length).toBeGreaterThanOrEqual(9);
    for (const who of [VILLAGER, CLERK, REVIEWER]) expectRefused(await h.call(who, 'shop', 'goods', { includeInactive: true }), 'FORBIDDEN', /村两委/);
  });

  it.each([
    [TOWN, 'FORBIDDEN'],
    [STRANGER, 'NOT_REGISTERED'],
    [null, 'NOT_REGISTERED'],
  ])('%s is refused with %s', async (who, code) => {
    expectRefused(await h.call(who, 'shop', 'goods', {}), code);
  });
});

describe('shop.myCode (兑换码)', () => {
  it('a household member gets a fresh 8-digit code valid 120 s, with the balance and today’s eligibility', async () => {
    const before = await h.count(C.redemptionCodes);
    const v = await h.ok(VILLAGER, 'shop', 'myCode', {});
    expect(v).toEqual({
      code: expect.stringMatching(/^\d{8}$/),
      expiresAt: NOW + 120_000,
      ttlSeconds: 120,
      redeemable: 200,
      eligibility: { allowed: true, reasons: [], nextDay: '2026-11-20' },
    });
    expect(await h.count(C.redemptionCodes)).toBe(before + 1);
    const stored = (await h.db.collection(C.redemptionCodes).doc(v.code).get()).data[0];
    expect(stored).toMatchObject({ householdId: HH, villageId: 'v-qingshan', consumedBy: null, issuedAt: NOW });
    const again = await h.ok(HEAD, 'shop', 'myCode', {});
    expect(again.code).not.toBe(v.code);
  });

  it.each([OTHER_HOUSEHOLD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, CLERK, VILLAGER_OTHER_VILLAGE, CLERK_OTHER_VILLAGE])('%s (a household member) gets a code for their household', async (who) => {
    const v = await h.ok(who, 'shop', 'myCode', {});
    expect(v.code).toMatch(/^\d{8}$/);
  });

  it('a household without points gets a code that says why it cannot redeem', async () => {
    const v = await h.ok(REVIEWER, 'shop', 'myCode', {});
    expect(v.redeemable).toBe(0);
    expect(v.eligibility).toMatchObject({ allowed: false, reasons: ['该户暂无可兑换积分'] });
  });

  it('draws again when the digits are taken', async () => {
    const original = h.deps.newId;
    const draws = ['0000000000aa' + '0'.repeat(20), '0000000000aa' + '0'.repeat(20), '0000000000bb' + '0'.repeat(20)];
    h.deps.newId = () => draws.shift() ?? original();
    try {
      expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).code).toBe('00000170');
      expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).code).toBe('00000187');
    } finally {
      h.deps.newId = original;
    }
  });

  it.each([
    [TOWN, {}, 'FORBIDDEN'],
    [STRANGER, {}, 'NOT_REGISTERED'],
    [null, {}, 'NOT_REGISTERED'],
    [VILLAGER, { householdId: 'h-qs-2-05' }, 'BAD_INPUT'],
  ])('%s with %j is refused with %s, nothing written', async (who, input, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'myCode', input)), code);
  });
});

describe('shop.scan', () => {
  it('the clerk sees the masked household, its redeemable points and eligibility — nothing else — and nothing is written', async () => {
    const code = await codeOf(VILLAGER);
    const household = (await h.db.collection<{ _id: string; headName: string }>(C.households).doc(HH).get()).data[0];
    const v = await expectNoWrite(() => h.ok(CLERK, 'shop', 'scan', { code }));
    expect(Object.keys(v).sort()).toEqual(['code', 'eligibility', 'expiresAt', 'householdLabel', 'redeemable']);
    expect(v).toMatchObject({ code, redeemable: 200, expiresAt: NOW + 120_000, eligibility: { allowed: true } });
    expect(v.householdLabel).toMatch(/^\S+（一组3号）$/);
    expect(v.householdLabel).toContain('*');
    expect(v.householdLabel).not.toContain(household.headName);
    expect(JSON.stringify(v)).not.toMatch(/h-qs-|personId|tags|phone|idNumber|members/);
  });

  it('a code is valid until its expiry, then refused as expired', async () => {
    const code = await codeOf(VILLAGER);
    try {
      h.advance(119_999);
      expect((await h.call(CLERK, 'shop', 'scan', { code })).ok).toBe(true);
      h.advance(1);
      expectRefused(await h.call(CLERK, 'shop', 'scan', { code }), 'CODE_EXPIRED', /已过期/);
    } finally {
      h.setNow(NOW);
    }
  });

  it.each(NOT_CLERKS)('%s is not a clerk: FORBIDDEN', async (who) => {
    const code = await codeOf(VILLAGER);
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'scan', { code })), 'FORBIDDEN', /店员/);
  });

  const scanCases: [string, string, () => Promise<string>, string, RegExp | null][] = [
    ['another village’s clerk', CLERK_OTHER_VILLAGE, async () => codeOf(VILLAGER), 'CODE_INVALID', /不属于本村/],
    ['a code of another village', CLERK, async () => codeOf(VILLAGER_OTHER_VILLAGE), 'CODE_INVALID', /不属于本村/],
    ['a forged code', CLERK, async () => '99999999', 'CODE_INVALID', /兑换码无效/],
    ['a short code', CLERK, async () => '1234', 'BAD_INPUT', /8 位数字/],
    ['letters', CLERK, async () => 'abcdefgh', 'BAD_INPUT', /8 位数字/],
    ['a stranger', STRANGER, async () => codeOf(VILLAGER), 'NOT_REGISTERED', null],
  ];
  it.each(scanCases)('%s is refused', async (_name, who, make, code, message) => {
    const c = await make();
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'scan', { code: c })), code, message ?? undefined);
  });
});

describe('shop.redeem', () => {
  it('points, stock, stock value and the code change in one step; the receipt and the ledger show it', async () => {
    const code = await codeOf(VILLAGER);
    const [soap0, det0, t0, entries0] = [await goods(SOAP), await goods(DETERGENT), await totals(), await h.count(C.ledgerEntries)];
    const r = await h.ok(CLERK, 'shop', 'redeem', {
      requestId: rid(),
      code,
      lines: [
        { goodsId: DETERGENT, quantity: 2 },
        { goodsId: SOAP, quantity: 1 },
      ],
    });
    expect(r).toMatchObject({
      householdId: HH,
      villageId: 'v-qingshan',
      code,
      total: 35,
      balanceAfter: 165,
      clerkId: 'h-qs-2-19-m1',
      at: NOW,
      lines: [
        { goodsId: DETERGENT, name: '洗衣粉', price: 15, quantity: 2, subtotal: 30 },
        { goodsId: SOAP, name: '肥皂', price: 5, quantity: 1, subtotal: 5 },
      ],
    });
    expect(r.householdLabel).toMatch(/（一组3号）$/);
    expect(await redeemable(HH)).toBe(165);
    expect((await goods(SOAP)).stock).toBe(soap0.stock - 1);
    expect((await goods(DETERGENT)).stock).toBe(det0.stock - 2);
    const t1 = await totals();
    expect(t1.outstandingPoints).toBe(t0.outstandingPoints - 35);
    expect(t1.spentPoints).toBe(t0.spentPoints + 35);
    expect(t1.stockValueFen).toBe(t0.stockValueFen - 2 * det0.unitCostFen - soap0.unitCostFen);
    expect(t1.moneyInFen).toBe(t0.moneyInFen);
    expect(await h.count(C.ledgerEntries)).toBe(entries0 + 1);
    const { items } = await h.ok(VILLAGER, 'ledger', 'entries', { limit: 1 });
    expect(items[0]).toMatchObject({ kind: 'redemption', delta: -35, sourceId: r._id, actorId: 'h-qs-2-19-m1', balanceAfter: { redeemable: 165, spent: 35 } });
    expect(items[0].label).toContain('洗衣粉×2');
    const balance = await h.ok(VILLAGER, 'ledger', 'balance', {});
    expect(balance).toMatchObject({ redeemable: 165, spent: 35 });
    const moves = await h.ok(CLERK, 'shop', 'stockMoves', { goodsId: DETERGENT });
    // Found by its receipt, not by position: the seed's stock-in has the same pinned time, and
    // CloudBase orders ties as stored (the local engine by id).
    expect(moves.items.find((m: { sourceId: string | null }) => m.sourceId === r._id)).toMatchObject({ kind: 'redemption', delta: -2, stockAfter: null });
    // The stock the move took shows on the goods (a redemption's move does not know the total).
    expect((await goods(DETERGENT)).stock).toBe(det0.stock - 2);
    expect((await h.db.collection(C.redemptionCodes).doc(code).get()).data[0]).toMatchObject({ consumedBy: r._id });
  });

  it('a retried confirm returns the first receipt and charges nothing more; the used code is refused', async () => {
    const code = await codeOf(VILLAGER);
    const input = { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] };
    const first = await h.ok(CLERK, 'shop', 'redeem', input);
    const again = await expectNoWrite(() => h.ok(CLERK, 'shop', 'redeem', input));
    expect(again).toEqual(first);
    // Even a changed cart under the same requestId is the same confirm.
    expect(await expectNoWrite(() => h.ok(CLERK, 'shop', 'redeem', { ...input, lines: [{ goodsId: OIL, quantity: 3 }] }))).toEqual(first);
    const reuse = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { ...input, requestId: rid() }));
    expectRefused(reuse, 'CODE_USED', /已使用/);
    expectRefused(await h.call(CLERK, 'shop', 'scan', { code }), 'CODE_USED');
  });

  it.each(NOT_CLERKS)('%s is not a clerk: FORBIDDEN, nothing written, the code still works', async (who) => {
    const code = await codeOf(OTHER_HOUSEHOLD);
    const r = await expectNoWrite(() => h.call(who, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] }));
    expectRefused(r, 'FORBIDDEN', /店员/);
    expect((await h.call(CLERK, 'shop', 'scan', { code })).ok).toBe(true);
  });

  it('a stranger is NOT_REGISTERED; another village’s clerk cannot use the code', async () => {
    const code = await codeOf(OTHER_HOUSEHOLD);
    const input = { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] };
    expectRefused(await expectNoWrite(() => h.call(STRANGER, 'shop', 'redeem', input)), 'NOT_REGISTERED');
    expectRefused(await expectNoWrite(() => h.call(CLERK_OTHER_VILLAGE, 'shop', 'redeem', { ...input, lines: [{ goodsId: LX_SOAP, quantity: 1 }] })), 'CODE_INVALID', /不属于本村/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    let code = '';
    beforeAll(async () => {
      code = await codeOf(OTHER_HOUSEHOLD); // 120 points
    });
    const line = (goodsId: string, quantity: unknown) => [{ goodsId, quantity }];
    const cases: [string, () => Promise<Record<string, unknown>>, string, RegExp | null][] = [
      ['a forged code', async () => ({ code: '99999998', lines: line(SOAP, 1) }), 'CODE_INVALID', /兑换码无效/],
      ['a code of another village', async () => ({ code: await codeOf(VILLAGER_OTHER_VILLAGE), lines: line(SOAP, 1) }), 'CODE_INVALID', /不属于本村/],
      ['a code as a number', async () => ({ code: 12345678, lines: line(SOAP, 1) }), 'BAD_INPUT', /兑换码/],
      ['a household named in the body', async () => ({ code, householdId: HH, lines: line(SOAP, 1) }), 'BAD_INPUT', null],
      ['zero quantity', async () => ({ code, lines: line(SOAP, 0) }), 'BAD_INPUT', /数量必须是正整数/],
      ['negative quantity', async () => ({ code, lines: line(SOAP, -3) }), 'BAD_INPUT', /数量必须是正整数/],
      ['non-integer quantity', async () => ({ code, lines: line(SOAP, 1.5) }), 'BAD_INPUT', /数量必须是正整数/],
      ['quantity as text', async () => ({ code, lines: line(SOAP, '2') }), 'BAD_INPUT', /数量必须是正整数/],
      ['huge quantity', async () => ({ code, lines: line(SOAP, 1000) }), 'BAD_INPUT', /数量过大/],
      ['an empty cart', async () => ({ code, lines: [] }), 'BAD_INPUT', /请先选择/],
      ['the same goods twice', async () => ({ code, lines: [...line(SOAP, 1), ...line(SOAP, 2)] }), 'BAD_INPUT', /合并/],
      ['unknown goods', async () => ({ code, lines: line('goods_nope', 1) }), 'NOT_FOUND', /找不到该商品/],
      ['goods of another village', async () => ({ code, lines: line(LX_SOAP, 1) }), 'NOT_FOUND', /找不到该商品/],
      ['more than the stock', async () => ({ code, lines: line(SOAP, 999) }), 'OUT_OF_STOCK', /库存不足/],
      ['more than the points', async () => ({ code, lines: line(OIL, 3) }), 'INSUFFICIENT_POINTS', /可兑换积分不足：现有 120 分，需要 150 分/],
      ['a good line then a bad one', async () => ({ code, lines: [...line(SOAP, 1), ...line('goods_nope', 1)] }), 'NOT_FOUND', null],
      ['a bad requestId', async () => ({ requestId: '短', code, lines: line(SOAP, 1) }), 'BAD_INPUT', /请求编号/],
      ['no requestId', async () => ({ requestId: undefined, code, lines: line(SOAP, 1) }), 'BAD_INPUT', /请求编号/],
    ];
    it.each(cases)('%s', async (_name, make, errCode, message) => {
      const input: Record<string, unknown> = { requestId: rid(), ...(await make()) };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', input));
      expectRefused(r, errCode, message ?? undefined);
    });

    it('an expired code', async () => {
      try {
        h.advance(121_000);
        const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: line(SOAP, 1) }));
        expectRefused(r, 'CODE_EXPIRED', /已过期/);
      } finally {
        h.setNow(NOW);
      }
    });

    it('inactive goods', async () => {
      const g = await h.ok(ADMIN, 'shop', 'saveGoods', { name: '停售测试品', price: 3 });
      await h.ok(ADMIN, 'shop', 'stockIn', { requestId: rid(), goodsId: g._id, quantity: 5, costYuan: 10 });
      await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: g.name, price: 3, active: false });
      const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: line(g._id, 1) }));
      expectRefused(r, 'GOODS_INACTIVE', /已下架/);
      expect((await h.ok(VILLAGER, 'shop', 'goods', {})).items.some((x) => x._id === g._id)).toBe(false);
    });

    it('after all that, the code still works once', async () => {
      const before = await redeemable('h-qs-2-05');
      const r = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 2 }] });
      expect(r.balanceAfter).toBe(before - 10);
    });
  });

  describe('eligibility gates', () => {
    it('a household without redeemable points is NOT_ELIGIBLE, with the reason', async () => {
      const code = await codeOf(SUPERVISOR);
      const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] }));
      expectRefused(r, 'NOT_ELIGIBLE', /暂无可兑换积分/);
      if (!r.ok) expect(r.details).toMatchObject({ reasons: ['该户暂无可兑换积分'] });
    });

    it('a veto on the household bars redemption until its date (the veto issue sets it; the gate is here)', async () => {
      const hid = 'h-qs-3-04';
      const who = await member(hid);
      await h.db.collection(C.households).doc(hid).update({ vetoedUntil: '2027-01-01' });
      try {
        const code = await codeOf(who);
        const scan = await h.ok(CLERK, 'shop', 'scan', { code });
        expect(scan.eligibility.allowed).toBe(false);
        expect(scan.eligibility.reasons.join()).toMatch(/一票否决.*2027-01-01/);
        const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] }));
        expectRefused(r, 'NOT_ELIGIBLE', /一票否决/);
      } finally {
        await h.db.collection(C.households).doc(hid).update({ vetoedUntil: h.db.command.remove() });
      }
    });

    it('a failed base-score gate bars redemption', async () => {
      const hid = 'h-qs-3-05';
      const who = await member(hid);
      await h.db.collection(C.households).doc(hid).update({ baseScoreOk: false });
      try {
        const code = await codeOf(who);
        const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] }));
        expectRefused(r, 'NOT_ELIGIBLE', /基础评分/);
      } finally {
        await h.db.collection(C.households).doc(hid).update({ baseScoreOk: true });
      }
      const code = await codeOf(who);
      expect((await h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] })).ok).toBe(true);
    });

    it('with a policy of the last market day (逢三六九), 2026-11-20 is not a redemption day; 2026-11-29 is', async () => {
      const hid = 'h-qs-3-06';
      const who = await member(hid);
      await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'last_market_day', market: { pattern: '逢三六九' } } });
      try {
        const mine = await h.ok(who, 'shop', 'myCode', {});
        expect(mine.eligibility).toMatchObject({ allowed: false, nextDay: '2026-11-29' });
        const r = await expectNoWrite(() => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code: mine.code, lines: [{ goodsId: SOAP, quantity: 1 }] }));
        expectRefused(r, 'NOT_ELIGIBLE', /今天不是兑换日.*下次兑换日 2026-11-29/);
        h.setNow(Date.parse('2026-11-29T09:00:00+08:00'));
        const code = await codeOf(who);
        expect((await h.ok(CLERK, 'shop', 'scan', { code })).eligibility).toEqual({ allowed: true, reasons: [], nextDay: '2026-11-29' });
        expect((await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] })).total).toBe(5);
      } finally {
        h.setNow(NOW);
        await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } });
      }
    });
  });
});

describe('shop.receipts', () => {
  it('a household member sees their household’s receipts, newest first', async () => {
    const hid = 'h-qs-3-07';
    const who = await member(hid);
    try {
      const first = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code: await codeOf(who), lines: [{ goodsId: SOAP, quantity: 1 }] });
      h.advance(60_000);
      const second = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code: await codeOf(who), lines: [{ goodsId: TOWEL, quantity: 1 }] });
      const { items } = await h.ok(who, 'shop', 'receipts', {});
      expect(items.map((r) => r._id)).toEqual([second._id, first._id]);
    } finally {
      h.setNow(NOW);
    }
  });

  it.each([
    [VILLAGER, {}, (r: Receipt) => r.householdId === HH],
    [HEAD, { scope: 'household' }, (r: Receipt) => r.householdId === HH],
    [OTHER_HOUSEHOLD, {}, (r: Receipt) => r.householdId === 'h-qs-2-05'],
    [CLERK, {}, (r: Receipt) => r.clerkId === 'h-qs-2-19-m1'],
    [CLERK, { scope: 'issued' }, (r: Receipt) => r.clerkId === 'h-qs-2-19-m1'],
    [CLERK, { scope: 'household' }, (r: Receipt) => r.householdId === 'h-qs-2-19'],
    [ADMIN, {}, (r: Receipt) => r.villageId === 'v-qingshan'],
    [ADMIN, { scope: 'household' }, (r: Receipt) => r.householdId === 'h-qs-1-19'],
    [ADMIN_OTHER_VILLAGE, {}, (r: Receipt) => r.villageId === 'v-liuxi'],
    [CLERK_OTHER_VILLAGE, {}, (r: Receipt) => r.clerkId === 'h-lx-2-19-m1'],
    [REVIEWER, {}, (r: Receipt) => r.householdId === 'h-qs-1-11'],
  ] as const)('%s %j sees only their own scope', async (who, input, mine) => {
    const { items } = await h.ok(who, 'shop', 'receipts', { ...input });
    expect(items.every(mine)).toBe(true);
    const ats = items.map((r) => r.at);
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
  });

  it('the admin sees every receipt of the village; the clerk every one they issued', async () => {
    const all = await readAll<Receipt>(h.db, C.receipts);
    const village = await h.ok(ADMIN, 'shop', 'receipts', { limit: 100 });
    expect(village.items).toHaveLength(all.filter((r) => r.villageId === 'v-qingshan').length);
    const mine = await h.ok(VILLAGER, 'shop', 'receipts', { limit: 100 });
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    expect((await h.ok(CLERK, 'shop', 'receipts', { limit: 1 })).items).toHaveLength(1);
  });

  it.each([
    [TOWN, {}, 'FORBIDDEN'],
    [STRANGER, {}, 'NOT_REGISTERED'],
    [VILLAGER, { scope: 'village' }, 'FORBIDDEN'],
    [VILLAGER, { scope: 'issued' }, 'FORBIDDEN'],
    [CLERK, { scope: 'village' }, 'FORBIDDEN'],
    [VILLAGER, { scope: 'town' }, 'BAD_INPUT'],
    [VILLAGER, { limit: 101 }, 'BAD_INPUT'],
    [VILLAGER, { limit: 0 }, 'BAD_INPUT'],
  ])('%s %j is refused with %s', async (who, input, code) => {
    expectRefused(await h.call(who, 'shop', 'receipts', input), code);
  });
});

describe('shop.saveGoods', () => {
  it('the village admin creates goods with stock 0, then changes name, price, photo and active — never stock', async () => {
    const g = await h.ok(ADMIN, 'shop', 'saveGoods', { name: ' 香皂礼盒 ', price: 18 });
    expect(g).toMatchObject({ villageId: 'v-qingshan', townId: 'town-qinghe', name: '香皂礼盒', price: 18, stock: 0, unitCostFen: 0, photo: null, active: true, createdAt: NOW });
    await h.ok(ADMIN, 'shop', 'stockIn', { requestId: rid(), goodsId: g._id, quantity: 4, costYuan: 60 });
    const photo = await upload(h, JPEG, ADMIN);
    const u = await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '香皂礼盒（大）', price: 20, photo });
    expect(u).toMatchObject({ _id: g._id, name: '香皂礼盒（大）', price: 20, photo, active: true, stock: 4, unitCostFen: 1500 });
    const off = await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '香皂礼盒（大）', price: 20, active: false });
    expect(off).toMatchObject({ active: false, photo, stock: 4 });
    const on = await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '香皂礼盒（大）', price: 20, photo: null, active: true });
    expect(on).toMatchObject({ active: true, photo: null, photoUrl: null, stock: 4 });
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not manage goods: FORBIDDEN, nothing written', async (who) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'saveGoods', { name: '越权商品', price: 1 })), 'FORBIDDEN', /村两委/);
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'saveGoods', { goodsId: SOAP, name: '肥皂', price: 1 })), 'FORBIDDEN', /村两委/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, string | null, Record<string, unknown>, string, RegExp | null][] = [
      ['setting stock', ADMIN, { goodsId: SOAP, name: '肥皂', price: 5, stock: 1000 }, 'BAD_INPUT', null],
      ['setting the unit cost', ADMIN, { goodsId: SOAP, name: '肥皂', price: 5, unitCostFen: 1 }, 'BAD_INPUT', null],
      ['a name taken in the village', ADMIN, { name: '肥皂', price: 5 }, 'BAD_INPUT', /同名/],
      ['renaming onto a taken name', ADMIN, { goodsId: SOAP, name: '牙膏', price: 5 }, 'BAD_INPUT', /同名/],
      ['zero price', ADMIN, { name: '新品', price: 0 }, 'BAD_INPUT', /积分价格必须是正整数/],
      ['negative price', ADMIN, { name: '新品', price: -5 }, 'BAD_INPUT', /积分价格必须是正整数/],
      ['non-integer price', ADMIN, { name: '新品', price: 2.5 }, 'BAD_INPUT', /积分价格必须是正整数/],
      ['price as text', ADMIN, { name: '新品', price: '5' }, 'BAD_INPUT', /积分价格必须是正整数/],
      ['a blank name', ADMIN, { name: '  ', price: 5 }, 'BAD_INPUT', /商品名称/],
      ['a long name', ADMIN, { name: '长'.repeat(41), price: 5 }, 'BAD_INPUT', /40 字/],
      ['unknown goods', ADMIN, { goodsId: 'goods_nope', name: '新品', price: 5 }, 'NOT_FOUND', /找不到该商品/],
      ['another village’s goods', ADMIN_OTHER_VILLAGE, { goodsId: SOAP, name: '肥皂', price: 1 }, 'NOT_FOUND', /找不到该商品/],
      ['a stranger', STRANGER, { name: '新品', price: 5 }, 'NOT_REGISTERED', null],
    ];
    it.each(cases)('%s', async (_name, who, input, code, message) => {
      expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'saveGoods', input)), code, message ?? undefined);
    });
  });
});

describe('shop.stockIn (入库)', () => {
  it('adds stock at a weighted unit cost; the cost is a fund purchase; money out and stock value move together', async () => {
    const g0 = await goods(TOWEL);
    const t0 = await totals();
    const fund0 = await h.count(C.fundEntries);
    const r = await h.ok(ADMIN, 'shop', 'stockIn', { requestId: rid(), goodsId: TOWEL, quantity: 10, costYuan: 100, supplier: '镇供销社' });
    const stock = g0.stock + 10;
    const unit = Math.round((g0.stock * g0.unitCostFen + 10_000) / stock);
    expect(r.goods).toMatchObject({ stock, unitCostFen: unit });
    expect(r.move).toMatchObject({ kind: 'in', delta: 10, costFen: 10_000, stockAfter: stock, goodsName: '毛巾', actorId: 'h-qs-1-19-m1' });
    expect(await h.count(C.fundEntries)).toBe(fund0 + 1);
    const { entries } = await h.ok(ADMIN, 'fund', 'village', {});
    expect(entries.find((e) => e.sourceId === r.move._id)).toMatchObject({ kind: 'purchase', amountFen: 10_000, counterparty: '镇供销社' });
    const t1 = await totals();
    expect(t1.moneyOutFen).toBe(t0.moneyOutFen + 10_000);
    expect(t1.stockValueFen).toBe(t0.stockValueFen + stock * unit - g0.stock * g0.unitCostFen);
    expect(Math.abs(t1.stockValueFen - t0.stockValueFen - 10_000)).toBeLessThanOrEqual(stock);
  });

  it('the clerk may stock in too; free goods (cost 0) make no fund entry', async () => {
    const fund0 = await h.count(C.fundEntries);
    const r = await h.ok(CLERK, 'shop', 'stockIn', { requestId: rid(), goodsId: TOWEL, quantity: 2, costYuan: 0 });
    expect(r.move).toMatchObject({ kind: 'in', delta: 2, costFen: 0, actorId: 'h-qs-2-19-m1' });
    expect(await h.count(C.fundEntries)).toBe(fund0);
  });

  it('is idempotent on requestId', async () => {
    const input = { requestId: rid(), goodsId: TOWEL, quantity: 3, costYuan: 25.5 };
    const first = await h.ok(ADMIN, 'shop', 'stockIn', input);
    const again = await expectNoWrite(() => h.ok(ADMIN, 'shop', 'stockIn', input));
    expect(again).toEqual(first);
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, TOWN])('%s may not stock in: FORBIDDEN, nothing written', async (who) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'stockIn', { requestId: rid(), goodsId: TOWEL, quantity: 1, costYuan: 1 })), 'FORBIDDEN');
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, string | null, Record<string, unknown>, string, RegExp | null][] = [
      ['zero quantity', ADMIN, { quantity: 0 }, 'BAD_INPUT', /数量必须是正整数/],
      ['negative quantity', ADMIN, { quantity: -5 }, 'BAD_INPUT', /数量必须是正整数/],
      ['non-integer quantity', ADMIN, { quantity: 2.5 }, 'BAD_INPUT', /数量必须是正整数/],
      ['negative cost', ADMIN, { costYuan: -1 }, 'BAD_INPUT', /不能为负/],
      ['cost in tenths of fen', ADMIN, { costYuan: 1.234 }, 'BAD_INPUT', /两位小数/],
      ['cost as text', ADMIN, { costYuan: '10' }, 'BAD_INPUT', /金额/],
      ['unknown goods', ADMIN, { goodsId: 'goods_nope' }, 'NOT_FOUND', /找不到该商品/],
      ['another village’s clerk', CLERK_OTHER_VILLAGE, {}, 'NOT_FOUND', /找不到该商品/],
      ['another village’s admin', ADMIN_OTHER_VILLAGE, {}, 'NOT_FOUND', /找不到该商品/],
      ['a stranger', STRANGER, {}, 'NOT_REGISTERED', null],
    ];
    it.each(cases)('%s', async (_name, who, patch, code, message) => {
      const input = { requestId: rid(), goodsId: TOWEL, quantity: 1, costYuan: 10, ...patch };
      expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'stockIn', input)), code, message ?? undefined);
    });
  });
});

describe('shop.stockOut (报损出库)', () => {
  it('the village admin writes off a loss with a reason; stock and stock value drop; idempotent', async () => {
    const g0 = await goods(TOWEL);
    const t0 = await totals();
    const input = { requestId: rid(), goodsId: TOWEL, quantity: 2, reason: '受潮发霉' };
    const r = await h.ok(ADMIN, 'shop', 'stockOut', input);
    expect(r.goods.stock).toBe(g0.stock - 2);
    expect(r.move).toMatchObject({ kind: 'loss', delta: -2, reason: '受潮发霉', stockAfter: g0.stock - 2, costFen: null });
    expect((await totals()).stockValueFen).toBe(t0.stockValueFen - 2 * g0.unitCostFen);
    expect(await expectNoWrite(() => h.ok(ADMIN, 'shop', 'stockOut', input))).toEqual(r);
  });

  it('never below zero', async () => {
    const g = await goods(TOWEL);
    const r = await expectNoWrite(() => h.call(ADMIN, 'shop', 'stockOut', { requestId: rid(), goodsId: TOWEL, quantity: g.stock + 1, reason: '全部报损' }));
    expectRefused(r, 'OUT_OF_STOCK', new RegExp(`剩 ${g.stock} 件`));
    const all = await h.ok(ADMIN, 'shop', 'stockOut', { requestId: rid(), goodsId: TOWEL, quantity: g.stock, reason: '全部报损' });
    expect(all.goods.stock).toBe(0);
    await h.ok(ADMIN, 'shop', 'stockIn', { requestId: rid(), goodsId: TOWEL, quantity: 30, costYuan: 255 });
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not write off stock: FORBIDDEN, nothing written', async (who) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'stockOut', { requestId: rid(), goodsId: TOWEL, quantity: 1, reason: '报损' })), 'FORBIDDEN', /村两委/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, string | null, Record<string, unknown>, string, RegExp | null][] = [
      ['no reason', ADMIN, { reason: undefined }, 'BAD_INPUT', /报损原因/],
      ['a one-character reason', ADMIN, { reason: '坏' }, 'BAD_INPUT', /报损原因/],
      ['zero quantity', ADMIN, { quantity: 0 }, 'BAD_INPUT', /数量必须是正整数/],
      ['negative quantity', ADMIN, { quantity: -1 }, 'BAD_INPUT', /数量必须是正整数/],
      ['non-integer quantity', ADMIN, { quantity: 0.5 }, 'BAD_INPUT', /数量必须是正整数/],
      ['unknown goods', ADMIN, { goodsId: 'goods_nope' }, 'NOT_FOUND', /找不到该商品/],
      ['another village’s admin', ADMIN_OTHER_VILLAGE, {}, 'NOT_FOUND', /找不到该商品/],
      ['a stranger', STRANGER, {}, 'NOT_REGISTERED', null],
    ];
    it.each(cases)('%s', async (_name, who, patch, code, message) => {
      const input: Record<string, unknown> = { requestId: rid(), goodsId: TOWEL, quantity: 1, reason: '运输破损', ...patch };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'stockOut', input)), code, message ?? undefined);
    });
  });
});

describe('shop.stockMoves', () => {
  it.each([ADMIN, CLERK])('%s sees a goods’ moves, newest first; they sum to its stock', async (who) => {
    const { items } = await h.ok(who, 'shop', 'stockMoves', { goodsId: TOWEL });
    expect(items.length).toBeGreaterThan(3);
    expect(items.reduce((s, m) => s + m.delta, 0)).toBe((await goods(TOWEL)).stock);
    expect(items.every((m) => m.goodsId === TOWEL)).toBe(true);
  });

  it.each([
    [VILLAGER, TOWEL, 'FORBIDDEN'],
    [REVIEWER, TOWEL, 'FORBIDDEN'],
    [TOWN, TOWEL, 'FORBIDDEN'],
    [CLERK_OTHER_VILLAGE, TOWEL, 'NOT_FOUND'],
    [ADMIN, 'goods_nope', 'NOT_FOUND'],
    [STRANGER, TOWEL, 'NOT_REGISTERED'],
  ])('%s reading %s is refused with %s', async (who, goodsId, code) => {
    expectRefused(await h.call(who, 'shop', 'stockMoves', { goodsId }), code);
  });
});

describe('shop.getPolicy / setPolicy (兑换日)', () => {
  it.each([...QS_VILLAGERS, CLERK_OTHER_VILLAGE])('%s reads the village policy (the demo redeems any day)', async (who) => {
    expect(await h.ok(who, 'shop', 'getPolicy', {})).toEqual({ redemptionDay: { mode: 'any_day' }, description: '每天可兑换', codeTtlSeconds: 120 });
  });

  it.each([
    [TOWN, 'FORBIDDEN'],
    [STRANGER, 'NOT_REGISTERED'],
  ])('%s is refused getPolicy with %s', async (who, code) => {
    expectRefused(await h.call(who, 'shop', 'getPolicy', {}), code);
  });

  it('the village admin sets each kind of policy; other policy fields are kept; the other village is untouched', async () => {
    try {
      const monthly = await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'last_market_day', market: { pattern: '逢二五八' } } });
      expect(monthly.description).toBe('每月最后一个赶场天兑换（逢二五八）');
      const dates = await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'last_market_day', market: { dates: ['2026-11-20', '2026-12-24'] } } });
      expect(dates.description).toContain('指定赶场日（2 天）');
      expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).eligibility.allowed).toBe(true); // 11-20 is November's last listed date
      const quarterly = await h.ok(ADMIN, 'shop', 'setPolicy', {
        redemptionDay: { mode: 'every_n_months', market: { pattern: '逢三六九' }, everyMonths: 3, anchorMonth: '2026-12' },
      });
      expect(quarterly.description).toBe('每 3 个月的最后一个赶场天兑换（逢三六九，自 2026-12 起）');
      expect(await h.ok(REVIEWER, 'shop', 'getPolicy', {})).toEqual(quarterly);
      expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).eligibility).toMatchObject({ allowed: false, nextDay: '2026-12-29' });
      expect((await h.ok(CLERK_OTHER_VILLAGE, 'shop', 'getPolicy', {})).redemptionDay).toEqual({ mode: 'any_day' });
      const village = (await h.db.collection<{ _id: string; name: string; policy: Record<string, unknown> }>(C.villages).doc('v-qingshan').get()).data[0];
      expect(village).toMatchObject({ name: '青山村', policy: { redemptionDay: quarterly.redemptionDay } });
    } finally {
      await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } });
    }
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not set the policy: FORBIDDEN, nothing written', async (who) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } })), 'FORBIDDEN', /村两委/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, unknown, RegExp | null][] = [
      ['an unknown mode', { mode: 'weekly' }, null],
      ['a market pattern that is not 逢…', { mode: 'last_market_day', market: { pattern: '每月初一' } }, /逢三六九/],
      ['no market days', { mode: 'last_market_day', market: { dates: [] } }, /至少填写一个/],
      ['an impossible date', { mode: 'last_market_day', market: { dates: ['2026-02-30'] } }, /赶场日期/],
      ['a malformed date', { mode: 'last_market_day', market: { dates: ['2026/12/01'] } }, /YYYY-MM-DD/],
      ['every 13 months', { mode: 'every_n_months', market: { pattern: '逢三六九' }, everyMonths: 13, anchorMonth: '2026-01' }, /1–12/],
      ['every 0 months', { mode: 'every_n_months', market: { pattern: '逢三六九' }, everyMonths: 0, anchorMonth: '2026-01' }, /1–12/],
      ['an impossible anchor month', { mode: 'every_n_months', market: { pattern: '逢三六九' }, everyMonths: 2, anchorMonth: '2026-13' }, /起始月份/],
      ['extra fields', { mode: 'any_day', market: { pattern: '逢三六九' } }, null],
    ];
    it.each(cases)('%s', async (_name, redemptionDay, message) => {
      expectRefused(await expectNoWrite(() => h.call(ADMIN, 'shop', 'setPolicy', { redemptionDay })), 'BAD_INPUT', message ?? undefined);
    });
  });
});

describe('shop.saveGoods: the goods photo', () => {
  /** The signed, expiring URL the local file port serves a file id at. */
  const urlOf = (fileId: string) => expect.stringMatching(new RegExp(`^/api/files/${fileId.replace(/^local\//, '')}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`));
  const TOO_BIG = (() => {
    const b = new Uint8Array(2 * 1024 * 1024 + 1);
    b.set(JPEG.subarray(0, 4));
    return b;
  })();

  it('the admin creates goods with a photo, replaces it, keeps it, removes it; shop.goods shows its URL to villagers', async () => {
    const first = await upload(h, JPEG, ADMIN);
    const g = await h.ok(ADMIN, 'shop', 'saveGoods', { name: '竹扫帚', price: 6, photo: first });
    expect(g).toMatchObject({ name: '竹扫帚', photo: first, photoUrl: urlOf(first), stock: 0 });
    await h.ok(ADMIN, 'shop', 'stockIn', { requestId: rid(), goodsId: g._id, quantity: 3, costYuan: 12 });
    const second = await upload(h, JPEG, ADMIN);
    expect(await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '竹扫帚', price: 6, photo: second })).toMatchObject({ photo: second, photoUrl: urlOf(second) });
    // Saving again with the photo it has (or without the field) keeps it.
    expect(await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '竹扫帚', price: 7, photo: second })).toMatchObject({ price: 7, photo: second });
    expect(await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '竹扫帚', price: 7 })).toMatchObject({ photo: second, photoUrl: urlOf(second) });
    for (const who of [VILLAGER, CLERK, REVIEWER]) {
      const { items } = await h.ok(who, 'shop', 'goods', {});
      expect(items.find((x) => x._id === g._id)).toMatchObject({ photo: second, photoUrl: urlOf(second) });
      expect(items.filter((x) => x._id !== g._id).every((x) => x.photoUrl === null)).toBe(true);
    }
    // The URL serves the photo's bytes (the local server: GET /api/files/<id>).
    const served = await h.deps.files.facts(second);
    expect(served).toMatchObject({ mime: 'image/jpeg', size: JPEG.byteLength });
    const removed = await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: g._id, name: '竹扫帚', price: 7, photo: null });
    expect(removed).toMatchObject({ photo: null, photoUrl: null, stock: 3 });
    expect((await h.ok(VILLAGER, 'shop', 'goods', {})).items.find((x) => x._id === g._id)?.photoUrl).toBeNull();
  });

  const refusals: [string, () => Promise<string>, string, RegExp][] = [
    ['a file that is not an image', () => upload(h, PDF, ADMIN), 'PHOTO_NOT_IMAGE', /商品照片只能是图片/],
    ['an image over 2 MB', () => upload(h, TOO_BIG, ADMIN), 'PHOTO_TOO_LARGE', /商品照片不能超过 2MB/],
    ['an unknown local file', async () => `local/${'0'.repeat(32)}`, 'BAD_INPUT', /商品照片未上传成功/],
    ['an id that is no file of ours', async () => 'cloud://somewhere/else.jpg', 'BAD_INPUT', /商品照片未上传成功/],
    ['a path outside the store', async () => '../../etc/passwd', 'BAD_INPUT', /商品照片未上传成功/],
  ];
  it.each(refusals)('%s is refused with a clear message and nothing is written (new goods and existing goods)', async (_name, make, code, message) => {
    const photo = await make();
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'shop', 'saveGoods', { name: '带图新品', price: 5, photo })), code, message);
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'shop', 'saveGoods', { goodsId: SOAP, name: '肥皂', price: 5, photo })), code, message);
    expect((await goods(SOAP)).photo).toBeNull();
  });

  it.each([
    ['an empty id', ''],
    ['a number', 42],
    ['a very long id', 'x'.repeat(257)],
  ])('a photo field that is %s is BAD_INPUT, nothing written', async (_name, photo) => {
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'shop', 'saveGoods', { goodsId: SOAP, name: '肥皂', price: 5, photo })), 'BAD_INPUT', /商品照片格式不正确/);
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not set a goods photo: FORBIDDEN, nothing written', async (who) => {
    const photo = await upload(h, JPEG, who);
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'saveGoods', { goodsId: SOAP, name: '肥皂', price: 5, photo })), 'FORBIDDEN', /村两委/);
    expectRefused(await expectNoWrite(() => h.call(who, 'shop', 'saveGoods', { name: '越权带图', price: 5, photo })), 'FORBIDDEN', /村两委/);
  });

  it('the other village’s admin may not set a photo on this village’s goods: NOT_FOUND', async () => {
    const photo = await upload(h, JPEG, ADMIN_OTHER_VILLAGE);
    expectRefused(await expectNoWrite(() => h.call(ADMIN_OTHER_VILLAGE, 'shop', 'saveGoods', { goodsId: SOAP, name: '肥皂', price: 5, photo })), 'NOT_FOUND');
  });
});

describe('shop.codeStatus (the member’s page learns the clerk confirmed)', () => {
  const hid = 'h-qs-3-08';
  let who: string;
  let sameHousehold: string;
  beforeAll(async () => {
    who = await member(hid);
    sameHousehold = `test-${hid}-m2`;
    await h.db.collection(C.identities).doc(sameHousehold).set({ personId: `${hid}-m2`, boundAt: NOW });
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: hid, points: 60, reason: '兑换码状态测试' });
  });

  it('active while unused; used with the very receipt the clerk got, for every member of the household; reading writes nothing', async () => {
    const code = await codeOf(who);
    expect(await expectNoWrite(() => h.ok(who, 'shop', 'codeStatus', { code }))).toEqual({ state: 'active', receipt: null });
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 2 }] });
    for (const m of [who, sameHousehold]) {
      const status = await expectNoWrite(() => h.ok(m, 'shop', 'codeStatus', { code }));
      expect(status).toEqual({ state: 'used', receipt });
    }
    expect(receipt).toMatchObject({ householdId: hid, total: 10, lines: [{ goodsId: SOAP, quantity: 2, subtotal: 10 }] });
  });

  it('expired once its lifetime is over, if nobody used it', async () => {
    const code = await codeOf(who);
    try {
      h.advance(119_999);
      expect(await h.ok(who, 'shop', 'codeStatus', { code })).toEqual({ state: 'active', receipt: null });
      h.advance(1);
      expect(await h.ok(who, 'shop', 'codeStatus', { code })).toEqual({ state: 'expired', receipt: null });
    } finally {
      h.setNow(NOW);
    }
  });

  it('a used code stays used after its expiry', async () => {
    const code = await codeOf(who);
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity: 1 }] });
    try {
      h.advance(3_600_000);
      expect(await h.ok(who, 'shop', 'codeStatus', { code })).toEqual({ state: 'used', receipt });
    } finally {
      h.setNow(NOW);
    }
  });

  const refusals: [string, string | null, () => Promise<unknown>, string, RegExp | null][] = [
    ['another household’s member', OTHER_HOUSEHOLD, () => codeOf(who), 'NOT_FOUND', /找不到该兑换码/],
    ['the clerk (not of the household)', CLERK, () => codeOf(who), 'NOT_FOUND', /找不到该兑换码/],
    ['the village admin (not of the household)', ADMIN, () => codeOf(who), 'NOT_FOUND', /找不到该兑换码/],
    ['a grid worker of the village', WORKER_G1, () => codeOf(who), 'NOT_FOUND', null],
    ['another village’s member', VILLAGER_OTHER_VILLAGE, () => codeOf(who), 'NOT_FOUND', null],
    ['another village’s clerk', CLERK_OTHER_VILLAGE, () => codeOf(who), 'NOT_FOUND', null],
    ['a member asking about another household’s code', `test-${hid}`, () => codeOf(VILLAGER), 'NOT_FOUND', null],
    ['a code nobody was given', VILLAGER, async () => '99999998', 'NOT_FOUND', null],
    ['the town admin (no household)', TOWN, () => codeOf(who), 'FORBIDDEN', /不属于任何一户/],
    ['a stranger', STRANGER, () => codeOf(who), 'NOT_REGISTERED', null],
    ['nobody', null, () => codeOf(who), 'NOT_REGISTERED', null],
    ['a short code', VILLAGER, async () => '1234', 'BAD_INPUT', /8 位数字/],
    ['letters', VILLAGER, async () => 'abcdefgh', 'BAD_INPUT', /8 位数字/],
    ['a number instead of text', VILLAGER, async () => 12345678, 'BAD_INPUT', null],
    ['no code', VILLAGER, async () => undefined, 'BAD_INPUT', /兑换码/],
  ];
  it.each(refusals)('%s is refused, nothing written', async (_name, caller, make, code, message) => {
    const c = await make();
    const input = c === undefined ? {} : { code: c };
    expectRefused(await expectNoWrite(() => h.call(caller, 'shop', 'codeStatus', input)), code, message ?? undefined);
  });

  it('refuses extra fields (no household id can be slipped in)', async () => {
    const code = await codeOf(who);
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'shop', 'codeStatus', { code, householdId: hid }), 'BAD_INPUT');
  });
});

test('after everything: balances == Σ entries, stock == Σ moves, totals == their sums, nothing negative', async () => {
  expect(await ledgerViolations(h.db)).toEqual([]);
});

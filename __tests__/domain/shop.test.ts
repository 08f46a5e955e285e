import { redemptionEligibility, type EligibilityInput } from '@domain/shop/eligibility';
import { priceCart } from '@domain/shop/cart';
import { assertCodeUsable, codeFromRandom, CODE_PATTERN } from '@domain/shop/code';
import type { Goods, RedemptionCode } from '@domain/shop/types';
import { DomainError } from '@domain/shared/errors';
import { stockMove } from '@domain/shop/stockMove';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
}

describe('redemptionEligibility: every gate of SPEC §6–§7', () => {
  const clear: EligibilityInput = { today: '2026-11-20', redemptionDay: { mode: 'any_day' }, vetoedUntil: null, baseScoreOk: null, redeemable: 50 };

  it('all clear: allowed, no reasons', () => {
    expect(redemptionEligibility(clear)).toEqual({ allowed: true, reasons: [], nextDay: '2026-11-20' });
  });

  it('not a redemption day: says when the next one is', () => {
    const e = redemptionEligibility({ ...clear, redemptionDay: { mode: 'last_market_day', market: { pattern: '逢三六九' } } });
    expect(e).toEqual({ allowed: false, reasons: ['今天不是兑换日：每月最后一个赶场天兑换（逢三六九），下次兑换日 2026-11-29'], nextDay: '2026-11-29' });
    expect(redemptionEligibility({ ...clear, today: '2026-11-29', redemptionDay: { mode: 'last_market_day', market: { pattern: '逢三六九' } } }).allowed).toBe(true);
  });

  it('a veto bars redemption until its date (exclusive)', () => {
    expect(redemptionEligibility({ ...clear, vetoedUntil: '2027-01-01' })).toMatchObject({ allowed: false, reasons: ['该户因一票否决暂停兑换，至 2027-01-01 止'] });
    expect(redemptionEligibility({ ...clear, vetoedUntil: '2026-11-20' }).allowed).toBe(true);
    expect(redemptionEligibility({ ...clear, vetoedUntil: '2026-01-01' }).allowed).toBe(true);
  });

  it('the base-score gate bars only when it is in force and failed', () => {
    expect(redemptionEligibility({ ...clear, baseScoreOk: false }).reasons).toEqual(['该户基础评分未连续两个季度达到 85 分，暂不能兑换']);
    expect(redemptionEligibility({ ...clear, baseScoreOk: true }).allowed).toBe(true);
    expect(redemptionEligibility({ ...clear, baseScoreOk: null }).allowed).toBe(true);
  });

  it('no redeemable points: nothing to redeem', () => {
    expect(redemptionEligibility({ ...clear, redeemable: 0 }).reasons).toEqual(['该户暂无可兑换积分']);
  });

  it('every failed gate is listed', () => {
    const e = redemptionEligibility({ today: '2026-11-20', redemptionDay: { mode: 'last_market_day', market: { pattern: '逢三六九' } }, vetoedUntil: '2027-01-01', baseScoreOk: false, redeemable: 0 });
    expect(e.allowed).toBe(false);
    expect(e.reasons).toHaveLength(4);
  });
});

describe('priceCart', () => {
  const g = (id: string, over: Partial<Goods> = {}): Goods => ({
    _id: id,
    townId: 't',
    villageId: 'v1',
    name: id,
    price: 10,
    stock: 5,
    unitCostFen: 800,
    photo: null,
    active: true,
    createdAt: 0,
    updatedAt: 0,
    ...over,
  });
  const shelf = [g('soap', { name: '肥皂', price: 5 }), g('oil', { name: '食用油', price: 50, stock: 2 }), g('old', { active: false }), g('far', { villageId: 'v2' })];

  it('prices each line in the clerk’s order and sums the total', () => {
    expect(priceCart(shelf, [{ goodsId: 'oil', quantity: 2 }, { goodsId: 'soap', quantity: 3 }], 'v1')).toEqual({
      lines: [
        { goodsId: 'oil', name: '食用油', price: 50, quantity: 2, subtotal: 100 },
        { goodsId: 'soap', name: '肥皂', price: 5, quantity: 3, subtotal: 15 },
      ],
      total: 115,
    });
  });

  it.each([
    ['an empty cart', [], 'BAD_INPUT'],
    ['zero quantity', [{ goodsId: 'soap', quantity: 0 }], 'BAD_INPUT'],
    ['negative quantity', [{ goodsId: 'soap', quantity: -1 }], 'BAD_INPUT'],
    ['fractional quantity', [{ goodsId: 'soap', quantity: 1.5 }], 'BAD_INPUT'],
    ['the same goods twice', [{ goodsId: 'soap', quantity: 1 }, { goodsId: 'soap', quantity: 1 }], 'BAD_INPUT'],
    ['unknown goods', [{ goodsId: 'nope', quantity: 1 }], 'NOT_FOUND'],
    ['another village’s goods', [{ goodsId: 'far', quantity: 1 }], 'NOT_FOUND'],
    ['inactive goods', [{ goodsId: 'old', quantity: 1 }], 'GOODS_INACTIVE'],
    ['more than the stock', [{ goodsId: 'oil', quantity: 3 }], 'OUT_OF_STOCK'],
  ])('%s → %s', (_name, lines, code) => {
    expect(codeOf(() => priceCart(shelf, lines, 'v1'))).toBe(code);
  });
});

describe('redemption codes', () => {
  it('eight digits, leading zeros kept', () => {
    expect(codeFromRandom(0)).toBe('00000000');
    expect(codeFromRandom(0.00000123)).toBe('00000123');
    expect(codeFromRandom(0.999999999)).toBe('99999999');
    for (let i = 0; i < 100; i++) expect(codeFromRandom(Math.random())).toMatch(CODE_PATTERN);
  });

  const code: RedemptionCode = { _id: '12345678', townId: 't', villageId: 'v1', householdId: 'h1', issuedTo: 'p1', issuedAt: 1000, expiresAt: 121_000, consumedBy: null };

  it('is usable by a clerk of its village until it expires or is consumed', () => {
    expect(assertCodeUsable(code, 120_999, 'v1')).toBe(code);
    expect(codeOf(() => assertCodeUsable(code, 121_000, 'v1'))).toBe('CODE_EXPIRED');
    expect(codeOf(() => assertCodeUsable({ ...code, consumedBy: 'r1' }, 2000, 'v1'))).toBe('CODE_USED');
    expect(codeOf(() => assertCodeUsable({ ...code, consumedBy: 'r1' }, 999_999, 'v1'))).toBe('CODE_USED');
    expect(codeOf(() => assertCodeUsable(code, 2000, 'v2'))).toBe('CODE_INVALID');
    expect(codeOf(() => assertCodeUsable(null, 2000, 'v1'))).toBe('CODE_INVALID');
  });
});

describe('stockMove', () => {
  const g = { _id: 'g1', townId: 't', villageId: 'v', name: '肥皂', price: 5, stock: 3, unitCostFen: 300, photo: null, active: true, createdAt: 0, updatedAt: 0 };
  const base = { id: 'm1', costFen: null, reason: null, sourceId: null, actor: { _id: 'p1', name: '王芳' }, at: 1 };
  it('records the stock after the move and who made it', () => {
    expect(stockMove(g, { ...base, kind: 'in', delta: 2 })).toMatchObject({ goodsId: 'g1', goodsName: '肥皂', delta: 2, stockAfter: 5, actorName: '王芳' });
    expect(stockMove(g, { ...base, kind: 'redemption', delta: -3 }).stockAfter).toBe(0);
  });
  it('never goes below zero and never moves nothing', () => {
    expect(() => stockMove(g, { ...base, kind: 'loss', delta: -4 })).toThrow(expect.objectContaining({ code: 'OUT_OF_STOCK' }));
    expect(() => stockMove(g, { ...base, kind: 'in', delta: 0 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => stockMove(g, { ...base, kind: 'in', delta: 1.5 })).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });
});

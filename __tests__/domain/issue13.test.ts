/**
 * Issue 13's pure rules the pages ask: which items a deed form offers to each source (the same
 * rules the server's resolveItem enforces, over the whole seed-000 catalogue), a return's window
 * and what is left, the net total of a returned receipt, and putting units back into a shard.
 */
import type { CatalogueVersion } from '@domain/catalogue/types';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import { APPLICATION_SOURCES } from '@domain/points/application';
import { itemOpenTo, resolveItem } from '@domain/points/submitRules';
import { netTotal, planReturn, returnOpen } from '@domain/shop/returns';
import { putIntoShard } from '@domain/shop/stockShards';
import type { Receipt } from '@domain/shop/types';

const VERSION: CatalogueVersion = {
  _id: 'cat-1',
  villageId: 'v',
  version: 1,
  effectiveFrom: '2025-01-01',
  createdAt: 0,
  createdBy: 'a',
  categories: SEED_000_CATEGORIES,
};

describe('itemOpenTo: the deed form offers exactly what the server accepts', () => {
  it.each(APPLICATION_SOURCES.map((s) => [s]))('%s: every seed-000 item', (source) => {
    const mismatches: string[] = [];
    for (const category of SEED_000_CATEGORIES) {
      for (const item of category.items) {
        let accepted = true;
        try {
          resolveItem([VERSION], '2026-11-18', item.code, source);
        } catch {
          accepted = false;
        }
        if (itemOpenTo(category, item, source) !== accepted) mismatches.push(`${item.code}: form ${!accepted}, server ${accepted}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('each source gets something, the committee more than a villager, and unit items nobody', () => {
    const open = (s: (typeof APPLICATION_SOURCES)[number]) => SEED_000_CATEGORIES.flatMap((c) => c.items.filter((i) => itemOpenTo(c, i, s))).length;
    for (const s of APPLICATION_SOURCES) expect(open(s)).toBeGreaterThan(0);
    expect(open('committee_visit')).toBeGreaterThan(open('self'));
    const units = SEED_000_CATEGORIES.filter((c) => c.subject === 'unit');
    expect(units.length).toBeGreaterThan(0);
    for (const c of units) for (const i of c.items) for (const s of APPLICATION_SOURCES) expect(itemOpenTo(c, i, s)).toBe(false);
  });
});

describe('returns: window, what is left, net total', () => {
  const AT = Date.parse('2026-11-20T10:00:00+08:00');
  const DAY = 24 * 3600_000;
  const receipt: Receipt = {
    _id: 'rcp-1',
    townId: 't',
    villageId: 'v',
    householdId: 'h',
    householdLabel: '张*（1号）',
    code: '12345678',
    lines: [
      { goodsId: 'soap', name: '肥皂', price: 5, quantity: 2, subtotal: 10 },
      { goodsId: 'towel', name: '毛巾', price: 10, quantity: 1, subtotal: 10 },
    ],
    total: 20,
    clerkId: 'c',
    clerkName: '店员',
    at: AT,
    balanceAfter: 100,
  };
  const clerk = { _id: 'c', name: '店员' };

  it('open within the days and while something is left; closed after, or once all came back', () => {
    expect(returnOpen(receipt, AT + 7 * DAY - 1, 7)).toBe(true);
    expect(returnOpen(receipt, AT + 7 * DAY, 7)).toBe(false);
    const all = planReturn(receipt, { id: 'r1', lines: [{ goodsId: 'soap', quantity: 2 }, { goodsId: 'towel', quantity: 1 }], reason: '整单退', actor: clerk, at: AT + DAY }, 7);
    const back = { ...receipt, returns: [all] };
    expect(returnOpen(back, AT + DAY, 7)).toBe(false);
    expect(netTotal(back)).toBe(0);
  });

  it('net total drops by each return at the receipt prices; never more than sold', () => {
    const one = planReturn(receipt, { id: 'r1', lines: [{ goodsId: 'soap', quantity: 1 }], reason: '破损', actor: clerk, at: AT + DAY }, 7);
    const back = { ...receipt, returns: [one] };
    expect(one.total).toBe(5);
    expect(netTotal(back)).toBe(15);
    expect(returnOpen(back, AT + DAY, 7)).toBe(true);
    expect(() => planReturn(back, { id: 'r2', lines: [{ goodsId: 'soap', quantity: 2 }], reason: '再退', actor: clerk, at: AT + DAY }, 7)).toThrow(/最多还能退 1 件/);
  });
});

describe('putIntoShard', () => {
  it('adds the units to that shard only; refuses a non-positive or fractional quantity', () => {
    const shard = { _id: 'g~s03', goodsId: 'g', villageId: 'v', townId: 't', stock: 2, updatedAt: 0 };
    expect(putIntoShard(shard, 3)).toEqual({ ...shard, stock: 5 });
    expect(shard.stock).toBe(2);
    for (const q of [0, -1, 1.5]) expect(() => putIntoShard(shard, q)).toThrow();
  });
});

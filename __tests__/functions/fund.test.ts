import type { VillageTotals } from '@domain/fund/types';
import { ledgerViolations, villageTotals } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, CLERK_OTHER_VILLAGE, HEAD, LEADER_G1, REVIEWER, REVIEWER_OTHER_VILLAGE, STRANGER, SUPERVISOR, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectNoWriteIn, expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());


let seq = 0;
const rid = () => `fund-req-${++seq}-${Date.now().toString(36)}`;

const expectNoWrite = <T>(fn: () => Promise<T>): Promise<T> => expectNoWriteIn(h.db, fn);

async function totals(villageId = 'v-qingshan'): Promise<VillageTotals> {
  return (await villageTotals(h.db, villageId));
}

describe('the demo pool', () => {
  it('青山村 has a 乡贤 donation and a sponsor; its stock was bought from the pool', async () => {
    const { pool, entries } = await h.ok(ADMIN, 'fund', 'village', {});
    expect(entries.filter((e) => e.kind === 'donation')).toEqual([expect.objectContaining({ amountFen: 600_000, counterparty: expect.stringContaining('乡贤') })]);
    expect(entries.filter((e) => e.kind === 'sponsor')).toHaveLength(1);
    expect(entries.filter((e) => e.kind === 'purchase')).toHaveLength(9);
    expect(pool).toMatchObject({ villageId: 'v-qingshan', villageName: '青山村', moneyInFen: 900_000, warning: null });
    expect(pool.poolFen).toBe(pool.moneyInFen - pool.moneyOutFen);
    expect(pool.stockValueFen).toBe(pool.moneyOutFen); // nothing redeemed yet: every purchase is still on the shelf
    expect(pool.liabilityFen).toBe(pool.outstandingPoints * 100);
  });
});

describe('fund.record', () => {
  it.each([
    ['donation', 'moneyInFen'],
    ['sponsor', 'moneyInFen'],
    ['collective_income', 'moneyInFen'],
    ['other_out', 'moneyOutFen'],
  ] as const)('the village admin records %s: the entry and %s move together', async (kind, field) => {
    const t0 = await totals();
    const e = await h.ok(ADMIN, 'fund', 'record', { requestId: rid(), kind, amountYuan: 1234.56, counterparty: ' 乡贤 张德福 ', note: '修路结余' });
    expect(e).toMatchObject({ kind, amountFen: 123_456, counterparty: '乡贤 张德福', note: '修路结余', villageId: 'v-qingshan', townId: 'town-qinghe', actorId: 'h-qs-1-19-m1', at: NOW, sourceId: null });
    const t1 = await totals();
    expect(t1[field]).toBe(t0[field] + 123_456);
    const other = field === 'moneyInFen' ? 'moneyOutFen' : 'moneyInFen';
    expect(t1[other]).toBe(t0[other]);
  });

  it('is idempotent on requestId', async () => {
    const input = { requestId: rid(), kind: 'donation' as const, amountYuan: 500 };
    const first = await h.ok(ADMIN, 'fund', 'record', input);
    expect(first).toMatchObject({ counterparty: null, note: null });
    expect(await expectNoWrite(() => h.ok(ADMIN, 'fund', 'record', input))).toEqual(first);
    const many = await Promise.all([1, 2, 3].map(() => h.ok(ADMIN, 'fund', 'record', { ...input, requestId: 'same-fund-concurrent' })));
    expect(new Set(many.map((e) => e._id)).size).toBe(1);
  });

  it('the other village’s admin records into their own village', async () => {
    const t0 = await totals('v-liuxi');
    const e = await h.ok(ADMIN_OTHER_VILLAGE, 'fund', 'record', { requestId: rid(), kind: 'sponsor', amountYuan: 100 });
    expect(e.villageId).toBe('v-liuxi');
    expect((await totals('v-liuxi')).moneyInFen).toBe(t0.moneyInFen + 10_000);
  });

  it.each([VILLAGER, HEAD, WORKER_G1, LEADER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE])('%s may not record: FORBIDDEN, nothing written', async (who) => {
    const r = await expectNoWrite(() => h.call(who, 'fund', 'record', { requestId: rid(), kind: 'donation', amountYuan: 100 }));
    expectRefused(r, 'FORBIDDEN', /村两委/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, string | null, Record<string, unknown>, string, RegExp | null][] = [
      ['zero amount', ADMIN, { amountYuan: 0 }, 'BAD_INPUT', /大于 0/],
      ['negative amount', ADMIN, { amountYuan: -100 }, 'BAD_INPUT', /大于 0/],
      ['amount in tenths of fen', ADMIN, { amountYuan: 10.005 }, 'BAD_INPUT', /两位小数/],
      ['amount as text', ADMIN, { amountYuan: '100' }, 'BAD_INPUT', /金额/],
      ['too much', ADMIN, { amountYuan: 10_000_001 }, 'BAD_INPUT', /金额过大/],
      ['a purchase (they come from stock-in)', ADMIN, { kind: 'purchase' }, 'BAD_INPUT', /类别/],
      ['an unknown kind', ADMIN, { kind: 'cash_out' }, 'BAD_INPUT', /类别/],
      ['a long note', ADMIN, { note: '注'.repeat(201) }, 'BAD_INPUT', null],
      // The town admin names a village of the town (issue 13); a village admin naming another is refused.
      ['another village named in the body', ADMIN, { villageId: 'v-liuxi' }, 'NOT_FOUND', null],
      ['the town admin naming no village', TOWN, {}, 'NOT_FOUND', null],
      ['a bad requestId', ADMIN, { requestId: 'x' }, 'BAD_INPUT', /请求编号/],
      ['a stranger', STRANGER, {}, 'NOT_REGISTERED', null],
      ['nobody', null, {}, 'NOT_REGISTERED', null],
    ];
    it.each(cases)('%s', async (_name, who, patch, code, message) => {
      const input = { requestId: rid(), kind: 'donation', amountYuan: 100, ...patch };
      expectRefused(await expectNoWrite(() => h.call(who, 'fund', 'record', input)), code, message ?? undefined);
    });
  });
});

describe('fund.village', () => {
  it.each([ADMIN, REVIEWER, SUPERVISOR])('%s sees the village pool and its entries, newest first', async (who) => {
    const { pool, entries } = await h.ok(who, 'fund', 'village', {});
    expect(pool.villageId).toBe('v-qingshan');
    expect(entries.every((e) => e.villageId === 'v-qingshan')).toBe(true);
    const t = await totals();
    expect(pool).toMatchObject({ moneyInFen: t.moneyInFen, moneyOutFen: t.moneyOutFen, stockValueFen: t.stockValueFen, outstandingPoints: t.outstandingPoints });
  });

  it('each village sees its own', async () => {
    for (const who of [ADMIN_OTHER_VILLAGE, REVIEWER_OTHER_VILLAGE]) {
      const { pool, entries } = await h.ok(who, 'fund', 'village', {});
      expect(pool.villageId).toBe('v-liuxi');
      expect(entries.every((e) => e.villageId === 'v-liuxi')).toBe(true);
    }
  });

  it.each([
    [VILLAGER, 'FORBIDDEN'],
    [HEAD, 'FORBIDDEN'],
    [WORKER_G1, 'FORBIDDEN'],
    [CLERK, 'FORBIDDEN'],
    [CLERK_OTHER_VILLAGE, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
    [STRANGER, 'NOT_REGISTERED'],
  ])('%s is refused with %s', async (who, code) => {
    expectRefused(await h.call(who, 'fund', 'village', {}), code);
  });
});

describe('fund.town', () => {
  it('the town admin sees every village’s pool and the sum; 柳溪村 owes more points than its pool and stock cover', async () => {
    const { villages, total } = await h.ok(TOWN, 'fund', 'town', {});
    expect(villages.map((v) => v.villageName).sort()).toEqual(['柳溪村', '青山村']);
    const lx = villages.find((v) => v.villageId === 'v-liuxi');
    expect(lx?.warning).toMatch(/未兑换积分折合 .* 元，超过基金池与库存合计/);
    expect(lx && lx.liabilityFen > lx.poolFen + lx.stockValueFen).toBe(true);
    expect(villages.find((v) => v.villageId === 'v-qingshan')?.warning).toBeNull();
    for (const f of ['moneyInFen', 'moneyOutFen', 'poolFen', 'stockValueFen', 'liabilityFen', 'outstandingPoints'] as const) {
      expect(total[f]).toBe(villages.reduce((s, v) => s + v[f], 0));
    }
    expect(total.warning === null).toBe(total.liabilityFen <= total.poolFen + total.stockValueFen);
  });

  it('the warning follows the figures: granting points past the cover raises it for the town', async () => {
    const { total } = await h.ok(TOWN, 'fund', 'town', {});
    const room = Math.floor((total.poolFen + total.stockValueFen - total.liabilityFen) / 100);
    expect(room).toBeGreaterThan(0);
    for (let left = room + 1, i = 0; left > 0; i++) {
      const points = Math.min(10_000, left);
      await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: `h-qs-3-${String(11 + (i % 8)).padStart(2, '0')}`, points, reason: '测试：超额发放' });
      left -= points;
    }
    const after = await h.ok(TOWN, 'fund', 'town', {});
    expect(after.total.warning).toMatch(/超过基金池与库存合计/);
  });

  it.each([VILLAGER, HEAD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, CLERK, CLERK_OTHER_VILLAGE])('%s is refused: FORBIDDEN', async (who) => {
    expectRefused(await h.call(who, 'fund', 'town', {}), 'FORBIDDEN', /镇管理员/);
  });

  it('a stranger is NOT_REGISTERED; extra input is BAD_INPUT', async () => {
    expectRefused(await h.call(STRANGER, 'fund', 'town', {}), 'NOT_REGISTERED');
    expectRefused(await h.call(TOWN, 'fund', 'town', { townId: 'town-qinghe' }), 'BAD_INPUT');
  });
});

test('after everything: the totals equal the sums of what they summarise', async () => {
  expect(await ledgerViolations(h.db)).toEqual([]);
});

/**
 * Issue 13 part 5: rules a village chooses are enforced — the annual base (seed 000) is posted
 * once a year to each household without a veto; the town admin records fund entries for any
 * village of the town, the village admin for its own. (The negative-list → veto path is in
 * sources.test.ts.)
 */
import { C } from '@backend/repos/collections';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import type { LedgerEntry } from '@domain/ledger/types';
import { openHarness, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, REVIEWER, SUPERVISOR, TOWN, VILLAGER } from '../support/people';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const baseOf = async (householdId: string, year: number) =>
  (await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ _id: `ab-${year}-${householdId}` }).get()).data;

describe('年度基础分 (jobs.annualBase)', () => {
  it('does nothing while the village keeps the quarterly base score', async () => {
    const r = await h.ok(ADMIN, 'jobs', 'annualBase', {});
    expect(r.results).toEqual([expect.objectContaining({ villageId: 'v-qingshan', applies: false, posted: 0 })]);
    expect(await baseOf('h-qs-1-03', 2026)).toHaveLength(0);
  });

  it('with annual_base: every household without a veto bar gets the base once; a second run posts nothing', async () => {
    const rules = await h.ok(ADMIN, 'catalogue', 'getRules', {});
    await h.ok(ADMIN, 'catalogue', 'setRules', { baseScore: { ...rules.baseScore, mode: 'annual_base', annualBase: 100 } });
    // 一组4号 is barred by a veto into the year: no base
    await h.db.collection(C.households).doc('h-qs-1-04').update({ vetoedUntil: '2026-06-01' });
    const before = (await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-1-03' })).redeemable;
    const first = await h.ok(ADMIN, 'jobs', 'annualBase', { year: 2026 });
    expect(first.results[0]).toMatchObject({ applies: true, barred: 1 });
    expect(first.results[0].posted).toBeGreaterThan(50);
    expect((await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-1-03' })).redeemable).toBe(before + 100);
    expect(await baseOf('h-qs-1-03', 2026)).toEqual([expect.objectContaining({ kind: 'base_score', bucket: 'redeemable', delta: 100 })]);
    expect(await baseOf('h-qs-1-04', 2026)).toHaveLength(0);
    const entries = await h.count(C.ledgerEntries);
    const again = await Promise.all([h.ok(ADMIN, 'jobs', 'annualBase', {}), h.ok(TOWN, 'jobs', 'annualBase', { villageId: 'v-qingshan' })]);
    expect(again.map((a) => a.results[0].posted)).toEqual([0, 0]);
    expect(await h.count(C.ledgerEntries)).toBe(entries);
  });

  it('the 1 January timer posts the new year\'s base after the year end', async () => {
    h.setNow(Date.parse('2027-01-01T00:05:00+08:00'));
    try {
      await runScheduledYearEnd(h.deps);
      expect(await baseOf('h-qs-1-03', 2027)).toHaveLength(1);
      expect(await baseOf('h-qs-1-04', 2027)).toHaveLength(1);
      // 柳溪村 keeps the quarterly base score
      expect(await baseOf('h-lx-1-03', 2027)).toHaveLength(0);
    } finally {
      h.setNow(Date.parse('2026-11-20T10:00:00+08:00'));
    }
  });

  it.each([
    [VILLAGER, {}, 'FORBIDDEN'],
    [REVIEWER, {}, 'FORBIDDEN'],
    [CLERK, {}, 'FORBIDDEN'],
    [ADMIN_OTHER_VILLAGE, { villageId: 'v-qingshan' }, 'NOT_FOUND'],
    [ADMIN, { year: 2025 }, 'BAD_INPUT'],
    [ADMIN, { year: 'x' }, 'BAD_INPUT'],
    [null, {}, 'NOT_REGISTERED'],
  ])('%s %j is refused (%s) and nothing is posted', async (who, input, code) => {
    const before = await h.count(C.ledgerEntries);
    expectRefused(await h.call(who, 'jobs', 'annualBase', input), code);
    expect(await h.count(C.ledgerEntries)).toBe(before);
  });
});

describe('fund.record: the town records for any village of the town', () => {
  const rid = () => `fund-${Math.random().toString(36).slice(2, 10)}`;
  it('the town admin records a 乡贤 donation for 柳溪村; the village pool shows it', async () => {
    const e = await h.ok(TOWN, 'fund', 'record', { requestId: rid(), kind: 'donation', amountYuan: 5000, counterparty: '乡贤王某', villageId: 'v-liuxi' });
    expect(e).toMatchObject({ villageId: 'v-liuxi', kind: 'donation', amountFen: 500000 });
    const pool = await h.ok(ADMIN_OTHER_VILLAGE, 'fund', 'village', {});
    expect(pool.entries.map((x) => x._id)).toContain(e._id);
  });

  it('the village admin records for their own village (named or not)', async () => {
    expect((await h.ok(ADMIN, 'fund', 'record', { requestId: rid(), kind: 'sponsor', amountYuan: 100 })).villageId).toBe('v-qingshan');
    expect((await h.ok(ADMIN, 'fund', 'record', { requestId: rid(), kind: 'sponsor', amountYuan: 100, villageId: 'v-qingshan' })).villageId).toBe('v-qingshan');
  });

  it.each([
    [ADMIN, { villageId: 'v-liuxi' }, 'NOT_FOUND'],
    [TOWN, { villageId: 'v-nowhere' }, 'NOT_FOUND'],
    [TOWN, {}, 'NOT_FOUND'],
    [SUPERVISOR, {}, 'FORBIDDEN'],
    [VILLAGER, { villageId: 'v-qingshan' }, 'FORBIDDEN'],
    [TOWN, { villageId: 'v-liuxi', amountYuan: -1 }, 'BAD_INPUT'],
  ])('%s %j is refused (%s) and nothing is written', async (who, extra, code) => {
    const before = await h.count(C.fundEntries);
    expectRefused(await h.call(who, 'fund', 'record', { requestId: rid(), kind: 'donation', amountYuan: 10, ...extra }), code);
    expect(await h.count(C.fundEntries)).toBe(before);
  });
});

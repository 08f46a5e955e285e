import { activityOf, addPeriods, keysOfPeriod, type PeriodTable } from '@domain/dashboard/activity';
import { participationOf, townTotal, barPercent, type DashboardRow } from '@domain/dashboard/view';
import type { LedgerEntry } from '@domain/ledger/types';

const at = (iso: string) => Date.parse(`${iso}T10:00:00+08:00`);
type E = Pick<LedgerEntry, 'kind' | 'delta' | 'period' | 'at'>;

/** Posts entries of one household in order, as postToLedger does, summing the counters. */
function run(entries: { e: E; spent?: number }[], start: string[] = []): { marks: string[]; table: PeriodTable } {
  let marks = start;
  const table: PeriodTable = {};
  for (const { e, spent } of entries) {
    const a = activityOf(marks, e, spent ?? 0);
    marks = a.marks;
    addPeriods(table, a.periods);
  }
  return { marks, table };
}

describe('dashboard counters', () => {
  it('keys a month into its quarter and year', () => {
    expect(keysOfPeriod('2026-11')).toEqual(['2026-11', '2026-Q4', '2026']);
    expect(keysOfPeriod('2026-Q2')).toEqual(['2026-Q2', '2026']);
    expect(keysOfPeriod('nonsense')).toEqual([]);
  });

  it('counts a household once a period however many months it is approved or redeems in', () => {
    const { table, marks } = run([
      { e: { kind: 'application', delta: 10, period: '2026-10', at: at('2026-11-05') } },
      { e: { kind: 'application', delta: 5, period: '2026-11', at: at('2026-12-05') } },
      { e: { kind: 'redemption', delta: -3, at: at('2026-12-06') }, spent: 3 },
      { e: { kind: 'redemption', delta: -2, at: at('2026-12-20') }, spent: 2 },
    ]);
    expect(table['2026-Q4']).toEqual({ issued: 15, redeemed: 5, approvedHouseholds: 1, redeemingHouseholds: 1 });
    expect(table['2026-10']).toMatchObject({ issued: 10, approvedHouseholds: 1, redeemed: 0 });
    expect(table['2026-12']).toMatchObject({ issued: 0, redeemed: 5, redeemingHouseholds: 1, approvedHouseholds: 0 });
    expect(marks).toEqual(expect.arrayContaining(['a2026', 'a2026-Q4', 'r2026-12']));
  });

  it('a deduction (negative month result) is issued but not participation; a return lowers redeemed only', () => {
    const { table } = run([
      { e: { kind: 'application', delta: -4, period: '2026-03', at: at('2026-04-03') } },
      { e: { kind: 'redemption', delta: -6, at: at('2026-04-10') }, spent: 6 },
      { e: { kind: 'reversal', delta: 6, at: at('2026-04-11') }, spent: -6 },
    ]);
    expect(table['2026-03']).toMatchObject({ issued: -4, approvedHouseholds: 0 });
    expect(table['2026-04']).toMatchObject({ redeemed: 0, redeemingHouseholds: 1 });
  });

  it('all vetoed: approved households stay counted, none redeems — the village is flagged below the target', () => {
    const { table } = run([
      { e: { kind: 'application', delta: 8, period: '2026-05', at: at('2026-06-02') } },
      { e: { kind: 'veto', delta: -8, at: at('2026-06-10') } },
    ]);
    expect(table['2026-Q2']).toMatchObject({ issued: 8, approvedHouseholds: 1, redeemingHouseholds: 0 });
    expect(participationOf(1, table['2026-Q2'].redeemingHouseholds)).toEqual({ percent: 0, belowTarget: true });
  });

  it('participation with no households is not a percentage and is not flagged', () => {
    expect(participationOf(0, 0)).toEqual({ percent: null, belowTarget: false });
    expect(participationOf(10, 3)).toEqual({ percent: 30, belowTarget: false });
    expect(participationOf(10, 2)).toEqual({ percent: 20, belowTarget: true });
  });

  it('drops marks older than the previous year', () => {
    const { marks } = run([{ e: { kind: 'redemption', delta: -1, at: at('2026-02-01') }, spent: 1 }], ['r2024', 'r2024-Q4', 'a2025-12']);
    expect(marks).not.toContain('r2024');
    expect(marks).toContain('a2025-12');
  });

  it('the town line sums villages and recomputes the percentages; bars scale to the longest', () => {
    const row = (households: number, redeemingHouseholds: number) => ({ households, redeemingHouseholds, approvedHouseholds: 0, boundHouseholds: 0, issued: 1, redeemed: 1, pending: 0, redeemable: 0, poolFen: 0, stockValueFen: 0, liabilityFen: 0, fundWarning: null, lateMonths: 0, eventsOpen: 0, eventsOverdue: 0 }) as unknown as DashboardRow;
    const t = townTotal([row(0, 0), row(10, 5)]);
    expect(t).toMatchObject({ households: 10, issued: 2, participation: { percent: 50, belowTarget: false } });
    expect(barPercent(5, 10)).toBe(50);
    expect(barPercent(0, 0)).toBe(0);
    expect(barPercent(1, 1000)).toBe(1);
  });
});

import {
  DEFAULT_REDEMPTION_DAY,
  describeRedemptionDay,
  isRedemptionDay,
  lastMarketDay,
  nextRedemptionDay,
  parseMarketPattern,
  validateRedemptionDayPolicy,
  type RedemptionDayPolicy,
} from '@domain/shop/redemptionDay';
import { DomainError } from '@domain/shared/errors';

const SAN_LIU_JIU = { pattern: '逢三六九' };
const monthly: RedemptionDayPolicy = { mode: 'last_market_day', market: SAN_LIU_JIU };

describe('market-day patterns (赶场天)', () => {
  it.each([
    ['逢三六九', [3, 6, 9]],
    ['逢一四七', [1, 4, 7]],
    ['逢二五八十', [0, 2, 5, 8]],
    ['逢五十', [0, 5]],
    [' 逢九三六三 ', [3, 6, 9]],
  ])('%s → last digits %j', (pattern, digits) => {
    expect(parseMarketPattern(pattern)).toEqual(digits);
  });

  it.each(['每月初一', '逢', '三六九', '逢3 6 9', ''])('%j is refused with a Chinese hint', (pattern) => {
    expect(() => parseMarketPattern(pattern)).toThrow(DomainError);
    expect(() => parseMarketPattern(pattern)).toThrow(/逢三六九/);
  });
});

describe('the last market day of a month', () => {
  it.each([
    // 逢三六九: the 29th, except February (26th; the 29th in a leap year).
    ['2026-02', SAN_LIU_JIU, '2026-02-26'],
    ['2028-02', SAN_LIU_JIU, '2028-02-29'],
    ['2026-11', SAN_LIU_JIU, '2026-11-29'], // 30 days
    ['2026-12', SAN_LIU_JIU, '2026-12-29'], // 31 days
    // 逢一四七: the 31st of a 31-day month, else the 27th.
    ['2026-12', { pattern: '逢一四七' }, '2026-12-31'],
    ['2026-11', { pattern: '逢一四七' }, '2026-11-27'],
    ['2026-02', { pattern: '逢一四七' }, '2026-02-27'],
    // 逢二五八十: 十 is the 10th, 20th, 30th.
    ['2026-11', { pattern: '逢二五八十' }, '2026-11-30'],
    ['2026-12', { pattern: '逢二五八十' }, '2026-12-30'],
    ['2026-02', { pattern: '逢二五八十' }, '2026-02-28'],
    ['2026-02', { pattern: '逢五十' }, '2026-02-25'],
    ['2026-01', { pattern: '逢十' }, '2026-01-30'],
  ])('%s with %j → %s', (month, market, day) => {
    expect(lastMarketDay(month, market)).toBe(day);
  });

  it('explicit dates: the latest listed date in the month, whatever the order; null when none', () => {
    const market = { dates: ['2026-12-01', '2026-11-17', '2026-11-03'] };
    expect(lastMarketDay('2026-11', market)).toBe('2026-11-17');
    expect(lastMarketDay('2026-12', market)).toBe('2026-12-01');
    expect(lastMarketDay('2027-01', market)).toBeNull();
  });
});

describe('isRedemptionDay', () => {
  it('any_day: every day', () => {
    for (const d of ['2026-01-01', '2026-02-28', '2026-11-20']) expect(isRedemptionDay(d, { mode: 'any_day' })).toBe(true);
  });

  it('last_market_day: only the month’s last market day', () => {
    expect(isRedemptionDay('2026-11-29', monthly)).toBe(true);
    expect(isRedemptionDay('2026-11-26', monthly)).toBe(false);
    expect(isRedemptionDay('2026-11-30', monthly)).toBe(false);
    expect(isRedemptionDay('2026-02-26', monthly)).toBe(true);
    expect(isRedemptionDay('2026-02-29', monthly)).toBe(false);
  });

  it('every_n_months: the last market day of every Nth month from the anchor month, none before it', () => {
    const bimonthly: RedemptionDayPolicy = { mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 2, anchorMonth: '2026-01' };
    expect(isRedemptionDay('2026-01-29', bimonthly)).toBe(true);
    expect(isRedemptionDay('2026-02-26', bimonthly)).toBe(false);
    expect(isRedemptionDay('2026-03-29', bimonthly)).toBe(true);
    expect(isRedemptionDay('2027-01-29', bimonthly)).toBe(true); // 12 months on
    expect(isRedemptionDay('2026-03-26', bimonthly)).toBe(false); // right month, wrong day
    expect(isRedemptionDay('2025-11-29', bimonthly)).toBe(false); // before the anchor
    const quarterly: RedemptionDayPolicy = { mode: 'every_n_months', market: { dates: ['2026-03-15', '2026-06-10', '2026-05-20'] }, everyMonths: 3, anchorMonth: '2026-03' };
    expect(isRedemptionDay('2026-03-15', quarterly)).toBe(true);
    expect(isRedemptionDay('2026-05-20', quarterly)).toBe(false);
    expect(isRedemptionDay('2026-06-10', quarterly)).toBe(true);
  });
});

describe('nextRedemptionDay', () => {
  it.each([
    ['2026-11-20', monthly, '2026-11-29'],
    ['2026-11-29', monthly, '2026-11-29'],
    ['2026-11-30', monthly, '2026-12-29'],
    ['2026-12-30', monthly, '2027-01-29'],
    ['2026-02-27', monthly, '2026-03-29'],
    ['2026-11-20', { mode: 'any_day' } as RedemptionDayPolicy, '2026-11-20'],
    ['2026-02-01', { mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 2, anchorMonth: '2026-01' } as RedemptionDayPolicy, '2026-03-29'],
    ['2026-11-20', { mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 3, anchorMonth: '2027-03' } as RedemptionDayPolicy, '2027-03-29'],
    ['2026-11-20', { mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 12, anchorMonth: '2026-01' } as RedemptionDayPolicy, '2027-01-29'],
    ['2026-11-18', { mode: 'last_market_day', market: { dates: ['2026-11-17', '2026-12-08'] } } as RedemptionDayPolicy, '2026-12-08'],
  ])('from %s under %j → %s', (from, policy, next) => {
    expect(nextRedemptionDay(from, policy)).toBe(next);
  });

  it('is null when no listed date lies ahead', () => {
    expect(nextRedemptionDay('2027-01-01', { mode: 'last_market_day', market: { dates: ['2026-11-17'] } })).toBeNull();
  });

  it('is always a redemption day on or after the start', () => {
    const policies: RedemptionDayPolicy[] = [
      monthly,
      { mode: 'last_market_day', market: { pattern: '逢一四七' } },
      { mode: 'every_n_months', market: { pattern: '逢二五八十' }, everyMonths: 4, anchorMonth: '2026-02' },
    ];
    for (const p of policies) {
      for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2028, 0, 1); t += 9 * 86_400_000) {
        const from = new Date(t).toISOString().slice(0, 10);
        const next = nextRedemptionDay(from, p);
        expect(next).not.toBeNull();
        expect(next! >= from).toBe(true);
        expect(isRedemptionDay(next!, p)).toBe(true);
      }
    }
  });
});

describe('validateRedemptionDayPolicy', () => {
  it.each<RedemptionDayPolicy>([
    { mode: 'any_day' },
    DEFAULT_REDEMPTION_DAY,
    { mode: 'last_market_day', market: { dates: ['2026-02-28'] } },
    { mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 12, anchorMonth: '2026-12' },
  ])('accepts %j', (p) => {
    expect(() => validateRedemptionDayPolicy(p)).not.toThrow();
  });

  it.each<[RedemptionDayPolicy, RegExp]>([
    [{ mode: 'last_market_day', market: { pattern: '每月' } }, /逢三六九/],
    [{ mode: 'last_market_day', market: { dates: [] } }, /赶场日期/],
    [{ mode: 'last_market_day', market: { dates: ['2026-02-30'] } }, /赶场日期/],
    [{ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 0, anchorMonth: '2026-01' }, /1–12/],
    [{ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 13, anchorMonth: '2026-01' }, /1–12/],
    [{ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 1.5, anchorMonth: '2026-01' }, /1–12/],
    [{ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 2, anchorMonth: '2026-13' }, /起始月份/],
    [{ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 2, anchorMonth: '26-01' }, /起始月份/],
  ])('refuses %j', (p, message) => {
    expect(() => validateRedemptionDayPolicy(p)).toThrow(message);
    try {
      validateRedemptionDayPolicy(p);
    } catch (e) {
      expect((e as DomainError).code).toBe('BAD_INPUT');
    }
  });
});

test('describeRedemptionDay says the policy in Chinese', () => {
  expect(describeRedemptionDay({ mode: 'any_day' })).toBe('每天可兑换');
  expect(describeRedemptionDay(monthly)).toBe('每月最后一个赶场天兑换（逢三六九）');
  expect(describeRedemptionDay({ mode: 'last_market_day', market: { dates: ['2026-11-17', '2026-12-08'] } })).toBe('每月最后一个赶场天兑换（指定赶场日（2 天））');
  expect(describeRedemptionDay({ mode: 'every_n_months', market: SAN_LIU_JIU, everyMonths: 3, anchorMonth: '2026-03' })).toBe('每 3 个月的最后一个赶场天兑换（逢三六九，自 2026-03 起）');
});

import { DomainError } from '../shared/errors';
import { isIsoDate, monthIndex, type IsoDate } from '../shared/time';

/**
 * When a village's shop redeems [003]: once a month on the last market day (赶场天),
 * or every N months (on that month's last market day), or any day.
 */
export type RedemptionDayPolicy =
  | { mode: 'any_day' }
  | { mode: 'last_market_day'; market: MarketDays }
  | { mode: 'every_n_months'; market: MarketDays; everyMonths: number; anchorMonth: string };

/** Market days as a pattern (逢三六九: days ending in 3, 6, 9) or explicit dates. */
export type MarketDays = { pattern: string } | { dates: IsoDate[] };

export const DEFAULT_REDEMPTION_DAY: RedemptionDayPolicy = { mode: 'last_market_day', market: { pattern: '逢三六九' } };

const DIGITS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 0 };

/** 逢三六九 → [3, 6, 9]: the last digit of market-day dates (十 = 0: the 10th, 20th, 30th). */
export function parseMarketPattern(pattern: string): number[] {
  const m = /^逢([一二三四五六七八九十]+)$/.exec(pattern.trim());
  if (!m) throw new DomainError('BAD_INPUT', '赶场日格式应如“逢三六九”“逢二五八”');
  const digits = [...new Set(Array.from(m[1]).map((c) => DIGITS[c]))].sort((a, b) => a - b);
  return digits;
}

function daysInMonth(month: string): number {
  const [y, mo] = month.split('-').map(Number);
  return new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** The last market day of a month (YYYY-MM), or null when the month has none. */
export function lastMarketDay(month: string, market: MarketDays): IsoDate | null {
  if ('dates' in market) {
    const inMonth = market.dates.filter((d) => d.startsWith(`${month}-`)).sort();
    return inMonth.length ? inMonth[inMonth.length - 1] : null;
  }
  const digits = parseMarketPattern(market.pattern);
  for (let day = daysInMonth(month); day >= 1; day--) {
    if (digits.includes(day % 10)) return `${month}-${String(day).padStart(2, '0')}`;
  }
  return null;
}

export function isRedemptionDay(date: IsoDate, policy: RedemptionDayPolicy): boolean {
  if (policy.mode === 'any_day') return true;
  const month = date.slice(0, 7);
  if (policy.mode === 'every_n_months') {
    // Every N months from the anchor month on ("自 YYYY-MM 起"): none before it.
    const since = monthIndex(`${month}-01`) - monthIndex(`${policy.anchorMonth}-01`);
    if (since < 0 || since % policy.everyMonths !== 0) return false;
  }
  return lastMarketDay(month, policy.market) === date;
}

/** The next redemption day on or after `from`, within two years; for telling people when to come. */
export function nextRedemptionDay(from: IsoDate, policy: RedemptionDayPolicy): IsoDate | null {
  if (policy.mode === 'any_day') return from;
  let month = from.slice(0, 7);
  for (let i = 0; i < 24; i++) {
    const d = lastMarketDay(month, policy.market);
    if (d && d >= from && isRedemptionDay(d, policy)) return d;
    const [y, m] = month.split('-').map(Number);
    month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }
  return null;
}

export function validateRedemptionDayPolicy(p: RedemptionDayPolicy): void {
  if (p.mode === 'any_day') return;
  if ('pattern' in p.market) parseMarketPattern(p.market.pattern);
  else if (p.market.dates.length === 0 || !p.market.dates.every(isIsoDate)) throw new DomainError('BAD_INPUT', '请填写正确的赶场日期');
  if (p.mode === 'every_n_months') {
    if (!Number.isInteger(p.everyMonths) || p.everyMonths < 1 || p.everyMonths > 12) throw new DomainError('BAD_INPUT', '间隔月数应为 1–12');
    if (!/^\d{4}-\d{2}$/.test(p.anchorMonth) || !isIsoDate(`${p.anchorMonth}-01`)) throw new DomainError('BAD_INPUT', '起始月份格式应为 YYYY-MM');
  }
}

export function describeRedemptionDay(p: RedemptionDayPolicy): string {
  if (p.mode === 'any_day') return '每天可兑换';
  const market = 'pattern' in p.market ? p.market.pattern : `指定赶场日（${p.market.dates.length} 天）`;
  if (p.mode === 'last_market_day') return `每月最后一个赶场天兑换（${market}）`;
  return `每 ${p.everyMonths} 个月的最后一个赶场天兑换（${market}，自 ${p.anchorMonth} 起）`;
}

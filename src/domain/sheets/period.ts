import { CST_OFFSET_MS, quarterOf } from '../shared/time';

/** A 台账's period: a year 'YYYY', a quarter 'YYYY-Qn' or a month 'YYYY-MM'. */
export const PERIOD = /^(20\d\d)(?:-Q([1-4])|-(0[1-9]|1[0-2]))?$/;

export interface Period {
  label: string;
  /** Its 'YYYY-MM' months, in order. */
  months: string[];
  /** The 'YYYY-Qn' quarters those months fall in. */
  quarters: string[];
  /** [from, to) in epoch ms, China time. */
  from: number;
  to: number;
}

/** How long a period a page lets one pick: a whole year, a quarter or a month. */
export type PeriodSpan = 'year' | 'quarter' | 'month';
export const PERIOD_SPAN_LABELS: Record<PeriodSpan, string> = { year: '全年', quarter: '季度', month: '月份' };

/** The period of that span which holds the month 'YYYY-MM': 'YYYY', 'YYYY-Qn' or the month itself. */
export function periodContaining(span: PeriodSpan, month: string): string {
  if (span === 'year') return month.slice(0, 4);
  if (span === 'quarter') return quarterOf(`${month}-01`);
  return month;
}

const mm = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const startOfMonth = (y: number, m: number) => Date.UTC(y, m - 1, 1) - CST_OFFSET_MS;

export function periodOf(period: string): Period {
  const p = PERIOD.exec(period);
  if (!p) throw new Error(`not a period: ${period}`);
  const y = Number(p[1]);
  const [first, count, label] = p[2]
    ? [(Number(p[2]) - 1) * 3 + 1, 3, `${y}年第${p[2]}季度`]
    : p[3]
      ? [Number(p[3]), 1, `${y}年${Number(p[3])}月`]
      : [1, 12, `${y}年`];
  const months = Array.from({ length: count }, (_, i) => mm(y, first + i));
  const quarters = [...new Set(months.map((m) => quarterOf(`${m}-01`)))];
  return { label, months, quarters, from: startOfMonth(y, first), to: startOfMonth(y, first + count) };
}

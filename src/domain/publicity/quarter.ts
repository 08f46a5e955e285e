import type { IsoDate } from '../shared/time';

const QUARTER = /^(\d{4})-Q([1-4])$/;

export function isQuarter(s: string): boolean {
  return QUARTER.test(s);
}

/** The three 'YYYY-MM' months of 'YYYY-Qn', in order. */
export function monthsOfQuarter(quarter: string): [string, string, string] {
  const m = QUARTER.exec(quarter);
  if (!m) throw new Error(`not a quarter: ${quarter}`);
  const first = (Number(m[2]) - 1) * 3 + 1;
  const mm = (n: number) => `${m[1]}-${String(n).padStart(2, '0')}`;
  return [mm(first), mm(first + 1), mm(first + 2)];
}

/** The day after the quarter's last day: a quarter can be published from then on. */
export function dayAfterQuarter(quarter: string): IsoDate {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 4 ? `${y + 1}-01-01` : `${y}-${String(q * 3 + 1).padStart(2, '0')}-01`;
}

export function firstDayOfQuarter(quarter: string): IsoDate {
  return `${monthsOfQuarter(quarter)[0]}-01`;
}

/** The quarters of a year up to and including `quarter`. */
export function quartersOfYearTo(quarter: string): string[] {
  const y = quarter.slice(0, 4);
  const q = Number(quarter.slice(6));
  return Array.from({ length: q }, (_, i) => `${y}-Q${i + 1}`);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The publicity window: `days` days from the opening day, both ends included (7 days: the 1st to the 7th). */
export function publicityWindow(openDate: IsoDate, days: number): { startDate: IsoDate; endDate: IsoDate } {
  return { startDate: openDate, endDate: addDays(openDate, Math.max(1, days) - 1) };
}

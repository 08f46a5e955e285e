/**
 * Calendar helpers. Villages live in China Standard Time (UTC+8, no DST), so a "day"
 * is computed at a fixed +8 offset whatever the server's zone is. Pure: `now` is passed in.
 */
export const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** 'YYYY-MM-DD' — a calendar date as villagers write it. */
export type IsoDate = string;

export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/** The date in China for an instant (epoch ms). */
export function cstDate(epochMs: number): IsoDate {
  return new Date(epochMs + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD HH:mm' in China for an instant (epoch ms): the time on a receipt or a record. */
export function cstDateTime(epochMs: number): string {
  const iso = new Date(epochMs + CST_OFFSET_MS).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;
}

/** 'YYYY-MM' of a date. */
export function monthOf(date: IsoDate): string {
  return date.slice(0, 7);
}

/** Month index since year 0: lets month windows be compared by subtraction. */
export function monthIndex(date: IsoDate): number {
  return Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1);
}

/** 'YYYY-Qn' of a date. */
export function quarterOf(date: IsoDate): string {
  return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
}

export function yearOf(date: IsoDate): string {
  return date.slice(0, 4);
}

/**
 * The calendar the product knows: no village record, deed, veto, inspection or month is older
 * than 2000 or later than 2099. Every date, month and quarter an action takes is held to it
 * (src/domain/api/dates.ts); rules where time matters add their own, tighter windows.
 */
export const EARLIEST_DATE: IsoDate = '2000-01-01';
export const LATEST_DATE: IsoDate = '2099-12-31';

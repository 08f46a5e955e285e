import type { LedgerEntry } from '../ledger/types';
import { cstDate, monthOf, quarterOf, yearOf } from '../shared/time';

/**
 * The dashboard's per-period counters (镇看板). Kept, like the village totals, on the totals
 * shard that each posting already writes: a posting adds its period figures there, so that a
 * dashboard read sums a village's shards instead of scanning its ledger.
 *
 * Periods are keyed 'YYYY-MM', 'YYYY-Qn' and 'YYYY': every figure is added to all three.
 */
export interface PeriodFigures {
  /** Points awarded for the period: month results (月度评议), base scores, objection corrections, by the period they belong to. */
  issued: number;
  /** Points spent at the shop in the period (net of returns), by the day of the receipt. */
  redeemed: number;
  /** Households with an approved month result (points > 0) for a month of the period. */
  approvedHouseholds: number;
  /** Households that redeemed at least once in the period. */
  redeemingHouseholds: number;
}

export type PeriodTable = Record<string, PeriodFigures>;

/** Entry kinds whose points are "issued" for the period they name. */
export const ISSUING_KINDS: readonly LedgerEntry['kind'][] = ['application', 'base_score', 'objection'];

export function emptyFigures(): PeriodFigures {
  return { issued: 0, redeemed: 0, approvedHouseholds: 0, redeemingHouseholds: 0 };
}

/** The month, quarter and year keys a 'YYYY-MM' / 'YYYY-Qn' period or a date falls in. */
export function keysOfPeriod(period: string): string[] {
  if (/^\d{4}-\d{2}$/.test(period)) return [period, quarterOf(`${period}-01`), period.slice(0, 4)];
  if (/^\d{4}-Q[1-4]$/.test(period)) return [period, period.slice(0, 4)];
  if (/^\d{4}$/.test(period)) return [period];
  return [];
}

function keysOfInstant(at: number): string[] {
  const d = cstDate(at);
  return [monthOf(d), quarterOf(d), yearOf(d)];
}

/** Adds `delta` into `into` key by key and field by field. */
export function addPeriods(into: PeriodTable, delta: PeriodTable): PeriodTable {
  for (const [key, f] of Object.entries(delta)) {
    const cur = into[key] ?? emptyFigures();
    into[key] = {
      issued: cur.issued + f.issued,
      redeemed: cur.redeemed + f.redeemed,
      approvedHouseholds: cur.approvedHouseholds + f.approvedHouseholds,
      redeemingHouseholds: cur.redeemingHouseholds + f.redeemingHouseholds,
    };
  }
  return into;
}

function bump(table: PeriodTable, keys: string[], field: keyof PeriodFigures, by: number): void {
  if (by === 0) return;
  for (const k of keys) {
    const cur = table[k] ?? emptyFigures();
    table[k] = { ...cur, [field]: cur[field] + by };
  }
}

/**
 * What one posted entry adds to the period counters, given the household's marks (the
 * periods it was already counted in as approved `a…` or redeeming `r…`): a household is
 * counted once per period. Marks older than the previous year are dropped (they can no
 * longer be posted into).
 */
export function activityOf(
  marks: readonly string[],
  entry: Pick<LedgerEntry, 'kind' | 'delta' | 'period' | 'at'>,
  spentDelta: number,
  /** False for a unit's account (单位积分): its points count as issued and redeemed, but it is no household taking part. */
  household = true,
): { marks: string[]; periods: PeriodTable } {
  const periods: PeriodTable = {};
  const next = new Set(marks);
  if (ISSUING_KINDS.includes(entry.kind) && entry.period) bump(periods, keysOfPeriod(entry.period), 'issued', entry.delta);
  if (spentDelta !== 0) bump(periods, keysOfInstant(entry.at), 'redeemed', spentDelta);
  const firstIn = (prefix: string, keys: string[]) => keys.filter((k) => !next.has(prefix + k));
  if (household && entry.kind === 'application' && entry.delta > 0 && entry.period) {
    const fresh = firstIn('a', keysOfPeriod(entry.period));
    bump(periods, fresh, 'approvedHouseholds', 1);
    for (const k of fresh) next.add(`a${k}`);
  }
  if (household && entry.kind === 'redemption' && spentDelta > 0) {
    const fresh = firstIn('r', keysOfInstant(entry.at));
    bump(periods, fresh, 'redeemingHouseholds', 1);
    for (const k of fresh) next.add(`r${k}`);
  }
  if (next.size === marks.length) return { marks: [...marks], periods };
  const oldest = Number(cstDate(entry.at).slice(0, 4)) - 1;
  return { marks: [...next].filter((m) => Number(m.slice(1, 5)) >= Math.min(oldest, Number((entry.period ?? '9999').slice(0, 4)))), periods };
}

/** The figures of one period out of a table (zeros when nothing happened). */
export function figuresOf(table: PeriodTable | undefined, period: string): PeriodFigures {
  return { ...emptyFigures(), ...(table?.[period] ?? {}) };
}

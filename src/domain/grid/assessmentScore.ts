import { CST_OFFSET_MS, type IsoDate } from '../shared/time';
import type { GridEvent, Patrol, Visit } from './records';
import { AUTO_ITEMS, type AssessmentWeights, type AutoItem } from './assessmentWeights';

/**
 * The computed part of 网格员积分评定: a worker's month from the grid's records. Pure: the
 * records, the worker list and "as of" come in; counts × weights go out.
 */

/** 'YYYY-MM' */
export type Month = string;

export function isMonth(s: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(s);
}

/** The month's first and last China dates, and its instants [start, end) in epoch ms (China time). */
export function monthBounds(month: Month): { first: IsoDate; last: IsoDate; days: number; startMs: number; endMs: number } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const startMs = Date.UTC(y, m - 1, 1) - CST_OFFSET_MS;
  const endMs = Date.UTC(y, m, 1) - CST_OFFSET_MS;
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days, startMs, endMs };
}

export function previousMonth(month: Month): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

export function nextMonth(month: Month): Month {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/**
 * Visit weeks [002 每周至少走访一遍]: the month in blocks of `blockDays` days from the 1st
 * (1–7, 8–14, 15–21, 22–28, then 29–31). Only full blocks are checked for the weekly duty;
 * the short tail still earns visit points.
 */
export function visitBlockOf(date: IsoDate, blockDays: number): number {
  return Math.floor((Number(date.slice(8, 10)) - 1) / blockDays);
}

export interface AutoItemLine {
  item: AutoItem;
  count: number;
  weight: number;
  points: number;
}

export interface WorkerScore {
  workerId: string;
  workerName: string;
  counts: Record<AutoItem, number>;
  items: AutoItemLine[];
  autoPoints: number;
}

export interface GridMonthInput {
  month: Month;
  /** Instant the figures are taken at: weeks and deadlines not yet past do not count against anyone. */
  asOf: number;
  householdCount: number;
  workers: { id: string; name: string }[];
  patrols: Pick<Patrol, 'workerId' | 'date'>[];
  visits: Pick<Visit, 'workerId' | 'householdId' | 'date'>[];
  /** Events of the grid created, closed or due in the month (any of the three; duplicates by _id are ignored). */
  events: Pick<GridEvent, '_id' | 'reporterId' | 'reporterRole' | 'handlerId' | 'status' | 'closedAt' | 'closedBy' | 'deadlineAt' | 'createdAt'>[];
  weights: AssessmentWeights;
  /** Policy `visitEveryDays` (7): the length of a visit week. */
  visitEveryDays: number;
}

const zeroCounts = (): Record<AutoItem, number> => ({
  patrolDay: 0,
  householdVisit: 0,
  eventReported: 0,
  eventSolved: 0,
  eventOverdue: 0,
  visitWeekMissed: 0,
});

/** Who answers for an event's deadline: the person it was dispatched to, else the worker who found it. */
export function responsibleFor(e: Pick<GridEvent, 'handlerId' | 'reporterId' | 'reporterRole'>): string | null {
  return e.handlerId ?? (e.reporterRole === 'grid_worker' ? e.reporterId : null);
}

/** Score every worker of a grid for a month. */
export function scoreGridMonth(input: GridMonthInput): WorkerScore[] {
  const { first, last, days, startMs, endMs } = monthBounds(input.month);
  const inMonthDate = (d: IsoDate) => d >= first && d <= last;
  const inMonth = (t: number | null) => t !== null && t >= startMs && t < endMs;
  const blockDays = Math.max(1, input.visitEveryDays);
  const fullBlocks = Math.floor(days / blockDays);
  // A week is judged once it is over (its last day is before the as-of date, China time).
  const asOfDate = new Date(input.asOf + CST_OFFSET_MS).toISOString().slice(0, 10);
  const blockOver = (b: number) => `${input.month}-${String((b + 1) * blockDays).padStart(2, '0')}` < asOfDate;
  const quota = input.workers.length === 0 ? 0 : Math.ceil(input.householdCount / input.workers.length);
  const events = [...new Map(input.events.map((e) => [e._id, e])).values()];

  return input.workers.map((w) => {
    const counts = zeroCounts();
    counts.patrolDay = new Set(input.patrols.filter((p) => p.workerId === w.id && inMonthDate(p.date)).map((p) => p.date)).size;

    const perBlock = new Map<number, Set<string>>();
    for (const v of input.visits) {
      if (v.workerId !== w.id || !inMonthDate(v.date)) continue;
      const b = visitBlockOf(v.date, blockDays);
      if (!perBlock.has(b)) perBlock.set(b, new Set());
      perBlock.get(b)!.add(v.householdId);
    }
    counts.householdVisit = [...perBlock.values()].reduce((n, s) => n + s.size, 0);
    for (let b = 0; b < fullBlocks; b++) {
      if (blockOver(b) && (perBlock.get(b)?.size ?? 0) < quota) counts.visitWeekMissed += 1;
    }

    for (const e of events) {
      if (e.reporterRole === 'grid_worker' && e.reporterId === w.id && inMonth(e.createdAt)) counts.eventReported += 1;
      if (e.status === 'closed' && e.closedBy === w.id && inMonth(e.closedAt)) counts.eventSolved += 1;
      const late = e.status !== 'closed' || e.closedAt === null || e.closedAt > e.deadlineAt;
      if (responsibleFor(e) === w.id && inMonth(e.deadlineAt) && e.deadlineAt < input.asOf && late) counts.eventOverdue += 1;
    }

    const items = AUTO_ITEMS.map((item) => ({ item, count: counts[item], weight: input.weights[item], points: counts[item] * input.weights[item] }));
    return { workerId: w.id, workerName: w.name, counts, items, autoPoints: items.reduce((s, i) => s + i.points, 0) };
  });
}

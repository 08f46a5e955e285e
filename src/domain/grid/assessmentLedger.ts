import type { Workbook } from '../sheets/workbook';
import type { GridPlace } from './records';
import type { AutoItem } from './assessmentWeights';
import type { Assessment, AssessmentLine } from './assessment';
import type { Month } from './assessmentScore';

/**
 * 网格员积分评定台账 [004]: one row per worker per grid and month, written when a grid's
 * assessment is published (and rewritten by each correction). The row is what the worker,
 * the village and the town read; the assessment document keeps the history.
 */
export interface AssessmentRow extends GridPlace {
  /** `${gridId}_${month}_${workerId}` */
  _id: string;
  villageName: string;
  gridName: string;
  month: Month;
  workerId: string;
  workerName: string;
  counts: Record<AutoItem, number>;
  autoPoints: number;
  manualPoints: number;
  correctionPoints: number;
  total: number;
  publishedAt: number;
  updatedAt: number;
}

export function rowId(gridId: string, month: Month, workerId: string): string {
  return `${gridId}_${month}_${workerId}`;
}

export function rowsOf(a: Assessment): AssessmentRow[] {
  if (a.status !== 'published' || a.lines === null || a.publishedAt === null) return [];
  const publishedAt = a.publishedAt;
  return a.lines.map((l: AssessmentLine) => ({
    _id: rowId(a.gridId, a.month, l.workerId),
    townId: a.townId,
    villageId: a.villageId,
    gridId: a.gridId,
    villageName: a.villageName,
    gridName: a.gridName,
    month: a.month,
    workerId: l.workerId,
    workerName: l.workerName,
    counts: l.counts,
    autoPoints: l.autoPoints,
    manualPoints: l.manualPoints,
    correctionPoints: l.correctionPoints,
    total: l.total,
    publishedAt,
    updatedAt: a.updatedAt,
  }));
}

const LEDGER_HEADERS = [
  '月份',
  '村',
  '网格',
  '网格员',
  '巡查天数',
  '走访户次',
  '上报事件',
  '解决事件',
  '逾期事件',
  '未完成走访周数',
  '计算得分',
  '加减分',
  '更正',
  '合计',
] as const;

/** The ledger as a spreadsheet (e.g. 青山村-网格员积分评定台账-2026-10.xlsx or .csv). */
export function assessmentLedgerBook(scopeName: string, month: Month, rows: readonly AssessmentRow[]): Workbook {
  return {
    filename: `${scopeName}-网格员积分评定台账-${month}`,
    sheets: [
      {
        name: `${month} 网格员积分评定`,
        title: `${scopeName} 网格员积分评定台账（${month}）`,
        columns: LEDGER_HEADERS.map((header, i) => ({ header, kind: i >= 4 ? ('int' as const) : ('text' as const) })),
        rows: rows.map((r) => [
          r.month,
          r.villageName,
          r.gridName,
          r.workerName,
          r.counts.patrolDay,
          r.counts.householdVisit,
          r.counts.eventReported,
          r.counts.eventSolved,
          r.counts.eventOverdue,
          r.counts.visitWeekMissed,
          r.autoPoints,
          r.manualPoints,
          r.correctionPoints,
          r.total,
        ]),
      },
    ],
  };
}

/** Town dashboard line "网格员积分评定" for one village and month. */
export interface VillageAssessmentSummary {
  villageId: string;
  villageName: string;
  grids: number;
  gridsPublished: number;
  workers: number;
  total: number;
  /** Average total per assessed worker, one decimal (null when nobody is assessed yet). */
  average: number | null;
}

export function summarize(
  village: { _id: string; name: string },
  grids: number,
  gridsPublished: number,
  rows: readonly Pick<AssessmentRow, 'total'>[],
): VillageAssessmentSummary {
  const total = rows.reduce((s, r) => s + r.total, 0);
  return {
    villageId: village._id,
    villageName: village.name,
    grids,
    gridsPublished,
    workers: rows.length,
    total,
    average: rows.length === 0 ? null : Math.round((total / rows.length) * 10) / 10,
  };
}

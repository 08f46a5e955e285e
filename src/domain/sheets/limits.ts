import { DomainError } from '../shared/errors';
import type { Workbook } from './workbook';

/**
 * How big an export may be, and how it reaches the person (README, "How an export reaches the
 * person"). Pure: the `sheets` function applies these before it renders and before it answers.
 */

/**
 * Above this many bytes the file is written to storage and the answer carries a short-lived URL
 * instead of the file. A synchronous call's response is limited to 6 MB (Tencent SCF quota
 * 同步请求响应大小, which CloudBase functions run on), base64 adds a third, and the answer crosses
 * the mini-program's callFunction link to a phone on a rural network: 1 MB of file (≈ 1.4 MB of
 * JSON) keeps every inline answer under a quarter of the platform's limit.
 */
export const EXPORT_INLINE_MAX_BYTES = 1024 * 1024;

/**
 * A stored export is deleted this long after it was made: it holds villagers' names and points,
 * and its link lasts 30 minutes (re-issued on request) — a day covers a download on a bad
 * network and the next morning's forward; after that the cadre exports again.
 */
export const STORED_EXPORT_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * At most this many households in one 积分手册 (a sheet each). Measured with `npm run bench --
 * sheets` (XIANGYUE_BENCH_HOUSEHOLDS), at a load average of ≈ 5: 3,000 households 8.4 s (a
 * 3.7 MB .xlsx), 5,000 households 11 s (6 MB); a loaded machine takes about three times as long
 * (1,000 households: 3.9 s at ≈ 29). 3,000 keeps the export near a fifth of the function's 60 s
 * timeout even then; a bigger village exports grid by grid.
 */
export const HANDBOOK_MAX_HOUSEHOLDS = 3000;

/**
 * At most this many cells (rows × columns, every sheet) in one workbook. The bench's 3,000-household
 * 积分手册 is 234,000 cells (5.1 s idle, 3.7 MB); real households have more rows than the bench's
 * (every decided application is one), so for a real village this, not the household count, is
 * what binds: beyond it exceljs's memory (the function has 512 MB) and the timeout are at risk.
 * The year's 积分台账 of 3,000 households is 66,000 cells.
 */
export const EXPORT_MAX_CELLS = 300_000;

/** Refused up front, before the year's records are read: a 积分手册 of too many households. */
export function assertHandbookFits(households: number): void {
  if (households > HANDBOOK_MAX_HOUSEHOLDS) {
    throw new DomainError(
      'EXPORT_TOO_LARGE',
      `一次最多导出 ${HANDBOOK_MAX_HOUSEHOLDS} 户的积分手册，这里有 ${households} 户，请按网格分别导出`,
      { households, max: HANDBOOK_MAX_HOUSEHOLDS },
    );
  }
}

/** The cells of a workbook: its title, header and body rows times their columns, and its notes. */
export function cellsOf(book: Workbook): number {
  return book.sheets.reduce((sum, t) => sum + (t.rows.length + 2) * Math.max(1, t.columns.length) + (t.notes?.length ?? 0), 0);
}

/** Refused before rendering: a workbook too large for one call. */
export function assertBookFits(book: Workbook): void {
  const cells = cellsOf(book);
  if (cells > EXPORT_MAX_CELLS) {
    throw new DomainError('EXPORT_TOO_LARGE', '要导出的内容太多，一次导不出来，请缩短时间（按月或按季度）或按网格分别导出', { cells, max: EXPORT_MAX_CELLS });
  }
}

/** Whether an export of this many bytes travels in the answer (else it goes to storage). */
export function travelsInline(bytes: number): boolean {
  return bytes <= EXPORT_INLINE_MAX_BYTES;
}

import type { Workbook } from '../sheets/workbook';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_MIME = 'application/pdf';

/**
 * An export as the client receives it: CSV as text (with a UTF-8 byte-order mark so that
 * Excel and WPS open the Chinese text correctly), .xlsx and .pdf as base64.
 */
export type ExportFile =
  | {
      /** e.g. 青山村-定点巡查台账-2026-11.csv */
      filename: string;
      mime: 'text/csv';
      /** The whole file, BOM included. */
      content: string;
      encoding?: 'utf8';
    }
  | { filename: string; mime: typeof XLSX_MIME | typeof PDF_MIME; content: string; encoding: 'base64' };

/**
 * An export too large to travel inside the function's answer (src/domain/sheets/limits.ts): the
 * function wrote it to storage and answers where to fetch it — a short-lived signed URL, and the
 * file id the requester (and only they) can trade for a fresh URL with `sheets.exportFile`.
 */
export interface StoredExport {
  filename: string;
  mime: typeof XLSX_MIME | typeof PDF_MIME;
  encoding: 'file';
  fileId: string;
  /** Temporary: CloudBase's signed download URL, or the local server's /api/files/… with its signature. */
  url: string;
  /** How long `url` stays valid, from when the answer was made. */
  expiresInSeconds: number;
  /** The file's size in bytes. */
  size: number;
}

/** What an export action of the `sheets` function answers: the file itself, or where it was stored. */
export type ExportAnswer = ExportFile | StoredExport;

const BOM = '\uFEFF';

function cell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would be read as a formula by Excel: prefix it so data stays data.
  const safe = /^[=+\-@]/.test(s) && !/^-?\d+(\.\d+)?$/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return BOM + [headers, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function csvFile(filename: string, headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): ExportFile {
  return { filename, mime: 'text/csv', content: toCsv(headers, rows) };
}

/** A workbook's first table as CSV (the notes under it after a blank row), as before .xlsx existed. */
export function csvOf(book: Workbook): ExportFile {
  const [table] = book.sheets;
  const rows: (string | number | null | undefined)[][] = table ? [...table.rows] : [];
  if (table?.notes?.length) rows.push([], ...table.notes.map((n) => [n]));
  return csvFile(`${book.filename}.csv`, table ? table.columns.map((c) => c.header) : [], rows);
}

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

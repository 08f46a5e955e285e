/**
 * Spreadsheet exports for cadres (台账, 公示表). CSV with a UTF-8 byte-order mark so that
 * Excel and WPS open the Chinese text correctly; every cell quoted when it needs to be.
 */
export interface ExportFile {
  /** e.g. 青山村-定点巡查台账-2026-11.csv */
  filename: string;
  mime: 'text/csv';
  /** The whole file, BOM included. */
  content: string;
}

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

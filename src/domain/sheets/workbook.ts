/**
 * What an export holds, independent of the file format: a workbook of titled tables. The
 * builders (台账, 公示表, 积分手册) produce this; `csvOf` (here) and the xlsx renderer in the
 * `sheets` function turn it into a file. Pure data, so builders are tested without a library.
 */
export type Cell = string | number | null | undefined;

/** How a column's cells are shown in the spreadsheet: points and counts are integers. */
export type ColumnKind = 'text' | 'int';

export interface Column {
  header: string;
  /** Width in characters (a Chinese character counts as two). */
  width?: number;
  kind?: ColumnKind;
}

export interface Table {
  /** The sheet's tab name: at most 31 characters, none of : \ / ? * [ ] */
  name: string;
  /** The title row above the header, e.g. 青山村 2026年第3季度 积分公示表. */
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Indexes (in rows) of subtotal and total rows, shown in bold. */
  totalRows?: number[];
  /** Lines printed under the table (the window, how to object …). */
  notes?: string[];
  /** Names in this table are masked because it is shown in public (公示). */
  masked?: boolean;
}

export interface Workbook {
  /** The file name without its extension, e.g. 青山村-积分台账-2026. */
  filename: string;
  sheets: Table[];
}

const FORBIDDEN_IN_SHEET_NAME = /[:\\/?*[\]]/g;

/** A tab name Excel and WPS accept, unique within the workbook. */
export function sheetName(wanted: string, taken: ReadonlySet<string>): string {
  const base = wanted.replace(FORBIDDEN_IN_SHEET_NAME, ' ').trim().slice(0, 31) || '表';
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) {
    const suffix = `(${i})`;
    const name = `${base.slice(0, 31 - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
}

/** Display width of a text: a CJK character takes two columns. */
export function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

/** Column widths from the header and the widest cell, within [6, 40]. */
export function fitWidths(table: Pick<Table, 'columns' | 'rows'>): number[] {
  return table.columns.map((c, i) => {
    if (c.width) return c.width;
    let w = textWidth(c.header);
    for (const row of table.rows) w = Math.max(w, textWidth(String(row[i] ?? '')));
    return Math.min(40, Math.max(6, w + 2));
  });
}

/**
 * Reading the spreadsheets cadres already keep: CSV (UTF-8, with or without the BOM Excel
 * writes) or the tab-separated text Excel puts on the clipboard. Pure; an .xlsx is read by the
 * sheets function (backend/sheets/roster.ts) into the same rows.
 */
export type SheetRows = string[][];

/** RFC 4180 CSV (quoted cells may hold commas, quotes and line breaks); tabs when the first line has tabs and no commas. */
export function parseDelimited(text: string): SheetRows {
  const s = text.replace(/^\uFEFF/, '');
  const firstLine = s.slice(0, s.search(/\r?\n|$/));
  const sep = firstLine.includes('\t') && !firstLine.includes(',') ? '\t' : ',';
  const rows: SheetRows = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === sep) {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((c) => c.trim() === '');
}

import ExcelJS from 'exceljs';
import { DomainError, isDomainError } from '@domain/shared/errors';
import type { SheetRows } from '@domain/grid/sheet';
import { MAX_IMPORT_ROWS } from '@domain/grid/importRoster';
import { checkZip, UNREADABLE, unsafe, XLSX_LIMITS, type XlsxLimits } from './zipCheck';

/** A roster needs a few columns; rows and columns past these are never read (a cell at row 10⁹ must not make 10⁹ rows). */
export const XLSX_MAX_ROWS = MAX_IMPORT_ROWS + 1000;
const MAX_COLUMNS = 64;

/**
 * An uploaded roster (.xlsx, base64) as rows of text, the way the CSV reader gives them: the
 * first worksheet, every cell as its text (shared or inline strings, rich text joined, numbers
 * as written, a formula's cached result). The zip passes the bounded check first (zipCheck.ts);
 * only then does exceljs open it. `limits`: tests pass smaller ones.
 */
export async function readRosterXlsx(base64: string, limits: XlsxLimits = XLSX_LIMITS): Promise<SheetRows> {
  const buf = Buffer.from(base64, 'base64');
  checkZip(buf, limits);
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch (e) {
    if (isDomainError(e)) throw e;
    throw new DomainError('BAD_INPUT', UNREADABLE);
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new DomainError('BAD_INPUT', 'Excel 文件里没有工作表');
  // rowCount is the last row's number (exceljs keeps rows sparse): checked before any row is visited.
  if (ws.rowCount > XLSX_MAX_ROWS) throw unsafe(`表格行数过多（超过 ${XLSX_MAX_ROWS} 行），请分批导入`);
  const rows: SheetRows = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.findRow(r);
    const cells: string[] = [];
    for (let c = 1; row && c <= Math.min(row.cellCount, MAX_COLUMNS); c++) cells.push(cellText(row.getCell(c)));
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    rows.push(cells);
  }
  return rows;
}

function cellText(cell: ExcelJS.Cell): string {
  if (cell.value === null || cell.value === undefined) return '';
  // A date has no place in a roster; its text is still the cell's, refused or read by the plan like any other.
  // (exceljs gives a number here for a shared string the file lacks.)
  return String(cell.text ?? '');
}

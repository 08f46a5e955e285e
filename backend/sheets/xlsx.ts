import ExcelJS from 'exceljs';
import { XLSX_MIME, type ExportFile } from '@domain/shared/csv';
import { fitWidths, sheetName, type Table, type Workbook } from '@domain/sheets/workbook';
import { assertBookFits } from '@domain/sheets/limits';
import { action } from '../runtime/handler';
import type { ExportSpec } from './exportSpec';

/**
 * Renders a workbook as a real .xlsx with exceljs (README, "Spreadsheets"): a title row, the
 * header frozen under it, column widths, integer formats, and print setup for the village
 * office's printer — A4, fit to the page width, the header repeated on every page.
 */
export async function xlsxOf(book: Workbook): Promise<ExportFile> {
  assertBookFits(book); // EXPORT_TOO_LARGE before exceljs holds it all (src/domain/sheets/limits.ts)
  const wb = new ExcelJS.Workbook();
  wb.creator = '乡约积分';
  const taken = new Set<string>();
  for (const table of book.sheets) {
    const name = sheetName(table.name, taken);
    taken.add(name);
    addTable(wb, name, table);
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return { filename: `${book.filename}.xlsx`, mime: XLSX_MIME, content: buffer.toString('base64'), encoding: 'base64' };
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FFB0B0B0' } };
const BOX: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };

function addTable(wb: ExcelJS.Workbook, name: string, table: Table): void {
  const ws = wb.addWorksheet(name, {
    // Row 1 is the title, row 2 the header: both stay in view while scrolling.
    views: [{ state: 'frozen', ySplit: 2, xSplit: 0 }],
    pageSetup: {
      paperSize: 9, // A4
      orientation: table.columns.length > 8 ? 'landscape' : 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      printTitlesRow: '2:2',
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  const widths = fitWidths(table);
  ws.columns = table.columns.map((c, i) => ({ width: widths[i], style: c.kind === 'int' ? { numFmt: '0;-0;0' } : {} }));

  const last = Math.max(1, table.columns.length);
  ws.addRow([table.title]);
  ws.mergeCells(1, 1, 1, last);
  const title = ws.getRow(1);
  title.height = 28;
  title.getCell(1).font = { bold: true, size: 14 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const header = ws.addRow(table.columns.map((c) => c.header));
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = BOX;
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });

  const totals = new Set(table.totalRows ?? []);
  table.rows.forEach((cells, i) => {
    const row = ws.addRow(cells.map((v) => (v === null || v === undefined ? '' : v)));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      if (col > last) return;
      cell.border = BOX;
      if (totals.has(i)) cell.font = { bold: true };
    });
  });

  if (table.notes?.length) {
    ws.addRow([]);
    for (const note of table.notes) {
      const row = ws.addRow([note]);
      ws.mergeCells(row.number, 1, row.number, last);
      row.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    }
  }
}

/** The export as .xlsx. */
export function xlsxAction<I, L>(spec: ExportSpec<I, L>) {
  const { book, ...rest } = spec;
  return action<I, ExportFile, L>({ ...rest, run: async (input, ctx) => xlsxOf(await book(input, ctx)) });
}

/** The export limits (src/domain/sheets/limits.ts) and where the renderer applies them. */
import { xlsxOf } from '@backend/sheets/xlsx';
import { DomainError } from '@domain/shared/errors';
import { EXPORT_INLINE_MAX_BYTES, EXPORT_MAX_CELLS, HANDBOOK_MAX_HOUSEHOLDS, assertBookFits, assertHandbookFits, cellsOf, travelsInline } from '@domain/sheets/limits';
import type { Workbook } from '@domain/sheets/workbook';

function book(rows: number, columns = 5, sheets = 1): Workbook {
  const table = { name: '表', title: '标题', columns: Array.from({ length: columns }, (_, i) => ({ header: `列${i}` })), rows: Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, () => r)) };
  return { filename: '测试', sheets: Array.from({ length: sheets }, (_, i) => ({ ...table, name: `表${i}` })) };
}

function refusal(f: () => unknown): DomainError {
  try {
    f();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}

test('a file up to 1 MB travels in the answer, a byte more goes to storage', () => {
  expect(travelsInline(EXPORT_INLINE_MAX_BYTES)).toBe(true);
  expect(travelsInline(EXPORT_INLINE_MAX_BYTES + 1)).toBe(false);
});

test('cells count every sheet’s title, header and rows times its columns', () => {
  expect(cellsOf(book(10, 5, 3))).toBe(3 * 12 * 5);
});

test('a workbook past the cell cap is refused with EXPORT_TOO_LARGE and says what to do; one at the cap passes', () => {
  const columns = 10;
  const atCap = Math.floor(EXPORT_MAX_CELLS / columns) - 2;
  expect(() => assertBookFits(book(atCap, columns))).not.toThrow();
  const e = refusal(() => assertBookFits(book(atCap + 1, columns)));
  expect(e.code).toBe('EXPORT_TOO_LARGE');
  expect(e.message).toMatch(/按月.*按网格分别导出/);
});

test('a 积分手册 of more households than the cap is refused, naming both numbers', () => {
  expect(() => assertHandbookFits(HANDBOOK_MAX_HOUSEHOLDS)).not.toThrow();
  const e = refusal(() => assertHandbookFits(HANDBOOK_MAX_HOUSEHOLDS + 1));
  expect(e.code).toBe('EXPORT_TOO_LARGE');
  expect(e.message).toContain(`最多导出 ${HANDBOOK_MAX_HOUSEHOLDS} 户`);
  expect(e.message).toContain(`${HANDBOOK_MAX_HOUSEHOLDS + 1} 户`);
});

test('the .xlsx renderer refuses a workbook past the cap before exceljs builds it', async () => {
  await expect(xlsxOf(book(Math.floor(EXPORT_MAX_CELLS / 10), 10))).rejects.toMatchObject({ code: 'EXPORT_TOO_LARGE' });
  const small = await xlsxOf(book(3));
  expect(small.encoding).toBe('base64');
});

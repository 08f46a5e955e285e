import { randomBytes } from 'node:crypto';
import { C } from '@backend/repos/collections';
import { XLSX_LIMITS, type XlsxLimits } from '@backend/sheets/zipCheck';
import { readRosterXlsx, XLSX_MAX_ROWS } from '@backend/sheets/roster';
import type { Household, Person } from '@domain/org/types';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN } from '../support/people';
import { expectRefused } from '../support/refusals';
import { buildZip, sheetXml, WORKBOOK_PARTS, type ZipEntrySpec } from '../support/zip';

/**
 * sheets.importPreview / importCommit (the roster as .xlsx). An .xlsx is a zip the uploader wrote: a small upload must not become hundreds of MB in memory
 * (deflate bombs, many directory entries sharing one payload, a cell at row 10⁹). Each is refused
 * with XLSX_UNSAFE and a Chinese message, before anything is written.
 */
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const HEADER = ['户主', '成员', '与户主关系', '电话', '所在组', '门牌号', '标签'];
const MB = 1024 * 1024;
const GOOD_ROW = ['冯一', '冯一', '户主', '13955556666', '三组', '三组60号', ''];

async function rosterFingerprint(): Promise<string> {
  const [households, people] = await Promise.all([readAll<Household>(h.db, C.households), readAll<Person>(h.db, C.people)]);
  return JSON.stringify([households, people]);
}

/** Preview and commit both refuse the file with `code`; the roster is unchanged. */
async function expectBothRefused(entries: ZipEntrySpec[], code: string, message: RegExp): Promise<void> {
  const content = buildZip(entries).toString('base64');
  const before = await rosterFingerprint();
  expectRefused(await h.call(ADMIN, 'sheets', 'importPreview', { content }), code, message);
  expectRefused(await h.call(ADMIN, 'sheets', 'importCommit', { content }), code, message);
  expect(await rosterFingerprint()).toBe(before);
}

/** A worksheet that is one valid roster row followed by `padding` bytes of blanks: 60 MB deflates to about 60 KB. */
function paddedSheet(padding: number): Buffer {
  const xml = sheetXml([{ r: 1, cells: HEADER }, { r: 2, cells: GOOD_ROW }]).toString('utf8');
  const [open, close] = [xml.slice(0, xml.indexOf('</sheetData>')), xml.slice(xml.indexOf('</sheetData>'))];
  return Buffer.concat([Buffer.from(open), Buffer.alloc(padding, 0x20), Buffer.from(close)]);
}

describe('deflate bombs', () => {
  const bomb = paddedSheet(60 * MB);

  it('a worksheet that inflates to 60 MB from a ~60 KB upload is refused, whatever its headers claim', async () => {
    const honest: ZipEntrySpec[] = [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: bomb }];
    expect(buildZip(honest).length).toBeLessThan(200 * 1024);
    await expectBothRefused(honest, 'XLSX_UNSAFE', /过大/);
    // Headers that say 0 bytes: only the limit while inflating can stop it.
    await expectBothRefused([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: bomb, declaredSize: 0 }], 'XLSX_UNSAFE', /过大/);
  });

  it('a bomb in the shared strings is refused the same way', async () => {
    const strings = Buffer.concat([Buffer.from('<sst><si><t>'), Buffer.alloc(60 * MB, 0x41), Buffer.from('</t></si></sst>')]);
    await expectBothRefused(
      [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheetXml([{ r: 1, cells: HEADER }]) }, { name: 'xl/sharedStrings.xml', data: strings, declaredSize: 1000 }],
      'XLSX_UNSAFE',
      /过大/,
    );
  });

  it('many directory entries pointing at one payload are refused (overlapping entries)', async () => {
    const sheet = paddedSheet(300 * 1024);
    const entries: ZipEntrySpec[] = [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheet }];
    const first = entries.length - 1;
    for (let i = 2; i <= 200; i++) entries.push({ name: `xl/worksheets/sheet${i}.xml`, data: sheet, sameDataAs: first });
    await expectBothRefused(entries, 'XLSX_UNSAFE', /重复或重叠/);
  });

  it('two directory entries with the same name are refused', async () => {
    await expectBothRefused(
      [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: paddedSheet(1000) }, { name: 'xl/worksheets/sheet1.xml', data: paddedSheet(2000) }],
      'XLSX_UNSAFE',
      /重复或重叠/,
    );
  });

  it('a zip with more entries than any workbook has is refused', async () => {
    const entries: ZipEntrySpec[] = [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheetXml([{ r: 1, cells: HEADER }]) }];
    for (let i = 0; entries.length <= XLSX_LIMITS.maxEntries; i++) entries.push({ name: `docProps/p${i}.xml`, data: Buffer.from('x'), stored: true });
    await expectBothRefused(entries, 'XLSX_UNSAFE', /条目过多/);
  });

  it('a cell far down the sheet is refused instead of filling memory with empty rows', async () => {
    await expectBothRefused(
      [...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: sheetXml([{ r: 1, cells: HEADER }, { r: XLSX_MAX_ROWS + 1, cells: GOOD_ROW }]) }],
      'XLSX_UNSAFE',
      /行数过多/,
    );
  });

  it('a character reference that is no code point is refused as unreadable, not a crash', async () => {
    const xml = sheetXml([{ r: 1, cells: HEADER }, { r: 2, cells: GOOD_ROW }]).toString('utf8').replace('三组60号', '三组&#99999999;号');
    await expectBothRefused([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }], 'BAD_INPUT', /无法读取该 Excel 文件/);
  });

  it('an ordinary workbook within the limits still imports', async () => {
    const content = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: paddedSheet(100 * 1024) }]).toString('base64');
    const r = await h.ok(ADMIN, 'sheets', 'importPreview', { content });
    expect(r.problems).toEqual([]);
    expect(r.summary).toMatchObject({ newHouseholds: 1 });
  });
});

describe('each limit on its own (small limits, small files)', () => {
  const small: XlsxLimits = { maxEntries: 10, maxEntryBytes: 64 * 1024, maxTotalBytes: 100 * 1024, maxRatio: 20, ratioFloorBytes: 16 * 1024 };
  const zip = (entries: ZipEntrySpec[]) => buildZip([...WORKBOOK_PARTS, ...entries]).toString('base64');
  const unsafe = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: 'XLSX_UNSAFE' });
  /** Random text: compresses about 1.3 : 1, so the ratio never speaks. */
  const noise = (bytes: number) => `<!--${randomBytes(Math.ceil(bytes * 0.75)).toString('base64').slice(0, bytes)}-->`;

  it('per entry: a worksheet over maxEntryBytes, even with a low ratio', async () => {
    const sheet = (pad: number) => Buffer.from(sheetXml([{ r: 1, cells: HEADER }]).toString('utf8').replace('</worksheet>', `${noise(pad)}</worksheet>`));
    expect((await readRosterXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(40 * 1024) }]), small))[0]).toEqual(HEADER);
    await unsafe(readRosterXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(70 * 1024), declaredSize: 0 }]), small));
  });

  it('in all: shared strings and worksheet each under the entry limit, over the total together', async () => {
    const strings = Buffer.from(`<sst><si><t>户主</t></si>${noise(55 * 1024)}</sst>`);
    const sheet = Buffer.from(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>${noise(55 * 1024)}</worksheet>`);
    // The worksheet alone is within the limits (its one cell points at shared strings it lacks).
    expect(await readRosterXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet }]), small)).toHaveLength(1);
    await unsafe(readRosterXlsx(zip([{ name: 'xl/sharedStrings.xml', data: strings }, { name: 'xl/worksheets/sheet1.xml', data: sheet }]), small));
  });

  it('ratio: a highly compressible entry past the floor', async () => {
    const sheet = (pad: number) => Buffer.concat([sheetXml([{ r: 1, cells: HEADER }]), Buffer.alloc(pad, 0x20)]);
    expect((await readRosterXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(10 * 1024) }]), small))[0]).toEqual(HEADER);
    await unsafe(readRosterXlsx(zip([{ name: 'xl/worksheets/sheet1.xml', data: sheet(50 * 1024) }]), small));
  });
});

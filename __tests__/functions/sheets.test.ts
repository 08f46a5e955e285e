/**
 * The `sheets` function: every export as a real .xlsx, opened back with exceljs — sheet names,
 * title and header rows, frozen header, A4 print setup, masked names where the list is public —
 * and the 积分台账 / 积分手册 figures equal to the ledger they come from.
 */
import ExcelJS from 'exceljs';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleFunction } from '../../scripts/bundleFunction';
import { FONT_FILE } from '@backend/sheets/pdf';
import { PUBLICITY_PAGE } from '@backend/sheets/links';
import { PAGES } from '../../src/constants/routes';
import { maskName, type Person } from '@domain/org/types';
import { UNIT_KIND_LABELS, type Unit } from '@domain/units/types';
// pdf-parse's index runs a self-test when required directly; its library entry does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ numpages: number; text: string }>;
import { C } from '@backend/repos/collections';
import type { Household } from '@domain/org/types';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import { ENTRY_KIND_LABELS } from '@domain/ledger/types';
import { XLSX_MIME, type ExportAnswer } from '@domain/shared/csv';
import { inline } from '../support/exports';
import { readAll } from '../support/invariants';
import { JPEG, NOW, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, OTHER_HOUSEHOLD, REVIEWER, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ demoPublicity: true });
}, 60_000);
afterAll(async () => h?.close());

const HH = 'h-qs-1-03';
const R = [1, 2, 3, 4].map((i) => `demo-reviewer-1-${i}`);

/**
 * A real November: the villager's deed, first review, three reviewers approve, the leader closes
 * the month in December — so the 台账's categories come from applications the ledger posted.
 */
beforeAll(async () => {
  const app = await h.ok(VILLAGER, 'points', 'submit', {
    requestId: 'sheets-test-app-1',
    itemCode: 'PV-05',
    deedDate: '2026-11-18',
    place: '村委会',
    description: '参加志愿服务',
    photos: [await upload(h, JPEG, VILLAGER)],
  });
  await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
  for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
  h.setNow(Date.parse('2026-12-05T09:00:00+08:00'));
  try {
    await h.ok(R[0], 'audit', 'close', { month: '2026-11' });
  } finally {
    h.setNow(NOW);
  }
}, 60_000);

async function open(answer: ExportAnswer): Promise<ExcelJS.Workbook> {
  const file = inline(answer);
  expect(file.mime).toBe(XLSX_MIME);
  expect(file.encoding).toBe('base64');
  expect(file.filename).toMatch(/\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.content, 'base64') as unknown as ArrayBuffer);
  return wb;
}

const texts = (row: ExcelJS.Row): string[] => (row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));

/** Every sheet is laid out for the village office's printer and for reading on screen. */
function expectPrintable(ws: ExcelJS.Worksheet): void {
  expect(ws.pageSetup.paperSize).toBe(9); // A4
  expect(ws.pageSetup.fitToPage).toBe(true);
  expect(ws.pageSetup.fitToWidth).toBe(1);
  expect(ws.pageSetup.printTitlesRow).toBe('2:2');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
  expect(ws.getRow(2).getCell(1).font?.bold).toBe(true);
  expect(ws.getColumn(1).width).toBeGreaterThan(0);
}

describe('sheets: the existing exports as .xlsx', () => {
  it('公示表: title, header, the same rows as the CSV, names masked, printable', async () => {
    const csv = await h.ok(ADMIN, 'publicity', 'export', { quarter: '2026-Q3' });
    const wb = await open(await h.ok(ADMIN, 'sheets', 'publicity', { quarter: '2026-Q3' }));
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('2026-Q3 公示表');
    expect(String(ws.getRow(1).getCell(1).value)).toContain('青山村 2026-Q3 季度积分公示表');
    expect(texts(ws.getRow(2))).toEqual(csv.content.replace('\uFEFF', '').split('\r\n')[0].split(','));
    expectPrintable(ws);
    const households = (await readAll<Household>(h.db, C.households)).filter((x) => x.villageId === 'v-qingshan');
    const names = new Set<string>();
    ws.eachRow((row, n) => n > 2 && names.add(String(row.getCell(4).value ?? '')));
    for (const hh of households) expect(names.has(hh.headName)).toBe(false);
    expect([...names].some((n) => /\*/.test(n))).toBe(true);
    expectRefused(await h.call(VILLAGER, 'sheets', 'publicity', { quarter: '2026-Q3' }), 'FORBIDDEN');
  });

  it('公示表: the village\'s units on a sheet of their own — names in full, 负责人 masked — and not among the households', async () => {
    const wb = await open(await h.ok(ADMIN, 'sheets', 'publicity', { quarter: '2026-Q3' }));
    const [households, units] = wb.worksheets;
    const unitDocs = (await readAll<Unit>(h.db, C.units)).filter((u) => u.villageId === 'v-qingshan');
    expect(unitDocs.length).toBeGreaterThan(0);
    expect(units.name).toBe('2026-Q3 单位积分');
    expect(String(units.getRow(1).getCell(1).value)).toContain('青山村 2026-Q3 季度单位积分公示表');
    expect(texts(units.getRow(2))).toEqual(['序号', '单位名称', '类别', '负责人', '7月积分', '8月积分', '9月积分', '异议更正', '本季合计']);
    expectPrintable(units);
    const lines = (await h.ok(ADMIN, 'publicity', 'lines', { quarter: '2026-Q3', offset: 0, limit: 100 })).items.filter((l) => l.subject === 'unit');
    const rows: string[][] = [];
    units.eachRow((row, n) => n > 2 && row.getCell(2).value !== null && /^\d+$/.test(String(row.getCell(1).value)) && rows.push(texts(row)));
    expect(rows.map((r) => r[1])).toEqual(lines.map((l) => l.name));
    for (const u of unitDocs) {
      const row = rows.find((r) => r[1] === u.name)!;
      expect(row.slice(2, 4)).toEqual([UNIT_KIND_LABELS[u.kind], maskName(u.responsibleName)]);
      expect(row[3]).not.toBe(u.responsibleName);
      expect(Number(row[8])).toBe(lines.find((l) => l.householdId === u._id)!.total);
    }
    // The households' sheet holds households only, and points to the units' sheet.
    const onFirst: string[] = [];
    households.eachRow((row) => onFirst.push(texts(row).join('|')));
    for (const u of unitDocs) expect(onFirst.some((t) => t.includes(u.name) && !t.includes('单位积分'))).toBe(false);
    expect(onFirst.some((t) => t.includes('见“单位积分”表'))).toBe(true);
  });

  it('人员信息分布台账, 定点巡查台账 and 网格员积分评定台账 open with their headers; who may not take the CSV may not take the .xlsx', async () => {
    const people = await open(await h.ok(ADMIN, 'sheets', 'people', {}));
    expect(texts(people.worksheets[0].getRow(2)).slice(0, 4)).toEqual(['村', '网格', '户数', '人数']);
    expectPrintable(people.worksheets[0]);
    const patrol = await open(await h.ok(ADMIN, 'sheets', 'patrol', { month: '2026-11' }));
    expect(texts(patrol.worksheets[0].getRow(2))).toEqual(['日期', '时间', '网格', '网格员', '巡查地点', '巡查情况', '照片数', '上报事件数']);
    const assessment = await open(await h.ok(TOWN, 'sheets', 'assessment', { month: '2026-10' }));
    expect(texts(assessment.worksheets[0].getRow(2))[3]).toBe('网格员');
    expectRefused(await h.call(WORKER_G1, 'sheets', 'people', {}), 'FORBIDDEN');
    expectRefused(await h.call(WORKER_G1, 'sheets', 'patrol', { month: '2026-11' }), 'FORBIDDEN');
  });
});

describe('sheets.pointsLedger (积分台账)', () => {
  it('a household’s row equals its ledger: approved points of the period by category, other postings by kind, balances now', async () => {
    const wb = await open(await h.ok(ADMIN, 'sheets', 'pointsLedger', { period: '2026-Q4' }));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['积分台账', '入账明细']);
    const ws = wb.worksheets[0];
    expectPrintable(ws);
    const header = texts(ws.getRow(2));
    const all = (await readAll<LedgerEntry>(h.db, C.ledgerEntries)).filter((e) => e.householdId === HH);
    const entries = all.filter((e) => e.at >= Date.parse('2026-10-01T00:00:00+08:00') && e.at < Date.parse('2027-01-01T00:00:00+08:00'));
    const [balance] = (await readAll<Balance>(h.db, C.balances)).filter((b) => b._id === HH);
    const hh = (await readAll<Household>(h.db, C.households)).find((x) => x._id === HH)!;
    let row: string[] = [];
    ws.eachRow((r, n) => {
      if (n > 2 && r.getCell(3).value === hh.doorNo) row = texts(r);
    });
    const col = (name: string) => Number(row[header.indexOf(name)]);
    const applicationPoints = all.filter((e) => e.kind === 'application' && ['2026-10', '2026-11', '2026-12'].includes(e.period ?? '')).reduce((s, e) => s + e.delta, 0);
    expect(applicationPoints).toBeGreaterThan(0); // November, closed above
    expect(col('评议小计')).toBe(applicationPoints);
    for (const kind of ['base_score', 'objection', 'adjustment', 'redemption'] as const) {
      expect([kind, col(ENTRY_KIND_LABELS[kind])]).toEqual([kind, entries.filter((e) => e.kind === kind).reduce((s, e) => s + e.delta, 0)]);
    }
    expect([col('当前待兑现'), col('当前可兑换'), col('累计已兑换')]).toEqual([balance.pending, balance.redeemable, balance.spent]);
    // The category columns sum to the subtotal.
    const cats = header.slice(header.indexOf('入账笔数') + 1, header.indexOf('评议小计'));
    expect(cats.length).toBeGreaterThan(0);
    expect(cats.reduce((s, c) => s + col(c), 0)).toBe(applicationPoints);
    // The total row is bold and sums the households.
    const last = ws.getRow(ws.rowCount - 2); // the total, then a blank row and one note
    expect(last.getCell(1).value).toBe('合计');
    expect(last.getCell(1).font?.bold).toBe(true);
  });

  it('a month with no closed audit has no 评议 points; the town reads any village of its town; others are refused and nothing is written', async () => {
    const wb = await open(await h.ok(TOWN, 'sheets', 'pointsLedger', { villageId: 'v-qingshan', period: '2026-12' }));
    const header = texts(wb.worksheets[0].getRow(2));
    const total = texts(wb.worksheets[0].getRow(wb.worksheets[0].rowCount - 2));
    expect(Number(total[header.indexOf('评议小计')])).toBe(0);
    expectRefused(await h.call(VILLAGER, 'sheets', 'pointsLedger', { period: '2026' }), 'FORBIDDEN');
    expectRefused(await h.call(CLERK, 'sheets', 'pointsLedger', { period: '2026' }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'sheets', 'pointsLedger', { villageId: 'v-qingshan', period: '2026' }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'sheets', 'pointsLedger', { period: '2026-13' }), 'BAD_INPUT');
  });
});

describe('sheets.handbook (积分手册)', () => {
  it('a villager takes their own household’s year: every decided application, subtotals, redemptions, where the points stand', async () => {
    const wb = await open(await h.ok(VILLAGER, 'sheets', 'handbook', { year: 2026 }));
    expect(wb.worksheets).toHaveLength(1);
    const ws = wb.worksheets[0];
    expectPrintable(ws);
    const rows: string[][] = [];
    ws.eachRow((r, n) => n > 2 && rows.push(texts(r)));
    const entries = (await readAll<LedgerEntry>(h.db, C.ledgerEntries)).filter((e) => e.householdId === HH);
    const total = rows.find((r) => r[1] === '评议合计')!;
    const november = rows.filter((r) => r[0] === '2026-11-18');
    expect(november.map((r) => Number(r[3]))).toEqual([entries.find((e) => e.period === '2026-11' && e.kind === 'application')!.delta]);
    expect(Number(total[3])).toBe(Number(november[0][3]));
    const posted = rows.find((r) => r[1] === '月度评议入账')!;
    expect(Number(posted[3])).toBe(entries.filter((e) => e.kind === 'application').reduce((s, e) => s + e.delta, 0));
    expect(rows.some((r) => /^评议小组/.test(r[4] ?? ''))).toBe(true);
    const [balance] = (await readAll<Balance>(h.db, C.balances)).filter((b) => b._id === HH);
    expect(rows.find((r) => r[1] === '当前积分')![2]).toBe(`待兑现 ${balance.pending}，可兑换 ${balance.redeemable}，累计已兑换 ${balance.spent}`);
  });

  it('a grid worker takes the grid (a sheet per household); nobody takes a household they may not read', async () => {
    const wb = await open(await h.ok(WORKER_G1, 'sheets', 'handbook', { of: 'grid', id: 'g-qs-1', year: 2026 }));
    const households = (await readAll<Household>(h.db, C.households)).filter((x) => x.gridId === 'g-qs-1');
    expect(wb.worksheets).toHaveLength(households.length);
    expect(new Set(wb.worksheets.map((w) => w.name)).size).toBe(households.length);
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'sheets', 'handbook', { id: HH, year: 2026 }), 'NOT_FOUND');
    expectRefused(await h.call(WORKER_G1, 'sheets', 'handbook', { of: 'grid', id: 'g-qs-2', year: 2026 }), 'NOT_FOUND');
    expectRefused(await h.call(VILLAGER, 'sheets', 'handbook', { of: 'village', id: 'v-qingshan', year: 2026 }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'sheets', 'handbook', { of: 'grid', year: 2026 }), 'BAD_INPUT');
    expect((await open(await h.ok(REVIEWER, 'sheets', 'handbook', { of: 'village', id: 'v-qingshan', year: 2026 }))).worksheets.length).toBeGreaterThan(households.length);
  });
});

describe('sheets.publicityPoster (公示栏 PDF)', () => {
  it('A4 pages with the village, the quarter, masked names and each household’s points — no full name or phone', async () => {
    const file = inline(await h.ok(ADMIN, 'sheets', 'publicityPoster', { quarter: '2026-Q3' }));
    expect(file).toMatchObject({ mime: 'application/pdf', encoding: 'base64', filename: '青山村-积分公示栏-2026-Q3.pdf' });
    const pdf = await pdfParse(Buffer.from(file.content, 'base64'));
    const text = pdf.text.replace(/\s+/g, ' ');
    expect(text).toContain('青山村2026年第3季度积分公示');
    expect(text).toContain('村评议小组（签字）');
    expect(text).toContain('村监督小组（签字）');
    expect(text).toContain('扫码查看公示、提出异议');
    const households = (await readAll<Household>(h.db, C.households)).filter((x) => x.villageId === 'v-qingshan');
    expect(pdf.numpages).toBeGreaterThanOrEqual(Math.ceil(households.length / 30)); // ~30 rows a page at wall-readable size
    const line = (await h.ok(ADMIN, 'publicity', 'lines', { quarter: '2026-Q3' })).items[0];
    expect(text).toContain(line.name); // masked, e.g. 张*
    expect(line.name).toMatch(/\*/);
    // Each household's points as on its line — door, masked name, three months, base score,
    // corrections, total — one row of the table (pdf-parse joins a row's cells, rows apart).
    const items = (await h.ok(ADMIN, 'publicity', 'lines', { quarter: '2026-Q3', limit: 100 })).items;
    const rows = new Set(text.split(' '));
    const best = items.reduce((a, b) => (b.total > a.total ? b : a));
    expect(best.total).toBeGreaterThan(0);
    for (const l of [best, items[0]]) {
      const row = [l.doorNo, l.name, ...l.months, l.baseScore, l.corrections, l.total].map(String).join('');
      expect([...rows].some((r) => r.endsWith(row))).toBe(true);
    }
    // The window's dates, and the 红榜 with the quarter's best household.
    const publicity = await h.ok(ADMIN, 'publicity', 'get', { quarter: '2026-Q3' });
    expect(text).toContain(`公示期：${publicity!.startDate} 至 ${publicity!.endDate}`);
    const red = await h.ok(ADMIN, 'publicity', 'redBlack', { quarter: '2026-Q3' });
    expect(red?.quarterTop.length).toBeGreaterThan(0);
    const top = red!.quarterTop[0];
    expect(text).toContain('红榜');
    expect(text).toContain(`第${top.rank}名 ${top.gridName} ${top.name} ${top.points} 分`);
    for (const hh of households) expect(text).not.toContain(hh.headName);
    const people = await readAll<Person & { phone?: string }>(h.db, C.people);
    for (const p of people) if (p.phone) expect(text).not.toContain(p.phone);
    expectRefused(await h.call(VILLAGER, 'sheets', 'publicityPoster', { quarter: '2026-Q3' }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'sheets', 'publicityPoster', { quarter: '2025-Q1' }), 'NOT_FOUND');
  });

  it('the units (单位积分) in a table of their own after the households: names in full, 负责人 masked', async () => {
    const file = inline(await h.ok(ADMIN, 'sheets', 'publicityPoster', { quarter: '2026-Q3' }));
    const text = (await pdfParse(Buffer.from(file.content, 'base64'))).text.replace(/\s+/g, ' ');
    const units = (await readAll<Unit>(h.db, C.units)).filter((u) => u.villageId === 'v-qingshan');
    const households = (await readAll<Household>(h.db, C.households)).filter((x) => x.villageId === 'v-qingshan');
    expect(text).toContain(`共 ${households.length} 户、${units.length} 个单位`);
    // pdf-parse runs a row's cells together: compare without spaces.
    const flat = text.replace(/ /g, '');
    const table = flat.indexOf('单位积分序号单位名称类别负责人7月8月9月更正合计');
    expect(table).toBeGreaterThan(flat.lastIndexOf('基础分'));
    expect(table).toBeLessThan(flat.indexOf('红榜'));
    for (const u of units) {
      expect(flat.indexOf(u.name)).toBeGreaterThan(table);
      expect(flat).toMatch(new RegExp(`\\d${u.name}${UNIT_KIND_LABELS[u.kind]}${maskName(u.responsibleName).replace(/\*/g, '\\*')}`));
      expect(flat).not.toContain(u.responsibleName);
    }
  });

  it('the deployed bundle carries the font beside index.js (CloudBase has no system fonts)', async () => {
    const out = mkdtempSync(join(tmpdir(), 'xiangyue-sheets-'));
    await bundleFunction('sheets', out);
    expect(existsSync(join(out, FONT_FILE))).toBe(true);
    expect(existsSync(join(out, 'index.js'))).toBe(true);
    expect(PUBLICITY_PAGE).toBe(PAGES.publicity); // the printed QR opens the real page
  }, 60_000);
});

describe('兑换记录台账 (shop.exportReceipts as CSV, sheets.receipts as .xlsx)', () => {
  it('every receipt of the period with what came back and the totals, the goods that left the shelf; CSV the same rows', async () => {
    const { code } = await h.ok(VILLAGER, 'shop', 'myCode', {});
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: 'sheets-receipts-buy-1', code, lines: [{ goodsId: 'goods_qs-01', quantity: 3 }] });
    await h.ok(CLERK, 'shop', 'returnGoods', { requestId: 'sheets-receipts-back-1', receiptId: receipt._id, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }], reason: '包装破损' });
    const month = '2026-11';
    const all = (await readAll<{ _id: string; villageId: string; at: number; total: number; returns?: { total: number }[] }>(h.db, C.receipts)).filter(
      (r) => r.villageId === 'v-qingshan' && r.at >= Date.parse('2026-11-01T00:00:00+08:00') && r.at < Date.parse('2026-12-01T00:00:00+08:00'),
    );
    const charged = all.reduce((s, r) => s + r.total, 0);
    const back = all.reduce((s, r) => s + (r.returns ?? []).reduce((t, x) => t + x.total, 0), 0);

    const wb = await open(await h.ok(ADMIN, 'sheets', 'receipts', { period: month }));
    const ws = wb.getWorksheet('兑换记录')!;
    expect(String(ws.getRow(1).getCell(1).value)).toBe('青山村 2026年11月 积分超市兑换记录');
    expect(texts(ws.getRow(2))).toEqual(['时间', '户', '兑换商品', '兑换积分', '退回积分', '实际使用积分', '退货原因', '经手人']);
    expectPrintable(ws);
    const rows: string[][] = [];
    ws.eachRow((row, n) => n > 2 && rows.push(texts(row)));
    const total = rows.find((r) => r[0] === '合计')!;
    expect(total.slice(1, 6)).toEqual([`${all.length} 张小票`, '', String(charged), String(back), String(charged - back)]);
    const mine = rows.find((r) => r[2] === '肥皂×3')!;
    expect(mine).toEqual([expect.stringMatching(/^2026-11-20 \d\d:\d\d$/), receipt.householdLabel, '肥皂×3', '15', '5', '10', '包装破损', receipt.clerkName]);
    expect(receipt.householdLabel).toMatch(/\*/); // masked, as on the receipt
    const soap = wb.getWorksheet('按商品')!;
    const soapRow: string[] = [];
    soap.eachRow((row) => (String(row.getCell(1).value) === '肥皂' ? soapRow.push(...texts(row)) : undefined));
    expect(Number(soapRow[1])).toBeGreaterThanOrEqual(3);
    expect(Number(soapRow[2])).toBeGreaterThanOrEqual(1);

    const csv = await h.ok(ADMIN, 'shop', 'exportReceipts', { period: month });
    expect(csv.filename).toBe('青山村-兑换记录-2026年11月.csv');
    const lines = csv.content.replace('\uFEFF', '').split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('时间,户,兑换商品,兑换积分,退回积分,实际使用积分,退货原因,经手人');
    expect(lines.filter((l) => l.includes('肥皂×3'))).toHaveLength(rows.filter((r) => r[2] === '肥皂×3').length);

    // Another month holds none of them.
    const empty = await open(await h.ok(ADMIN, 'sheets', 'receipts', { period: '2026-10' }));
    const emptyRows: string[][] = [];
    empty.getWorksheet('兑换记录')!.eachRow((row, n) => n > 2 && emptyRows.push(texts(row)));
    expect(emptyRows.filter((r) => r[0] !== '合计' && /^\d{4}-/.test(r[0]))).toEqual([]);
  });

  it('the admin, the supervisors and the town take it; a clerk, a villager and another village cannot; a bad period is refused', async () => {
    await h.ok('demo-supervisor-1-1', 'sheets', 'receipts', { period: '2026' });
    await h.ok(TOWN, 'shop', 'exportReceipts', { villageId: 'v-qingshan', period: '2026-Q4' });
    expectRefused(await h.call(VILLAGER, 'sheets', 'receipts', { period: '2026' }), 'FORBIDDEN');
    expectRefused(await h.call(CLERK, 'shop', 'exportReceipts', { period: '2026' }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'sheets', 'receipts', { villageId: 'v-qingshan', period: '2026' }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'sheets', 'receipts', { period: '2026-13' }), 'BAD_INPUT');
  });
});

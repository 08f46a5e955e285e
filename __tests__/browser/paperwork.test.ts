/**
 * 台账导出 in the real H5 build: the village admin downloads the 积分台账 of the year and a
 * villager their own 积分手册; both files open in exceljs with the village's households and the
 * villager's own household. Screenshots: .artifacts/browser/paperwork/.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBrowserApp('paperwork', { demoPublicity: true }); // the demo publishes the quarter that ended last
  ({ browser, base } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();

async function download(page: Page, label: string | RegExp): Promise<{ name: string; book: ExcelJS.Workbook }> {
  const [file] = await Promise.all([page.waitForEvent('download'), button(page, label).click()]);
  const path = await file.path();
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  return { name: file.suggestedFilename(), book };
}

test('the village admin downloads the 积分台账 and the 兑换记录; a villager their own 积分手册', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await actAs(app, page, 'demo-admin-1', '办事');
    await visible(page, '台账导出').click();
    await visible(page, '导出积分台账').waitFor();
    await shot(page, '01-admin');
    const ledger = await download(page, '导出积分台账');
    expect(ledger.name).toMatch(/^青山村-积分台账-\d{4}年\.xlsx$/);
    const sheet = ledger.book.worksheets[0];
    expect(sheet.name).toBe('积分台账');
    expect(sheet.rowCount).toBeGreaterThan(60); // the village's 60 households, the total and notes

    // The shop's receipts of the same year, for the supervisors' check and the books.
    const receipts = await download(page, '导出兑换记录');
    expect(receipts.name).toMatch(/^青山村-兑换记录-\d{4}年\.xlsx$/);
    expect(receipts.book.worksheets.map((w) => w.name)).toEqual(['兑换记录', '按商品']);
    expect(String(receipts.book.worksheets[0].getRow(2).getCell(1).value)).toBe('时间');

    // The 公示栏 PDF of the quarter the demo published: the page opened on a month of it.
    const published = (await app.h.db.collection<{ _id: string; quarter: string }>('publicities').limit(1).get()).data[0].quarter;
    const firstMonth = `${published.slice(0, 4)}-${String((Number(published.slice(6)) - 1) * 3 + 1).padStart(2, '0')}`;
    await page.goto(`${base}/#/pkg-admin/paperwork/index?month=${firstMonth}`);
    await visible(page, `${published} 积分公示`).waitFor();
    const [pdf] = await Promise.all([page.waitForEvent('download'), button(page, '生成公示栏 PDF').click()]);
    expect(pdf.suggestedFilename()).toBe(`青山村-积分公示栏-${published}.pdf`);

    await actAs(app, page, 'demo-villager-1', '办事');
    await page.goto(`${base}/#/pkg-admin/paperwork/index`);
    await visible(page, '我家的积分手册').waitFor();
    await expect(page.getByText('导出积分台账').count()).resolves.toBe(0);
    await expect(page.getByText('导出兑换记录').count()).resolves.toBe(0);
    await shot(page, '02-villager');
    const handbook = await download(page, '我家的积分手册');
    expect(handbook.book.worksheets).toHaveLength(1);
    expect(String(handbook.book.worksheets[0].getRow(1).getCell(1).value)).toMatch(/积分手册$/);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);

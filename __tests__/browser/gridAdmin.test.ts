/**
 * The grid admin pages in the real H5 build: the village admin reads the grid tree, imports a
 * roster (a bad row is shown and nothing written; the fixed file goes in; then an .xlsx), reads the
 * 人员信息分布台账; the grid worker sees their grid's tags and phones; an admin's look at a
 * tagged household shows up in the privacy log. Screenshots: .artifacts/browser/grid-admin/.
 */
import type { Browser, Page } from 'playwright-core';
import { C } from '@backend/repos/collections';
import type { Harness } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBrowserApp('grid-admin');
  ({ h, browser, base } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();

const become = (page: Page, openid: string) => actAs(app, page, openid, '办事');

const BAD = '户主,成员,与户主关系,电话,所在组,门牌号,标签\n,王五,子女,,一组,一组30号,\n';
const GOOD = '户主,成员,与户主关系,电话,所在组,门牌号,标签\n陈国强,陈国强,户主,13911112222,一组,一组30号,困难家庭\n陈国强,李秀兰,配偶,,一组,一组30号,\n';

test('village admin: tree → import (bad row, then good) → 台账; grid worker: tags and phones; privacy log', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await become(page, 'demo-admin-1');
    await visible(page, '网格管理').click();
    await visible(page, /青山村 · 3 个网格 · 60 户/).waitFor();
    await visible(page, /不漏户、不漏人/).waitFor();
    await shot(page, '01-tree');

    await page.goto(`${base}/#/pkg-admin/import/index`);
    const textarea = page.locator('.van-field textarea').locator('visible=true').first();
    await textarea.fill(BAD);
    await button(page, /^检查$/).click();
    await visible(page, '第 2 行：缺少户主姓名').waitFor();
    await shot(page, '02-import-problems');
    expect((await h.db.collection(C.households).where({ villageId: 'v-qingshan', doorNo: '一组30号' }).get()).data).toHaveLength(0);
    await textarea.fill(GOOD);
    await button(page, /^检查$/).click();
    await visible(page, '检查通过').waitFor();
    await button(page, '确认导入').click();
    await visible(page, /导入完成/).waitFor();
    await shot(page, '03-import-done');
    const imported = (await h.db.collection<{ _id: string; gridId: string }>(C.households).where({ villageId: 'v-qingshan', doorNo: '一组30号' }).get()).data;
    expect(imported.map((x) => x.gridId)).toEqual(['g-qs-1']);

    // The same page with an .xlsx file: read by the sheets function, the same check and commit.
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    for (const row of ['户主,成员,与户主关系,电话,所在组,门牌号,标签', '周建华,周建华,户主,13922223333,一组,一组31号,'].map((l) => l.split(','))) ws.addRow(row);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    await page.goto(`${base}/#/pkg-admin/import/index`);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), button(page, '选择文件').click()]);
    await chooser.setFiles({ name: '名册.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx });
    await visible(page, '已选：名册.xlsx').waitFor();
    await button(page, /^检查$/).click();
    await visible(page, '检查通过').waitFor();
    await button(page, '确认导入').click();
    await visible(page, /导入完成/).waitFor();
    expect((await h.db.collection(C.households).where({ villageId: 'v-qingshan', doorNo: '一组31号' }).get()).data).toHaveLength(1);

    await page.goto(`${base}/#/pkg-admin/people-ledger/index`);
    await visible(page, '青山村 合计').waitFor();
    await visible(page, /62 户/).waitFor(); // 60 + 一组30号 (CSV) + 一组31号 (.xlsx)
    await button(page, '导出 CSV').waitFor();
    await shot(page, '04-people-ledger');

    await become(page, 'demo-gridworker-1-1');
    await page.goto(`${base}/#/pkg-grid/grid/index`);
    await visible(page, /青山村一组 · 共 22 户/).waitFor();
    await page.locator('.tags__item', { hasText: '困难家庭' }).locator('visible=true').first().waitFor();
    await visible(page, /13911112222/).waitFor();
    await shot(page, '05-worker-roster');

    await become(page, 'demo-admin-1');
    await page.goto(`${base}/#/pkg-grid/roster/index?householdId=${imported[0]._id}`);
    await visible(page, /本次查看已记录/).waitFor();
    await shot(page, '06-admin-reads-tagged');
    await page.goto(`${base}/#/pkg-admin/grid-admin/index`);
    await visible(page, '隐私查看记录').click();
    await visible(page, /查看 青山村一组 一组30号/).waitFor();
    await shot(page, '07-privacy-log');
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
}, 180_000);

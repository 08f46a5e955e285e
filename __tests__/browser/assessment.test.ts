/**
 * 网格员积分评定 in the real H5 build (headless Chromium): the grid leader of 青山村一组 opens last
 * month (the demo seeds its patrols, visits and events), sees the worker's computed items, adds
 * a 表彰 with a reason and publishes; the worker sees their result; the village admin sees the
 * row in the 台账 and exports it as CSV. Screenshots go to .artifacts/browser/assessment/.
 */
import type { Browser, Page } from 'playwright-core';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const LEADER = 'demo-gridleader-1-1';
const WORKER = 'demo-gridworker-1-1';
const ADMIN = 'demo-admin-1';

let app: BrowserApp;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBrowserApp('assessment');
  ({ browser, base } = app);
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();

const switchTo = (page: Page, openid: string, entry: string) => actAs(app, page, openid, entry);

test('leader adds a 表彰 and publishes → worker sees it → village admin reads and exports the 台账', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/`);
    await switchTo(page, LEADER, '网格员积分评定');
    await visible(page, '网格长：每月评定本网格网格员').click(); // the entry, not the section title
    await visible(page, '日常巡查').waitFor();
    await visible(page, '草稿').or(visible(page, '未开始')).waitFor();
    const totalBefore = Number((await page.locator('.asm-line__total').locator('visible=true').first().innerText()).replace(/[^\d-]/g, ''));
    await shot(page, '01-leader-computed');

    const form = page.locator('.page').locator('visible=true').first();
    await form.locator('.segmented__item', { hasText: '表彰奖励' }).first().click();
    await form.locator('input').nth(0).fill('5');
    await form.locator('input').nth(1).fill('获镇优秀网格员表彰');
    await button(page, '添加').click();
    await visible(page, '获镇优秀网格员表彰').waitFor();
    await page.waitForFunction(
      (expected) => Array.from(document.querySelectorAll('.asm-line__total')).some((e) => (e as HTMLElement).innerText.replace(/[^\d-]/g, '') === String(expected)),
      totalBefore + 5,
    );
    await shot(page, '02-leader-item');

    await button(page, '发布本月评定').click();
    await visible(page, /确定发布/).waitFor();
    await page.getByText('确定', { exact: true }).locator('visible=true').first().click();
    await visible(page, '已发布').waitFor();
    await visible(page, '提交更正').waitFor();
    await shot(page, '03-leader-published');

    await switchTo(page, WORKER, '我的积分评定');
    await visible(page, '我的积分评定').click();
    await visible(page, `${totalBefore + 5} 分`).waitFor();
    await shot(page, '04-worker-mine');

    await switchTo(page, ADMIN, '网格员积分评定台账');
    await visible(page, '网格员积分评定台账').click();
    await visible(page, /青山村一组 · /).waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button(page, '导出台账（CSV）').click()]);
    expect(download.suggestedFilename()).toMatch(/^青山村-网格员积分评定台账-\d{4}-\d{2}\.csv$/);
    await shot(page, '05-admin-ledger');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, 'zz-failure').catch(() => undefined);
    throw e;
  } finally {
    await context.close();
  }
}, 180_000);

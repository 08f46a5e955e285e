/**
 * 工作台 in the real H5 build: the grid worker's 首页 counts what waits for 初审 (2, then 0 once
 * passed), staff read 工作台 on the first tab, villagers 首页 · 申报 · 积分 · 我的, and the town
 * admin gets no villager tabs and picks the village on 月度评议.
 * Screenshots: .artifacts/browser/workbench/.
 */
import type { Page } from 'playwright-core';
import { JPEG, upload } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('workbench');
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const newPage = async () => (await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
const tabTexts = (page: Page) => page.locator('.taro-tabbar__tabbar .weui-tabbar__label').allInnerTexts();
const todoCount = (page: Page, kind: string) => page.locator(`[data-todo="${kind}"] .todo__figure`).locator('visible=true').first();

let seq = 0;
async function submitDeed(openid: string): Promise<string> {
  const app0 = await app.h.ok(openid, 'points', 'submit', {
    requestId: `req-browser-workbench-${++seq}`,
    itemCode: 'RB-06',
    deedDate: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
    place: '一组 3 号门前',
    description: '义务劳动，清理水沟',
    photos: [await upload(app.h, JPEG, openid)],
  });
  return app0._id;
}

test('a grid worker with 2 applications waiting sees 2 on 工作台, and 0 after passing them', async () => {
  const page = await newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const ids = [await submitDeed('demo-villager-1'), await submitDeed('demo-head-1')];
    await actAs(app, page, 'demo-gridworker-1-1', '待初审申报');
    await expect(todoCount(page, 'firstReview').innerText()).resolves.toBe('2');
    await expect(todoCount(page, 'events').isVisible()).resolves.toBe(true);
    await page.waitForFunction(() => document.querySelector('.taro-tabbar__tabbar')?.textContent?.includes('工作台'));
    expect((await tabTexts(page))[0]).toBe('工作台');
    await shot(page, '01-worker-workbench');

    // Tapping the count opens 网格工作, where both wait; pass them (through the API, as the loop test does in the UI).
    await page.locator('[data-todo="firstReview"]').locator('visible=true').first().click();
    await visible(page, '本网格住户').waitFor();
    for (const applicationId of ids) await app.h.ok('demo-gridworker-1-1', 'points', 'firstReview', { applicationId, decision: 'pass' });
    await page.goto(`${app.base}/#/pages/home/index`);
    await page.waitForFunction(() => document.querySelector('[data-todo="firstReview"] .todo__figure')?.textContent === '0');
    await shot(page, '02-worker-after-passing');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-worker-failure');
    throw e;
  }
}, 120_000);

test('a villager has 首页 · 申报 · 积分 · 我的, no to-dos, the household points and icon shortcuts', async () => {
  const page = await newPage();
  await actAs(app, page, 'demo-villager-1', '户积分');
  expect(await tabTexts(page)).toEqual(['首页', '申报', '积分', '我的']);
  await expect(page.locator('.todo').count()).resolves.toBe(0);
  await expect(page.locator('[data-entry="code"]').locator('visible=true').count()).resolves.toBe(1);
  await shot(page, '03-villager-home');
  // 积分 is a tab now; 我的 holds the household and the applications.
  await visible(page, /^我的$/).click();
  await visible(page, '我的家庭').waitFor();
  await visible(page, '家庭成员（').waitFor();
  await shot(page, '04-villager-mine');
}, 120_000);

test('the town admin has no tab bar, sees late villages, and picks the village on 月度评议', async () => {
  const page = await newPage();
  try {
    await actAs(app, page, 'demo-town-admin', '评议逾期的村');
    await page.waitForFunction(() => {
      const bar = document.querySelector('.taro-tabbar__tabbar') as HTMLElement | null;
      return !bar || bar.classList.contains('taro-tabbar__tabbar-hide') || bar.getBoundingClientRect().height === 0;
    });
    await shot(page, '05-town-workbench');
    await visible(page, '月度评议').click();
    await page.locator('.village-picker .segmented__item', { hasText: '柳溪村' }).locator('visible=true').first().click();
    await page.locator('.village-picker .segmented__item--on', { hasText: '柳溪村' }).locator('visible=true').first().waitFor();
    await shot(page, '06-town-audit-village-picker');
  } catch (e) {
    await shot(page, '99-town-failure');
    throw e;
  }
}, 120_000);

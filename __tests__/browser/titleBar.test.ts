/**
 * The H5 build's title bar (Taro's router draws it because app.config names
 * navigationStyle 'default'): every page shows its title; a page opened from another has a back
 * button that goes back; a page opened directly by its link has a home button; the tab pages
 * have neither. Screenshots: .artifacts/browser/titleBar/.
 */
import { actAs, openBrowserApp, shot, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('titleBar');
}, 120_000);
afterAll(async () => app?.close());

test('title bar: the title on every page, back on a page opened from another, home on one opened by link', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await actAs(app, page, 'demo-villager-1', '户积分');
  const bar = page.locator('#taro-navigation-bar');
  const title = bar.locator('.taro-navigation-bar-title');
  const back = bar.locator('.taro-navigation-bar-back');
  const home = bar.locator('.taro-navigation-bar-home');

  // A tab page: the bar with its title, no back and no home.
  await page.goto(`${app.base}/#/pages/home/index`);
  await visible(page, '户积分').waitFor();
  await bar.waitFor({ state: 'visible' });
  await back.waitFor({ state: 'hidden' });
  await home.waitFor({ state: 'hidden' });

  // Opened from 首页: its own title and a back button that returns to 首页.
  await page.locator('[data-entry="publicity"]').locator('visible=true').first().click();
  await title.filter({ hasText: /^积分公示$/ }).waitFor();
  await back.waitFor({ state: 'visible' });
  await home.waitFor({ state: 'hidden' });
  const box = await back.boundingBox();
  expect(box && box.height >= 24 && box.width >= 24).toBe(true);
  await shot(app, page, '01-publicity-with-back');
  await back.click();
  await page.waitForURL(/pages\/home\/index/);
  await visible(page, '户积分').waitFor();

  // Opened straight from a link (a shared card, a bookmark): a home button instead, which leads to 首页.
  await page.goto(`${app.base}/#/pkg-villager/catalogue/index`);
  await title.filter({ hasText: /^积分目录$/ }).waitFor();
  await home.waitFor({ state: 'visible' });
  await back.waitFor({ state: 'hidden' });
  await shot(app, page, '02-catalogue-with-home');
  await home.click();
  await page.waitForURL(/pages\/home\/index/);
}, 120_000);

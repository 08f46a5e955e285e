/**
 * The real H5 build in headless Chromium, driven as a person would: a villager reports a
 * deed with a photo, the grid worker passes it in 初审, the villager sees the new status.
 * Screenshots go to .artifacts/browser/first-review/ (kept by CI).
 */
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';



let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;

beforeAll(async () => {
  app = await openBrowserApp('first-review');
  ({ h, browser, base, names } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

async function becomeFromPicker(page: Page, openid: string): Promise<void> {
  await visible(page, '选择一个身份').waitFor();
  await visible(page, names[openid]).click();
  await visible(page, '户积分').waitFor(); // 首页 loaded as that person
}

async function switchTo(page: Page, openid: string): Promise<void> {
  // Like reopening the app on another phone: start from 首页 and use the demo switch.
  await page.goto(`${base}/#/pages/home/index`);
  await visible(page, '演示模式 · 切换身份').click();
  await becomeFromPicker(page, openid);
}

/** The application's timeline as shown: the steps done, and the one it is at. */
async function journey(page: Page): Promise<{ done: string[]; current: string | null }> {
  const steps = page.locator('.journey').locator('visible=true').first();
  await steps.waitFor();
  const done = (await steps.locator('.journey__step--done').allTextContents()).map((t) => t.trim());
  const current = await steps.locator('.journey__step--current').first().textContent({ timeout: 5_000 });
  return { done, current: current?.trim() ?? null };
}

test('villager submits → grid worker passes 初审 → villager sees the new status', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}/`);
    // No identity yet: the app sends a person to the demo picker.
    await becomeFromPicker(page, 'demo-villager-1');
    // The new 首页 loads the household card on its own: wait for it rather than look once.
    await visible(page, '一组3号').waitFor();
    // 首页 shows the household's balance from the ledger (可兑换 / 待公示 / 已兑换).
    await page.locator('.balance', { hasText: '可兑换' }).locator('visible=true').first().waitFor();
    await shot(page, '01-villager-home');

    // 申报: category → item → place, story, a photo → submit.
    await visible(page, /^申报$/).click();
    await page.locator('.submit__category', { hasText: '公益美德类' }).click();
    await page.locator('.submit__item', { hasText: '参与志愿者服务活动' }).click();
    await page.locator('.van-field input').first().fill('村委会广场');
    await page.locator('.van-field textarea').first().fill('参加村里组织的敬老院志愿服务，打扫卫生两小时');
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 150 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([{ name: 'evidence.png', mimeType: 'image/png', buffer: photo }]);
    await page.locator('.photos img, .photos .taro-img').first().waitFor();
    await shot(page, '02-submit-filled');
    await page.locator('.van-button', { hasText: '提交申报' }).locator('visible=true').first().click();

    // The detail page: status and history.
    await visible(page, '等网格员核实').waitFor();
    await expect(visible(page, '提交申报').isVisible()).resolves.toBe(true);
    // The timeline: reported, the grid worker's check is the step it is at.
    expect(await journey(page)).toEqual({ done: ['已申报'], current: '网格员初审' });
    await shot(page, '03-detail-submitted');
    const [app] = (await h.ok('demo-villager-1', 'points', 'mine', {})).items;
    expect(app).toMatchObject({ itemName: '参与志愿者服务活动', place: '村委会广场', status: 'submitted' });
    expect(app.photos).toHaveLength(1);

    // The grid worker of 一组 sees it in 初审 and passes it.
    await switchTo(page, 'demo-gridworker-1-1');
    await visible(page, '网格工作').click();
    await visible(page, '本网格住户').waitFor();
    await page.locator('.van-tab', { hasText: '初审' }).click();
    await page.locator('.app-card', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().click();
    await visible(page, '敬老院志愿服务').waitFor();
    await shot(page, '04-first-review');
    await page.locator('.van-button', { hasText: '通过，提交评议' }).locator('visible=true').first().click();
    // What the worker sees: the application leaves the 初审 queue.
    await page.locator('.app-card', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().waitFor({ state: 'detached', timeout: 10_000 });
    await shot(page, '04b-queue-after-pass');
    expect((await h.ok('demo-villager-1', 'points', 'get', { applicationId: app._id })).status).toBe('first_reviewed');

    // The villager sees the new status in 我的申报 and the history in the detail.
    await switchTo(page, 'demo-villager-1');
    await visible(page, '我的申报').click();
    await visible(page, '网格员已核实，等评议小组评议').waitFor();
    await shot(page, '05-villager-sees-status');
    await page.locator('.app-card', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().click();
    // The history names who did what: the villager's submission, then the worker's pass.
    const passed = visible(page, `网格员核实通过 · ${names['demo-gridworker-1-1']}`);
    await passed.waitFor();
    await passed.scrollIntoViewIfNeeded();
    await expect(visible(page, `提交申报 · ${names['demo-villager-1']}`).isVisible()).resolves.toBe(true);
    // The timeline moved on: checked by the grid worker, now with the committee (月度评议), with its date.
    expect(await journey(page)).toEqual({ done: ['已申报', '网格员初审'], current: '月度评议' });
    await expect(visible(page, /现在：月度评议/).isVisible()).resolves.toBe(true);
    await expect(visible(page, /预计 .*月.*日 前完成/).isVisible()).resolves.toBe(true);
    await shot(page, '06-villager-history');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure');
    throw e;
  }
}, 120_000);

test('a villager opening 网格工作 is refused with a clear Chinese message', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${base}/`);
  await becomeFromPicker(page, 'demo-villager-b-1');
  await expect(page.getByText('网格工作').locator('visible=true').count()).resolves.toBe(0);
  await page.goto(`${base}/#/pkg-grid/grid/index`);
  await visible(page, '只有网格员、网格长或村两委可以查看网格住户').waitFor();
  await shot(page, '07-villager-refused-grid');
}, 60_000);

/**
 * 单位积分 in the real H5 build (headless Chromium): a unit's application goes through to the
 * quarter's publicity list, on a calendar pinned for the server and the browser.
 *   2026-12-10  the 负责人 of 青山便民超市 opens 首页 → 单位积分 → the unit's page and applies
 *               for a 单位积分类 item with a photo → the grid worker of 二组 passes 初审;
 *               three reviewers approve (API);
 *   2027-01-02  the leader closes December and the village admin publishes 2026-Q4 (API) →
 *               a villager reads the list: the unit's line is in its own 单位积分 section, and
 *               objects to it (异议) as to a household's line.
 * Then, the village letting units redeem: the village admin corrects the unit's points on its page
 * (村委调整), and the 负责人 opens the unit's 兑换码 from it, showing the unit's points.
 * Screenshots go to .artifacts/browser/units/.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const RESPONSIBLE = 'demo-villager-b-1'; // head of 二组5号, 负责人 of 青山便民超市
const WORKER = 'demo-gridworker-1-2'; // 二组, the unit's grid
const LEADER = 'demo-reviewer-1-1';
const REVIEWERS = ['demo-reviewer-1-2', 'demo-reviewer-1-3', 'demo-reviewer-1-4'];
const ADMIN = 'demo-admin-1';
const VILLAGER = 'demo-villager-1';
const UNIT = 'unit_qs-shop';
const ITEM = '有5人及以上参加社区(村)的义务劳动';
const STORY = '超市6名店员参加村里组织的河道清理';
const OBJECTION = '河道清理那天超市只去了3个人';
const ADJUST_REASON = '补录：超市协助村里清点救灾物资';
const DEC_10 = Date.parse('2026-12-10T10:00:00+08:00');
const JAN_02 = Date.parse('2027-01-02T10:00:00+08:00');

let app: BrowserApp;
const contexts: BrowserContext[] = [];
beforeAll(async () => {
  app = await openBrowserApp('units');
}, 120_000);
afterAll(async () => app?.close());

async function setDay(at: number): Promise<void> {
  app.h.setNow(at);
  for (const c of contexts) await c.clock.setSystemTime(at);
}
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();
const cell = (page: Page, title: string) => page.locator('.van-cell', { hasText: title }).locator('visible=true').first();

test('a unit\'s application: 负责人 applies → 初审 → audit → month close → on the publicity list in its own section', async () => {
  const { h } = app;
  const errors: string[] = [];
  await setDay(DEC_10);
  for (const month of ['2026-10', '2026-11']) await h.ok(LEADER, 'audit', 'close', { month });
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await context.clock.install({ time: DEC_10 });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));

  // The 负责人: 首页 → 单位积分 → the unit's page → 单位申报.
  await actAs(app, page, RESPONSIBLE, '户积分');
  await visible(page, /^单位积分$/).waitFor();
  await cell(page, '我是负责人').scrollIntoViewIfNeeded();
  await shotOf(app, page, '00-home-unit-entry');
  await cell(page, '我是负责人').click();
  await visible(page, '单位申报（单位积分类）').waitFor();
  await cell(page, ITEM).click();
  await page.locator('.van-field input').locator('visible=true').first().fill('村东河道');
  await page.locator('.van-field textarea').locator('visible=true').first().fill(STORY);
  const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 150 } });
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').locator('visible=true').first().click()]);
  await chooser.setFiles([{ name: 'evidence.png', mimeType: 'image/png', buffer: photo }]);
  await page.locator('.photos img, .photos .taro-img').locator('visible=true').first().waitFor();
  await button(page, '提交单位申报').click();
  await page.locator('.app-card', { hasText: ITEM }).locator('visible=true').first().waitFor();
  await shotOf(app, page, '01-unit-applied');
  const [application] = (await h.ok(RESPONSIBLE, 'units', 'get', { unitId: UNIT })).applications;
  expect(application).toMatchObject({ householdId: UNIT, subject: 'unit', description: STORY, status: 'submitted', points: 5 });

  // 初审 by the grid worker of the unit's grid.
  await actAs(app, page, WORKER, '网格工作');
  await visible(page, '网格工作').click();
  await page.locator('.van-tab', { hasText: '初审' }).click();
  await page.locator('.app-card', { hasText: ITEM }).locator('visible=true').first().click();
  await visible(page, STORY).waitFor();
  await button(page, '通过，提交评议').click();
  await page.locator('.app-card', { hasText: ITEM }).locator('visible=true').first().waitFor({ state: 'detached', timeout: 10_000 });
  await shotOf(app, page, '02-worker-first-review');
  expect((await h.ok(WORKER, 'points', 'get', { applicationId: application._id })).status).toBe('first_reviewed');

  // The committee decides, the month closes, the quarter is published (each tested in its own browser test).
  for (const r of REVIEWERS) await h.ok(r, 'audit', 'sign', { applicationId: application._id, decision: 'approve' });
  await setDay(JAN_02);
  await h.ok(LEADER, 'audit', 'close', { month: '2026-12' });
  await h.ok(ADMIN, 'publicity', 'open', { quarter: '2026-Q4' });

  // Any villager reads the list: the unit's own line, after the households, under 单位积分.
  await actAs(app, page, VILLAGER, '户积分');
  await cell(page, '积分公示').click();
  await visible(page, '2026年第四季度积分公示').waitFor();
  await visible(page, /60 户 · 2 个单位/).waitFor();
  // The lines come a page at a time: load more until the unit's line is there (the first page may
  // still be on its way when the heading shows, so "no 加载更多 yet" does not mean "all loaded").
  const more = button(page, /加载更多/);
  const line = page.locator('.pub__line', { hasText: '青山便民超市' }).locator('visible=true').first();
  for (let i = 0; i < 60 && !(await line.isVisible()); i++) {
    if (await more.isVisible()) await more.click();
    await page.waitForTimeout(300);
  }
  await line.waitFor();
  await expect(line.textContent()).resolves.toMatch(/青山便民超市（商铺）.*5 分/);
  // A villager may object to a unit's line as to a household's.
  await expect(line.locator('.pub__object').count()).resolves.toBe(1);
  await visible(page, /^单位积分$/).waitFor();
  await line.scrollIntoViewIfNeeded();
  await shotOf(app, page, '03-publicity-unit-line');
  // …and objects to the unit's line as to a household's.
  await line.locator('.pub__object').click();
  await page.locator('.pub__form textarea').fill(OBJECTION);
  await button(page, '提交异议').click();
  await visible(page, OBJECTION).waitFor();
  const [objection] = (await h.ok(VILLAGER, 'publicity', 'objections', { scope: 'mine' })).items;
  expect(objection).toMatchObject({ householdId: UNIT, subject: 'unit', status: 'open', reason: OBJECTION });
  expect(errors).toEqual([]);
}, 180_000);

test('where the village lets units redeem: the admin corrects the unit\'s points on its page, the 负责人 opens the unit\'s 兑换码 from it', async () => {
  const { h } = app;
  const errors: string[] = [];
  await h.ok(ADMIN, 'catalogue', 'setRules', { unitsRedeem: true });
  const before = (await h.ok(ADMIN, 'units', 'get', { unitId: UNIT })).unit.balance.redeemable;
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));

  // The village admin: the unit's page → 村委调整 with a reason.
  await actAs(app, page, ADMIN, '超市管理');
  await page.goto(`${app.base}/#/pkg-villager/unit/index?unitId=${UNIT}`);
  await visible(page, '村委调整（记入单位台账）').waitFor();
  await page.locator('input[placeholder="加分写正数，扣减写负数"]').locator('visible=true').first().fill('12');
  await page.locator('textarea[placeholder="例如 补录、更正录入错误"]').locator('visible=true').first().fill(ADJUST_REASON);
  await button(page, '确认调整').click();
  await visible(page, ADJUST_REASON).waitFor();
  await shotOf(app, page, '04-admin-adjusts-unit');
  const v = await h.ok(ADMIN, 'units', 'get', { unitId: UNIT });
  expect(v.unit.balance.redeemable).toBe(before + 12);
  expect(v.entries[0]).toMatchObject({ kind: 'adjustment', delta: 12, reason: ADJUST_REASON });

  // The 负责人: 首页 → the unit → 单位兑换码: the unit's code with the unit's points.
  await actAs(app, page, RESPONSIBLE, '户积分');
  await cell(page, '我是负责人').click();
  await cell(page, '单位兑换码').click();
  await visible(page, '请向超市店员出示此码').waitFor();
  await visible(page, '单位兑换码：兑换扣的是单位的积分').waitFor();
  await expect(page.locator('.code__redeemable').locator('visible=true').first().textContent()).resolves.toBe(`${before + 12} 分`);
  await shotOf(app, page, '05-unit-code');
  expect(errors).toEqual([]);
}, 180_000);

/**
 * A grid event end to end in the real H5 build (headless Chromium), each person on their own
 * phone: a villager reports a hazard with a photo (随手拍) → the grid worker of 一组 cannot
 * solve it and escalates it to the village → the village admin dispatches it (派单) to the
 * grid worker → the worker records the handling → the village admin verifies and closes it
 * against the closing standard → the villager sees it closed and rates it (回访). The handler
 * does not close it: the level owner (here the village) verifies and closes.
 * Screenshots go to .artifacts/browser/grid-event/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const VILLAGER = 'demo-villager-1';
const WORKER = 'demo-gridworker-1-1';
const ADMIN = 'demo-admin-1';
const STORY = '桥头护栏松动，晚上路过很危险';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;

beforeAll(async () => {
  app = await openBrowserApp('grid-event');
  ({ h, browser, base, names } = app);
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

const switchTo = (page: Page, openid: string) => actAs(app, page, openid, '网格事件');

/** The step box with this title on the event page. */
const step = (page: Page, title: string) => page.locator('.event__step', { hasText: title }).locator('visible=true').first();

async function openEventFromList(page: Page, scope?: string): Promise<void> {
  await visible(page, '事件处置').click();
  if (scope) await page.locator('.segmented__item', { hasText: scope }).locator('visible=true').first().click();
  await page.locator('.event-card', { hasText: STORY }).locator('visible=true').first().click();
  await visible(page, '办理记录').waitFor();
}

test('villager reports → worker escalates → village dispatches → worker handles → village closes → villager rates', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // 1. The villager: 随手拍 with a photo.
    await page.goto(`${base}/`);
    await switchTo(page, VILLAGER);
    await shot(page, '01-villager-home');
    await visible(page, '随手拍 · 说事').click();
    await page.locator('.segmented__item', { hasText: '安全隐患' }).locator('visible=true').first().click();
    await page.locator('.van-field input').locator('visible=true').first().fill('一组村道桥头');
    await page.locator('.van-field textarea').locator('visible=true').first().fill(STORY);
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 150 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').locator('visible=true').first().click()]);
    await chooser.setFiles([{ name: 'hazard.png', mimeType: 'image/png', buffer: photo }]);
    await page.locator('.photos img, .photos .taro-img').locator('visible=true').first().waitFor();
    await shot(page, '02-report-filled');
    await page.locator('.van-button', { hasText: '提交上报' }).locator('visible=true').first().click();
    await visible(page, '网格级 · 待处理').waitFor();
    await shot(page, '03-reported');
    const [mine] = (await h.ok(VILLAGER, 'events', 'mine', {})).items;
    expect(mine).toMatchObject({ gridId: 'g-qs-1', status: 'open', level: 'grid', category: 'hazard' });
    const eventId = mine.id;
    expect((await h.ok(VILLAGER, 'events', 'get', { eventId })).photos).toHaveLength(1);

    // 2. The grid worker of 一组 escalates it to the village.
    await switchTo(page, WORKER);
    await openEventFromList(page);
    await shot(page, '04-worker-detail');
    await step(page, '上报村').locator('.van-field textarea').fill('护栏需要村里统一采购材料维修');
    await step(page, '上报村').locator('.van-button', { hasText: '上报上级' }).click();
    await visible(page, '村级 · 待处理').waitFor();
    await shot(page, '05-escalated');

    // 3. The village admin dispatches it to the grid worker.
    await switchTo(page, ADMIN);
    await openEventFromList(page);
    await step(page, '派单').locator('.van-button', { hasText: '选择接单人' }).click();
    await step(page, '派单').locator('.segmented__item', { hasText: names[WORKER] }).first().click();
    await step(page, '派单').locator('.van-field input').fill('材料已到村委会，今天修好');
    await shot(page, '06-dispatching');
    await step(page, '派单').locator('.van-button', { hasText: /^派单$/ }).click();
    await visible(page, '村级 · 已派单').waitFor();
    await shot(page, '07-dispatched');

    // 4. The handler records what was done (from 派给我的).
    await switchTo(page, WORKER);
    await openEventFromList(page, '派给我的');
    await step(page, '登记处置情况').locator('.van-field textarea').fill('已更换护栏螺栓并加固，设置警示牌');
    await step(page, '登记处置情况').locator('.van-button', { hasText: '登记处置' }).click();
    await visible(page, '已处置，待核验').waitFor();
    await shot(page, '08-handled');

    // 5. The village verifies and closes it with the closing note; the list's statistics count it.
    await switchTo(page, ADMIN);
    await openEventFromList(page);
    await step(page, '核验办结').locator('.van-field textarea').fill('现场核验护栏牢固，符合办结标准');
    await step(page, '核验办结').locator('.van-button', { hasText: '核验办结' }).click();
    await visible(page, '已办结').waitFor();
    await shot(page, '09-closed');
    expect(await h.ok(ADMIN, 'events', 'get', { eventId })).toMatchObject({ status: 'closed', closedBy: expect.any(String), level: 'village' });

    // 6. The villager sees it closed in 我报告的事件 and rates it.
    await switchTo(page, VILLAGER);
    await visible(page, '我报告的事件').click();
    await page.locator('.event-card', { hasText: STORY }).locator('visible=true').first().waitFor();
    await visible(page, '待回访').waitFor();
    await shot(page, '10-villager-list');
    await page.locator('.event-card', { hasText: STORY }).locator('visible=true').first().click();
    await step(page, '回访').locator('.segmented__item', { hasText: /^满意$/ }).click();
    await step(page, '回访').locator('.van-field input').fill('修得很快，谢谢');
    await step(page, '回访').locator('.van-button', { hasText: '提交回访' }).click();
    const rated = visible(page, `回访 · ${names[VILLAGER]}`);
    await rated.waitFor();
    await rated.scrollIntoViewIfNeeded();
    await expect(visible(page, `上报上级 · ${names[WORKER]}`).isVisible()).resolves.toBe(true);
    await shot(page, '11-rated-history');

    const done = await h.ok(VILLAGER, 'events', 'get', { eventId });
    expect(done.history.map((x) => x.action)).toEqual(['report', 'escalate', 'dispatch', 'handle', 'close', 'follow_up']);
    expect(done.followUp).toMatchObject({ satisfaction: 'satisfied', comment: '修得很快，谢谢', onBehalf: false });
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure');
    throw e;
  }
}, 180_000);

test('the village sees the patrol ledger and the statistics; a villager has no event queue', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await h.ok(WORKER, 'patrol', 'record', { requestId: 'browser-patrol-1', place: '一组村口水塘', findings: '水位正常，护栏完好', photos: [] });
  await page.goto(`${base}/`);
  await switchTo(page, ADMIN);
  await visible(page, '定点巡查台账').click();
  await visible(page, '导出台账（CSV）').waitFor();
  await visible(page, '一组村口水塘：水位正常，护栏完好').waitFor();
  await shot(page, '12-patrol-ledger');
  await switchTo(page, ADMIN);
  await visible(page, '事件处置').click();
  await visible(page, /^事件统计（按网格/).waitFor();
  await visible(page, '合计').waitFor();
  await shot(page, '13-stats');
  await switchTo(page, VILLAGER);
  await page.goto(`${base}/#/pkg-grid/events/index`);
  await visible(page, '只有网格员、村两委和镇管理员可以查看事件队列').waitFor();
  await shot(page, '14-villager-no-queue');
}, 120_000);

test('a grid worker sees what is due, records a patrol and a household visit', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto(`${base}/`);
  await switchTo(page, 'demo-gridworker-1-2');
  await visible(page, '巡查走访').click();
  await visible(page, '今日待巡查').waitFor();
  await visible(page, /还有 \d+ \/ 20 户待走访/).waitFor();
  await shot(page, '15-patrol-due');
  await page.locator('.van-field input').locator('visible=true').first().fill('二组晒谷场');
  await page.locator('.van-field textarea').locator('visible=true').last().fill('晒谷场电线老化，需要报修');
  await page.locator('.van-button', { hasText: '记录巡查' }).locator('visible=true').first().click();
  await visible(page, '今日已巡查').waitFor();
  await visible(page, '发现问题，上报事件').waitFor();
  // The first household due: record a visit.
  const row = page.locator('.patrol__household').locator('visible=true').first();
  await row.locator('.van-button', { hasText: '记走访' }).click();
  await row.locator('.van-field textarea').fill('老人身体好，反映路灯不亮');
  await row.locator('.van-button', { hasText: '保存走访' }).click();
  await visible(page, '走访 · ').waitFor();
  await shot(page, '16-patrol-recorded');
  const mine = await h.ok('demo-gridworker-1-2', 'patrol', 'mine', {});
  expect(mine.patrols.map((p) => p.place)).toContain('二组晒谷场');
  expect(mine.visits.map((v) => v.note)).toContain('老人身体好，反映路灯不亮');
}, 120_000);

/**
 * 消息中心 in the real H5 build: a villager's application waits → the grid worker's 首页 shows
 * the unread badge → the notice opens the 初审 queue; the worker passes it → the villager sees
 * the notice, opens it and lands on the application. Screenshots in .artifacts/browser/notices/.
 */
import type { Page } from 'playwright-core';
import { cstDate, monthOf } from '@domain/shared/time';
import { JPEG, upload } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('notices');
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

test('submitted → the worker opens the notice into 初审; passed → the villager opens it onto the application', async () => {
  const { h, browser } = app;
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const submitted = await h.ok('demo-villager-1', 'points', 'submit', {
      requestId: `notice-${Date.now().toString(36)}`,
      itemCode: 'RB-06',
      deedDate: cstDate(Date.now()),
      place: '村委会广场',
      description: '参加村里组织的义务劳动',
      photos: [await upload(h, JPEG)],
    });

    // The grid worker's 首页: the badge, then the notice, which opens the 初审 queue.
    await actAs(app, page, 'demo-gridworker-1-1', '消息中心');
    const badge = page.locator('.inbox-entry__badge').locator('visible=true').first();
    await badge.waitFor();
    expect(Number(await badge.textContent())).toBeGreaterThanOrEqual(1);
    await shot(page, '01-worker-home-badge');
    await visible(page, '消息中心').click();
    await visible(page, '有新的申报待初审').waitFor();
    await shot(page, '02-worker-inbox');
    await visible(page, '有新的申报待初审').click();
    await visible(page, '本网格住户').waitFor();
    await shot(page, '03-worker-grid');

    await h.ok('demo-gridworker-1-1', 'points', 'firstReview', { applicationId: submitted._id, decision: 'pass' });

    // The villager: badge, notice, the application itself.
    await actAs(app, page, 'demo-villager-1', '消息中心');
    await page.locator('.inbox-entry__badge').locator('visible=true').first().waitFor();
    await visible(page, '消息中心').click();
    await visible(page, '申报已通过初审').waitFor();
    await shot(page, '04-villager-inbox');
    await visible(page, '申报已通过初审').click();
    await visible(page, '网格员已核实，等评议小组评议').waitFor();
    await expect(visible(page, '参加村里组织的义务劳动').isVisible()).resolves.toBe(true);
    expect(page.url()).toContain(`id=${submitted._id}`);
    await shot(page, '05-villager-application');
    // Read now: back on 首页 no badge counts it.
    const left = await h.ok('demo-villager-1', 'notices', 'unreadCount', {});
    const items = (await h.ok('demo-villager-1', 'notices', 'list', {})).items;
    expect(items.find((n) => n.kind === 'application_first_reviewed')?.read).toBe(true);
    expect(left.unread).toBe(items.filter((n) => !n.read).length);
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure');
    throw e;
  }
}, 180_000);

test('a card shared to the committee group: a reviewer opens that month and signs; a villager opening it is told so and signs nothing', async () => {
  const { h, browser, base } = app;
  const story = '帮邻居抢收稻谷，连续三天';
  const today = cstDate(Date.now());
  const submitted = await h.ok('demo-villager-1', 'points', 'submit', {
    requestId: `notice-share-${Date.now().toString(36)}`,
    itemCode: 'PV-05',
    deedDate: today,
    place: '一组',
    description: story,
    photos: [await upload(h, JPEG)],
  });
  await h.ok('demo-gridworker-1-1', 'points', 'firstReview', { applicationId: submitted._id, decision: 'pass' });
  const link = `${base}/#/pkg-review/audit/index?villageId=v-qingshan&month=${monthOf(today)}`;

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // A villager taps the card: a clear message, no list, no buttons.
    await actAs(app, page, 'demo-villager-b-1', '消息中心');
    await page.goto(link);
    await visible(page, '仅评议小组成员可签署').waitFor();
    expect(await page.getByText(story).locator('visible=true').count()).toBe(0);
    await shot(page, '06-villager-opens-card');

    // A reviewer taps the same card: that month, the application, and signs it.
    await actAs(app, page, 'demo-reviewer-1-2', '消息中心');
    await page.goto(link);
    const card = page.locator('.audit__item', { hasText: story }).locator('visible=true').first();
    await card.waitFor();
    await visible(page, '发到评议群').waitFor();
    await shot(page, '07-reviewer-opens-card');
    await card.locator('.van-button', { hasText: '通过' }).first().click();
    await page.locator('.audit__form .van-button', { hasText: '确认' }).locator('visible=true').first().click();
    await card.locator('.audit__signature').first().waitFor();
    const signed = await h.ok('demo-reviewer-1-1', 'points', 'get', { applicationId: submitted._id });
    expect(signed.audit?.signatures.map((x) => x.reviewerId)).toHaveLength(1);
    await shot(page, '08-reviewer-signed');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure-share');
    throw e;
  }
}, 180_000);

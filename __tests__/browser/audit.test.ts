/**
 * 月度评议 in the real H5 build (headless Chromium): an application that passed 初审 is signed
 * by three reviewers on their own phones (the screen shows who signed what); the third
 * signature takes effect. A supervisor sees it read-only. A reviewer records a household's
 * base score. Screenshots go to .artifacts/browser/audit/.
 */
import type { Browser, Page } from 'playwright-core';
import { cstDate, monthOf } from '@domain/shared/time';
import type { Harness } from '../support/harness';
import { JPEG, upload } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const VILLAGER = 'demo-villager-1';
const WORKER = 'demo-gridworker-1-1';
const REVIEWERS = ['demo-reviewer-1-2', 'demo-reviewer-1-3', 'demo-reviewer-1-4'];
const SUPERVISOR = 'demo-supervisor-1-1';
const STORY = '帮五保户王大爷修缮漏雨的屋顶';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;

beforeAll(async () => {
  app = await openBrowserApp('audit');
  ({ h, browser, base, names } = app);
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

const switchTo = (page: Page, openid: string) => actAs(app, page, openid, '月度评议');

const card = (page: Page) => page.locator('.audit__item', { hasText: STORY }).locator('visible=true').first();

test('three reviewers sign → the decision takes effect; the supervisor reads; a base score is recorded', async () => {
  const today = cstDate(Date.now());
  const submitted = await h.ok(VILLAGER, 'points', 'submit', {
    requestId: `browser-audit-${Date.now().toString(36)}`,
    itemCode: 'PV-05',
    deedDate: today,
    place: '一组',
    description: STORY,
    photos: [await upload(h, JPEG)],
  });
  await h.ok(WORKER, 'points', 'firstReview', { applicationId: submitted._id, decision: 'pass' });
  // A committee visit goes straight into the month: its card says where it came from.
  const visit = await h.ok('demo-reviewer-1-1', 'points', 'recordVisit', {
    requestId: `browser-audit-visit-${Date.now().toString(36)}`,
    itemCode: 'PV-05',
    deedDate: today,
    place: '三组',
    description: '评议小组走访：院落整洁',
    photos: [await upload(h, JPEG, 'demo-reviewer-1-1')],
    householdId: 'h-qs-3-06',
  });
  expect((await h.ok(REVIEWERS[0], 'audit', 'month', { month: monthOf(today) })).items.map((i) => i._id)).toContain(submitted._id);

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);
  for (const [i, reviewer] of REVIEWERS.entries()) {
    await switchTo(page, reviewer);
    await visible(page, '月度评议').click();
    await card(page).waitFor();
    if (i === 0) {
      await expect(card(page).textContent()).resolves.toContain('来源：本人申报');
      const visitCard = page.locator('.audit__item', { hasText: '评议小组走访：院落整洁' }).locator('visible=true').first();
      await visitCard.waitFor();
      await expect(visitCard.textContent()).resolves.toContain(`来源：评议小组走访（${visit.submittedByName}）`);
    }
    await card(page).locator('.van-button', { hasText: '通过' }).first().click();
    await page.locator('.audit__form .van-button', { hasText: '确认' }).locator('visible=true').first().click();
    if (i < 2) {
      // The screen shows who signed what.
      await card(page).locator('.audit__signature', { hasText: names[reviewer].split(/[（(]/)[0] }).first().waitFor();
      await shot(page, `0${i + 1}-signed-${i + 1}`);
    }
  }
  await card(page).getByText('评议通过').waitFor();
  await shot(page, '03-decided');
  expect((await h.ok(REVIEWERS[0], 'points', 'get', { applicationId: submitted._id })).status).toBe('approved');

  await switchTo(page, SUPERVISOR);
  await visible(page, '月度评议').click();
  await card(page).waitFor();
  expect(await card(page).locator('.van-button').count()).toBe(0);
  await visible(page, '各月评议').waitFor();
  await shot(page, '04-supervisor');

  await switchTo(page, REVIEWERS[0]);
  await visible(page, '基础评分').click();
  await page.locator('.bs__row').locator('visible=true').nth(5).click();
  await page.locator('.bs__form .van-field input').locator('visible=true').first().fill('92');
  await page.locator('.bs__form .van-button', { hasText: '登记本次检查' }).locator('visible=true').first().click();
  await page.locator('.bs__row', { hasText: '92 分（1 次）' }).locator('visible=true').first().waitFor();
  await shot(page, '05-base-score');
  expect(errors).toEqual([]);
}, 180_000);

/**
 * 大字模式 (适老化) in the real H5 build: with the large setting on, every villager page has large
 * type (≥ 18 px body text, ≥ 24 px key figures), text contrast ≥ 4.5:1 against its background
 * (WCAG AA), tap targets ≥ 48 px high, and nothing wider than the screen.
 * Screenshots: .artifacts/browser/elder/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { cstDate } from '@domain/shared/time';
import { JPEG, upload } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';
import { measure, type Problem } from '../support/measure';

let app: BrowserApp;
/** The villager's application, passed by the grid worker: a notice in their inbox and a journey on its page. */
let applicationId = '';
beforeAll(async () => {
  app = await openBrowserApp('elder');
  const submitted = await app.h.ok('demo-villager-1', 'points', 'submit', {
    requestId: `elder-${Date.now().toString(36)}`,
    itemCode: 'RB-06',
    deedDate: cstDate(Date.now()),
    place: '村委会广场',
    description: '参加村里组织的义务劳动',
    photos: [await upload(app.h, JPEG)],
  });
  applicationId = submitted._id;
  await app.h.ok('demo-gridworker-1-1', 'points', 'firstReview', { applicationId, decision: 'pass' });
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

const PAGES: { name: string; url: string; ready: string | RegExp }[] = [
  { name: '01-home', url: '/#/pages/home/index', ready: '可兑换' },
  { name: '02-submit', url: '/#/pages/submit/index', ready: '选择积分项目' },
  { name: '03-points', url: '/#/pages/points/index', ready: '积分明细' },
  { name: '04-mine', url: '/#/pages/mine/index', ready: '我的家庭' },
  { name: '05-shop', url: '/#/pages/shop/index', ready: '肥皂' },
  { name: '06-code', url: '/#/pages/code/index', ready: /兑换码|可兑换/ },
  { name: '07-publicity', url: '/#/pkg-villager/publicity/index', ready: /公示/ },
  { name: '08-receipts', url: '/#/pkg-villager/receipts/index', ready: /兑换记录|还没有/ },
  { name: '09-report', url: '/#/pkg-villager/report/index', ready: /随手拍|说事/ },
  { name: '10-catalogue', url: '/#/pkg-villager/catalogue/index', ready: /社会治安|个人品德|积分目录/ },
  { name: '11-inbox', url: '/#/pages/inbox/index', ready: '申报已通过初审' },
  { name: '12-application', url: '/#/pages/application/index?id=', ready: '参加村里组织的义务劳动' },
];

test('大字模式: large type, AA contrast and no horizontal overflow on the villager pages', async () => {
  const context = await app.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  await actAs(app, page, 'demo-villager-1', '户积分');
  // The switch on 我的 turns it on (and is remembered).
  await visible(page, /^我的$/).click();
  await page.locator('[data-setting="elder"]').locator('visible=true').first().click();
  await page.locator('.elder').first().waitFor();
  const report: Record<string, Problem[]> = {};
  for (const p of PAGES) {
    await page.goto(`${app.base}${p.url}${p.url.endsWith('id=') ? applicationId : ''}`);
    await visible(page, p.ready).waitFor();
    await page.locator('.elder').locator('visible=true').first().waitFor();
    await shot(page, p.name);
    const m = await measure(page, { root: '.elder', minFontPx: 18 });
    if (m.texts < 1) m.problems.push({ kind: 'too-few-texts', text: '', value: m.texts });
    for (const f of m.figures) if (f < 24) m.problems.push({ kind: 'figure<24', text: '', value: f });
    if (m.problems.length) report[p.name] = m.problems;
  }
  // The measurements beside the screenshots, for a reader of the artifacts.
  writeFileSync(join(app.shots, 'problems.json'), JSON.stringify(report, null, 2));
  expect(report).toEqual({});
}, 240_000);

test('the points page reads the balance aloud (speechSynthesis in H5)', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { __spoken: string[] }).__spoken = spoken;
    Object.defineProperty(window, 'speechSynthesis', { value: { speak: (u: { text: string }) => spoken.push(u.text), cancel: () => undefined } });
  });
  await actAs(app, page, 'demo-villager-1', '户积分');
  await page.goto(`${app.base}/#/pages/points/index`);
  await page.locator('.van-button', { hasText: '读给我听' }).locator('visible=true').first().click();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(spoken.join('')).toMatch(/可以兑换的积分 \d+ 分/);
}, 120_000);

test('a notice is read aloud from 消息中心 without opening it', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 375, height: 812 } })).newPage();
  await page.addInitScript(() => {
    const spoken: string[] = [];
    (window as unknown as { __spoken: string[] }).__spoken = spoken;
    Object.defineProperty(window, 'speechSynthesis', { value: { speak: (u: { text: string }) => spoken.push(u.text), cancel: () => undefined } });
  });
  await actAs(app, page, 'demo-villager-1', '户积分');
  await page.goto(`${app.base}/#/pages/inbox/index`);
  await visible(page, '申报已通过初审').waitFor();
  await page.locator('.notice__speak').locator('visible=true').first().click();
  const spoken = await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken);
  expect(spoken.join('')).toMatch(/^申报已通过初审。.+/);
  // Still on 消息中心: reading is not opening.
  expect(page.url()).toContain('pages/inbox/index');
}, 120_000);

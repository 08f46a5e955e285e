/**
 * 一季一公示 in the real H5 build (headless Chromium): the village admin publishes last quarter;
 * a villager sees the masked list with their own line and the 红黑榜, objects to a line on the
 * phone; a reviewer proposes and a supervisor co-signs on theirs; the villager then reads the
 * decision under 我的异议. Screenshots go to .artifacts/browser/publicity/.
 */
import type { Browser, Page } from 'playwright-core';
import { C } from '@backend/repos/collections';
import type { Household } from '@domain/org/types';
import type { Harness } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';
import { closeMonths, postMonth, setBaseScore } from '../functions/publicity.fixture';

const ADMIN = 'demo-admin-1';
const VILLAGER = 'demo-villager-1'; // 一组3号
const REVIEWER = 'demo-reviewer-1-2';
const SUPERVISOR = 'demo-supervisor-1-1';
const QS = 'v-qingshan';
const REASON = '一组1号七月的河道清理没有记上';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBrowserApp('publicity');
  ({ h, browser, base } = app);
  const { data: households } = await h.db.collection<Household>(C.households).where({ villageId: QS }).limit(100).get();
  for (const hh of households) await setBaseScore(h.db, QS, hh._id, 8);
  await postMonth(h.db, QS, 'h-qs-1-03', '2026-08', 12);
  await closeMonths(h.db, QS);
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const cell = (page: Page, text: string) => page.locator('.van-cell', { hasText: text }).locator('visible=true').first();
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();

const switchTo = (page: Page, openid: string) => actAs(app, page, openid, '积分公示');

test('publish → a villager objects on the phone → reviewer and supervisor co-sign → the villager reads the decision', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);

  // The village admin publishes the quarter just ended.
  await switchTo(page, ADMIN);
  await cell(page, '积分公示').click();
  await button(page, /发布 2026-Q3 季度公示/).click();
  await visible(page, '公示中').waitFor();
  await shot(page, '1-admin-published');

  // The villager: their own line, masked names, the 红黑榜.
  await switchTo(page, VILLAGER);
  await cell(page, '积分公示').click();
  await visible(page, /月度 0\/12\/0 \+ 基础 8 = 20 分/).waitFor();
  expect(await page.locator('.pub__line').first().textContent()).toContain('*');
  await visible(page, /^红黑榜$/).click();
  await visible(page, /红榜 · 2026年第三季度前十/).waitFor();
  await shot(page, '2-villager-redblack');

  // …and objects to 一组1号's line with a reason.
  await visible(page, /^公示名单$/).click();
  await page.locator('.pub__line', { hasText: '一组1号' }).locator('.pub__object').click();
  await page.locator('.pub__form textarea').fill(REASON);
  await shot(page, '3-villager-objection');
  await button(page, '提交异议').click();
  await visible(page, REASON).waitFor();
  // The villager's own objection, in their words (not the committee's 待调查), the quarter in words.
  const filed = page.locator('.objection', { hasText: REASON });
  await filed.getByText('已收到，村里正在核实').waitFor();
  expect(await filed.textContent()).toContain('2026年第三季度');
  expect(await filed.textContent()).not.toMatch(/待调查|2026-Q3/);

  // A reviewer proposes: upheld, +5.
  await switchTo(page, REVIEWER);
  await cell(page, '异议处理').click();
  const card = page.locator('.objection', { hasText: REASON });
  await card.waitFor();
  await card.locator('input').first().fill('5');
  await card.locator('textarea').fill('经核实属实，补记 5 分');
  await card.locator('.van-button', { hasText: '签署处理意见' }).click();
  await visible(page, /^待会签$/).click();
  await page.locator('.objection', { hasText: REASON }).locator('.van-button', { hasText: '会签' }).waitFor();
  await shot(page, '4-reviewer-proposed');

  // A supervisor co-signs the same decision.
  await switchTo(page, SUPERVISOR);
  await cell(page, '异议处理').click();
  await visible(page, /^待会签$/).click();
  const pending = page.locator('.objection', { hasText: REASON });
  await pending.locator('textarea').fill('同意补记');
  await pending.locator('.van-button', { hasText: '会签' }).click();
  await visible(page, /^已成立$/).click();
  await page.locator('.objection', { hasText: REASON }).getByText('异议成立，已更正').waitFor();
  await shot(page, '5-supervisor-cosigned');

  // The villager reads the decision.
  await switchTo(page, VILLAGER);
  await cell(page, '积分公示').click();
  await visible(page, /^我的异议$/).click();
  const mine = page.locator('.objection', { hasText: REASON });
  await mine.getByText('异议成立，已更正').waitFor();
  expect(await mine.textContent()).toContain('更正 +5 分');
  await shot(page, '6-villager-sees-decision');
  expect(errors).toEqual([]);
}, 180_000);

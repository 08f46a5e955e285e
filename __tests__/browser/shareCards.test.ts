/**
 * 聊天内审签 beyond the audit month, in the real H5 build (a card is a copied link there): an
 * objection's card — a villager is told only the committees sign and sees nothing of it, a
 * reviewer opens exactly that objection and signs; the vetoes-waiting card — a villager is told,
 * a supervisor sees what to countersign (the tap itself: TODO, see the report); the town review card opened by a WeChat user bound to nobody —
 * binding (claiming the town-admin code), then back on that quarter's town review.
 * Screenshots in .artifacts/browser/share-cards/.
 */
import type { Page } from 'playwright-core';
import { createTown } from '@backend/onboarding/town';
import { NOT_A_SIGNER } from '@domain/notices/share';
import { closeMonths, Q } from '../functions/publicity.fixture';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('share-cards');
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const rid = (what: string) => `share-${what}-${Date.now().toString(36)}`;
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();

async function newPage(errors: string[]): Promise<Page> {
  const page = await (await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return page;
}

test('an objection card: a villager is told only the committees sign; a reviewer opens exactly that objection and signs', async () => {
  const { h, base } = app;
  const reason = '七月修水渠的义务劳动漏记了';
  await closeMonths(h.db, 'v-qingshan', Q);
  await h.ok('demo-admin-1', 'publicity', 'open', { quarter: Q });
  const o = await h.ok('demo-villager-b-1', 'publicity', 'object', { requestId: rid('obj'), quarter: Q, householdId: 'h-qs-1-03', reason, photos: [] });
  // Another objection of the quarter, which the card must not show.
  await h.ok('demo-villager-1', 'publicity', 'object', { requestId: rid('obj2'), quarter: Q, householdId: 'h-qs-1-04', reason: '另一条异议：八月份的记录有误', photos: [] });
  const link = `${base}/#/pkg-review/objections/index?villageId=v-qingshan&quarter=${Q}&id=${encodeURIComponent(o._id)}`;
  const errors: string[] = [];
  const page = await newPage(errors);
  try {
    await actAs(app, page, 'demo-villager-1', '消息中心');
    await page.goto(link);
    await visible(page, NOT_A_SIGNER.objection).waitFor();
    expect(await page.getByText(reason).locator('visible=true').count()).toBe(0);
    expect(await page.locator('.van-button', { hasText: '签署处理意见' }).locator('visible=true').count()).toBe(0);
    await shot(page, '01-villager-opens-objection-card');

    await actAs(app, page, 'demo-reviewer-1-2', '消息中心');
    await page.goto(link);
    const card = page.locator('.objection', { hasText: reason }).locator('visible=true').first();
    await card.waitFor();
    expect(await page.getByText('另一条异议').locator('visible=true').count()).toBe(0);
    await visible(page, '发到评议群').waitFor();
    await shot(page, '02-reviewer-opens-objection-card');
    await card.locator('.segmented__item', { hasText: '异议不成立' }).first().click();
    await card.locator('.van-field textarea').first().fill('经核实，七月记录无误');
    await card.locator('.van-button', { hasText: '签署处理意见' }).click();
    await card.getByText(/待会签/).first().waitFor();
    await shot(page, '03-reviewer-signed-objection');
    const [after] = (await h.ok('demo-reviewer-1-1', 'publicity', 'objections', { scope: 'village', quarter: Q, limit: 100 })).items.filter((x) => x._id === o._id);
    expect(after).toMatchObject({ status: 'proposed', decision: { outcome: 'dismiss' } });
    expect(after.reviewerSignature).not.toBeNull();
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure-objection');
    throw e;
  }
}, 240_000);

test('a vetoes-waiting card: a villager is told only supervisors countersign; a supervisor sees exactly what to countersign and countersigns it with a tap', async () => {
  const { h, base } = app;
  const what = '参与聚众赌博被公安机关处理';
  await h.ok('demo-reviewer-1-1', 'veto', 'record', { requestId: rid('veto'), householdId: 'h-qs-2-05', item: '违法违纪', description: what, eventDate: '2026-11-15' });
  const link = `${base}/#/pkg-review/veto/index?villageId=v-qingshan&tab=pending`;
  const errors: string[] = [];
  const page = await newPage(errors);
  try {
    await actAs(app, page, 'demo-villager-1', '消息中心');
    await page.goto(link);
    await visible(page, NOT_A_SIGNER.veto).waitFor();
    expect(await page.getByText(what).locator('visible=true').count()).toBe(0);
    await shot(page, '04-villager-opens-veto-card');

    await actAs(app, page, 'demo-supervisor-1-1', '消息中心');
    await page.goto(link);
    await visible(page, what).waitFor();
    await visible(page, '发到监督小组群').waitFor();
    await shot(page, '05-supervisor-opens-veto-card');
    const card = page.locator('.card', { hasText: what }).locator('visible=true').first();
    await card.locator('.van-button', { hasText: '会签生效' }).click();
    await visible(page, '已会签，一票否决生效').waitFor();
    await shot(page, '06-supervisor-countersigned');
    const [veto] = (await h.ok('demo-reviewer-1-1', 'veto', 'list', { limit: 50 })).items.filter((v) => v.description === what);
    expect(veto).toMatchObject({ status: 'effective' });
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure-veto');
    throw e;
  }
}, 240_000);

test('a town review card opened by a WeChat user bound to nobody: binding first, then back on that quarter', async () => {
  const { h, base } = app;
  const { claim } = await createTown(h.deps, '新安镇');
  const link = `${base}/#/pkg-town/town-review/index?quarter=${Q}`;
  const errors: string[] = [];
  const page = await newPage(errors);
  try {
    await page.goto(`${base}/#/pages/demo/index`);
    await visible(page, '选择一个身份').waitFor();
    await page.locator('.van-cell', { hasText: '新微信用户 1' }).locator('visible=true').first().click();
    await visible(page, '欢迎使用乡约积分').waitFor();
    await page.goto(link);
    await page.waitForURL(/welcome/);
    await visible(page, '欢迎使用乡约积分').waitFor();
    expect(decodeURIComponent(page.url())).toContain(`back=/pkg-town/town-review/index?quarter=${Q}`);
    await shot(page, '07-unbound-opens-town-card');
    await visible(page, '我是镇/村管理员，输入管理员编码').click();
    const field = (label: string) => page.locator('.van-field', { hasText: label }).locator('visible=true').first().locator('input, textarea').first();
    await field('管理员编码').fill(claim.code);
    await field('您的姓名').fill('王镇长');
    await button(page, '确认领取').click();
    // Back on the card's page: that quarter's town review, as the new town's admin.
    await page.waitForURL(/town-review/);
    await visible(page, '发到镇工作群').waitFor();
    expect(await page.locator('.van-field input').locator('visible=true').first().inputValue()).toBe(Q);
    await shot(page, '08-bound-back-on-town-review');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure-town');
    throw e;
  }
}, 240_000);

/**
 * 退货 in the real H5 build, headless Chromium (issue 13 part 1): a member's receipt of two
 * goods; the clerk opens 兑换记录 on their phone, takes one line back (one unit, a reason) → the
 * receipt shows the return; the member's 积分 shows the refund line and the higher balance, and
 * the member's 兑换记录 shows the return on the receipt. Stock and ledger agree afterwards.
 * Screenshots go to .artifacts/browser/returns/.
 */
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { ledgerViolations } from '../support/invariants';
import { openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const MEMBER = 'demo-villager-1';
const CLERK = 'demo-clerk-1';
const ADMIN = 'demo-admin-1';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;

beforeAll(async () => {
  app = await openBrowserApp('returns');
  ({ h, browser, base, names } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

async function phoneOf(openid: string, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  page.on('pageerror', (e) => errors.push(`${openid}: ${e.message}`));
  await page.goto(`${base}/`);
  await visible(page, '选择一个身份').waitFor();
  await visible(page, names[openid]).click();
  await page.locator('.home__name').locator('visible=true').first().waitFor();
  return page;
}

test('the clerk returns one unit of one line; the receipt, the household\'s 积分 and its 兑换记录 show it', async () => {
  const errors: string[] = [];
  const policy = await h.ok(ADMIN, 'shop', 'getPolicy', {});
  if (policy.redemptionDay.mode !== 'any_day') await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } });
  const who = await h.ok(MEMBER, 'identity', 'whoami', {});
  if ((await h.ok(MEMBER, 'ledger', 'balance', {})).redeemable < 100) {
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: 'browser-returns-grant', householdId: who.household!.id, points: 200, reason: '浏览器测试：发放积分' });
  }
  const goods = (await h.ok(CLERK, 'shop', 'goods', {})).items.filter((g) => g.active && g.stock >= 2);
  const [first, second] = [...goods].sort((a, b) => a.price - b.price);
  const { code } = await h.ok(MEMBER, 'shop', 'myCode', {});
  const receipt = await h.ok(CLERK, 'shop', 'redeem', {
    requestId: 'browser-returns-buy',
    code,
    lines: [
      { goodsId: first._id, quantity: 2 },
      { goodsId: second._id, quantity: 1 },
    ],
  });
  const stockBefore = (await h.ok(CLERK, 'shop', 'goods', {})).items.find((g) => g._id === first._id)!.stock;
  const pointsBefore = (await h.ok(MEMBER, 'ledger', 'balance', {})).redeemable;

  const clerk = await phoneOf(CLERK, errors);
  try {
    await clerk.goto(`${base}/#/pkg-villager/receipts/index`);
    const card = clerk.locator('.receipt', { hasText: `${first.name} × 2` }).locator('visible=true').first();
    await card.waitFor();
    await shot(clerk, '01-clerk-receipts');
    // The newest receipt is first: its 退货 button sits right under it.
    await clerk.locator('.van-button', { hasText: /^退货$/ }).locator('visible=true').first().click();
    const form = clerk.locator('.return-form').locator('visible=true').first();
    await form.waitFor();
    await visible(clerk, `${first.name}（${first.price} 分/件，还能退 2 件）`).waitFor();
    await form.locator('.stepper__plus').first().click();
    await visible(clerk, `退回 ${first.price} 分，东西放回货架`).waitFor();
    await form.locator('textarea').first().fill('包装破损，村民拿回来了');
    await shot(clerk, '02-clerk-return-form');
    await form.locator('.van-button', { hasText: '确认退货' }).click();
    const returned = clerk.locator('.receipt__return', { hasText: `已退货：${first.name} × 1` }).locator('visible=true').first();
    await returned.waitFor();
    await expect(returned.textContent()).resolves.toContain('原因：包装破损，村民拿回来了');
    await shot(clerk, '03-clerk-returned');

    // The server agrees: one return, the points and the unit back, the books balanced.
    const [stored] = (await h.ok(ADMIN, 'shop', 'receipts', { scope: 'village', limit: 5 })).items.filter((r) => r._id === receipt._id);
    expect(stored.returns).toEqual([expect.objectContaining({ total: first.price, reason: '包装破损，村民拿回来了' })]);
    expect((await h.ok(MEMBER, 'ledger', 'balance', {})).redeemable).toBe(pointsBefore + first.price);
    expect((await h.ok(CLERK, 'shop', 'goods', {})).items.find((g) => g._id === first._id)!.stock).toBe(stockBefore + 1);
    expect(await ledgerViolations(h.db)).toEqual([]);

    // The household: 积分 shows the refund in villager words, and 兑换记录 the return on the receipt.
    const member = await phoneOf(MEMBER, errors);
    await member.goto(`${base}/#/pages/points/index`);
    const line = member.locator('.entry', { hasText: '超市退货，积分退回' }).locator('visible=true').first();
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain(`+${first.price}`);
    await member.locator('.balance__redeemable', { hasText: String(pointsBefore + first.price) }).locator('visible=true').first().waitFor();
    await shot(member, '04-member-points');
    await member.goto(`${base}/#/pkg-villager/receipts/index`);
    await member.locator('.receipt__return', { hasText: `已退货：${first.name} × 1` }).locator('visible=true').first().waitFor();
    // No 退货 button for the household.
    await expect(member.locator('.van-button', { hasText: /^退货$/ }).locator('visible=true').count()).resolves.toBe(0);
    await shot(member, '05-member-receipts');
  } finally {
    await clerk.context().close();
  }
  expect(errors).toEqual([]);
}, 90_000);

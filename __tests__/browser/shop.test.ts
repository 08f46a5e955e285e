/**
 * The points shop in the real H5 build, headless Chromium, two phones at once: a member opens
 * 兑换码 and reads the 8 digits → a shop clerk (second browser context) types them in 扫码兑换,
 * sees the masked household and its balance (and the goods' photos), puts goods in the cart,
 * confirms, sees the receipt → the member's 兑换码 page turns into the same receipt by itself →
 * the member's 积分 page shows the redemption and the lower balance. The used code is then
 * refused. The village admin adds goods with a photo (villagers see it in 积分超市), grants
 * points and reverses a wrong grant (更正冲销), which the household sees in its 积分.
 * Screenshots go to .artifacts/browser/shop/.
 */
import { deflateSync } from 'node:zlib';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import type { Browser, Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const MEMBER = 'demo-villager-1';
const CLERK = 'demo-clerk-1';
const ADMIN = 'demo-admin-1';

/** CRC-32 as PNG chunks need it. */
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

/** A small real PNG (a round "product" on a light background), for goods photos. */
function productPng(rgb: [number, number, number], size = 96): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < size; y++) {
    rows.push(0);
    for (let x = 0; x < size; x++) {
      const d = Math.hypot(x - size / 2, y - size / 2) / (size / 2);
      rows.push(...(d < 0.7 ? rgb.map((v) => Math.round(v * (1 - d * 0.4))) : [245, 246, 248]));
    }
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

/** True once the goods card's thumbnail shows a decoded image. */
async function photoShown(page: Page, name: string): Promise<boolean> {
  const img = page.locator('.goods', { hasText: name }).locator('visible=true').first().locator('.goods__thumb img').first();
  await img.waitFor();
  await page.waitForFunction((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth > 0, await img.elementHandle(), { timeout: 10_000 });
  return true;
}

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;

beforeAll(async () => {
  app = await openBrowserApp('shop');
  ({ h, browser, base, names } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

/** A phone of its own (separate storage, so its own demo identity), signed in as `openid` on 首页. */
async function phoneOf(openid: string, errors: string[]): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  page.on('pageerror', (e) => errors.push(`${openid}: ${e.message}`));
  await page.goto(`${base}/`);
  await visible(page, '选择一个身份').waitFor();
  await visible(page, names[openid]).click();
  await visible(page, '户积分').waitFor();
  return page;
}

/** A 首页 / list entry by its title and the small label under it. */
const cell = (page: Page, label: string) => page.locator('.van-cell', { hasText: label }).locator('visible=true').first();

test('member shows the code → clerk types it, fills the cart, confirms → receipt → member sees the entry and the lower balance', async () => {
  const errors: string[] = [];
  // The demo town opens the shop every day and grants points; make sure of both here.
  const policy = await h.ok(ADMIN, 'shop', 'getPolicy', {});
  if (policy.redemptionDay.mode !== 'any_day') await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } });
  const who = await h.ok(MEMBER, 'identity', 'whoami', {});
  const householdId = who.household!.id;
  if ((await h.ok(MEMBER, 'ledger', 'balance', {})).redeemable < 100) {
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: 'browser-shop-grant-1', householdId, points: 200, reason: '浏览器测试：发放积分' });
  }
  const before = await h.ok(MEMBER, 'ledger', 'balance', {});
  const goods = (await h.ok(CLERK, 'shop', 'goods', {})).items.filter((g) => g.active && g.stock >= 2);
  const [first, second] = [...goods].sort((a, b) => a.price - b.price);
  const total = first.price * 2 + second.price;
  expect(total).toBeLessThanOrEqual(before.redeemable);
  // The admin has given the cheapest goods a photo: the cashier shows it; goods without one get a placeholder.
  const photo = await h.deps.files.put(productPng([230, 120, 40]), ADMIN);
  await h.ok(ADMIN, 'shop', 'saveGoods', { goodsId: first._id, name: first.name, price: first.price, photo });

  const member = await phoneOf(MEMBER, errors);
  const clerk = await phoneOf(CLERK, errors);
  try {
    // 首页: the household's balance from the ledger.
    await member.locator('.balance__redeemable', { hasText: String(before.redeemable) }).locator('visible=true').first().waitFor();
    await shot(member, '01-member-home');

    // 兑换码: a QR code and the 8 digits in large type, with the countdown.
    await cell(member, '到村超市兑换时出示').click();
    const digitsEl = member.locator('.code__digits').locator('visible=true').first();
    await digitsEl.waitFor();
    const code = ((await digitsEl.textContent()) ?? '').replace(/\s+/g, '');
    expect(code).toMatch(/^\d{8}$/);
    await expect(member.locator('.qr__row').locator('visible=true').count()).resolves.toBe(21);
    await visible(member, /\d:\d\d 后自动刷新/).waitFor();
    await shot(member, '02-member-code');

    // The clerk's phone: 扫码兑换 → type the digits → 查询.
    await cell(clerk, '店员：扫村民兑换码').click();
    await clerk.locator('.code-entry input').locator('visible=true').first().fill(code);
    await shot(clerk, '03-clerk-enter-code');
    await clerk.locator('.van-button', { hasText: '查询兑换码' }).locator('visible=true').first().click();
    const scanned = await h.ok(CLERK, 'shop', 'scan', { code });
    await visible(clerk, scanned.householdLabel).waitFor();
    await expect(clerk.locator('.cashier__redeemable-value').locator('visible=true').first().textContent()).resolves.toBe(String(before.redeemable));
    // Masked: the clerk never sees the head of household's full name.
    const headName = who.household!.headName;
    expect(scanned.householdLabel).not.toContain(headName);
    await expect(clerk.locator('.cashier').locator('visible=true').first().textContent()).resolves.not.toContain(headName);

    // The cart: two of the cheapest goods, one of the next; the running total against the balance.
    const plus = (name: string) => clerk.locator('.goods', { hasText: name }).locator('visible=true').first().locator('.stepper__plus');
    await plus(first.name).click();
    await plus(first.name).click();
    await plus(second.name).click();
    await visible(clerk, `${total} / ${before.redeemable} 分`).waitFor();
    await expect(photoShown(clerk, first.name)).resolves.toBe(true);
    // No photo: a tile with the goods' first character instead.
    await expect(clerk.locator('.goods', { hasText: second.name }).locator('.goods__none').locator('visible=true').first().textContent()).resolves.toBe(Array.from(second.name)[0]);
    await shot(clerk, '04-clerk-cart');

    await clerk.locator('.van-button', { hasText: '确认兑换' }).locator('visible=true').first().click();
    await visible(clerk, '兑换成功').waitFor();
    await expect(visible(clerk, `${first.name} × 2`).isVisible()).resolves.toBe(true);
    await expect(visible(clerk, `-${total} 分`).isVisible()).resolves.toBe(true);
    await expect(visible(clerk, `${before.redeemable - total} 分`).isVisible()).resolves.toBe(true);
    await shot(clerk, '05-clerk-receipt');

    // Meanwhile the member's 兑换码 page learns of it by itself and shows the same receipt.
    const memberReceipt = member.locator('.receipt', { hasText: '兑换成功' }).locator('visible=true').first();
    await memberReceipt.waitFor({ timeout: 10_000 });
    await expect(memberReceipt.textContent()).resolves.toContain(`${first.name} × 2`);
    await expect(memberReceipt.textContent()).resolves.toContain(`${second.name} × 1`);
    await expect(memberReceipt.textContent()).resolves.toContain(`-${total} 分`);
    await expect(member.locator('.code__digits').locator('visible=true').count()).resolves.toBe(0);
    await shot(member, '05b-member-code-receipt');
    // 完成: a fresh code.
    await member.locator('.van-button', { hasText: '完成' }).locator('visible=true').first().click();
    const fresh = member.locator('.code__digits').locator('visible=true').first();
    await fresh.waitFor();
    expect(((await fresh.textContent()) ?? '').replace(/\s+/g, '')).not.toBe(code);

    // On the server: one receipt, one charge.
    const after = await h.ok(MEMBER, 'ledger', 'balance', {});
    expect(after.redeemable).toBe(before.redeemable - total);
    expect(after.spent).toBe(before.spent + total);
    const receipts = (await h.ok(MEMBER, 'shop', 'receipts', {})).items;
    expect(receipts).toHaveLength(1);
    expect(receipts[0]).toMatchObject({ code, total });

    // The member's 积分: the redemption in the ledger and the lower balance.
    await member.goto(`${base}/#/pages/home/index`);
    await member.locator('.balance__redeemable', { hasText: String(after.redeemable) }).locator('visible=true').first().waitFor();
    await member.locator('.balance').locator('visible=true').first().click();
    const line = member.locator('.entry', { hasText: '超市兑换' }).locator('visible=true').first();
    await line.waitFor();
    await expect(line.textContent()).resolves.toContain(`-${total}`);
    await expect(line.textContent()).resolves.toContain(`能兑换的积分还有 ${after.redeemable} 分`);
    await expect(line.textContent()).resolves.toContain(names[CLERK]);
    await shot(member, '06-member-points');

    // 兑换记录 on the member's phone: the same receipt.
    await member.goto(`${base}/#/pkg-villager/receipts/index?scope=household`);
    await visible(member, `${first.name} × 2`).waitFor();
    await shot(member, '07-member-receipts');

    // 下一位, and the used code once more: the server's refusal, in Chinese.
    await clerk.locator('.van-button', { hasText: '下一位' }).locator('visible=true').first().click();
    await clerk.locator('.code-entry input').locator('visible=true').first().fill(code);
    await clerk.locator('.van-button', { hasText: '查询兑换码' }).locator('visible=true').first().click();
    await visible(clerk, ERROR_MESSAGES.CODE_USED).waitFor();
    await shot(clerk, '08-clerk-code-used');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(member, '99-failure-member');
    await shot(clerk, '99-failure-clerk');
    throw e;
  }
}, 180_000);

test('town admin: 镇基金池 shows every village and the town total', async () => {
  const errors: string[] = [];
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);
  await visible(page, '选择一个身份').waitFor();
  await visible(page, names['demo-town-admin']).click();
  await cell(page, '各村资金、库存与未兑换积分').click();
  await visible(page, '全镇合计').waitFor();
  const town = await h.ok('demo-town-admin', 'fund', 'town', {});
  for (const v of town.villages) await expect(page.locator('.pool', { hasText: v.villageName }).count()).resolves.toBeGreaterThan(0);
  await shot(page, '09-town-fund');
  expect(errors).toEqual([]);
}, 60_000);

test('village admin: new goods, stock in with cost, redemption days, a point grant, a fund entry', async () => {
  const errors: string[] = [];
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}/`);
  await visible(page, '选择一个身份').waitFor();
  await visible(page, names[ADMIN]).click();
  await cell(page, '商品、库存、兑换日、发放积分').click();
  await visible(page, '新增商品').waitFor();

  // 新增商品 → 入库 10 件 for 55.50 元.
  const popupInputs = page.locator('.admin__popup input').locator('visible=true');
  await page.locator('.van-button', { hasText: '新增商品' }).click();
  await popupInputs.nth(0).fill('竹编篮');
  await popupInputs.nth(1).fill('7');
  // 商品照片: pick one; it shows in the form before saving.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.admin__popup .photos__add').click()]);
  await chooser.setFiles([{ name: 'basket.png', mimeType: 'image/png', buffer: productPng([150, 110, 60]) }]);
  await page.locator('.admin__popup .photos img').first().waitFor();
  await shot(page, '10a-admin-goods-photo');
  await page.locator('.admin__popup .van-button', { hasText: '保存商品' }).click();
  const card = page.locator('.admin__goods', { hasText: '竹编篮' }).locator('visible=true').first();
  await card.waitFor();
  await expect(photoShown(page, '竹编篮')).resolves.toBe(true);
  await card.locator('.van-button', { hasText: '入库' }).click();
  await popupInputs.nth(0).fill('10');
  await popupInputs.nth(1).fill('55.5');
  await popupInputs.nth(2).fill('清河镇供销社');
  await page.locator('.admin__popup .van-button', { hasText: '确认入库' }).click();
  await card.getByText('库存 10').waitFor();
  await shot(page, '10-admin-goods');
  const basket = (await h.ok(ADMIN, 'shop', 'goods', { includeInactive: true })).items.find((g) => g.name === '竹编篮');
  expect(basket).toMatchObject({ price: 7, stock: 10, active: true, photo: expect.stringMatching(/^local\//), photoUrl: expect.stringMatching(/^\/api\/files\//) });

  // A villager's 积分超市 shows the basket with its photo.
  const villager = await phoneOf(MEMBER, errors);
  await villager.goto(`${base}/#/pages/shop/index`);
  await expect(photoShown(villager, '竹编篮')).resolves.toBe(true);
  await shot(villager, '10b-villager-shop-photo');

  // 兑换日: every 3 months on the last market day (逢三六九); the server describes it back.
  await page.locator('.van-tab', { hasText: '兑换日' }).click();
  await visible(page, '现行规则').waitFor();
  await page.locator('.segmented__item', { hasText: '每 N 个月' }).click();
  await page.locator('.van-button', { hasText: '保存兑换日规则' }).click();
  await visible(page, /每 3 个月的最后一个赶场天兑换（逢三六九/).waitFor();
  await shot(page, '11-admin-policy');
  expect((await h.ok(ADMIN, 'shop', 'getPolicy', {})).redemptionDay).toMatchObject({ mode: 'every_n_months', everyMonths: 3, market: { pattern: '逢三六九' } });
  await h.ok(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'any_day' } });

  // 发放积分: grid → household → +30 with a reason.
  await page.locator('.van-tab', { hasText: '发放积分' }).click();
  await page.locator('.segmented__item', { hasText: '一组' }).first().click();
  const household = page.locator('.segmented__item', { hasText: /^一组5号/ }).first();
  await household.click();
  const label = (await household.textContent()) ?? '';
  await page.locator('.van-field input').locator('visible=true').first().fill('30');
  await page.locator('.van-field textarea').locator('visible=true').first().fill('浏览器测试：补发积分');
  await page.locator('.van-button', { hasText: '确认发放' }).click();
  await visible(page, /\+30 分，现可兑换 \d+ 分/).waitFor();
  await shot(page, '12-admin-grant');
  expect(label).toContain('一组5号');

  // 更正冲销: 二组5号 got 12 points by mistake; the admin reverses that entry with a reason.
  const wrong = await h.ok(ADMIN, 'ledger', 'adjust', { requestId: 'browser-wrong-grant', householdId: 'h-qs-2-05', points: 12, reason: '浏览器测试：误发积分' });
  await page.locator('.segmented__item', { hasText: '二组' }).first().click();
  await page.locator('.segmented__item', { hasText: /^二组5号/ }).first().click();
  const wrongLine = page.locator('.entry', { hasText: '浏览器测试：误发积分' }).locator('visible=true').first();
  await wrongLine.waitFor();
  await wrongLine.locator('.van-button', { hasText: '冲销' }).click();
  await page.locator('.admin__popup textarea').locator('visible=true').first().fill('发错了户，应发给二组6号');
  await shot(page, '12a-admin-reverse');
  await page.locator('.admin__popup .van-button', { hasText: '确认冲销' }).click();
  await visible(page, /已冲销“村委调整：增加积分” -12 分/).waitFor();
  await page.locator('.entry', { hasText: '冲销：村委调整：增加积分' }).locator('visible=true').first().waitFor();
  await expect(wrongLine.textContent()).resolves.toContain('已冲销');
  await shot(page, '12b-admin-reversed');
  const [reversal] = (await h.ok(ADMIN, 'ledger', 'entries', { householdId: 'h-qs-2-05', limit: 1 })).items;
  expect(reversal).toMatchObject({ kind: 'reversal', delta: -12, reverses: wrong.entry._id, reason: '发错了户，应发给二组6号' });

  // The household's 积分 page shows the correction line (in villager words: 撤回记错的积分), with the admin and the reason.
  const phoneB = await phoneOf('demo-villager-b-1', errors);
  await phoneB.locator('.balance').locator('visible=true').first().click();
  const line = phoneB.locator('.entry', { hasText: '撤回记错的积分' }).locator('visible=true').first();
  await line.waitFor();
  await expect(line.textContent()).resolves.toContain('-12');
  await expect(line.textContent()).resolves.toContain('原因：发错了户，应发给二组6号');
  await expect(line.textContent()).resolves.toContain(names[ADMIN]);
  await shot(phoneB, '12c-household-points-reversal');

  // 基金池: a donation of 1000 元 shows in the entries.
  await page.goto(`${base}/#/pkg-admin/fund/index`);
  await visible(page, '记一笔').waitFor();
  const fundInputs = page.locator('.van-field input').locator('visible=true');
  await fundInputs.nth(0).fill('1000');
  await fundInputs.nth(1).fill('乡贤李某');
  await page.locator('.van-button', { hasText: '记入收入' }).click();
  await page.locator('.fund-entry', { hasText: '乡贤李某' }).locator('visible=true').first().waitFor();
  await shot(page, '13-admin-fund');
  expect(errors).toEqual([]);
}, 90_000);

/**
 * Going live in the real H5 build, the way a real town does it: `npm run setup` (createTown)
 * hands out a town-admin code → a new WeChat user claims it on the welcome page → creates a
 * village and invites its admin → a second new user claims that code → the village admin
 * creates a grid, imports the roster, appoints the committee (reviewer lead, supervisor) and
 * opens the 一户一码 cards → a third new user types a card's code, picks their name, gets the
 * phone digits wrong once, then right → the household's 首页 → a fourth new user is not on the
 * list and asks to join → the head approves → the new member's 首页 shows the household → the
 * town admin sees the village's progress. Screenshots: .artifacts/browser/go-live/.
 */
import type { Browser, Page } from 'playwright-core';
import { createTown } from '@backend/onboarding/town';
import { C } from '@backend/repos/collections';
import { maskName } from '@domain/org/types';
import type { Harness } from '../support/harness';
import { openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;

beforeAll(async () => {
  app = await openBrowserApp('go-live');
  ({ h, browser, base } = app);
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const button = (page: Page, text: string | RegExp) => page.locator('.van-button', { hasText: text }).locator('visible=true').first();
const field = (page: Page, label: string) => page.locator('.van-field', { hasText: label }).locator('visible=true').first().locator('input, textarea').first();

/** Another phone: the demo picker, then the identity whose row shows all these texts. */
async function pick(page: Page, ...texts: string[]): Promise<void> {
  await page.goto(`${base}/#/pages/demo/index`);
  await visible(page, '选择一个身份').waitFor();
  let cell = page.locator('.van-cell');
  for (const t of texts) cell = cell.filter({ hasText: t });
  await cell.locator('visible=true').first().click();
}

const ROSTER = [
  '户主,成员,与户主关系,电话,所在组,门牌号,标签',
  '李大山,李大山,户主,13800001234,一组,一组1号,',
  '李大山,王秀英,配偶,,一组,一组1号,',
  '周建国,周建国,户主,13900005678,一组,一组2号,',
  '周建国,周小梅,女儿,,一组,一组2号,',
  '陈志明,陈志明,户主,,一组,一组3号,',
  '孙丽华,孙丽华,户主,,一组,一组4号,',
  '刘强东,刘强东,户主,,一组,一组5号,',
  '吴晓芳,吴晓芳,户主,,一组,一组6号,',
].join('\n');

test('setup → town admin → village admin → roster, committee, cards → villagers bind and join', async () => {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // npm run setup -- --town 新安镇
    const { town, claim } = await createTown(h.deps, '新安镇');

    // 1. A new WeChat user: 首页 sends them to the welcome page; they claim the town-admin code.
    await pick(page, '新微信用户 1');
    await visible(page, '欢迎使用乡约积分').waitFor();
    await visible(page, '第一步：扫描或输入户码').waitFor();
    await shot(page, '01-welcome');
    await visible(page, '我是镇/村管理员，输入管理员编码').click();
    await field(page, '管理员编码').fill(claim.code.toLowerCase());
    await field(page, '您的姓名').fill('王镇长');
    await button(page, '确认领取').click();
    await visible(page, '镇村上线').waitFor();
    await visible(page, '新安镇').waitFor();
    await shot(page, '02-town-admin-home');

    // 2. The town admin creates a village and invites its admin: the code shows big, with its expiry.
    await visible(page, '镇村上线').click();
    await visible(page, /本镇各村上线进度（0 个村）/).waitFor();
    await field(page, '村名').fill('石桥村');
    await button(page, /^新建村$/).click();
    await visible(page, /本镇各村上线进度（1 个村）/).waitFor();
    await visible(page, '✗ 还没有村管理员：请邀请').waitFor();
    await button(page, '邀请村管理员').click();
    await visible(page, '石桥村 村管理员邀请码').waitFor();
    const villageCode = (await page.locator('.ob__code').locator('visible=true').first().innerText()).trim();
    expect(villageCode).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
    await visible(page, /有效期至 .*只能使用一次/).waitFor();
    await shot(page, '03-invite-village-admin');

    // 3. A second new user claims the village-admin code.
    await pick(page, '新微信用户 2');
    await visible(page, '我是镇/村管理员，输入管理员编码').click();
    await field(page, '管理员编码').fill(villageCode);
    await field(page, '您的姓名').fill('赵村长');
    await button(page, '确认领取').click();
    await visible(page, '评议监督小组').waitFor();
    await visible(page, '石桥村').waitFor();

    // 4. The village admin: a grid, then the roster.
    await page.goto(`${base}/#/pkg-admin/grid-admin/index`);
    await visible(page, '新建网格').waitFor();
    await field(page, '网格名称').fill('一组');
    await button(page, /^保存$/).click();
    await visible(page, /石桥村 · 1 个网格/).waitFor();
    await page.goto(`${base}/#/pkg-admin/import/index`);
    await page.locator('.van-field textarea').locator('visible=true').first().fill(ROSTER);
    await button(page, /^检查$/).click();
    await visible(page, '检查通过').waitFor();
    await button(page, '确认导入').click();
    await visible(page, /导入完成/).waitFor();

    // 5. The committee: a reviewer who leads, a supervisor; the checklist follows.
    await page.goto(`${base}/#/pages/home/index`);
    await visible(page, '评议监督小组').click();
    await visible(page, '石桥村 还需配齐').waitFor();
    await field(page, '姓名').fill('陈志明');
    await button(page, /^查找$/).click();
    await button(page, '设为评议小组组长').click();
    await visible(page, '陈志明（组长）').waitFor();
    await field(page, '姓名').fill('孙丽华');
    await button(page, /^查找$/).click();
    await button(page, '设为监督小组成员').click();
    await visible(page, /监督小组（1 人）/).waitFor();
    await visible(page, '✓ 评议小组组长（负责月度结账）').waitFor();
    await visible(page, '✗ 积分评议小组成员').waitFor();
    await shot(page, '04-committee');

    // 6. 一户一码: the village's cards, ready to print.
    await page.goto(`${base}/#/pages/home/index`);
    await visible(page, '一户一码绑定卡').click();
    await visible(page, '共 6 张').waitFor();
    const card = page.locator('.hcard', { hasText: '一组1号' }).first();
    await card.waitFor();
    expect(await card.innerText()).toContain(`户主 ${maskName('李大山')}`);
    expect(await card.innerText()).toContain('微信扫码，或打开乡约积分输入户码');
    expect(await page.locator('.hcard').first().locator('[class*="qr__row"]').count()).toBeGreaterThan(20);
    const cardCode = /户码 ([2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4})/.exec(await card.innerText())?.[1] as string;
    expect(cardCode).toBeDefined();
    await shot(page, '05-cards');

    // 7. A third new user types the card's code, picks their name, confirms the phone's last digits.
    await pick(page, '新微信用户 3');
    await visible(page, '第一步：扫描或输入户码').waitFor();
    await field(page, '户码').fill(cardCode.toLowerCase());
    await button(page, /^下一步$/).click();
    await visible(page, '石桥村 一组1号').waitFor();
    await visible(page, '第二步：请点选您自己的名字').waitFor();
    await visible(page, maskName('王秀英')).waitFor();
    await page.locator('.welcome__member', { hasText: maskName('李大山') }).first().click();
    await visible(page, '第三步：核对手机号').waitFor();
    await field(page, '手机号后4位').fill('0000');
    await button(page, `我是${maskName('李大山')}，确认绑定`).click();
    await visible(page, '手机号后 4 位不正确').waitFor();
    await shot(page, '06-bind-phone-mismatch');
    await field(page, '手机号后4位').fill('1234');
    await button(page, `我是${maskName('李大山')}，确认绑定`).click();
    await visible(page, '家庭成员与加入申请').waitFor();
    await visible(page, '李大山').waitFor();
    await visible(page, '一组1号').waitFor();
    await shot(page, '07-head-home');

    // 8. A fourth new user is not on the list: asks to join, and waits.
    await pick(page, '新微信用户 4');
    await field(page, '户码').fill(cardCode);
    await button(page, /^下一步$/).click();
    await button(page, '我不在名单上，申请加入').click();
    await field(page, '您的姓名').fill('李小龙');
    await field(page, '与户主关系').fill('儿子');
    await button(page, '提交申请').click();
    await visible(page, '申请已提交，请等待确认').waitFor();
    await visible(page, /姓名：李小龙（儿子）/).waitFor();
    await shot(page, '08-join-waiting');

    // 9. The head approves.
    await pick(page, '李大山', '石桥村');
    await visible(page, '家庭成员与加入申请').click();
    await visible(page, '李小龙（儿子）申请加入 一组1号').waitFor();
    await visible(page, /家庭成员（2 人）/).waitFor();
    await shot(page, '09-head-join-request');
    await button(page, '同意加入').click();
    await visible(page, '没有待处理的加入申请').waitFor();

    // 10. The new member's 首页: the household, with them in it.
    await pick(page, '李小龙', '石桥村');
    await visible(page, /^我的$/).click();
    await visible(page, '家庭成员（3 人）').waitFor();
    await visible(page, '一组1号').waitFor();
    await shot(page, '10-new-member-home');

    // 11. The town admin sees the village's progress: 6 households, one bound.
    await pick(page, '王镇长');
    await visible(page, '镇村上线').click();
    await visible(page, /6 户 · 1 户已绑定微信 · 村管理员 1 人/).waitFor();
    await visible(page, '已绑定 16%').waitFor();
    await shot(page, '11-town-progress');

    const people = (await h.db.collection<{ _id: string; name: string; townId: string }>(C.people).where({ townId: town._id }).limit(100).get()).data;
    expect(people.map((p) => p.name)).toEqual(expect.arrayContaining(['王镇长', '赵村长', '李大山', '李小龙']));
    expect(errors).toEqual([]);
  } finally {
    await page.context().close();
  }
}, 300_000);

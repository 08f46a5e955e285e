/**
 * The whole points cycle in the real H5 build (headless Chromium), each step done by the person
 * whose job it is, on a calendar pinned for both the server and the browser:
 *   2026-12-10  a villager reports a deed → the grid worker passes 初审 → three reviewers sign;
 *   2027-01-02  the committee leader closes December → the village admin publishes 2026-Q4 →
 *               the villager objects to a line → a reviewer and a supervisor uphold it (+5);
 *   2027-01-10  (window over) the admin ends the publicity → the town approves → the villager
 *               sees the points 可兑换 → the shop clerk redeems goods with the villager's code.
 * October and November (nothing to audit under jest) are closed through the API as set-up.
 * Screenshots go to .artifacts/browser/audit-cycle/.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Harness } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

const VILLAGER = 'demo-villager-1'; // 一组3号 (h-qs-1-03)
const WORKER = 'demo-gridworker-1-1';
const LEADER = 'demo-reviewer-1-1'; // 组长 (lead: true)
const REVIEWERS = ['demo-reviewer-1-2', 'demo-reviewer-1-3', 'demo-reviewer-1-4'];
const SUPERVISOR = 'demo-supervisor-1-1';
const ADMIN = 'demo-admin-1';
const TOWN = 'demo-town-admin';
const CLERK = 'demo-clerk-1';
const HOUSEHOLD = 'h-qs-1-03';
const STORY = '年底参加村里组织的敬老院志愿服务，打扫卫生两小时';
const OBJECTION = '本户十二月还参加了一次河道清理，公示里漏记了';
const CORRECTION = 5;
const QUARTER = '2026-Q4';

const day = (iso: string) => Date.parse(iso);
const DEC_10 = day('2026-12-10T10:00:00+08:00');
const JAN_02 = day('2027-01-02T10:00:00+08:00');
const JAN_10 = day('2027-01-10T10:00:00+08:00');

let app: BrowserApp;
let h: Harness;
let browser: Browser;
let base: string;
let names: Record<string, string>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  app = await openBrowserApp('audit-cycle');
  ({ h, browser, base, names } = app);
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

/**
 * Server and every phone jump to the same instant ("today" must agree on both sides); both
 * clocks keep running from there. (A fixed browser clock would stall the fake
 * requestAnimationFrame that Vant's tabs wait for.)
 */
async function setDay(at: number): Promise<void> {
  h.setNow(at);
  for (const c of contexts) await c.clock.setSystemTime(at);
}

async function newPhone(at: number, errors: string[], who: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  await context.clock.install({ time: at });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(`${who}: ${e.message}`));
  return page;
}

/** Like handing the phone to someone else: the demo picker, then 首页 as that person (`ready` shows it loaded). */
const switchTo = (page: Page, openid: string, ready: string) => actAs(app, page, openid, ready);

/** A 首页 entry (or any list cell) by its title. */
const cell = (page: Page, title: string) => page.locator('.van-cell', { hasText: title }).locator('visible=true').first();
const button = (page: Page, text: string | RegExp, within = '') => page.locator(`${within} .van-button`.trim(), { hasText: text }).locator('visible=true').first();
const auditCard = (page: Page) => page.locator('.audit__item', { hasText: STORY }).locator('visible=true').first();

test('application → audit quorum → month close → publicity → objection upheld → town approval → redeemed in the shop', async () => {
  const errors: string[] = [];
  await setDay(DEC_10);
  // Set-up through the API: the quarter's earlier months hold nothing to audit; the leader closes them.
  for (const month of ['2026-10', '2026-11']) {
    const m = await h.ok(LEADER, 'audit', 'month', { month });
    expect(m.summary.undecided).toBe(0);
    expect((await h.ok(LEADER, 'audit', 'close', { month })).summary.status).toBe('closed');
  }
  const policy = await h.ok(ADMIN, 'shop', 'getPolicy', {});
  expect(policy.redemptionDay.mode).toBe('any_day');
  const before = await h.ok(VILLAGER, 'ledger', 'balance', {});
  expect(before.pending).toBe(0);

  const page = await newPhone(DEC_10, errors, 'phone');
  let clerk: Page | null = null;
  try {
    // ── 2026-12-10: 申报 by the villager ──
    await switchTo(page, VILLAGER, '户积分');
    await visible(page, /^申报$/).click();
    await page.locator('.submit__category', { hasText: '公益美德类' }).click();
    await page.locator('.submit__item', { hasText: '参与志愿者服务活动' }).click();
    await page.locator('.van-field input').first().fill('镇敬老院');
    await page.locator('.van-field textarea').first().fill(STORY);
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 150 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([{ name: 'evidence.png', mimeType: 'image/png', buffer: photo }]);
    await page.locator('.photos img, .photos .taro-img').first().waitFor();
    await button(page, '提交申报').click();
    await visible(page, '等网格员核实').waitFor();
    await shot(page, '01-villager-submitted');
    const [application] = (await h.ok(VILLAGER, 'points', 'mine', {})).items;
    expect(application).toMatchObject({ description: STORY, deedDate: '2026-12-10', status: 'submitted' });
    const points = application.points;
    expect(points).toBeGreaterThan(0);

    // 初审 by the grid worker.
    await switchTo(page, WORKER, '网格工作');
    await visible(page, '网格工作').click();
    await page.locator('.van-tab', { hasText: '初审' }).click();
    await page.locator('.app-card', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().click();
    await visible(page, '敬老院志愿服务').waitFor();
    await button(page, '通过，提交评议').click();
    await page.locator('.app-card', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().waitFor({ state: 'detached', timeout: 10_000 });
    await shot(page, '02-worker-first-review');

    // 月度评议: three reviewers sign 通过; the third signature makes the quorum.
    for (const [i, reviewer] of REVIEWERS.entries()) {
      await switchTo(page, reviewer, '月度评议');
      await cell(page, '月度评议').click();
      await visible(page, '2026年12月').waitFor();
      await auditCard(page).waitFor();
      await auditCard(page).locator('.van-button', { hasText: '通过' }).first().click();
      await button(page, '确认', '.audit__form').click();
      if (i < REVIEWERS.length - 1) await auditCard(page).locator('.audit__signature', { hasText: names[reviewer].split(/[（(]/)[0] }).first().waitFor();
    }
    await auditCard(page).getByText('评议通过').waitFor();
    await expect(auditCard(page).locator('.audit__signature').count()).resolves.toBe(3);
    await shot(page, '03-quorum-reached');
    expect((await h.ok(LEADER, 'points', 'get', { applicationId: application._id })).status).toBe('approved');

    // ── 2027-01-02: December is over; the leader closes it ──
    await setDay(JAN_02);
    await switchTo(page, LEADER, '月度评议');
    await cell(page, '月度评议').click();
    await page.locator('.segmented__item', { hasText: '2026年12月' }).locator('visible=true').first().click();
    await visible(page, '青山村 · 2026年12月').waitFor();
    await button(page, '结账：评议结果计入待公示积分').click();
    await page.getByText('确定', { exact: true }).locator('visible=true').first().click(); // the confirmation dialog
    await visible(page, `1 户，合计 +${points} 分进入待公示`).waitFor();
    await shot(page, '04-leader-closed-december');
    expect((await h.ok(LEADER, 'audit', 'month', { month: '2026-12' })).summary).toMatchObject({ status: 'closed', postedHouseholds: 1, postedPoints: points });
    expect((await h.ok(VILLAGER, 'ledger', 'balance', {})).pending).toBe(points);

    // 一季一公示: the village admin publishes Q4.
    await switchTo(page, ADMIN, '积分公示');
    await cell(page, '积分公示').click();
    await button(page, `发布 ${QUARTER} 季度公示`).click();
    await visible(page, '青山村 2026年第四季度积分公示').waitFor();
    await visible(page, '2027-01-02 至 2027-01-08').waitFor();
    await visible(page, '公示中').waitFor();
    await shot(page, '05-admin-published');

    // The villager reads the masked list and objects to the household's own line.
    const lines = (await h.ok(VILLAGER, 'publicity', 'lines', { quarter: QUARTER, limit: 100 })).items;
    const mine = lines.find((l) => l.householdId === HOUSEHOLD)!;
    expect(mine).toMatchObject({ total: points, months: [0, 0, points] });
    const who = await h.ok(VILLAGER, 'identity', 'whoami', {});
    const headName = who.household!.headName;
    expect(mine.name).not.toBe(headName);
    await switchTo(page, VILLAGER, '户积分');
    await cell(page, '积分公示').click();
    const myLine = page.locator('.pub__line', { hasText: mine.doorNo }).locator('visible=true').first();
    await myLine.waitFor();
    await expect(myLine.textContent()).resolves.toContain(`${mine.name}（${mine.doorNo}）`);
    await expect(myLine.textContent()).resolves.toContain(`${points} 分`);
    await expect(page.locator('.pub__line').locator('visible=true').first().textContent()).resolves.toMatch(/\*/);
    await expect(page.locator('.pub__line', { hasText: headName }).count()).resolves.toBe(0);
    await shot(page, '06-villager-masked-list');
    await myLine.locator('.pub__object').click();
    await page.locator('.pub__form textarea').locator('visible=true').first().fill(OBJECTION);
    await shot(page, '07-villager-objection-form');
    await button(page, '提交异议', '.pub__form').click();
    await page.locator('.objection', { hasText: OBJECTION }).locator('visible=true').first().waitFor();
    await expect(page.locator('.objection', { hasText: OBJECTION }).locator('visible=true').first().textContent()).resolves.toContain('已收到，村里正在核实');
    await shot(page, '08-villager-my-objection');

    // A reviewer proposes to uphold it with +5; a supervisor countersigns: final.
    await switchTo(page, REVIEWERS[0], '异议处理');
    await cell(page, '异议处理').click();
    const objection = () => page.locator('.objection', { hasText: OBJECTION }).locator('visible=true').first();
    await objection().waitFor();
    await objection().locator('.van-field input').first().fill(String(CORRECTION));
    await objection().locator('.van-field textarea').first().fill('经走访核实，12 月河道清理确有参加');
    await objection().locator('.van-button', { hasText: '签署处理意见' }).click();
    await objection().waitFor({ state: 'detached', timeout: 10_000 }); // it leaves 待调查
    await page.locator('.van-tab', { hasText: '待会签' }).click();
    await objection().getByText(`处理意见（待会签）：异议成立，更正 +${CORRECTION} 分`).waitFor();
    await shot(page, '09-reviewer-proposed');

    await switchTo(page, SUPERVISOR, '异议处理');
    await cell(page, '异议处理').click();
    await page.locator('.van-tab', { hasText: '待会签' }).click();
    await objection().waitFor();
    await expect(objection().locator('.van-field input').first().inputValue()).resolves.toBe(String(CORRECTION));
    await objection().locator('.van-field textarea').first().fill('监督小组同意更正');
    await objection().locator('.van-button', { hasText: '会签' }).click();
    await objection().waitFor({ state: 'detached', timeout: 10_000 });
    await page.locator('.van-tab', { hasText: '已成立' }).click();
    await objection().getByText('异议成立，已更正').waitFor();
    await expect(objection().textContent()).resolves.toContain(`评议小组签字：${names[REVIEWERS[0]].split(/[（(]/)[0]}`);
    await shot(page, '10-supervisor-upheld');
    const corrected = (await h.ok(VILLAGER, 'publicity', 'lines', { quarter: QUARTER, limit: 100 })).items.find((l) => l.householdId === HOUSEHOLD)!;
    expect(corrected).toMatchObject({ corrections: CORRECTION, total: points + CORRECTION });
    expect(await h.ok(VILLAGER, 'ledger', 'balance', {})).toMatchObject({ pending: points + CORRECTION, redeemable: before.redeemable });

    // The villager's 首页: still pending, not yet redeemable.
    await switchTo(page, VILLAGER, '户积分');
    await page.locator('.balance__pending', { hasText: String(points + CORRECTION) }).locator('visible=true').first().waitFor();
    await expect(page.locator('.balance__redeemable').locator('visible=true').first().textContent()).resolves.toBe(String(before.redeemable));
    await shot(page, '11-villager-pending');

    // ── 2027-01-10: the window (to 01-08) is over; the admin ends the publicity ──
    await setDay(JAN_10);
    await switchTo(page, ADMIN, '积分公示');
    await cell(page, '积分公示').click();
    await button(page, '结束公示').click();
    await visible(page, '公示结束，待镇复核').waitFor();
    await shot(page, '12-admin-closed-publicity');

    // 镇复核: the town admin approves 青山村's quarter.
    await switchTo(page, TOWN, '镇复核');
    await cell(page, '镇复核').click();
    const row = page.locator('.town__card', { hasText: '青山村' }).locator('visible=true').first();
    await row.getByText('公示结束，待镇复核').waitFor();
    await expect(row.textContent()).resolves.toContain('公示期 2027-01-02 至 2027-01-08');
    await row.locator('.van-button', { hasText: '复核通过' }).click();
    await row.getByText('镇复核通过，积分可兑换').waitFor();
    await shot(page, '13-town-approved');
    const redeemable = before.redeemable + points + CORRECTION;
    expect(await h.ok(VILLAGER, 'ledger', 'balance', {})).toMatchObject({ pending: 0, redeemable });

    // The villager: 可兑换 on 首页 and on the 积分 page, with the ledger lines.
    await switchTo(page, VILLAGER, '户积分');
    await page.locator('.balance__redeemable', { hasText: String(redeemable) }).locator('visible=true').first().waitFor();
    await page.locator('.balance').locator('visible=true').first().click();
    await visible(page, '积分明细').waitFor();
    await page.locator('.balance__redeemable', { hasText: String(redeemable) }).locator('visible=true').first().waitFor();
    await expect(page.locator('.balance__pending').locator('visible=true').first().textContent()).resolves.toBe('0');
    await expect(page.locator('.entry').locator('visible=true').first().textContent()).resolves.toContain(`能兑换的积分还有 ${redeemable} 分`);
    // The way the points came: the month's result, the correction, then the town's approval (in villager words, no 2026-Q4).
    const entries = (await page.locator('.entries').locator('visible=true').first().textContent()) ?? '';
    expect(entries).not.toContain(QUARTER);
    expect(entries).toContain(`2026年第四季度 公示通过，转为可兑换+${points + CORRECTION}`);
    expect(entries).toContain(`2026年第四季度 公示异议更正+${CORRECTION}`);
    expect(entries).toContain(`2026年12月评议入账+${points}`);
    await shot(page, '14-villager-points-redeemable');

    // 积分超市: the villager shows the code, the clerk (another phone) redeems the cheapest goods.
    const goods = (await h.ok(CLERK, 'shop', 'goods', {})).items.filter((g) => g.active && g.stock >= 1 && g.price <= redeemable);
    const [cheapest] = [...goods].sort((a, b) => a.price - b.price);
    expect(cheapest).toBeDefined();
    await page.goto(`${base}/#/pages/home/index`);
    await cell(page, '到村超市兑换时出示').click();
    const digits = page.locator('.code__digits').locator('visible=true').first();
    await digits.waitFor();
    const code = ((await digits.textContent()) ?? '').replace(/\s+/g, '');
    expect(code).toMatch(/^\d{8}$/);
    await shot(page, '15-villager-code');

    clerk = await newPhone(JAN_10, errors, 'clerk');
    await switchTo(clerk, CLERK, '扫码兑换');
    await cell(clerk, '店员：扫村民兑换码').click();
    await clerk.locator('.code-entry input').locator('visible=true').first().fill(code);
    await button(clerk, '查询兑换码').click();
    await expect(clerk.locator('.cashier__redeemable-value').locator('visible=true').first().textContent()).resolves.toBe(String(redeemable));
    await clerk.locator('.goods', { hasText: cheapest.name }).locator('visible=true').first().locator('.stepper__plus').click();
    await visible(clerk, `${cheapest.price} / ${redeemable} 分`).waitFor();
    await button(clerk, '确认兑换').click();
    await visible(clerk, '兑换成功').waitFor();
    await expect(visible(clerk, `-${cheapest.price} 分`).isVisible()).resolves.toBe(true);
    await shot(clerk, '16-clerk-receipt');

    // The villager's phone shows the receipt by itself; then the lower balance.
    const receipt = page.locator('.receipt', { hasText: '兑换成功' }).locator('visible=true').first();
    await receipt.waitFor({ timeout: 10_000 });
    await expect(receipt.textContent()).resolves.toContain(`${cheapest.name} × 1`);
    await expect(receipt.textContent()).resolves.toContain(`${redeemable - cheapest.price} 分`);
    await shot(page, '17-villager-receipt');
    const after = await h.ok(VILLAGER, 'ledger', 'balance', {});
    expect(after).toMatchObject({ redeemable: redeemable - cheapest.price, spent: before.spent + cheapest.price, pending: 0 });
    await page.goto(`${base}/#/pages/home/index`);
    await page.locator('.balance__redeemable', { hasText: String(after.redeemable) }).locator('visible=true').first().waitFor();
    await shot(page, '18-villager-balance-after');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure');
    if (clerk) await shot(clerk, '99-failure-clerk');
    throw e;
  }
}, 240_000);

/**
 * 年度评比 in the real H5 build (headless Chromium): the demo's 青山村 draft of last year (signed
 * by demo-reviewer-1-1; 二组12号, demo-reviewer-1-2's household, is honoured). Where the sign
 * button would be, each caller reads why there is none — the page asks the same domain policy
 * (rankingSignState / rankingQuorum) the function signs by:
 * - the recused reviewer: 您家在本次评比名单中，按规定回避 (and no button);
 * - the reviewer who signed: 已签;
 * - the village admin (not on the committee): who signs;
 * - another reviewer: the button.
 * And 柳溪村's ranking, in its 公示期: a villager reads 公示中 with the window and raises a 异议
 * about a line, then reads it under 我的异议, waiting for the committee's answer.
 * Screenshots: .artifacts/browser/ranking/.
 */
import type { Browser, Page } from 'playwright-core';
import type { AnnualRanking } from '@domain/ranking/types';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';
import { measure } from '../support/measure';

let app: BrowserApp;
let browser: Browser;
let year: string;

beforeAll(async () => {
  process.env.XIANGYUE_DEMO_RANKING = '1'; // the demo's rankings (skipped under jest otherwise)
  try {
    app = await openBrowserApp('ranking');
  } finally {
    delete process.env.XIANGYUE_DEMO_RANKING;
  }
  ({ browser } = app);
  const { data } = await app.h.db.collection<AnnualRanking>('annualRankings').where({ villageId: 'v-qingshan' }).limit(1).get();
  year = data[0].year;
}, 120_000);

afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);
const signButton = (page: Page) => page.locator('.van-button', { hasText: '核对无误，签字确认' }).locator('visible=true');

async function openRanking(page: Page, openid: string, ready: string): Promise<void> {
  await actAs(app, page, openid, ready);
  await page.goto(`${app.base}/#/pkg-villager/ranking/index?year=${year}`);
  await visible(page, `${year} 年度评比`).waitFor();
  await visible(page, /评议小组签字（\d\/\d）/).waitFor();
}

test('a recused reviewer sees why they cannot sign; the one who signed sees 已签; the admin sees who signs', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const names = app.names;
    await openRanking(page, 'demo-reviewer-1-2', '消息中心');
    const note = page.locator('.rank__note--recused').locator('visible=true');
    await note.waitFor();
    await expect(note.innerText()).resolves.toBe('您家在本次评比名单中，按规定回避，不能签字确认；由其他评议小组成员签字');
    await expect(signButton(page).count()).resolves.toBe(0);
    // The committee card: 1 of 3 signed; the recused member listed as such, the rule in words.
    await visible(page, '评议小组签字（1/3）').waitFor();
    await visible(page, /家在本次评比名单中，按规定回避；需其余成员中 3 位签字确认。/).waitFor();
    await note.scrollIntoViewIfNeeded();
    await shot(page, '01-recused-reviewer');
    // The committee card and the note read well: AA contrast, nothing wider than the screen.
    const m = await measure(page, { root: '.page' });
    expect(m.texts).toBeGreaterThan(10);
    expect(m.problems.filter((p) => p.kind !== 'overlap')).toEqual([]);

    await openRanking(page, 'demo-reviewer-1-1', '消息中心');
    await expect(page.locator('.rank__note--signed').locator('visible=true').innerText()).resolves.toBe('已签，等其他评议小组成员签字');
    await expect(signButton(page).count()).resolves.toBe(0);
    await shot(page, '02-signed-reviewer');

    await openRanking(page, 'demo-admin-1', '办事');
    const who = await page.locator('.rank__note--not_member').locator('visible=true').innerText();
    expect(who).toMatch(/^由评议小组成员签字确认（3 人）：/);
    expect(who).toContain(names['demo-reviewer-1-3']);
    expect(who).not.toContain(names['demo-reviewer-1-2']);
    await shot(page, '03-admin');

    await openRanking(page, 'demo-reviewer-1-3', '消息中心');
    await signButton(page).first().waitFor();
    await expect(page.locator('.rank__note').locator('visible=true').count()).resolves.toBe(0);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);

test('in the 公示期 a villager of 柳溪村 objects to a line and reads it under 我的异议', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    const { data } = await app.h.db.collection<AnnualRanking>('annualRankings').where({ villageId: 'v-liuxi' }).limit(1).get();
    const r = data[0];
    expect(r.status).toBe('publicity');
    // The demo opened the window the day it was seeded (the harness's day): the functions' clock is moved there.
    app.h.setNow(Date.parse(`${r.startDate}T10:00:00+08:00`));
    await actAs(app, page, 'demo-villager-2', '消息中心');
    await page.goto(`${app.base}/#/pkg-villager/ranking/index?year=${r.year}`);
    await visible(page, `公示中：${r.startDate} 至 ${r.endDate}。对评比结果有意见，可在公示期内提出异议。`).waitFor();
    await shot(page, '04-villager-publicity');
    await page.locator('.van-button', { hasText: '对评比结果提出异议' }).locator('visible=true').click();
    // The second honoured household's line (not the villager's own 一组3号).
    const other = r.lines.find((l) => l.householdId !== 'h-lx-1-03');
    if (!other) throw new Error('柳溪村 demo ranking has one line only');
    // Their own household is offered once, in its own words, not among the others' lines.
    await expect(page.locator('.rank__choice', { hasText: '（一组3号）' }).count()).resolves.toBe(0);
    await visible(page, /^本户星级或荣誉不对（现为/).waitFor();
    await page.locator('.rank__choice', { hasText: `${other.name}（${other.doorNo}）` }).locator('visible=true').click();
    await page.locator('.van-field textarea').locator('visible=true').first().fill('他家门口的柴堆一年都没清，不该评星');
    await shot(page, '05-villager-objection-form');
    await page.locator('.van-button', { hasText: '提交异议' }).locator('visible=true').click();
    await visible(page, '我的异议').waitFor();
    await visible(page, '待评议小组答复').waitFor();
    await visible(page, /他家门口的柴堆一年都没清，不该评星/).waitFor();
    await page.locator('.rank__objection').locator('visible=true').first().scrollIntoViewIfNeeded();
    await shot(page, '06-villager-my-objection');
    const stored = (await app.h.db.collection<AnnualRanking>('annualRankings').doc(r._id).get()).data[0];
    expect(stored.objections?.map((o) => [o.topic, o.householdId, o.status])).toEqual([['honoured', other.householdId, 'open']]);
    // The window card and the objection read well: AA contrast, nothing wider than the screen.
    const m = await measure(page, { root: '.page' });
    expect(m.problems.filter((p) => p.kind !== 'overlap')).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await context.close();
  }
}, 180_000);

/**
 * Buttons that look like buttons, in the real H5 build: the ones issue 14 found looking like
 * labels (选择接单人 on an event, 调整分值 on 月度评议, the row actions of 网格管理) and the plain
 * buttons of a villager's pages each show an edge a person can see — a border, or a filled
 * background, with at least 3:1 contrast against what is around it (WCAG 1.4.11) — and a tap
 * target at least 24 px high (WCAG 2.5.8). Screenshots: .artifacts/browser/buttons/.
 */
import type { Locator, Page } from 'playwright-core';
import { cstDate, monthOf } from '@domain/shared/time';
import { JPEG, upload } from '../support/harness';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('buttons');
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

interface Edge {
  text: string;
  /** Contrast of the border against the background behind the button (0 without a border). */
  border: number;
  /** Contrast of the button's fill against the background behind it (1 when transparent or the same). */
  fill: number;
  height: number;
}

/** How visible a button's edge is: computed in the page (colours as the browser resolved them). */
function edgeOf(button: Locator): Promise<Edge> {
  return button.evaluate((el) => {
    const rgb = (c: string): [number, number, number, number] => {
      const m = c.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
      return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a: number[], b: number[]) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
      return (x + 0.05) / (y + 0.05);
    };
    /** The first opaque background behind an element. */
    const behind = (start: Element | null): number[] => {
      for (let e = start; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c[3] > 0.5) return c;
      }
      return [255, 255, 255, 1];
    };
    const s = getComputedStyle(el);
    const around = behind(el.parentElement);
    const fillColour = rgb(s.backgroundColor);
    const fill = fillColour[3] > 0.5 ? contrast(fillColour, around) : 1;
    // Vant draws some borders on ::after (hairline): count whichever is there.
    const after = getComputedStyle(el, '::after');
    const widths = [s, after].map((x) => ({ w: parseFloat(x.borderTopWidth) || 0, c: rgb(x.borderTopColor), style: x.borderTopStyle }));
    const drawn = widths.filter((b) => b.w >= 1 && b.style !== 'none' && b.c[3] > 0.5);
    const border = drawn.length ? Math.max(...drawn.map((b) => contrast(b.c, around))) : 0;
    return { text: (el.textContent ?? '').trim(), border, fill, height: el.getBoundingClientRect().height };
  });
}

async function expectButtonLooking(button: Locator): Promise<Edge> {
  await button.waitFor();
  const edge = await edgeOf(button);
  expect({ ...edge, visibleEdge: edge.border >= 3 || edge.fill >= 3 }).toMatchObject({ text: edge.text, visibleEdge: true });
  // WCAG 2.5.8 (AA): a target at least 24 px (大字模式 asks 48: __tests__/browser/elder.test.ts).
  expect(edge.height).toBeGreaterThanOrEqual(24);
  return edge;
}

const buttonIn = (scope: Page | Locator, text: string | RegExp) => scope.locator('.van-button', { hasText: text }).locator('visible=true').first();

test('选择接单人, 调整分值, 网格管理 row actions and a villager page\'s plain buttons all show their edge', async () => {
  const { h, browser } = app;
  const today = cstDate(Date.now());
  // An event escalated to the village (派单 waits) and an application waiting for 评议.
  const event = await h.ok('demo-villager-1', 'events', 'report', {
    requestId: `buttons-ev-${Date.now().toString(36)}`,
    category: 'hazard',
    place: '一组村道桥头',
    description: '桥头护栏松动，需要维修',
    photos: [],
  });
  await h.ok('demo-gridworker-1-1', 'events', 'escalate', { eventId: event._id, note: '需要村里统一采购材料' });
  const submitted = await h.ok('demo-villager-1', 'points', 'submit', {
    requestId: `buttons-app-${Date.now().toString(36)}`,
    itemCode: 'PV-05',
    deedDate: today,
    place: '一组',
    description: '帮邻居收玉米',
    photos: [await upload(h, JPEG)],
  });
  await h.ok('demo-gridworker-1-1', 'points', 'firstReview', { applicationId: submitted._id, decision: 'pass' });
  expect((await h.ok('demo-reviewer-1-2', 'audit', 'month', { month: monthOf(today) })).items.map((i) => i._id)).toContain(submitted._id);

  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 })).newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    // The village admin: the event's 派单 step, then 网格管理's rows.
    await actAs(app, page, 'demo-admin-1', '网格管理');
    await page.goto(`${app.base}/#/pkg-grid/event/index?id=${encodeURIComponent(event._id)}`);
    await visible(page, '办理记录').waitFor();
    await expectButtonLooking(buttonIn(page, '选择接单人'));
    await shot(page, '01-dispatch');

    await page.goto(`${app.base}/#/pkg-admin/grid-admin/index`);
    await visible(page, /青山村 · 3 个网格/).waitFor();
    const rowButtons = page.locator('.van-button--plain').locator('visible=true');
    await rowButtons.first().waitFor();
    const count = await rowButtons.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) await expectButtonLooking(rowButtons.nth(i));
    await shot(page, '02-grid-admin');

    // A reviewer: 调整分值 on the application waiting in 月度评议 (and its neighbours).
    await actAs(app, page, 'demo-reviewer-1-2', '月度评议');
    await visible(page, '月度评议').click();
    const card = page.locator('.audit__item', { hasText: '帮邻居收玉米' }).locator('visible=true').first();
    await card.waitFor();
    for (const text of ['通过', '调整分值', '不通过', '认定虚假']) await expectButtonLooking(buttonIn(card, text));
    await shot(page, '03-audit');

    // A villager: the plain buttons of 我的.
    await actAs(app, page, 'demo-villager-1', '申报积分');
    await page.goto(`${app.base}/#/pages/mine/index`);
    await expectButtonLooking(buttonIn(page, '隐私说明'));
    await shot(page, '04-mine');
    expect(errors).toEqual([]);
  } catch (e) {
    await shot(page, '99-failure');
    throw e;
  }
}, 180_000);

/**
 * 大字模式 (适老化) in the real H5 build: with the large setting on, every villager page has large
 * type (≥ 18 px body text, ≥ 24 px key figures), text contrast ≥ 4.5:1 against its background
 * (WCAG AA), tap targets ≥ 48 px high, and nothing wider than the screen.
 * Screenshots: .artifacts/browser/elder/.
 */
import type { Page } from 'playwright-core';
import { actAs, openBrowserApp, shot as shotOf, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('elder');
}, 120_000);
afterAll(async () => app?.close());

const shot = (page: Page, name: string) => shotOf(app, page, name);

interface Problem {
  kind: string;
  text: string;
  value: number;
}

/** Measures the visible page in the browser: font sizes, contrast, overflow. */
async function measure(page: Page): Promise<{ problems: Problem[]; figures: number[]; texts: number }> {
  return page.evaluate(() => {
    const problems: { kind: string; text: string; value: number }[] = [];
    const parse = (c: string): [number, number, number, number] => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return [0, 0, 0, 0];
      const p = m[1].split(',').map((x) => parseFloat(x));
      return [p[0], p[1], p[2], p[3] === undefined ? 1 : p[3]];
    };
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    /** The colour behind an element: the first ancestor with an opaque-ish background (gradients: their first colour). */
    const background = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        const img = cs.backgroundImage;
        if (img && img !== 'none') {
          const m = img.match(/rgba?\([^)]+\)/);
          if (m) return parse(m[0]).slice(0, 3);
        }
        const bg = parse(cs.backgroundColor);
        if (bg[3] > 0.5) return bg.slice(0, 3);
      }
      return [255, 255, 255];
    };
    // The page on top: the visible element marked elder.
    const root = Array.from(document.querySelectorAll('.elder')).find((e) => (e as HTMLElement).offsetParent !== null && e.getBoundingClientRect().width > 0) ?? document.body;
    const vw = document.documentElement.clientWidth;
    let texts = 0;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !(n.textContent ?? '').trim()) continue;
      seen.add(el);
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || parseFloat(cs.opacity) < 0.5) continue;
      texts++;
      const text = (n.textContent ?? '').trim().slice(0, 30);
      const size = parseFloat(cs.fontSize);
      if (size < 18) problems.push({ kind: 'font<18', text, value: size });
      const fg = parse(cs.color);
      const ratio = (Math.max(lum(fg), lum(background(el))) + 0.05) / (Math.min(lum(fg), lum(background(el))) + 0.05);
      if (ratio < 4.5) problems.push({ kind: 'contrast<4.5', text, value: Math.round(ratio * 100) / 100 });
      if (r.right > vw + 1) problems.push({ kind: 'overflow', text, value: r.right });
    }
    if (document.documentElement.scrollWidth > vw + 1) problems.push({ kind: 'page-overflow', text: '', value: document.documentElement.scrollWidth });
    const figures = Array.from(root.querySelectorAll('.balance__value, .todo__figure, .detail__points')).map((e) => parseFloat(getComputedStyle(e).fontSize));
    return { problems, figures, texts };
  });
}

const PAGES: { name: string; url: string; ready: string | RegExp }[] = [
  { name: '01-home', url: '/#/pages/home/index', ready: '可兑换' },
  { name: '02-submit', url: '/#/pages/submit/index', ready: '选择积分项目' },
  { name: '03-points', url: '/#/pages/points/index', ready: '积分明细' },
  { name: '04-mine', url: '/#/pages/mine/index', ready: '我的家庭' },
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
    await page.goto(`${app.base}${p.url}`);
    await visible(page, p.ready).waitFor();
    await page.locator('.elder').locator('visible=true').first().waitFor();
    await shot(page, p.name);
    const m = await measure(page);
    expect(m.texts).toBeGreaterThan(3);
    if (m.problems.length) report[p.name] = m.problems;
    for (const f of m.figures) expect(f).toBeGreaterThanOrEqual(24);
  }
  expect(report).toEqual({});
}, 180_000);

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

/**
 * Everyone's pages in normal type, in the real H5 build: text contrast ≥ 4.5:1 against its
 * background (WCAG AA) and nothing wider than the screen — not only the villager pages in 大字模式
 * (elder.test.ts). Vant's grey labels (#969799, 2.9:1 on white) failed it on every staff page.
 * Screenshots and the measurements: .artifacts/browser/contrast/.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PAGES } from '../../src/constants/routes';
import { actAs, openBrowserApp, shot, type BrowserApp } from '../support/browserApp';
import { measure, type Problem } from '../support/measure';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('contrast', { demoPublicity: true });
}, 120_000);
afterAll(async () => app?.close());

/** A page as the person who works on it opens it. */
const VISITS: { name: string; who: string; path: string }[] = [
  { name: '01-worker-home', who: 'demo-gridworker-1-1', path: PAGES.home },
  { name: '02-worker-grid', who: 'demo-gridworker-1-1', path: PAGES.grid },
  { name: '03-worker-events', who: 'demo-gridworker-1-1', path: PAGES.events },
  { name: '04-reviewer-audit', who: 'demo-reviewer-1-1', path: PAGES.audit },
  { name: '05-supervisor-veto', who: 'demo-supervisor-1-1', path: PAGES.veto },
  { name: '06-clerk-cashier', who: 'demo-clerk-1', path: PAGES.cashier },
  { name: '07-admin-shop-admin', who: 'demo-admin-1', path: PAGES.shopAdmin },
  { name: '08-admin-rules', who: 'demo-admin-1', path: PAGES.rules },
  { name: '09-admin-people-ledger', who: 'demo-admin-1', path: PAGES.peopleLedger },
  { name: '10-town-dashboard', who: 'demo-town-admin', path: PAGES.dashboard },
  { name: '11-town-review', who: 'demo-town-admin', path: PAGES.townReview },
  // And a villager's, without the large setting.
  { name: '12-villager-home', who: 'demo-villager-1', path: PAGES.home },
  { name: '13-villager-points', who: 'demo-villager-1', path: PAGES.points },
  { name: '14-villager-shop', who: 'demo-villager-1', path: PAGES.shop },
  { name: '15-villager-publicity', who: 'demo-villager-1', path: PAGES.publicity },
  { name: '16-villager-mine', who: 'demo-villager-1', path: PAGES.mine },
];

test('staff and villager pages in normal type: AA contrast and no horizontal overflow', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 1 })).newPage();
  const report: Record<string, Problem[]> = {};
  let who = '';
  for (const v of VISITS) {
    if (v.who !== who) {
      await actAs(app, page, v.who, /首页|工作台|待办|可兑换/);
      who = v.who;
    }
    await page.goto(`${app.base}/#/${v.path}`);
    await page.waitForLoadState('networkidle');
    // Loaded: no 加载中 left on the page.
    await page.getByText('加载中').locator('visible=true').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => undefined);
    await shot(app, page, v.name);
    const m = await measure(page, { root: '.page' });
    if (m.texts < 3) m.problems.push({ kind: 'too-few-texts', text: '', value: m.texts });
    const problems = m.problems.filter((p) => p.kind !== 'overlap');
    if (problems.length) report[v.name] = problems;
  }
  writeFileSync(join(app.shots, 'problems.json'), JSON.stringify(report, null, 2));
  expect(report).toEqual({});
}, 300_000);

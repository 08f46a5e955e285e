import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLocalServer } from '../../server/app';
import { openHarness, type Harness } from './harness';

const ROOT = resolve(__dirname, '../..');
const DIST = join(ROOT, 'dist-h5');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface BrowserApp {
  h: Harness;
  browser: Browser;
  /** http://127.0.0.1:<port> of the local server hosting the H5 build. */
  base: string;
  /** Demo identities' names by openid, as the picker shows them. */
  names: Record<string, string>;
  /** Where this test's screenshots go (.artifacts/browser/<folder>). */
  shots: string;
  close(): Promise<void>;
}

/**
 * The real H5 build served by the local server over a fresh seeded database, and a headless
 * Chromium. The real clock: the browser and the server must agree on "today" and on expiry.
 */
export async function openBrowserApp(folder: string, opts: { demoPublicity?: boolean } = {}): Promise<BrowserApp> {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist-h5/ is missing: run `npm run build:h5` first (npm test does)');
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install chromium fonts-wqy-zenhei (.ci/run does)`);
  const shots = join(ROOT, '.artifacts', 'browser', folder);
  mkdirSync(shots, { recursive: true });
  for (const f of readdirSync(shots)) if (f.endsWith('.png')) rmSync(join(shots, f), { force: true });
  const h = await openHarness({ realClock: true, ...opts });
  const server: Server = createLocalServer({ deps: h.deps, demo: true, staticDir: DIST, filesDir: h.filesDir });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ids = (await (await fetch(`${base}/api/demo/identities`)).json()).data.identities as { openid: string; name: string }[];
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    // Without the background-networking flags Chromium keeps dialling out on this closed network.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    h,
    browser,
    base,
    names: Object.fromEntries(ids.map((i) => [i.openid, i.name])),
    shots,
    async close() {
      await browser.close();
      server.close();
      await h.close();
    },
  };
}

/** The first visible element with this text. */
export const visible = (page: Page, text: string | RegExp) => page.getByText(text).locator('visible=true').first();

/** A screenshot once the page transition has finished, so the picture shows one page. */
export async function shot(app: BrowserApp, page: Page, name: string): Promise<void> {
  // Until no animation runs (the page transition, a toast's fade-in), at most 400 ms: a fixed
  // 400 ms before each of ~160 screenshots was minutes of a CI run.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'), undefined, { timeout: 400 }).catch(() => undefined);
  const path = join(app.shots, `${name}.png`);
  try {
    await page.screenshot({ path, fullPage: true, timeout: 20_000 });
  } catch {
    // Headless Chromium on a busy 2-core machine now and then never finishes a full-page capture
    // (seen once in CI, on a page that passed before and after): the screenshot is evidence for a
    // person, not what the test asserts, so the visible part is kept instead.
    await page.screenshot({ path, timeout: 20_000 });
  }
}

/**
 * Like picking up another phone: the demo identity picker, then 首页 as that person, waiting
 * until `ready` (a text of their 首页, e.g. an entry only they have) shows.
 */
export async function actAs(app: BrowserApp, page: Page, openid: string, ready: string | RegExp): Promise<void> {
  await page.goto(`${app.base}/#/pages/demo/index`);
  await visible(page, '选择一个身份').waitFor();
  await visible(page, app.names[openid]).click();
  await visible(page, ready).waitFor();
}

/**
 * Runs the built weapp (dist/) inside jsdom with miniprogram-simulate: the real WXML templates,
 * the real @vant/weapp components, Taro's runtime and our React pages. Shims the few globals the
 * mini-program host would provide (App, getApp, Page, getCurrentPages, requirePlugin, wx.cloud).
 */
import fs from 'fs';
import path from 'path';

export const DIST = path.resolve(__dirname, '../../dist');

export function assertBuilt(): void {
  if (!fs.existsSync(path.join(DIST, 'app.js'))) {
    throw new Error(
      `dist/app.js not found: the weapp build is missing. Run \`npm run build:weapp\` before these tests ` +
        `(npm test builds it first).`,
    );
  }
}

type AnyFn = (...args: unknown[]) => unknown;
type PageDef = Record<string, unknown> & { data?: Record<string, unknown> };

/** A stand-in for wx.cloud: every callFunction goes to `backend`. */
export interface FakeCloud {
  calls: { name: string; data: Record<string, unknown> }[];
  backend: (name: string, data: Record<string, unknown>) => unknown;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Simulate = any;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Comp = any;

const g = globalThis as unknown as Record<string, unknown>;

let simulate: Simulate;
let appInstance: Record<string, unknown> | null = null;
const pageStack: Record<string, unknown>[] = [];
let started = false;

export const cloud: FakeCloud = {
  calls: [],
  backend: () => ({ ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' }),
};

/** wx's local storage (setStorageSync and friends), kept in memory for the test file. */
export const storage = new Map<string, unknown>();

/** Load the app once: globals, wx.cloud, then dist/app.js (which calls App()). */
export function startApp(): void {
  if (started) return;
  assertBuilt();
  started = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  simulate = require('miniprogram-simulate');
  // miniprogram-simulate re-runs a component's script for every page it loads, relying on
  // `delete require.cache[...]`, which jest's module registry ignores: run Vant's scripts in a
  // fresh registry each time so each page gets working <van-*> definitions. (Taro's own chunks
  // must run once: pages are loaded once and cached in loadedPages.)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const simulateUtils = require('miniprogram-simulate/src/utils') as { runJs: (file: string) => void };
  const runJs = simulateUtils.runJs;
  // Taro's <comp> (dist/comp.js: what renders nodes deeper than the build's baseLevel) is a webpack
  // chunk too, so it calls Component() only the first time: give every later page that loads it
  // the definition it registered then.
  let compDefinition: Record<string, unknown> | null = null;
  simulateUtils.runJs = (file: string) => {
    if (file.replace(/\.js$/, '') === path.join(DIST, 'comp')) {
      const component = g.Component as (d: Record<string, unknown>) => void;
      if (compDefinition) return component(compDefinition);
      g.Component = (d: Record<string, unknown>) => {
        compDefinition = d;
        component(d);
      };
      try {
        return runJs(file);
      } finally {
        g.Component = component;
      }
    }
    if (!file.includes(`${path.sep}vant-weapp${path.sep}`)) return runJs(file);
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(file);
    });
  };
  const wx = g.wx as Record<string, unknown>;
  // miniprogram-simulate's components lack groupSetData, which <van-tabs> calls from base library
  // 2.4.0 on: tell Vant an older one, so every page with tabs sets its data the plain way.
  const systemInfo = wx.getSystemInfoSync as (...a: unknown[]) => Record<string, unknown>;
  wx.getSystemInfoSync = (...a: unknown[]) => ({ ...systemInfo.apply(wx, a), SDKVersion: '2.3.9' });
  wx.cloud = {
    init: () => undefined,
    callFunction: (opts: { name: string; data: Record<string, unknown> }) => {
      cloud.calls.push({ name: opts.name, data: opts.data });
      // The backend may answer at once or later (a promise: a slow network, an answer held back).
      return Promise.resolve()
        .then(() => cloud.backend(opts.name, opts.data))
        .then((result) => ({ result, errMsg: 'cloud.callFunction:ok' }));
    },
    uploadFile: (opts: { cloudPath: string }) => Promise.resolve({ fileID: `cloud://test/${opts.cloudPath}`, statusCode: 200 }),
  };
  // miniprogram-simulate's storage keeps nothing (set is a no-op, get returns ''): a real one in memory.
  wx.setStorageSync = (key: string, value: unknown) => void storage.set(key, value);
  wx.getStorageSync = (key: string) => (storage.has(key) ? storage.get(key) : '');
  wx.removeStorageSync = (key: string) => void storage.delete(key);
  wx.clearStorageSync = () => storage.clear();
  g.getApp = () => appInstance;
  g.getCurrentPages = () => pageStack;
  g.requirePlugin = () => ({});
  g.App = (def: Record<string, unknown>) => {
    appInstance = def;
    const launch = { path: 'pages/home/index', query: {}, scene: 1001, referrerInfo: {} };
    (def.onLaunch as AnyFn | undefined)?.call(def, launch);
    (def.onShow as AnyFn | undefined)?.call(def, launch);
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(DIST, 'app.js'));
}

/** The page being opened: read by the Page shim when the simulated page attaches. */
let opening: { route: string; query: Record<string, string> } = { route: '', query: {} };
/** A page's script runs once (webpack will not run a chunk twice): keep its component id. */
const loadedPages = new Map<string, string>();
const openPages: Comp[] = [];

/** Page(def) → Component(def'): lifecycles run when the simulated page attaches. */
function installPageShim(): void {
  g.Page = (def: PageDef) => {
    const methods: Record<string, AnyFn> = {};
    for (const [k, v] of Object.entries(def)) if (typeof v === 'function') methods[k] = v as AnyFn;
    const component = g.Component as (d: Record<string, unknown>) => void;
    component({
      data: def.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          this.route = opening.route;
          this.__route__ = opening.route;
          pageStack.push(this);
          (this.onLoad as AnyFn)?.call(this, { ...opening.query });
          (this.onShow as AnyFn | undefined)?.call(this);
        },
        ready(this: Record<string, unknown>) {
          (this.onReady as AnyFn | undefined)?.call(this);
        },
        detached(this: Record<string, unknown>) {
          (this.onUnload as AnyFn | undefined)?.call(this);
          const i = pageStack.indexOf(this);
          if (i >= 0) pageStack.splice(i, 1);
        },
      },
    });
  };
}

/** Render a page of the build (e.g. 'pages/submit/index') with its query and attach it to the document. */
export function renderPage(route: string, query: Record<string, string> = {}): Comp {
  startApp();
  let id = loadedPages.get(route);
  if (!id) {
    installPageShim();
    const appJson = JSON.parse(fs.readFileSync(path.join(DIST, 'app.json'), 'utf8')) as {
      usingComponents?: Record<string, string>;
    };
    id = simulate.load(path.join(DIST, route), {
      compiler: 'official',
      rootPath: DIST,
      usingComponents: appJson.usingComponents ?? {},
    }) as string;
    loadedPages.set(route, id);
  }
  opening = { route, query };
  const page = simulate.render(id);
  const parent = document.createElement('parent-wrapper');
  document.body.appendChild(parent);
  page.attach(parent);
  openPages.push(page);
  return page;
}

/** Unload every page opened so far (onUnload runs, React unmounts). */
export function closePages(): void {
  while (openPages.length) {
    const page = openPages.pop();
    page.detach();
  }
}

/** What the page wrote with wx's file system and opened with wx.openDocument. */
export interface FakeDocuments {
  written: { path: string; data: unknown; encoding: unknown }[];
  opened: Record<string, unknown>[];
}

/**
 * Stands in for `wx.getFileSystemManager().writeFileSync` and `wx.openDocument` (which answers
 * ok): the pages that hand a file to WeChat's viewer (forward, save) are seen doing it.
 */
export function fakeDocuments(): FakeDocuments {
  const wx = (globalThis as unknown as { wx: Record<string, (...a: unknown[]) => unknown> }).wx;
  const docs: FakeDocuments = { written: [], opened: [] };
  wx.getFileSystemManager = () => ({ writeFileSync: (path: unknown, data: unknown, encoding: unknown) => void docs.written.push({ path: String(path), data, encoding }) });
  wx.openDocument = (o: unknown) => {
    const opts = o as Record<string, unknown>;
    docs.opened.push(opts);
    (opts.success as ((r: unknown) => void) | undefined)?.({ errMsg: 'openDocument:ok' });
    (opts.complete as ((r: unknown) => void) | undefined)?.({ errMsg: 'openDocument:ok' });
  };
  return docs;
}

/** Let promises, React and setData settle. */
export async function settle(ms = 30): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, ms));
}

/** Visible text of the page, whitespace collapsed. */
export function textOf(page: Comp): string {
  return String((page.dom as HTMLElement).textContent ?? '').replace(/\s+/g, ' ');
}

/** Simulate a finger tap on the innermost element whose own text is `text`. */
export function tapText(page: Comp, text: string): void {
  tapWhere(page, (t) => t === text, `nothing on the page reads "${text}"`);
}

/**
 * Tap the innermost element whose text starts with `start` (a van-cell's title and label share
 * one element).
 */
export function tapStartingWith(page: Comp, start: string): void {
  tapWhere(page, (t) => t.startsWith(start), `nothing on the page starts with "${start}"`);
}

function tapWhere(page: Comp, matches: (text: string) => boolean, missing: string): void {
  const root = page.dom as HTMLElement;
  const all = Array.from(root.querySelectorAll('*')) as HTMLElement[];
  const hits = all.filter((el) => matches((el.textContent ?? '').trim()));
  const target = hits.find((el) => !hits.some((o) => o !== el && el.contains(o)));
  if (!target) throw new Error(missing);
  const touch = { pageX: 1, pageY: 1, clientX: 1, clientY: 1, identifier: 0 };
  for (const type of ['touchstart', 'touchend']) {
    const ev = new Event(type, { bubbles: true, cancelable: true }) as Event & Record<string, unknown>;
    ev.touches = type === 'touchstart' ? [touch] : [];
    ev.changedTouches = [touch];
    target.dispatchEvent(ev);
  }
}

/** Fire a mini-program event (as the native component would) on a DOM node of the page. */
export function fireWxEvent(el: Element, name: string, detail: Record<string, unknown>): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exparser = require('miniprogram-exparser');
  const node = (el as unknown as { __wxElement?: unknown }).__wxElement;
  if (!node) throw new Error(`<${el.tagName.toLowerCase()}> is not a mini-program node`);
  exparser.Event.dispatchEvent(node, exparser.Event.create(name, detail, { bubbles: false, composed: false }));
}

/** Type into the van-field whose label reads `label`, as the keyboard would (input event). */
export function typeInto(page: Comp, label: string, value: string): void {
  const root = page.dom as HTMLElement;
  const field = (Array.from(root.querySelectorAll('van-field')) as HTMLElement[]).find((f) =>
    (f.textContent ?? '').replace(/\s+/g, '').startsWith(label),
  );
  if (!field) throw new Error(`no field labelled "${label}"`);
  const input = field.querySelector('wx-input, wx-textarea');
  if (!input) throw new Error(`field "${label}" has no input`);
  fireWxEvent(input, 'input', { value, cursor: value.length, keyCode: 0 });
}

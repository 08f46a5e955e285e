/**
 * 首页 (工作台) and 大字模式 in the real weapp build (dist/), against a fake wx.cloud: a grid worker
 * sees their to-dos first with the counts and an icon each; a villager sees the household's points
 * and the icon shortcuts; with 大字模式 switched on (storage, as 我的 does) or WeChat's font set
 * large, the page root carries `elder` (switched off, it does not, whatever the font) and the build's
 * CSS holds the large sizes.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import fs from 'fs';
import path from 'path';
import type { WhoAmI } from '@domain/api/index';
import type { Workbench } from '@domain/api/identity';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { DIST, assertBuilt, closePages, cloud, renderPage, settle, storage, tapStartingWith, textOf, type Comp } from './miniprogram';

assertBuilt();

const AT = Date.parse('2026-11-20T10:00:00+08:00');

function whoami(roles: WhoAmI['roles']): WhoAmI {
  return {
    person: { id: 'p-1', name: '田明' },
    town: { id: 't', name: '清河镇' },
    village: { id: 'v', name: '青山村' },
    household: { id: 'hh-3', doorNo: '一组3号', headName: '董燕强', gridId: 'g1', gridName: '一组', members: [] },
    roles,
    grids: [],
    policy: null,
  } as unknown as WhoAmI;
}

let me: WhoAmI;
let workbench: Workbench;

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const key = `${name}.${String(data.action)}`;
  if (key === 'identity.whoami') return { ok: true, data: me };
  if (key === 'identity.workbench') return { ok: true, data: workbench };
  if (key === 'ledger.balance') return { ok: true, data: { householdId: 'hh-3', householdName: '董燕强户', doorNo: '一组3号', townId: 't', villageId: 'v', pending: 15, redeemable: 200, spent: 30, seq: 9, updatedAt: AT } };
  if (key === 'notices.unreadCount') return { ok: true, data: { unread: 0 } };
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

type WxMock = Record<string, (...args: unknown[]) => unknown>;
const wxApi = () => (globalThis as unknown as { wx: WxMock }).wx;

beforeEach(() => {
  storage.clear();
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  me = whoami([{ role: 'villager', scope: 'village', scopeId: 'v' }]);
  workbench = { items: [], staff: false, townOnly: false };
});
afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

/** miniprogram-simulate scopes a page's classes as `main--<class>`. */
const cls = (name: string) => `.main--${name.split(' ').join('.main--')}`;
const rootOf = (page: Comp) => (page.dom as HTMLElement).querySelector(cls('page home')) as HTMLElement | null;
const textsOf = (page: Comp, name: string) => Array.from((page.dom as HTMLElement).querySelectorAll(cls(name))).map((e) => (e.textContent ?? '').trim());

describe('首页 (weapp build)', () => {
  it('a grid worker: the to-dos first, each with its count, unit and icon', async () => {
    me = whoami([
      { role: 'villager', scope: 'village', scopeId: 'v' },
      { role: 'grid_worker', scope: 'grid', scopeId: 'g1' },
    ]);
    workbench = { items: [{ kind: 'firstReview', count: 2 }, { kind: 'events', count: 0 }], staff: true, townOnly: false };
    const page = renderPage('pages/home/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('待办（共 2 件）');
    expect(text).toMatch(/待初审申报\s*2\s*件/);
    expect(text).toMatch(/待处理事件\s*0\s*件/);
    // To-dos come before the household's points.
    expect(text.indexOf('待初审申报')).toBeLessThan(text.indexOf('可兑换'));
    const root = page.dom as HTMLElement;
    const todos = Array.from(root.querySelectorAll(cls('todo__item'))) as HTMLElement[];
    expect(todos.map((t) => t.querySelector(cls('todo__label'))?.textContent)).toEqual(['待初审申报', '待处理事件']);
    // Work waiting is marked (red), nothing waiting is not.
    expect(todos[0].className).toContain('todo__item--urgent');
    expect(todos[1].className).not.toContain('todo__item--urgent');
    for (const t of todos) expect(t.querySelector('wx-image')).not.toBeNull();
    // The grid worker's own shortcut comes first, then the household's.
    expect(textsOf(page, 'shortcuts__title')[0]).toBe('网格工作');
    // Tapping a to-do opens its page.
    const nav = jest.spyOn(wxApi(), 'navigateTo');
    const touch = { pageX: 1, pageY: 1, clientX: 1, clientY: 1, identifier: 0 };
    for (const type of ['touchstart', 'touchend']) {
      const ev = new Event(type, { bubbles: true, cancelable: true }) as Event & Record<string, unknown>;
      ev.touches = type === 'touchstart' ? [touch] : [];
      ev.changedTouches = [touch];
      todos[0].dispatchEvent(ev);
    }
    await settle();
    expect(String((nav.mock.calls[0]?.[0] as { url?: string } | undefined)?.url)).toContain('pkg-grid/grid/index');
  });

  it('every to-do done: 都办完了, nothing marked', async () => {
    me = whoami([
      { role: 'villager', scope: 'village', scopeId: 'v' },
      { role: 'grid_worker', scope: 'grid', scopeId: 'g1' },
    ]);
    workbench = { items: [{ kind: 'firstReview', count: 0 }, { kind: 'events', count: 0 }], staff: true, townOnly: false };
    const page = renderPage('pages/home/index');
    await settle();
    expect(textOf(page)).toContain('待办（都办完了）');
    expect((page.dom as HTMLElement).querySelector(cls('todo__item--urgent'))).toBeNull();
  });

  it('a villager: no to-dos, the household points and the picture shortcuts', async () => {
    const page = renderPage('pages/home/index');
    await settle();
    const text = textOf(page);
    expect(text).not.toContain('待办');
    expect(text).toContain('田明');
    expect(text).toContain('清河镇 · 青山村');
    expect(text).toContain('一组3号 · 董燕强户');
    // The three figures, in plain words.
    expect(text).toMatch(/200\s*可兑换/);
    expect(text).toMatch(/15\s*待公示/);
    expect(text).toMatch(/30\s*已兑换/);
    expect(textsOf(page, 'shortcuts__title')).toEqual(['申报积分', '我家积分', '兑换码', '积分超市', '积分公示', '随手拍']);
    const shortcuts = Array.from((page.dom as HTMLElement).querySelectorAll(cls('shortcuts__item')));
    for (const s of shortcuts) expect(s.querySelector('wx-image')).not.toBeNull();
    // No staff words for a villager.
    expect(text).not.toContain('初审');
    expect(text).not.toContain('扫码兑换');
    expect(rootOf(page)).not.toBeNull();
    expect(rootOf(page)!.className).not.toContain('elder');
  });
});

describe('单位积分 on 首页 (weapp build)', () => {
  it('a unit\'s 负责人 finds each of their units there; tapping one opens its page', async () => {
    me = { ...whoami([{ role: 'villager', scope: 'village', scopeId: 'v' }]), units: [{ id: 'unit_a', name: '青山便民超市' }, { id: 'unit_b', name: '青山老年协会' }] };
    const page = renderPage('pages/home/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('单位积分');
    expect(text).toContain('青山老年协会');
    const nav = jest.spyOn(wxApi(), 'navigateTo');
    tapStartingWith(page, '青山便民超市');
    await settle();
    expect(String((nav.mock.calls[0]?.[0] as { url?: string } | undefined)?.url)).toBe('/pkg-villager/unit/index?unitId=unit_a');
  });

  it('a villager who runs no unit: no such section', async () => {
    me = { ...whoami([{ role: 'villager', scope: 'village', scopeId: 'v' }]), units: [] };
    const page = renderPage('pages/home/index');
    await settle();
    expect(textOf(page)).not.toContain('单位积分');
  });
});

describe('大字模式 (weapp build)', () => {
  it('switched on in 我的 (stored): the page root carries elder', async () => {
    wxApi().setStorageSync('xy-elder', 'on');
    try {
      const page = renderPage('pages/home/index');
      await settle();
      expect(rootOf(page)).not.toBeNull();
      expect(rootOf(page)!.className).toContain('elder');
    } finally {
      wxApi().removeStorageSync('xy-elder');
    }
  });

  it("never chosen, WeChat's font set large: elder too", async () => {
    const wx = wxApi();
    const real = wx.getSystemInfoSync;
    jest.spyOn(wx, 'getSystemInfoSync').mockImplementation(() => ({ ...(real() as object), fontSizeSetting: 22 }));
    const page = renderPage('pages/home/index');
    await settle();
    expect(rootOf(page)).not.toBeNull();
    expect(rootOf(page)!.className).toContain('elder');
  });

  it('switched off in 我的, although WeChat\'s font is large: not elder', async () => {
    const wx = wxApi();
    const real = wx.getSystemInfoSync;
    jest.spyOn(wx, 'getSystemInfoSync').mockImplementation(() => ({ ...(real() as object), fontSizeSetting: 22 }));
    wx.setStorageSync('xy-elder', 'off');
    try {
      const page = renderPage('pages/home/index');
      await settle();
      expect(rootOf(page)).not.toBeNull();
      expect(rootOf(page)!.className).not.toContain('elder');
    } finally {
      wx.removeStorageSync('xy-elder');
    }
  });

  it('the built CSS holds the large sizes: body ≥ 18px, key figures ≥ 24px, taps ≥ 48px', () => {
    // app.wxss only @imports the app's own sheets.
    const app = fs.readFileSync(path.join(DIST, 'app.wxss'), 'utf8');
    const sheets = [...app.matchAll(/@import\s+"\.\/([^"]+)"/g)].map((m) => m[1]);
    const css = [app, ...sheets.map((f) => fs.readFileSync(path.join(DIST, f), 'utf8'))].join('\n');
    /** The declarations of every rule whose selector list holds exactly `selector`. */
    const decls = (selector: string) => {
      const out: string[] = [];
      for (const m of css.matchAll(/([^{}]+)\{([^}]*)\}/g)) {
        if (m[1].split(',').some((s) => s.trim().replace(/\s+/g, ' ') === selector)) out.push(m[2]);
      }
      if (out.length === 0) throw new Error(`no ${selector} rule in the built CSS`);
      return out.join(';');
    };
    /** The largest px value given to `prop` (PX: left alone by pxtransform, exact CSS pixels). */
    const px = (decl: string, prop: string) => Math.max(...[...decl.matchAll(new RegExp(`(?:^|;)\\s*${prop}:\\s*(\\d+)px`, 'gi'))].map((m) => Number(m[1])));
    expect(px(decls('.elder .balance__value'), 'font-size')).toBeGreaterThanOrEqual(24);
    expect(px(decls('.elder .todo__figure'), 'font-size')).toBeGreaterThanOrEqual(24);
    expect(px(decls('.elder .van-button'), 'min-height')).toBeGreaterThanOrEqual(48);
    expect(px(decls('.elder'), 'font-size')).toBeGreaterThanOrEqual(18);
    expect(px(decls('.elder .section-title'), 'font-size')).toBeGreaterThanOrEqual(18);
  });
});

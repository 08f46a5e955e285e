/**
 * Loading before the first answer, in the real weapp build (dist/), against a fake wx.cloud that
 * holds its answers back (a slow rural network): a page says 加载中… until the server has answered,
 * never its empty state ("还没有…", "暂时没有…") — that would tell a villager they have nothing.
 * Once the (empty) answer lands, the empty state shows and 加载中 is gone.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { WhoAmI } from '@domain/api/index';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { rulesOf } from '@domain/catalogue/villageRules';
import { assertBuilt, closePages, cloud, renderPage, settle, textOf } from './miniprogram';

assertBuilt();

const villager = {
  person: { id: 'p-1', name: '田明' },
  openid: 'o-1',
  town: { id: 't', name: '清河镇' },
  village: { id: 'v', name: '青山村' },
  household: { id: 'hh-3', doorNo: '一组3号', headName: '董燕强', gridId: 'g1', gridName: '一组', members: [] },
  roles: [{ role: 'villager', scope: 'village', scopeId: 'v' }],
  grids: [],
  policy: null,
} as unknown as WhoAmI;
const admin = { ...villager, roles: [...villager.roles, { role: 'village_admin', scope: 'village', scopeId: 'v' }] } as WhoAmI;
let me = villager;

/** What the server would answer: an identity and empty lists. */
function answer(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const key = `${name}.${String(data.action)}`;
  if (key === 'identity.whoami') return { ok: true, data: me };
  if (key === 'shop.goods' || key === 'shop.receipts' || key === 'points.mine' || key === 'events.mine') return { ok: true, data: { items: [], nextAfterId: null } };
  if (key === 'notices.unreadCount') return { ok: true, data: { unread: 0 } };
  if (key === 'catalogue.getRules') return { ok: true, data: rulesOf(DEFAULT_POLICY) };
  if (key === 'jobs.runs') return { ok: true, data: { items: [] } };
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

/** Answers held back until released; `passes` names the calls answered at once. */
let held: (() => void)[] = [];
let passes: (key: string) => boolean = () => false;

function release(): void {
  const all = held;
  held = [];
  for (const r of all) r();
}

beforeEach(() => {
  held = [];
  passes = () => false;
  me = villager;
  cloud.calls.length = 0;
  cloud.backend = (name, data) => {
    const now = answer(name, data);
    if (passes(`${name}.${String(data.action)}`)) return now;
    return new Promise((resolve) => held.push(() => resolve(now)));
  };
});
afterEach(() => {
  release();
  closePages();
});

const PAGES: { title: string; route: string; empty: string; answeredAtOnce?: string[]; as?: WhoAmI }[] = [
  { title: '积分超市', route: 'pages/shop/index', empty: '超市暂时没有上架的商品' },
  { title: '我的 · 我的申报', route: 'pages/mine/index', empty: '还没有申报记录' },
  // The household's receipts load once whoami has answered (the tabs depend on the roles).
  { title: '兑换记录', route: 'pkg-villager/receipts/index', empty: '还没有兑换记录', answeredAtOnce: ['identity.whoami'] },
  // The village admin's 村规设置: the rules are in, the year-end runs are still on their way.
  { title: '村规设置 · 年底结转记录', route: 'pkg-admin/rules/index', empty: '还没有年底结转记录', answeredAtOnce: ['identity.whoami', 'catalogue.getRules'], as: admin },
];

describe.each(PAGES)('$title before the first answer', ({ route, empty, answeredAtOnce, as }) => {
  it('says 加载中…, not the empty state; after the empty answer, the empty state', async () => {
    passes = (key) => (answeredAtOnce ?? []).includes(key);
    if (as) me = as;
    // Everything the page ever put on screen, even for a moment, before the answers came.
    const shown: string[] = [];
    const watch = new MutationObserver((records) => {
      for (const r of records) {
        for (const n of Array.from(r.addedNodes)) shown.push(n.textContent ?? '');
        if (r.type === 'characterData') shown.push(r.target.textContent ?? '');
      }
    });
    watch.observe(document.body, { childList: true, subtree: true, characterData: true });
    const page = renderPage(route);
    await settle();
    watch.disconnect();
    expect(shown.filter((t) => t.includes(empty))).toEqual([]);
    expect(held.length).toBeGreaterThan(0);
    let text = textOf(page);
    expect(text).toContain('加载中');
    expect(text).not.toContain(empty);

    release();
    await settle();
    text = textOf(page);
    expect(text).toContain(empty);
    expect(text).not.toContain('加载中');
  });
});

/**
 * The other points-shop pages of the real weapp build (dist/), against a fake wx.cloud: 积分
 * (balance, ledger lines, 加载更多 with beforeSeq), 积分超市 (photo or placeholder, 售罄), 兑换记录, 基金池
 * (village with the warning; town), 超市管理 (goods incl. inactive, the policy tab, the grant tab's
 * household picker, its latest entries and 冲销 with a reason).
 */
import type { LedgerEntry } from '@domain/ledger/types';
import type { Receipt } from '@domain/shop/types';
import type { GoodsView } from '@domain/api/shop';
import type { PoolView } from '@domain/fund/types';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import fs from 'fs';
import path from 'path';
import { DIST, assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

const AT = Date.parse('2026-11-20T10:00:00+08:00');

function entry(seq: number, over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    _id: `e-${seq}`,
    townId: 't',
    villageId: 'v',
    householdId: 'hh-3',
    seq,
    kind: 'adjustment',
    bucket: 'redeemable',
    delta: 10,
    sourceId: `adj-${seq}`,
    label: `村委调整 ${seq}`,
    actorId: 'p-admin',
    actorName: '高金丽',
    reason: null,
    reverses: null,
    reversedKind: null,
    at: AT + seq * 60_000,
    balanceAfter: { pending: 0, redeemable: seq * 10, spent: 0 },
    ...over,
  };
}

/**
 * The props Taro rendered onto a node: miniprogram-simulate keeps only its data-sid on the DOM
 * (built-in components such as <image> declare no properties there), so read them from the
 * page's data tree, where Taro's template takes them from.
 */
function propsOf(page: Comp, el: Element): Record<string, unknown> {
  const sid = el.getAttribute('data-sid');
  const find = (node: unknown): Record<string, unknown> | null => {
    if (typeof node !== 'object' || node === null) return null;
    const rec = node as Record<string, unknown>;
    if (rec.sid === sid) return rec;
    for (const v of Object.values(rec)) {
      const hit = find(v);
      if (hit) return hit;
    }
    return null;
  };
  const found = find(page.instance.data);
  if (!found) throw new Error(`no rendered node with sid ${String(sid)}`);
  return found;
}

/** The data key Taro's compiled <image> template reads its src from (keys are shortened in the build). */
function imageSrcKey(): string {
  const wxml = fs.readFileSync(path.join(DIST, 'base.wxml'), 'utf8');
  const m = /<image\b[^>]*\bsrc="\{\{i\.(\w+)\}\}"/.exec(wxml);
  if (!m) throw new Error('no <image src="{{i.…}}"> in dist/base.wxml');
  return m[1];
}

const SOAP_PHOTO = 'https://tcb.example.com/goods/soap.jpg?sign=abc';

function goods(id: string, name: string, price: number, stock: number, active = true, photoUrl: string | null = null): GoodsView {
  const photo = photoUrl ? `cloud://env/goods/${id}.jpg` : null;
  return { _id: id, townId: 't', villageId: 'v', name, price, stock, unitCostFen: 380, photo, photoUrl, active, createdAt: AT, updatedAt: AT };
}

const RECEIPT: Receipt = {
  _id: 'rc-1',
  townId: 't',
  villageId: 'v',
  householdId: 'hh-3',
  householdLabel: '董*强（一组3号）',
  code: '20109216',
  lines: [{ goodsId: 'g-1', name: '肥皂', price: 5, quantity: 2, subtotal: 10 }],
  total: 10,
  clerkId: 'p-clerk',
  clerkName: '张霞',
  at: AT,
  balanceAfter: 190,
};

function pool(name: string, over: Partial<PoolView> = {}): PoolView {
  return {
    villageId: `v-${name}`,
    villageName: name,
    moneyInFen: 900_000,
    moneyOutFen: 413_600,
    poolFen: 486_400,
    stockValueFen: 413_600,
    liabilityFen: 226_000,
    outstandingPoints: 2260,
    warning: null,
    ...over,
  };
}

const WARNING = '未兑换积分折合 2260.00 元，超过基金池与库存合计 1800.00 元';

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  const key = `${name}.${String(action)}`;
  switch (key) {
    case 'ledger.balance':
      return { ok: true, data: { householdId: 'hh-3', householdName: '董燕强户', doorNo: '一组3号', townId: 't', villageId: 'v', pending: 5, redeemable: 190, spent: 10, seq: 25, updatedAt: AT } };
    case 'ledger.entries':
      if (input.householdId === 'hh-2') {
        // 超市管理's latest entries: a redemption, a committee's result, the admin's own grant.
        return {
          ok: true,
          data: {
            items: [
              entry(25, { kind: 'redemption', delta: -10, label: '超市兑换：肥皂×2', actorName: '张霞', balanceAfter: { pending: 5, redeemable: 190, spent: 10 } }),
              entry(24, { kind: 'application', bucket: 'pending', delta: 5, label: '参与志愿者服务活动', balanceAfter: { pending: 5, redeemable: 200, spent: 0 } }),
              entry(23, { delta: 5, label: '村委调整：增加积分', reason: '误发', balanceAfter: { pending: 0, redeemable: 200, spent: 0 } }),
            ],
            nextBeforeSeq: 23,
          },
        };
      }
      if (input.beforeSeq === undefined) {
        return {
          ok: true,
          data: {
            items: [
              entry(25, { kind: 'redemption', delta: -10, label: '超市兑换：肥皂×2', actorName: '张霞', balanceAfter: { pending: 5, redeemable: 190, spent: 10 } }),
              entry(24, { kind: 'application', bucket: 'pending', delta: 5, label: '参与志愿者服务活动', balanceAfter: { pending: 5, redeemable: 200, spent: 0 } }),
            ],
            nextBeforeSeq: 24,
          },
        };
      }
      return { ok: true, data: { items: [entry(23, { label: '村委调整：增加积分', reason: '历史积分结转' })], nextBeforeSeq: null } };
    case 'ledger.reverse':
      return {
        ok: true,
        data: {
          entry: entry(26, { kind: 'reversal', delta: -5, label: '冲销：村委调整：增加积分', reverses: String(input.entryId), reason: String(input.reason) }),
          balance: { householdId: 'hh-2', householdName: '王玉强户', doorNo: '一组2号', townId: 't', villageId: 'v', pending: 0, redeemable: 185, spent: 10, seq: 26, updatedAt: AT },
        },
      };
    case 'shop.goods':
      return {
        ok: true,
        data: { items: [goods('g-1', '肥皂', 5, 60, true, SOAP_PHOTO), goods('g-2', '食盐', 3, 0), ...(input.includeInactive ? [goods('g-3', '旧毛巾', 9, 4, false)] : [])] },
      };
    case 'shop.receipts':
      return { ok: true, data: { items: [RECEIPT] } };
    case 'identity.whoami':
      return {
        ok: true,
        data: {
          person: { id: 'p-1', name: '田明' },
          town: { id: 't', name: '清河镇' },
          village: { id: 'v', name: '青山村' },
          household: { id: 'hh-3', doorNo: '一组3号', headName: '董燕强', gridId: 'g1', gridName: '一组', members: [] },
          roles: [{ role: 'villager', scope: 'village', scopeId: 'v' }],
          grids: [],
          policy: null,
        },
      };
    case 'fund.village':
      return {
        ok: true,
        data: {
          pool: pool('柳溪村', { warning: WARNING }),
          entries: [{ _id: 'f-1', townId: 't', villageId: 'v', kind: 'donation', amountFen: 600_000, counterparty: '乡贤 王建国', note: null, sourceId: null, actorId: 'a', actorName: '高金丽', at: AT }],
        },
      };
    case 'fund.town':
      return { ok: true, data: { villages: [pool('青山村'), pool('柳溪村', { warning: WARNING })], total: pool('全镇') } };
    case 'shop.getPolicy':
      return { ok: true, data: { redemptionDay: { mode: 'last_market_day', market: { pattern: '逢三六九' } }, description: '每月最后一个赶场天兑换（逢三六九）', codeTtlSeconds: 120 } };
    case 'grid.list':
      return { ok: true, data: { items: [{ id: 'g1', name: '青山村一组', householdCount: 2 }] } };
    case 'grid.households':
      return {
        ok: true,
        data: {
          grid: { id: 'g1', name: '青山村一组' },
          items: [
            { id: 'hh-10', doorNo: '一组10号', headName: '罗英刚', memberCount: 2, members: [] },
            { id: 'hh-2', doorNo: '一组2号', headName: '王玉强', memberCount: 3, members: [] },
          ],
        },
      };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});

afterEach(() => {
  closePages();
  jest.restoreAllMocks();
});

describe('points-shop pages (weapp build)', () => {
  test('积分: the three figures, ledger lines in China time with kind, actor and balance after; 加载更多 pages back', async () => {
    const page = renderPage('pages/points/index');
    await settle();
    let text = textOf(page);
    expect(text).toContain('一组3号 · 董燕强户');
    expect(text).toMatch(/190\s*可兑换/);
    expect(text).toMatch(/5\s*待公示/);
    expect(text).toMatch(/10\s*已兑换/);
    expect(text).toContain('超市兑换：肥皂×2');
    expect(text).toContain('-10');
    expect(text).toContain('2026-11-20 10:25 · 在积分超市兑换 · 张霞');
    expect(text).toContain('能兑换的积分还有 190 分');
    expect(text).toContain('好人好事评议通过');
    expect(text).toContain('等公示的积分还有 5 分');
    // Villager words only: no bookkeeping terms.
    expect(text).not.toContain('待公示余');
    expect(text).not.toContain('村委调整：增加积分');

    tapText(page, '加载更多');
    await settle();
    const more = cloud.calls.filter((c) => c.name === 'ledger' && c.data.action === 'entries');
    expect(more[more.length - 1].data).toEqual({ action: 'entries', beforeSeq: 24, limit: 20 });
    text = textOf(page);
    expect(text).toContain('村委调整：增加积分');
    expect(text).toContain('原因：历史积分结转');
    expect(text).toContain('没有更早的记录了');
    expect(text).not.toContain('加载更多');
  });

  test('积分超市: photo (or a placeholder), price and stock, 售罄 at 0', async () => {
    const page = renderPage('pages/shop/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('肥皂');
    expect(text).toContain('5 分');
    expect(text).toContain('库存 60');
    expect(text).toMatch(/食盐\s*售罄/);
    expect(text).not.toContain('旧毛巾');
    // 肥皂 has a photo: a thumbnail of its URL; 食盐 has none: the placeholder.
    const cards = Array.from((page.dom as HTMLElement).querySelectorAll('[class*="goods "], [class$="goods"], [class*="goods--off"]')) as HTMLElement[];
    const soap = cards.find((c) => (c.textContent ?? '').includes('肥皂'));
    const salt = cards.find((c) => (c.textContent ?? '').includes('食盐'));
    expect(soap).toBeDefined();
    expect(salt).toBeDefined();
    const key = imageSrcKey();
    const srcOf = (el: HTMLElement) => Array.from(el.querySelectorAll('wx-image')).map((img) => propsOf(page, img)[key]);
    expect(srcOf(soap!)).toContain(SOAP_PHOTO);
    expect(soap!.textContent).not.toContain('暂无图片');
    expect(srcOf(salt!)).toEqual([]);
    // No photo: a coloured tile with the goods' first character.
    expect(salt!.textContent).not.toContain('暂无图片');
    expect((salt!.textContent ?? '').replace(/\s+/g, '')).toMatch(/^食食盐/);
  });

  test('积分超市: pulling down asks the shelves again and ends the refresh once they are back', async () => {
    const wx = (globalThis as unknown as { wx: { stopPullDownRefresh: () => void } }).wx;
    const stop = jest.spyOn(wx, 'stopPullDownRefresh').mockImplementation(() => undefined);
    const page = renderPage('pages/shop/index');
    await settle();
    const asked = () => cloud.calls.filter((c) => c.name === 'shop' && c.data.action === 'goods').length;
    const before = asked();
    expect(stop).not.toHaveBeenCalled();
    (page.instance as { onPullDownRefresh: () => void }).onPullDownRefresh();
    await settle();
    expect(asked()).toBe(before + 1);
    expect(stop).toHaveBeenCalledTimes(1);
    stop.mockRestore();
  });

  test('积分超市 with nothing on the shelves: a friendly message and a way on, not only the header', async () => {
    cloud.backend = (name, data) => (name === 'shop' && data.action === 'goods' ? { ok: true, data: { items: [] } } : fakeBackend(name, data));
    const page = renderPage('pages/shop/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('励志超市');
    expect(text).toContain('超市暂时没有上架的商品');
    expect(text).toContain('村里上架商品后，这里会列出每样商品要用多少积分');
    expect(text).toContain('您家的积分照常记着，有了商品就能来换');
    // Nothing to redeem: no 出示兑换码 button (the words stay once, in the header's sentence).
    expect(text.split('出示兑换码')).toHaveLength(2);
    const nav = jest.spyOn((globalThis as unknown as { wx: { switchTab: (o: { url: string }) => void } }).wx, 'switchTab');
    tapText(page, '看看我家积分');
    await settle();
    expect(nav.mock.calls.map((c) => c[0].url)).toEqual(['/pages/points/index']);
  });

  test('兑换记录: the receipt with goods, total, balance after and code', async () => {
    const page = renderPage('pkg-villager/receipts/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('董*强（一组3号）');
    expect(text).toContain('肥皂 × 2');
    expect(text).toContain('-10 分');
    expect(text).toContain('190 分');
    expect(text).toContain('兑换码 2010 9216');
    expect(cloud.calls.find((c) => c.name === 'shop')?.data).toEqual({ action: 'receipts', limit: 50, scope: 'household' });
  });

  test('基金池: the village pool with its warning and entries; the town view with every village', async () => {
    const village = renderPage('pkg-admin/fund/index');
    await settle();
    let text = textOf(village);
    expect(text).toContain('柳溪村 基金池');
    expect(text).toContain('4,864.00 元');
    expect(text).toContain('未兑换积分 2260 分（负债）');
    expect(text).toContain(WARNING);
    expect(text).toContain('乡贤 王建国');
    expect(text).toContain('+6,000.00 元');
    closePages();

    const town = renderPage('pkg-admin/fund/index', { scope: 'town' });
    await settle();
    text = textOf(town);
    expect(text).toContain('全镇合计');
    expect(text).toContain('各村（2 个）');
    expect(text).toContain('青山村');
    expect(text).toContain(WARNING);
  });

  test('超市管理: goods incl. inactive; the policy as the server describes it; households to grant to, in door order', async () => {
    // miniprogram-simulate's components lack groupSetData, which <van-tabs> uses from base library 2.4.0 on:
    // present an older base library to Vant, so it sets data the plain way.
    const wx = (globalThis as unknown as { wx: Record<string, () => Record<string, unknown>> }).wx;
    const info = wx.getSystemInfoSync;
    jest.spyOn(wx, 'getSystemInfoSync').mockImplementation(() => ({ ...info.call(wx), SDKVersion: '2.3.9' }));
    const page = renderPage('pkg-shop/shop-admin/index');
    await settle();
    let text = textOf(page);
    expect(cloud.calls.find((c) => c.name === 'shop')?.data).toEqual({ action: 'goods', includeInactive: true });
    expect(text).toMatch(/旧毛巾\s*已下架/);
    expect(text).toContain('平均进价 3.80 元 / 件');

    tapText(page, '兑换日');
    await settle();
    text = textOf(page);
    expect(text).toContain('每月最后一个赶场天兑换（逢三六九）');
    expect(text).toContain('兑换码有效期 120 秒');

    tapText(page, '发放积分');
    await settle();
    tapText(page, '青山村一组（2 户）');
    await settle();
    text = textOf(page);
    expect(text.indexOf('一组2号 王玉强')).toBeGreaterThan(-1);
    expect(text.indexOf('一组2号 王玉强')).toBeLessThan(text.indexOf('一组10号 罗英刚'));
    tapText(page, '一组2号 王玉强');
    await settle();
    expect(textOf(page)).toContain('一组2号 · 王玉强户');
    expect(cloud.calls.find((c) => c.name === 'ledger')?.data).toEqual({ action: 'balance', householdId: 'hh-2' });

    // The household's latest entries: 冲销 only on the admin's own adjustment (the same rule as
    // ledger.reverse); a committee's result is not the admin's to undo; a redemption goes back through the shop.
    expect(cloud.calls.filter((c) => c.name === 'ledger' && c.data.action === 'entries').map((c) => c.data)).toEqual([
      { action: 'entries', householdId: 'hh-2', limit: 10 },
    ]);
    text = textOf(page);
    expect(text).toContain('最近积分明细');
    expect(text).toContain('超市兑换：肥皂×2');
    expect(text).toContain('退货请到超市办理');
    expect(text).toContain('小组决定，不能冲销');
    tapText(page, '冲销');
    await settle();
    text = textOf(page);
    expect(text).toContain('更正冲销');
    expect(text).toContain('冲销会新记一笔 -5 分的“更正冲销”');
    typeInto(page, '冲销原因', '录错了户');
    await settle();
    tapText(page, '确认冲销');
    await settle();
    const reversals = cloud.calls.filter((c) => c.name === 'ledger' && c.data.action === 'reverse');
    expect(reversals).toHaveLength(1);
    expect(reversals[0].data).toMatchObject({ action: 'reverse', entryId: 'e-23', reason: '录错了户', requestId: expect.stringMatching(/^[A-Za-z0-9_-]{8,64}$/) });
    expect(textOf(page)).toContain('已冲销“村委调整：增加积分” -5 分，现可兑换 185 分');
  });
});

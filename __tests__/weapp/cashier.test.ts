/**
 * The 扫码兑换 page of the real weapp build (dist/): the camera scan (wx.scanCode, camera only),
 * the household as the clerk sees it, a cart limited by stock and by the redeemable balance,
 * one redeem call per confirm (a double tap sends one; a retry after no answer reuses the
 * requestId), the receipt, 下一位; and a household that may not redeem today gets no cart.
 */
import type { ScanView } from '@domain/api/shop';
import type { Goods, Receipt } from '@domain/shop/types';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES, type ErrorCode } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, type Comp } from './miniprogram';

assertBuilt();

const NOW = Date.now();

function goods(id: string, name: string, price: number, stock: number, active = true): Goods {
  return { _id: id, townId: 't', villageId: 'v', name, price, stock, unitCostFen: price * 80, photo: null, active, createdAt: NOW, updatedAt: NOW };
}

const GOODS = [goods('g-oil', '菜籽油 5L', 60, 3), goods('g-soap', '洗衣粉 1kg', 12, 1), goods('g-salt', '食盐', 3, 0), goods('g-old', '旧毛巾', 5, 9, false)];

let scanView: ScanView;
let redeemFailures: ErrorCode[] = [];

function receiptFor(input: Record<string, unknown>): Receipt {
  const lines = (input.lines as { goodsId: string; quantity: number }[]).map((l) => {
    const g = GOODS.find((x) => x._id === l.goodsId)!;
    return { goodsId: g._id, name: g.name, price: g.price, quantity: l.quantity, subtotal: g.price * l.quantity };
  });
  const total = lines.reduce((s, l) => s + l.subtotal, 0);
  return {
    _id: 'rc-1',
    townId: 't',
    villageId: 'v',
    householdId: 'hh-3',
    householdLabel: scanView.householdLabel,
    code: String(input.code),
    lines,
    total,
    clerkId: 'p-clerk',
    clerkName: '李店员',
    at: NOW,
    balanceAfter: scanView.redeemable - total,
  };
}

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  if (name === 'shop' && action === 'goods') return { ok: true, data: { items: GOODS } };
  if (name === 'shop' && action === 'scan') {
    if (input.code === '99999999') return { ok: false, code: 'CODE_EXPIRED', message: ERROR_MESSAGES.CODE_EXPIRED };
    return { ok: true, data: { ...scanView, code: String(input.code) } };
  }
  if (name === 'shop' && action === 'redeem') {
    const fail = redeemFailures.shift();
    if (fail) return { ok: false, code: fail, message: ERROR_MESSAGES[fail] };
    return { ok: true, data: receiptFor(input) };
  }
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

type WxMock = Record<string, (opts: Record<string, unknown>) => unknown>;
const wxApi = () => (globalThis as unknown as { wx: WxMock }).wx;
let scans: Record<string, unknown>[];
let toasts: string[];

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  redeemFailures = [];
  scans = [];
  toasts = [];
  scanView = {
    code: '',
    householdLabel: '一组3号 张*',
    redeemable: 100,
    eligibility: { allowed: true, reasons: [], nextDay: '2026-11-23' },
    expiresAt: NOW + 120_000,
  };
});

afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

async function openCashier(scanResult: string): Promise<Comp> {
  const page = renderPage('pkg-shop/cashier/index');
  await settle();
  const wx = wxApi();
  if (!wx.scanCode) wx.scanCode = () => undefined;
  jest.spyOn(wx, 'scanCode').mockImplementation((o: Record<string, unknown>) => {
    scans.push(o);
    const res = { result: scanResult, scanType: 'QR_CODE', errMsg: 'scanCode:ok' };
    (o.success as ((r: unknown) => void) | undefined)?.(res);
    (o.complete as ((r: unknown) => void) | undefined)?.(res);
    return undefined;
  });
  const original = wx.showToast;
  jest.spyOn(wx, 'showToast').mockImplementation((o: Record<string, unknown>) => {
    toasts.push(String(o.title));
    return original.call(wx, o);
  });
  return page;
}

function tap(el: Element): void {
  const touch = { pageX: 1, pageY: 1, clientX: 1, clientY: 1, identifier: 0 };
  for (const type of ['touchstart', 'touchend']) {
    const ev = new Event(type, { bubbles: true, cancelable: true }) as Event & Record<string, unknown>;
    ev.touches = type === 'touchstart' ? [touch] : [];
    ev.changedTouches = [touch];
    el.dispatchEvent(ev);
  }
}

/** The + or − of the goods line that names `name`. */
function stepper(page: Comp, name: string, which: 'plus' | 'minus'): Element {
  const lines = Array.from((page.dom as HTMLElement).querySelectorAll('[class*="goods"]')).filter((el) =>
    /(^|\s)main--goods(\s|$)/.test(el.getAttribute('class') ?? ''),
  );
  const line = lines.find((l) => (l.textContent ?? '').includes(name));
  if (!line) throw new Error(`no goods line for ${name}`);
  const btn = line.querySelector(`[class*="stepper__${which}"]`);
  if (!btn) throw new Error(`no ${which} on ${name}`);
  return btn;
}

const calls = (action: string) => cloud.calls.filter((c) => c.name === 'shop' && c.data.action === action);

describe('扫码兑换 page (weapp build)', () => {
  test('scan from the camera → household, balance, active goods with stock; cart limited by stock', async () => {
    const page = await openCashier('12345678');
    tapText(page, '扫码');
    await settle();
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ onlyFromCamera: true });
    expect(calls('scan')[0].data).toEqual({ action: 'scan', code: '12345678' });

    let text = textOf(page);
    expect(text).toContain('一组3号 张*');
    expect(text).toContain('100');
    expect(text).toContain('可兑换积分');
    expect(text).toContain('兑换码 1234 5678');
    expect(text).toContain('菜籽油 5L');
    expect(text).toContain('售罄');
    expect(text).not.toContain('旧毛巾'); // inactive goods are not offered

    // 洗衣粉 has 1 in stock: the second + does nothing; 食盐 is sold out.
    tap(stepper(page, '洗衣粉 1kg', 'plus'));
    await settle();
    tap(stepper(page, '洗衣粉 1kg', 'plus'));
    tap(stepper(page, '食盐', 'plus'));
    await settle();
    text = textOf(page);
    expect(text).toContain('12 / 100 分');

    // Two bottles of oil take the cart over the balance: confirming is refused on the phone.
    tap(stepper(page, '菜籽油 5L', 'plus'));
    tap(stepper(page, '菜籽油 5L', 'plus'));
    await settle();
    text = textOf(page);
    expect(text).toContain('132 / 100 分');
    expect(text).toContain('超出可兑换积分 32 分');
    tapText(page, '确认兑换');
    await settle();
    expect(calls('redeem')).toHaveLength(0);

    tap(stepper(page, '菜籽油 5L', 'minus'));
    await settle();
    expect(textOf(page)).toContain('72 / 100 分');
  });

  test('confirm: a double tap sends one call, a retry after no answer reuses the requestId; receipt; 下一位', async () => {
    const page = await openCashier('12345678');
    tapText(page, '扫码');
    await settle();
    tap(stepper(page, '菜籽油 5L', 'plus'));
    tap(stepper(page, '洗衣粉 1kg', 'plus'));
    await settle();

    redeemFailures = ['INTERNAL'];
    tapText(page, '确认兑换');
    tapText(page, '确认兑换');
    await settle();
    expect(calls('redeem')).toHaveLength(1);
    const first = calls('redeem')[0].data;
    expect(first).toMatchObject({
      action: 'redeem',
      code: '12345678',
      lines: [
        { goodsId: 'g-oil', quantity: 1 },
        { goodsId: 'g-soap', quantity: 1 },
      ],
    });
    expect(String(first.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(toasts).toContain(ERROR_MESSAGES.INTERNAL);

    tapText(page, '重试确认兑换');
    await settle();
    expect(calls('redeem')).toHaveLength(2);
    expect(calls('redeem')[1].data).toEqual(first);

    const text = textOf(page);
    expect(text).toContain('兑换成功');
    expect(text).toContain('菜籽油 5L × 1');
    expect(text).toContain('洗衣粉 1kg × 1');
    expect(text).toContain('-72 分');
    expect(text).toContain('28 分'); // balance after
    expect(text).toContain('兑换码 1234 5678');

    tapText(page, '下一位');
    await settle();
    expect(textOf(page)).toContain('输入村民手机上显示的 8 位数字');
    expect(textOf(page)).not.toContain('兑换成功');
  });

  test("a refusal (e.g. OUT_OF_STOCK) shows the server's message; the next confirm is a new request", async () => {
    const page = await openCashier('12345678');
    tapText(page, '扫码');
    await settle();
    tap(stepper(page, '菜籽油 5L', 'plus'));
    await settle();
    redeemFailures = ['OUT_OF_STOCK'];
    tapText(page, '确认兑换');
    await settle();
    expect(textOf(page)).toContain(ERROR_MESSAGES.OUT_OF_STOCK);
    tapText(page, '确认兑换');
    await settle();
    const [a, b] = calls('redeem');
    expect(b.data.requestId).not.toBe(a.data.requestId);
    expect(textOf(page)).toContain('兑换成功');
  });

  test('a household that may not redeem today: the reasons, no cart', async () => {
    scanView.eligibility = { allowed: false, reasons: ['今天不是兑换日：每月最后一个赶场天兑换（逢三六九），下次兑换日 2026-11-29'], nextDay: '2026-11-29' };
    const page = await openCashier('12345678');
    tapText(page, '扫码');
    await settle();
    const text = textOf(page);
    expect(text).toContain('该户今天不能兑换');
    expect(text).toContain('今天不是兑换日');
    expect(text).toContain('下次兑换日：2026-11-29');
    expect(text).not.toContain('菜籽油 5L');
    expect(text).not.toContain('确认兑换');
  });

  test("an expired code: the server's message, still on the scan step; a QR that is not a code is refused on the phone", async () => {
    const page = await openCashier('99999999');
    tapText(page, '扫码');
    await settle();
    expect(textOf(page)).toContain(ERROR_MESSAGES.CODE_EXPIRED);
    expect(textOf(page)).toContain('查询兑换码');
    jest.restoreAllMocks();
    closePages();

    const other = await openCashier('https://example.com/not-a-code');
    tapText(other, '扫码');
    await settle();
    expect(calls('scan')).toHaveLength(1);
    expect(toasts).toContain('这不是乡约积分的兑换码');
  });
});

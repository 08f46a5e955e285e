/**
 * The 兑换码 page of the real weapp build (dist/), rendered by miniprogram-simulate, with a fake
 * wx.cloud answering shop.myCode: the 8 digits, the QR code drawn as a grid of views (read back
 * module by module and compared with the QR code of those digits), the countdown, the renewal
 * before expiry, and the reasons a household may not redeem today; and shop.codeStatus: once the
 * clerk has confirmed, the page shows the receipt, 完成 brings a fresh code, and polling stops
 * while the page is hidden or gone.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import qrcode from 'qrcode-generator';
import type { CodeStatusView, MyCodeView } from '@domain/api/shop';
import type { Receipt } from '@domain/shop/types';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, type Comp } from './miniprogram';

assertBuilt();

/** What the next shop.myCode answers (a queue: each call takes the next one, the last one repeats). */
let answers: (ApiResult<MyCodeView> | (() => ApiResult<MyCodeView>))[] = [];

function codeView(code: string, over: Partial<MyCodeView> = {}): MyCodeView {
  return {
    code,
    expiresAt: Date.now() + 120_000,
    ttlSeconds: 120,
    redeemable: 86,
    eligibility: { allowed: true, reasons: [], nextDay: '2026-11-29' },
    ...over,
  };
}

/** What shop.codeStatus answers for a code (unset: the action is unknown, as on an old backend). */
let status: ((code: string) => ApiResult<CodeStatusView>) | null = null;

const RECEIPT: Receipt = {
  _id: 'rc-9',
  townId: 't',
  villageId: 'v',
  householdId: 'hh-3',
  householdLabel: '董*强（一组3号）',
  code: '12345678',
  lines: [
    { goodsId: 'g-1', name: '肥皂', price: 5, quantity: 2, subtotal: 10 },
    { goodsId: 'g-2', name: '洗衣粉', price: 15, quantity: 1, subtotal: 15 },
  ],
  total: 25,
  clerkId: 'p-clerk',
  clerkName: '张霞',
  at: Date.parse('2026-11-20T10:00:00+08:00'),
  balanceAfter: 61,
};

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  if (name === 'shop' && data.action === 'codeStatus' && status) return status(String(data.code));
  if (name === 'shop' && data.action === 'myCode') {
    const next = answers.length > 1 ? answers.shift()! : answers[0];
    return typeof next === 'function' ? next() : next;
  }
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  answers = [];
  status = null;
});

afterEach(() => {
  closePages();
});

const myCodeCalls = () => cloud.calls.filter((c) => c.name === 'shop' && c.data.action === 'myCode');
const statusCalls = () => cloud.calls.filter((c) => c.name === 'shop' && c.data.action === 'codeStatus');
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The QR code of `text` as the encoder draws it: true = dark module. */
function expectedModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Numeric');
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

function sizeOf(el: Element, prop: 'width' | 'height'): number {
  const style = el.getAttribute('style') ?? '';
  const m = new RegExp(`(?:^|;)\\s*${prop}\\s*:\\s*([\\d.]+)`).exec(style);
  if (!m) throw new Error(`<${el.tagName}> has no ${prop} in style "${style}"`);
  return Number(m[1]);
}

/** Reads the drawn QR code back: each row's runs of dark/light views, widths in module units. */
function drawnModules(page: Comp): boolean[][] {
  const root = page.dom as HTMLElement;
  // miniprogram-simulate prefixes class names (main--qr__row): match on the suffix.
  const rows = Array.from(root.querySelectorAll('[class*="qr__row"]'));
  return rows.map((row) => {
    const unit = sizeOf(row, 'height');
    const modules: boolean[] = [];
    for (const cell of Array.from(row.children)) {
      const cls = cell.getAttribute('class') ?? '';
      const dark = cls.includes('qr__dark');
      if (!dark && !cls.includes('qr__light')) throw new Error(`unexpected cell class "${cls}"`);
      const count = sizeOf(cell, 'width') / unit;
      expect(Number.isInteger(count)).toBe(true);
      for (let i = 0; i < count; i++) modules.push(dark);
    }
    return modules;
  });
}

async function openCode(): Promise<Comp> {
  const page = renderPage('pages/code/index');
  await settle();
  return page;
}

describe('兑换码 page (weapp build)', () => {
  test('shows the 8 digits grouped 4+4, their QR code as a grid, the countdown and the balance', async () => {
    const issued = Date.now();
    answers = [{ ok: true, data: codeView('01234567') }];
    const page = await openCode();
    expect(myCodeCalls()).toHaveLength(1);
    expect(myCodeCalls()[0].data).toEqual({ action: 'myCode' });

    const text = textOf(page);
    expect(text).toContain('0123 4567');
    expect(text).toContain('可兑换积分');
    expect(text).toContain('86 分');
    expect(text).not.toContain('今天暂不能兑换');

    // The grid is the QR code of exactly these digits, module for module (version 1: 21 × 21).
    const drawn = drawnModules(page);
    const expected = expectedModules('01234567');
    expect(drawn).toHaveLength(21);
    expect(drawn).toEqual(expected);
    // …and not of some other code.
    expect(drawn).not.toEqual(expectedModules('01234568'));

    // The countdown runs: 2:00 less the seconds since the code was issued (a loaded machine takes
    // a few to render), a second later one less.
    const countdown = () => /(\d):(\d\d) 后自动刷新/.exec(textOf(page));
    const first = countdown();
    expect(first).not.toBeNull();
    const secondsLeft = (m: RegExpExecArray) => Number(m[1]) * 60 + Number(m[2]);
    expect(secondsLeft(first!)).toBeGreaterThanOrEqual(119 - Math.ceil((Date.now() - issued) / 1000));
    expect(secondsLeft(first!)).toBeLessThanOrEqual(120);
    await new Promise((r) => setTimeout(r, 1_300));
    await settle();
    const later = countdown();
    expect(later).not.toBeNull();
    expect(secondsLeft(later!)).toBeLessThan(secondsLeft(first!));
  });

  test('renews the code by itself shortly before it expires', async () => {
    answers = [{ ok: true, data: codeView('11112222', { expiresAt: Date.now() + 6_500 }) }, { ok: true, data: codeView('33334444') }];
    const page = await openCode();
    expect(textOf(page)).toContain('1111 2222');
    await new Promise((r) => setTimeout(r, 2_500));
    await settle();
    expect(myCodeCalls().length).toBeGreaterThanOrEqual(2);
    const text = textOf(page);
    expect(text).toContain('3333 4444');
    expect(text).not.toContain('1111 2222');
    expect(drawnModules(page)).toEqual(expectedModules('33334444'));
  });

  test('when the household may not redeem today: the reasons and the next redemption day', async () => {
    answers = [
      {
        ok: true,
        data: codeView('55556666', {
          redeemable: 0,
          eligibility: {
            allowed: false,
            reasons: ['今天不是兑换日：每月最后一个赶场天兑换（逢三六九），下次兑换日 2026-11-29', '该户暂无可兑换积分'],
            nextDay: '2026-11-29',
          },
        }),
      },
    ];
    const page = await openCode();
    const text = textOf(page);
    expect(text).toContain('5555 6666');
    expect(text).toContain('今天暂不能兑换');
    expect(text).toContain('今天不是兑换日：每月最后一个赶场天兑换（逢三六九）');
    expect(text).toContain('该户暂无可兑换积分');
    expect(text).toContain('下次兑换日：2026-11-29');
  });

  test("the server's refusal is shown in its words, and 重新加载 asks again", async () => {
    answers = [{ ok: false, code: 'NOT_REGISTERED', message: ERROR_MESSAGES.NOT_REGISTERED }, { ok: true, data: codeView('77778888') }];
    const page = await openCode();
    expect(textOf(page)).toContain(ERROR_MESSAGES.NOT_REGISTERED);
    expect(page.dom.querySelectorAll('[class*="qr__row"]')).toHaveLength(0);
    tapText(page, '重新加载');
    await settle();
    expect(textOf(page)).toContain('7777 8888');
    expect(myCodeCalls()).toHaveLength(2);
  });

  test('asks every ~3 s whether the clerk confirmed; once used it shows the receipt, and 完成 brings a fresh code', async () => {
    answers = [{ ok: true, data: codeView('12345678') }, { ok: true, data: codeView('87654321') }];
    let used = false;
    status = (code) => ({ ok: true, data: used && code === '12345678' ? { state: 'used', receipt: RECEIPT } : { state: 'active', receipt: null } });
    const page = await openCode();
    expect(statusCalls()).toHaveLength(0); // a fresh code cannot have been used yet
    await wait(3_300);
    await settle();
    expect(statusCalls().map((c) => c.data)).toEqual([{ action: 'codeStatus', code: '12345678' }]);
    expect(textOf(page)).toContain('1234 5678');

    used = true; // the clerk confirms
    await wait(3_100);
    await settle();
    const text = textOf(page);
    expect(text).toContain('兑换成功');
    expect(text).toContain('肥皂 × 2');
    expect(text).toContain('洗衣粉 × 1');
    expect(text).toContain('-25 分');
    expect(text).toContain('61 分');
    expect(text).toContain('店员 张霞');
    expect(text).not.toContain('后自动刷新');
    expect(page.dom.querySelectorAll('[class*="qr__row"]')).toHaveLength(0);

    // The receipt stays (no more polling, no renewal) until 完成.
    const asked = statusCalls().length;
    await wait(3_200);
    await settle();
    expect(statusCalls()).toHaveLength(asked);
    expect(myCodeCalls()).toHaveLength(1);

    tapText(page, '完成');
    await settle();
    expect(myCodeCalls()).toHaveLength(2);
    expect(textOf(page)).toContain('8765 4321');
    expect(textOf(page)).not.toContain('兑换成功');
  }, 20_000);

  test('stops asking while the page is hidden and once it is closed', async () => {
    answers = [{ ok: true, data: codeView('24682468') }];
    status = () => ({ ok: true, data: { state: 'active', receipt: null } });
    const page = await openCode();
    const lifecycle = page.instance as { onHide: () => void; onShow: () => void };
    lifecycle.onHide();
    await settle();
    await wait(3_300);
    expect(statusCalls()).toHaveLength(0);
    // Shown again: a fresh code, and the questions resume.
    lifecycle.onShow();
    await settle();
    await wait(3_300);
    expect(myCodeCalls()).toHaveLength(2);
    const asked = statusCalls().length;
    expect(asked).toBeGreaterThanOrEqual(1);
    closePages();
    await wait(3_300);
    expect(statusCalls()).toHaveLength(asked);
  }, 20_000);

  test('a poll that fails is simply asked again next time (the code stays on screen)', async () => {
    answers = [{ ok: true, data: codeView('13571357') }];
    const page = await openCode();
    await wait(3_300);
    await settle();
    // No codeStatus on this backend: UNKNOWN_ACTION every time.
    expect(statusCalls().length).toBeGreaterThanOrEqual(1);
    expect(textOf(page)).toContain('1357 1357');
    expect(textOf(page)).not.toContain(ERROR_MESSAGES.UNKNOWN_ACTION);
  }, 10_000);
});

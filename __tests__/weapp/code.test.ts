/**
 * The 兑换码 page of the real weapp build (dist/), rendered by miniprogram-simulate, with a fake
 * wx.cloud answering shop.myCode: the 8 digits, the QR code drawn as a grid of views (read back
 * module by module and compared with the QR code of those digits), the countdown, the renewal
 * before expiry, and the reasons a household may not redeem today.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import qrcode from 'qrcode-generator';
import type { MyCodeView } from '@domain/api/shop';
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

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
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
});

afterEach(() => {
  closePages();
});

const myCodeCalls = () => cloud.calls.filter((c) => c.name === 'shop' && c.data.action === 'myCode');

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

    // The countdown runs: 2:00 or 1:59 now, a second later one less.
    const countdown = () => /(\d):(\d\d) 后自动刷新/.exec(textOf(page));
    const first = countdown();
    expect(first).not.toBeNull();
    const secondsLeft = (m: RegExpExecArray) => Number(m[1]) * 60 + Number(m[2]);
    expect(secondsLeft(first!)).toBeGreaterThanOrEqual(118);
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
});

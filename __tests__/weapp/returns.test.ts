/**
 * 退货 on the 兑换记录 page of the real weapp build (dist/), against a fake wx.cloud: the clerk
 * opens a receipt they issued, picks how many of a line come back and why, confirms; the call
 * carries the lines, the reason and a requestId, and the receipt then shows the return. A
 * household member sees the return on their receipt but no 退货 button; a receipt past the
 * window offers none either.
 */
import type { Receipt } from '@domain/shop/types';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

const NOW = Date.now();
const receipt = (id: string, at: number): Receipt => ({
  _id: id,
  townId: 't',
  villageId: 'v',
  householdId: 'hh-3',
  householdLabel: '董*强（一组3号）',
  code: '20109216',
  lines: [
    { goodsId: 'g-1', name: '肥皂', price: 5, quantity: 2, subtotal: 10 },
    { goodsId: 'g-3', name: '毛巾', price: 10, quantity: 1, subtotal: 10 },
  ],
  total: 20,
  clerkId: 'p-clerk',
  clerkName: '张霞',
  at,
  balanceAfter: 180,
});

let receipts: Receipt[] = [];
let roles: { role: string; scope: string; scopeId: string }[] = [];

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  switch (`${name}.${String(action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: {
          person: { id: 'p-clerk', name: '张霞' },
          town: { id: 't', name: '清河镇' },
          village: { id: 'v', name: '青山村' },
          household: { id: 'hh-9', doorNo: '二组9号', headName: '张霞', gridId: 'g2', gridName: '二组', members: [] },
          roles,
          grids: [],
          policy: null,
        },
      };
    case 'shop.receipts':
      return { ok: true, data: { items: receipts } };
    case 'shop.returnGoods': {
      const lines = (input.lines as { goodsId: string; quantity: number }[]).map((l) => {
        const sold = receipts[0].lines.find((x) => x.goodsId === l.goodsId)!;
        return { ...sold, quantity: l.quantity, subtotal: sold.price * l.quantity };
      });
      const back: Receipt = {
        ...receipts[0],
        returns: [{ id: 'ret-1', lines, total: lines.reduce((s, l) => s + l.subtotal, 0), reason: String(input.reason), actorId: 'p-clerk', actorName: '张霞', at: NOW }],
      };
      receipts = [back, ...receipts.slice(1)];
      return { ok: true, data: back };
    }
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});
afterEach(() => closePages());

/** Whether some element of the page reads exactly `text` (a button's label). */
const reads = (page: Comp, text: string) => (Array.from((page.dom as HTMLElement).querySelectorAll('*')) as HTMLElement[]).some((el) => (el.textContent ?? '').trim() === text);

describe('退货 on 兑换记录 (weapp build)', () => {
  test('the clerk returns one soap of a receipt they issued, with a reason; the receipt then shows it', async () => {
    roles = [
      { role: 'villager', scope: 'village', scopeId: 'v' },
      { role: 'shop_clerk', scope: 'village', scopeId: 'v' },
    ];
    receipts = [receipt('rc-1', NOW - 3600_000)];
    const page = renderPage('pkg-villager/receipts/index', { scope: 'issued' });
    await settle();
    expect(textOf(page)).toContain('肥皂 × 2');
    expect(reads(page, '退货')).toBe(true);
    tapText(page, '退货');
    await settle();
    let text = textOf(page);
    expect(text).toContain('肥皂（5 分/件，还能退 2 件）');
    expect(text).toContain('毛巾（10 分/件，还能退 1 件）');
    expect(text).toContain('退回 0 分');

    // Nothing chosen yet: no call.
    tapText(page, '确认退货');
    await settle();
    expect(cloud.calls.some((c) => c.data.action === 'returnGoods')).toBe(false);

    // + on the soap line (the first stepper), then the reason.
    const plus = (page.dom as HTMLElement).querySelectorAll('[class*="stepper__plus"]');
    expect(plus).toHaveLength(2);
    const touch = { pageX: 1, pageY: 1, clientX: 1, clientY: 1, identifier: 0 };
    for (const type of ['touchstart', 'touchend']) {
      const ev = new Event(type, { bubbles: true, cancelable: true }) as Event & Record<string, unknown>;
      ev.touches = type === 'touchstart' ? [touch] : [];
      ev.changedTouches = [touch];
      plus[0].dispatchEvent(ev);
    }
    await settle();
    expect(textOf(page)).toContain('退回 5 分');
    typeInto(page, '退货原因', '肥皂包装破了');
    await settle();
    tapText(page, '确认退货');
    await settle();

    const calls = cloud.calls.filter((c) => c.name === 'shop' && c.data.action === 'returnGoods');
    expect(calls).toHaveLength(1);
    expect(calls[0].data).toEqual({ action: 'returnGoods', requestId: expect.stringMatching(/^[\w-]{8,}$/), receiptId: 'rc-1', lines: [{ goodsId: 'g-1', quantity: 1 }], reason: '肥皂包装破了' });
    text = textOf(page);
    expect(text).toContain('已退货：肥皂 × 1');
    expect(text).toContain('+5 分');
    expect(text).toContain('原因：肥皂包装破了');
    expect(text).toMatch(/退货后实际用了\s*15 分/);
    expect(text).not.toContain('确认退货');
    // Something is left (1 soap, the towel): the button is there again.
    expect(reads(page, '退货')).toBe(true);
  });

  test('the household sees the return on its receipt, but no 退货 button', async () => {
    roles = [{ role: 'villager', scope: 'village', scopeId: 'v' }];
    receipts = [{ ...receipt('rc-2', NOW - 3600_000), returns: [{ id: 'ret-9', lines: [{ goodsId: 'g-3', name: '毛巾', price: 10, quantity: 1, subtotal: 10 }], total: 10, reason: '拿错了', actorId: 'p-clerk', actorName: '张霞', at: NOW }] }];
    const page = renderPage('pkg-villager/receipts/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('已退货：毛巾 × 1');
    expect(text).toContain('原因：拿错了');
    expect(text).toMatch(/退货后实际用了\s*10 分/);
    expect(reads(page, '退货')).toBe(false);
    expect(cloud.calls.find((c) => c.name === 'shop')?.data).toEqual({ action: 'receipts', limit: 50, scope: 'household' });
  });

  test('past the return window (7 days) the clerk gets no 退货 button', async () => {
    roles = [{ role: 'shop_clerk', scope: 'village', scopeId: 'v' }];
    receipts = [receipt('rc-3', NOW - 8 * 24 * 3600_000)];
    const page = renderPage('pkg-villager/receipts/index', { scope: 'issued' });
    await settle();
    expect(textOf(page)).toContain('肥皂 × 2');
    expect(reads(page, '退货')).toBe(false);
  });
});

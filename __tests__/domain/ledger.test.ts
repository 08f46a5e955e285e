import { emptyBalance, postEntry, reversalOf } from '@domain/ledger/post';
import type { Balance, EntryDraft } from '@domain/ledger/types';
import { DomainError } from '@domain/shared/errors';

const draft = (over: Partial<EntryDraft>): EntryDraft => ({
  _id: 'e1',
  householdId: 'h1',
  kind: 'adjustment',
  bucket: 'redeemable',
  delta: 10,
  sourceId: 's1',
  label: '村委调整',
  actorId: 'p1',
  actorName: '张三',
  reason: '演示',
  reverses: null,
  reversedKind: null,
  at: 1000,
  ...over,
});

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
}

describe('postEntry', () => {
  const empty = emptyBalance('h1', 't1', 'v1', 0);

  it('a grant adds to its bucket, numbers the entry and records the balance after', () => {
    const { balance, entry } = postEntry(empty, draft({ delta: 200 }));
    expect(balance).toEqual<Balance>({ _id: 'h1', townId: 't1', villageId: 'v1', pending: 0, redeemable: 200, spent: 0, seq: 1, updatedAt: 1000 });
    expect(entry).toMatchObject({ _id: 'e1', seq: 1, townId: 't1', villageId: 'v1', balanceAfter: { pending: 0, redeemable: 200, spent: 0 } });
  });

  it('a redemption spends redeemable points and counts them as spent; its reversal refunds', () => {
    const granted = postEntry(empty, draft({ delta: 100 })).balance;
    const spent = postEntry(granted, draft({ _id: 'e2', kind: 'redemption', delta: -35 }));
    expect(spent.balance).toMatchObject({ redeemable: 65, spent: 35, seq: 2 });
    const refund = postEntry(spent.balance, reversalOf(spent.entry, { id: 'e3', actorId: 'p2', actorName: '李四', reason: '退货', at: 2000 }));
    expect(refund.balance).toMatchObject({ redeemable: 100, spent: 0, seq: 3 });
    expect(refund.entry).toMatchObject({ kind: 'reversal', delta: 35, reverses: 'e2', reversedKind: 'redemption', reason: '退货', label: '冲销：村委调整' });
  });

  it('pending points are their own bucket and cannot be spent', () => {
    const pending = postEntry(empty, draft({ kind: 'application', bucket: 'pending', delta: 20 })).balance;
    expect(pending).toMatchObject({ pending: 20, redeemable: 0 });
    expect(codeOf(() => postEntry(pending, draft({ _id: 'e2', kind: 'redemption', delta: -5 })))).toBe('INSUFFICIENT_POINTS');
  });

  // Changed with the monthly audit: a month's deductions and fraud penalties wait for publicity
  // in `pending` like rewards, so pending may go below zero; redeemable and spent still never can.
  it('pending may go below zero (deductions awaiting publicity); redeemable may not', () => {
    const pending = postEntry(empty, draft({ kind: 'application', bucket: 'pending', delta: 20 })).balance;
    const owed = postEntry(pending, draft({ _id: 'e2', kind: 'application', bucket: 'pending', delta: -30 })).balance;
    expect(owed).toMatchObject({ pending: -10, redeemable: 0, spent: 0 });
    expect(codeOf(() => postEntry(owed, draft({ _id: 'e3', delta: -1 })))).toBe('INSUFFICIENT_POINTS');
  });

  it.each([
    ['zero', draft({ delta: 0 }), 'BAD_INPUT'],
    ['fractional', draft({ delta: 1.5 }), 'BAD_INPUT'],
    ['NaN', draft({ delta: Number.NaN }), 'BAD_INPUT'],
    ['another household', draft({ householdId: 'h2' }), 'BAD_INPUT'],
    ['spending more than there is', draft({ kind: 'redemption', delta: -1 }), 'INSUFFICIENT_POINTS'],
    ['deducting more than there is', draft({ delta: -1 }), 'INSUFFICIENT_POINTS'],
  ])('refuses %s', (_name, d, code) => {
    expect(codeOf(() => postEntry(empty, d))).toBe(code);
  });

  it('says how many points there are and how many are needed', () => {
    const b = postEntry(empty, draft({ delta: 120 })).balance;
    expect(() => postEntry(b, draft({ _id: 'e2', kind: 'redemption', delta: -150 }))).toThrow('可兑换积分不足：现有 120 分，需要 150 分');
  });

  it('a refund can never exceed what was spent', () => {
    const b = postEntry(empty, draft({ delta: 10 })).balance;
    expect(codeOf(() => postEntry(b, draft({ _id: 'e2', kind: 'reversal', reversedKind: 'redemption', delta: 5 })))).toBe('INVALID_TRANSITION');
  });
});

describe('reversalOf', () => {
  const { entry } = postEntry(emptyBalance('h1', 't1', 'v1', 0), draft({ delta: 50 }));
  it('needs a reason', () => {
    expect(codeOf(() => reversalOf(entry, { id: 'r', actorId: 'p', actorName: 'x', reason: '  ', at: 1 }))).toBe('REASON_REQUIRED');
  });
  it('a reversal is never reversed again', () => {
    const rev = postEntry(postEntry(emptyBalance('h1', 't1', 'v1', 0), draft({ delta: 50 })).balance, reversalOf(entry, { id: 'r', actorId: 'p', actorName: 'x', reason: '错录', at: 1 })).entry;
    expect(codeOf(() => reversalOf(rev, { id: 'r2', actorId: 'p', actorName: 'x', reason: '再冲', at: 2 }))).toBe('INVALID_TRANSITION');
  });
  it("keeps the period of what it corrects (a month's audit result stays in that month's sums)", () => {
    const month = postEntry(emptyBalance('h1', 't1', 'v1', 0), draft({ kind: 'application', bucket: 'pending', delta: 8, period: '2026-11' })).entry;
    expect(reversalOf(month, { id: 'r', actorId: 'p', actorName: 'x', reason: '错录', at: 1 })).toMatchObject({ delta: -8, bucket: 'pending', period: '2026-11' });
    expect(reversalOf(entry, { id: 'r', actorId: 'p', actorName: 'x', reason: '错录', at: 1 })).not.toHaveProperty('period');
  });
});

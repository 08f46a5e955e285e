import { emptyBalance, postEntry, reversalOf } from '@domain/ledger/post';
import { replayFigures } from '@domain/ledger/replay';
import type { EntryDraft, LedgerEntry } from '@domain/ledger/types';

const draft = (id: string, at: number, over: Partial<EntryDraft>): EntryDraft => ({
  _id: id,
  householdId: 'h1',
  kind: 'adjustment',
  bucket: 'redeemable',
  delta: 10,
  sourceId: id,
  label: id,
  actorId: 'p',
  actorName: '张三',
  reason: null,
  reverses: null,
  reversedKind: null,
  at,
  ...over,
});

describe('replayFigures', () => {
  // month result (pending) → publicity move → redemption → refund → penalty, one a day.
  let b = emptyBalance('h1', 't', 'v', 0);
  const entries: LedgerEntry[] = [];
  const post = (d: EntryDraft) => {
    const r = postEntry(b, d);
    b = r.balance;
    entries.push(r.entry);
    return r.entry;
  };
  post(draft('m', 1, { kind: 'application', bucket: 'pending', delta: 30 }));
  post(draft('p-out', 2, { kind: 'publicity', bucket: 'pending', delta: -30 }));
  post(draft('p-in', 2, { kind: 'publicity', bucket: 'redeemable', delta: 30 }));
  const spent = post(draft('r', 3, { kind: 'redemption', delta: -12 }));
  post(reversalOf(spent, { id: 'refund', actorId: 'p', actorName: '张三', reason: '退货', at: 4 }));
  post(draft('fraud', 5, { kind: 'application', bucket: 'pending', delta: -10 }));

  it.each([
    [0, { pending: 0, redeemable: 0, spent: 0 }],
    [1, { pending: 30, redeemable: 0, spent: 0 }],
    [2, { pending: 0, redeemable: 30, spent: 0 }],
    [3, { pending: 0, redeemable: 18, spent: 12 }],
    [4, { pending: 0, redeemable: 30, spent: 0 }],
    [5, { pending: -10, redeemable: 30, spent: 0 }],
  ])('at %i', (at, figures) => {
    expect(replayFigures(entries, at)).toEqual(figures);
  });

  it('up to the last entry gives the stored balance, whatever order the entries come in', () => {
    expect(replayFigures([...entries].reverse(), 99)).toEqual({ pending: b.pending, redeemable: b.redeemable, spent: b.spent });
  });
});

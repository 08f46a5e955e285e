import { DomainError } from '../shared/errors';
import type { Balance, BalanceFigures, EntryDraft, LedgerEntry } from './types';

export function emptyBalance(householdId: string, townId: string, villageId: string, now: number): Balance {
  return { _id: householdId, townId, villageId, pending: 0, redeemable: 0, spent: 0, seq: 0, updatedAt: now };
}

/** The figures after one more entry: its bucket moves by its delta; spending is a redemption or its refund. */
export function addToFigures(f: BalanceFigures, e: Pick<EntryDraft, 'bucket' | 'delta' | 'kind' | 'reversedKind'>): BalanceFigures {
  const next: BalanceFigures = { ...f };
  next[e.bucket] += e.delta;
  if (e.kind === 'redemption' || e.reversedKind === 'redemption') next.spent -= e.delta;
  return next;
}

/**
 * Applies one entry to a balance. Redeemable and spent never go below zero: a redemption
 * never spends more than is redeemable, a reversal never takes back more than is there.
 * `pending` MAY go below zero: a month's deductions and fraud penalties (−2× the item)
 * wait for publicity like rewards do, and a household can owe more than it has pending.
 */
export function postEntry(balance: Balance, draft: EntryDraft): { balance: Balance; entry: LedgerEntry } {
  if (!Number.isSafeInteger(draft.delta) || draft.delta === 0) throw new DomainError('BAD_INPUT', '积分必须是非零整数');
  if (draft.householdId !== balance._id) throw new DomainError('BAD_INPUT', '账目与户不符');
  const next = addToFigures({ pending: balance.pending, redeemable: balance.redeemable, spent: balance.spent }, draft);
  if (next.redeemable < 0) {
    throw new DomainError('INSUFFICIENT_POINTS', `可兑换积分不足：现有 ${balance.redeemable} 分，需要 ${-draft.delta} 分`);
  }
  if (next.spent < 0) throw new DomainError('INVALID_TRANSITION', '退还的积分超过已兑换的积分');
  const seq = balance.seq + 1;
  const entry: LedgerEntry = {
    ...draft,
    townId: balance.townId,
    villageId: balance.villageId,
    seq,
    balanceAfter: next,
  };
  return { balance: { ...balance, ...next, seq, updatedAt: draft.at }, entry };
}

/** The correction of an entry: same bucket, opposite delta, naming what it reverses and why. */
export function reversalOf(
  entry: LedgerEntry,
  by: { id: string; actorId: string; actorName: string; reason: string; at: number },
): EntryDraft {
  if (!by.reason.trim()) throw new DomainError('REASON_REQUIRED', '冲销时请填写原因');
  if (entry.kind === 'reversal') throw new DomainError('INVALID_TRANSITION', '冲销记录不能再次冲销');
  return {
    _id: by.id,
    householdId: entry.householdId,
    kind: 'reversal',
    bucket: entry.bucket,
    delta: -entry.delta,
    sourceId: entry.sourceId,
    label: `冲销：${entry.label}`,
    actorId: by.actorId,
    actorName: by.actorName,
    reason: by.reason.trim(),
    reverses: entry._id,
    reversedKind: entry.kind,
    at: by.at,
    // The correction belongs to the same month or quarter as what it corrects (publicity sums by period).
    ...(entry.period !== undefined ? { period: entry.period } : {}),
  };
}

import { DomainError } from '@domain/shared/errors';
import type { Household, Person } from '@domain/org/types';
import type { Balance, EntryDraft, LedgerEntry } from '@domain/ledger/types';
import { reversalOf } from '@domain/ledger/post';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { stableId } from '../shared/ids';
import { postToLedger } from './post';

type LedgerDeps = Pick<Deps, 'db' | 'now'>;

/** The id of an adjustment: same admin + same requestId → same entry, so a retry posts nothing more. */
export function adjustmentIdFor(actorId: string, requestId: string): string {
  return stableId('adj', actorId, requestId);
}

/**
 * An audited grant (or deduction) of redeemable points by the village admin, with a
 * reason: the way points become redeemable until the audit/publicity issue posts them.
 * Authorization (village admin of the household's village) is the caller's.
 */
export async function adjustPoints(
  deps: LedgerDeps,
  actor: Person,
  household: Household,
  input: { requestId: string; points: number; reason: string },
): Promise<{ entry: LedgerEntry; balance: Balance }> {
  const id = adjustmentIdFor(actor._id, input.requestId);
  const draft: EntryDraft = {
    _id: id,
    householdId: household._id,
    kind: 'adjustment',
    bucket: 'redeemable',
    delta: input.points,
    sourceId: id,
    label: input.points > 0 ? '村委调整：增加积分' : '村委调整：扣减积分',
    actorId: actor._id,
    actorName: actor.name,
    reason: input.reason.trim(),
    reverses: null,
    reversedKind: null,
    at: deps.now(),
  };
  return deps.db.runTransaction(async (tx) => {
    const { entry, balance } = await postToLedger(tx, draft, household);
    return { entry, balance };
  });
}

/** The id of the reversal of an entry: one per entry, whoever asks and however often. */
export function reversalIdFor(entryId: string): string {
  return stableId('rev', entryId);
}

/**
 * The correction of an entry (更正冲销): a new entry with the opposite delta, naming the one it
 * reverses and why, in one transaction with the balance it moves. Refused: an unknown entry,
 * a reversal, a redemption (a refund must also put the goods back: the shop's business), an
 * entry reversed before, or a correction that would take the balance below zero.
 * `requestId` makes a retry return the first reversal. Authorization is the caller's.
 */
export async function reverseEntry(
  deps: LedgerDeps,
  actor: Person,
  entryId: string,
  reason: string,
  opts: { requestId?: string } = {},
): Promise<{ entry: LedgerEntry; balance: Balance }> {
  const id = reversalIdFor(entryId);
  return deps.db.runTransaction(async (tx) => {
    const entries = tx.collection<LedgerEntry>(C.ledgerEntries);
    const { data: original } = await entries.doc(entryId).get();
    if (!original) throw new DomainError('NOT_FOUND', '找不到要冲销的记录');
    if (original.kind === 'reversal') throw new DomainError('INVALID_TRANSITION', '冲销记录不能再次冲销');
    if (original.kind === 'redemption') throw new DomainError('INVALID_TRANSITION', '兑换记录不能冲销，请联系超市办理退货');
    const { data: prior } = await entries.doc(id).get();
    if (prior) {
      const retry = opts.requestId !== undefined && prior.requestId === opts.requestId && prior.actorId === actor._id;
      if (!retry) throw new DomainError('INVALID_TRANSITION', `该笔记录已由${prior.actorName}冲销过，不能重复冲销`);
      const { data: balance } = await tx.collection<Balance>(C.balances).doc(prior.householdId).get();
      if (!balance) throw new DomainError('NOT_FOUND', '找不到该户的积分账户');
      return { entry: prior, balance };
    }
    const draft: EntryDraft = {
      ...reversalOf(original, { id, actorId: actor._id, actorName: actor.name, reason, at: deps.now() }),
      ...(opts.requestId !== undefined ? { requestId: opts.requestId } : {}),
    };
    try {
      const { entry, balance } = await postToLedger(tx, draft, original);
      return { entry, balance };
    } catch (e) {
      if (e instanceof DomainError && e.code === 'INSUFFICIENT_POINTS') {
        throw new DomainError('INSUFFICIENT_POINTS', `不能冲销：冲销后该户积分会低于零（${e.message}）`);
      }
      throw e;
    }
  });
}

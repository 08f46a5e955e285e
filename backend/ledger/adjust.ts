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

/**
 * The correction of an entry (更正冲销): a new entry with the opposite delta, naming the one it
 * reverses and why. Not exposed as an action yet (the audit issue will); used by tests.
 */
export async function reverseEntry(
  deps: LedgerDeps,
  actor: Person,
  entryId: string,
  reason: string,
): Promise<{ entry: LedgerEntry; balance: Balance }> {
  // One reversal per entry: reversing it again finds the first reversal.
  const id = stableId('rev', entryId);
  return deps.db.runTransaction(async (tx) => {
    const { data: original } = await tx.collection<LedgerEntry>(C.ledgerEntries).doc(entryId).get();
    if (!original) throw new DomainError('NOT_FOUND', '找不到要冲销的账目');
    const draft = reversalOf(original, { id, actorId: actor._id, actorName: actor.name, reason, at: deps.now() });
    const { entry, balance } = await postToLedger(tx, draft, original);
    return { entry, balance };
  });
}

import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { policyWithDefaults } from '@domain/org/policy';
import type { Person } from '@domain/org/types';
import type { Balance, EntryDraft } from '@domain/ledger/types';
import type { Veto } from '@domain/veto/types';
import { countersignVeto, laterBar, rejectVeto } from '@domain/veto/rules';
import { C } from '../repos/collections';
import type { VillageDoc } from '../repos/org';
import type { HouseholdDoc } from '../shop/eligibility';
import { postToLedger } from '../ledger/post';
import type { Deps } from '../runtime/deps';

type VetoDeps = Pick<Deps, 'db' | 'now'>;

/** The ledger entries clearing a bucket for a veto: one id per veto and bucket, so a re-run posts nothing twice. */
export function vetoEntryId(vetoId: string, bucket: 'pending' | 'redeemable'): string {
  return `veto-${vetoId}-${bucket === 'pending' ? 'p' : 'r'}`;
}

/**
 * A supervisor countersigns (会签): in ONE transaction the veto takes effect, the household's
 * `vetoedUntil` moves to the later of its bar and this one (the shop reads it), and under
 * `clear_and_bar_year` the household's pending and redeemable points are cleared to zero by
 * `veto` ledger entries. Under `bar_months` points keep accruing; only redemption is barred.
 * Lock order as everywhere: veto → household → (entries, balance) → villageTotals.
 */
export async function countersign(deps: VetoDeps, actor: Person, vetoId: string, note: string | null): Promise<Veto> {
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const vetoRef = tx.collection<Veto>(C.vetoes).doc(vetoId);
    const { data: veto } = await vetoRef.get();
    if (!veto) throw new DomainError('NOT_FOUND', '找不到该一票否决事项');
    const { data: village } = await tx.collection<VillageDoc>(C.villages).doc(veto.villageId).get();
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    const policy = policyWithDefaults(village.policy);
    const next = countersignVeto({ person: actor, at: now }, veto, policy.veto, cstDate(now), note);

    const hhRef = tx.collection<HouseholdDoc>(C.households).doc(veto.householdId);
    const { data: household } = await hhRef.get();
    if (!household) throw new DomainError('NOT_FOUND', '找不到该户');

    if (next.mode === 'clear_and_bar_year') {
      const { data: balance } = await tx.collection<Balance>(C.balances).doc(household._id).get();
      let current: Balance | null = balance;
      for (const bucket of ['pending', 'redeemable'] as const) {
        const amount = current?.[bucket] ?? 0;
        if (amount <= 0) continue; // nothing to clear: no zero entry
        const draft: EntryDraft = {
          _id: vetoEntryId(veto._id, bucket),
          householdId: household._id,
          kind: 'veto',
          bucket,
          delta: -amount,
          sourceId: veto._id,
          label: `一票否决清零：${veto.item}`,
          actorId: actor._id,
          actorName: actor.name,
          reason: veto.description,
          reverses: null,
          reversedKind: null,
          at: now,
        };
        current = (await postToLedger(tx, draft, household, { balance: current })).balance;
      }
    }

    await hhRef.update({ vetoedUntil: laterBar(household.vetoedUntil, next.barredUntil as string) });
    const { _id, ...doc } = next;
    void _id;
    await vetoRef.set(doc);
    return next;
  });
}

/** A supervisor refuses to countersign, with a reason: nothing else changes. */
export async function reject(deps: VetoDeps, actor: Person, vetoId: string, reason: string): Promise<Veto> {
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<Veto>(C.vetoes).doc(vetoId);
    const { data: veto } = await ref.get();
    if (!veto) throw new DomainError('NOT_FOUND', '找不到该一票否决事项');
    const next = rejectVeto({ person: actor, at: now }, veto, reason);
    const { _id, ...doc } = next;
    void _id;
    await ref.set(doc);
    return next;
  });
}

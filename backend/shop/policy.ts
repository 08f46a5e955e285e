import { DomainError } from '@domain/shared/errors';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import { describeRedemptionDay, validateRedemptionDayPolicy, type RedemptionDayPolicy } from '@domain/shop/redemptionDay';
import type { ShopApi } from '@domain/api/shop';
import { C } from '../repos/collections';
import type { VillageDoc } from '../repos/org';
import type { Deps } from '../runtime/deps';

export type PolicyView = ShopApi['getPolicy']['output'];

export function policyView(policy: VillagePolicy): PolicyView {
  return { redemptionDay: policy.redemptionDay, description: describeRedemptionDay(policy.redemptionDay), codeTtlSeconds: policy.codeTtlSeconds };
}

/** Stores the village's redemption-day policy (villages/{id}.policy.redemptionDay). */
export async function setRedemptionDay(deps: Pick<Deps, 'db' | 'now'>, villageId: string, redemptionDay: RedemptionDayPolicy): Promise<PolicyView> {
  validateRedemptionDayPolicy(redemptionDay);
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<VillageDoc>(C.villages).doc(villageId);
    const { data: village } = await ref.get();
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    const { _id, ...doc } = village;
    void _id;
    const policy = { ...(village.policy ?? {}), redemptionDay };
    await ref.set({ ...doc, policy });
    return policyView(policyWithDefaults(policy));
  });
}

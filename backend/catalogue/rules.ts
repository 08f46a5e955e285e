import { DomainError } from '@domain/shared/errors';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import type { Person } from '@domain/org/types';
import type { CatalogueApi, RulesView } from '@domain/api/catalogue';
import { assertRules, rulesOf } from '@domain/catalogue/villageRules';
import { C } from '../repos/collections';
import type { VillageDoc } from '../repos/org';
import type { Deps } from '../runtime/deps';

/** One document per change of the village's rules: who changed what, from what (append-only). */
export interface PolicyChange {
  _id: string;
  villageId: string;
  at: number;
  actorId: string;
  actorName: string;
  changes: Partial<VillagePolicy>;
  before: Partial<VillagePolicy>;
}

/**
 * Stores the changed fields under villages/{id}.policy (as the shop's redemption day is) and
 * logs the change, in one transaction. Checked whole: nothing is written when a rule fails.
 */
export async function setRules(deps: Pick<Deps, 'db' | 'now' | 'newId'>, actor: Person, villageId: string, input: CatalogueApi['setRules']['input']): Promise<RulesView> {
  const now = deps.now();
  const changeId = deps.newId();
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<VillageDoc>(C.villages).doc(villageId);
    const { data: village } = await ref.get();
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    const changes: Partial<VillagePolicy> = { ...input };
    const policy = { ...(village.policy ?? {}), ...changes };
    const next = rulesOf(policyWithDefaults(policy));
    assertRules(next);
    const current = policyWithDefaults(village.policy);
    const before: Partial<VillagePolicy> = {};
    for (const k of Object.keys(changes) as (keyof VillagePolicy)[]) (before as Record<string, unknown>)[k] = current[k];
    const { _id, ...doc } = village;
    void _id;
    await ref.set({ ...doc, policy });
    const log: Omit<PolicyChange, '_id'> = { villageId, at: now, actorId: actor._id, actorName: actor.name, changes, before };
    await tx.collection<PolicyChange>(C.policyChanges).doc(changeId).set(log);
    return next;
  });
}

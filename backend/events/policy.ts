import { DomainError } from '@domain/shared/errors';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';

export async function villagePolicy(db: Database, villageId: string): Promise<VillagePolicy> {
  const village = await orgRepo.village(db, villageId);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  return policyWithDefaults(village.policy);
}

import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import { auditTownOf, defaultAuditVillage } from '@domain/audit/policy';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';
import { C } from '../repos/collections';

/**
 * The village an audit read is about: the one named, else the caller's own committee village,
 * else (town admin) the first village of their town, so the page opens on something. Whether
 * the caller may read it is the audit policy's (mayReadAudit); an unknown village gets the same
 * answer as one not theirs.
 */
export async function auditVillage(db: Database, p: Person, villageId: string | undefined): Promise<VillageDoc> {
  const id = villageId ?? defaultAuditVillage(p) ?? (await firstVillageOfTown(db, auditTownOf(p)));
  const village = id ? await orgRepo.village(db, id) : null;
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村，或您无权查看');
  return village;
}

async function firstVillageOfTown(db: Database, townId: string | null): Promise<string | undefined> {
  if (!townId) return undefined;
  const { data } = await db.collection<VillageDoc>(C.villages).where({ townId }).orderBy('_id', 'asc').limit(1).get();
  return data[0]?._id;
}

export async function villagePolicy(db: Database, villageId: string): Promise<VillagePolicy> {
  return policyWithDefaults((await orgRepo.village(db, villageId))?.policy);
}

import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { holdsAny } from '@domain/access/actor';
import { defaultPublicityVillage, publicityAccess, publishingVillage, type PublicityAccess } from '@domain/publicity/policy';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';

/** A village's publicity as one person reads it: the village, and how they stand to it (the policy's publicityAccess). */
export interface Reader extends PublicityAccess {
  village: VillageDoc;
}

/**
 * The village whose publicity the caller reads: the one named (the town admin, or someone who
 * belongs to several), else where they sit on a committee, else their home village; with how
 * they stand to it. Whether they may read it is the policy's (mayReadPublicity).
 */
export async function readerOf(db: Database, person: Person, villageId?: string): Promise<Reader> {
  const id = villageId ?? defaultPublicityVillage(person);
  if (!id) {
    if (holdsAny(person, ['town_admin'])) throw new DomainError('BAD_INPUT', '请选择村');
    throw new DomainError('FORBIDDEN', '您不是本镇村民');
  }
  const village = await orgRepo.village(db, id);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  return { village, ...publicityAccess(person, village) };
}

/** The village admin's village (publishing and closing are theirs). */
/** An action's `load`: the reader of the village asked for (or the caller's own); who may read it is the policy's. */
export function loadReader(villageId: string | undefined, { deps, actor }: { deps: { db: Database }; actor: Person }): Promise<Reader> {
  return readerOf(deps.db, actor, villageId);
}

export async function adminVillage(db: Database, person: Person): Promise<VillageDoc> {
  const id = publishingVillage(person);
  if (!id) throw new DomainError('FORBIDDEN', '只有村两委可以发起或结束公示');
  const village = await orgRepo.village(db, id);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  return village;
}

import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { hasRole } from '@domain/org/roles';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';
import { holdsIn, scopesOf } from '../runtime/scope';

/** 评议小组, 监督小组 and 村两委 of the village: who investigates and sees everything. */
export function isVillageCommittee(person: Person, villageId: string): boolean {
  return holdsIn(person, ['reviewer', 'supervisor', 'village_admin'], villageId);
}

export function isTownAdminOf(person: Person, village: Pick<VillageDoc, 'townId'>): boolean {
  return hasRole(person.roles, 'town_admin', village.townId);
}

/** A villager of the village: lives there (every role holder in a village is also a villager). */
export function isVillagerOf(person: Person, villageId: string): boolean {
  return person.villageId === villageId || holdsIn(person, ['villager', 'household_head'], villageId);
}

export interface Reader {
  village: VillageDoc;
  /** Committee, village admin or town admin: sees objectors, every objection, the red/black lists whatever the policy. */
  committee: boolean;
  villager: boolean;
  admin: boolean;
  town: boolean;
}

/**
 * The village whose publicity the caller reads: the one named (the town admin, or someone who
 * belongs to several), else where they sit on a committee, else their home village. Anyone
 * else: NOT_FOUND (another village's publicity is not theirs to see).
 */
export async function readerOf(db: Database, person: Person, villageId?: string): Promise<Reader> {
  const id = villageId ?? scopesOf(person, ['village_admin', 'reviewer', 'supervisor'])[0] ?? person.villageId ?? null;
  if (!id) {
    if (person.roles.some((r) => r.role === 'town_admin')) throw new DomainError('BAD_INPUT', '请选择村');
    throw new DomainError('FORBIDDEN', '您不是本镇村民');
  }
  const village = await orgRepo.village(db, id);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  const town = isTownAdminOf(person, village);
  const committee = isVillageCommittee(person, id) || town;
  const villager = isVillagerOf(person, id);
  if (!committee && !villager) throw new DomainError('NOT_FOUND', '找不到该村的公示');
  return { village, committee, villager, admin: hasRole(person.roles, 'village_admin', id), town };
}

/** The village admin's village (publishing and closing are theirs). */
export async function adminVillage(db: Database, person: Person): Promise<VillageDoc> {
  const id = scopesOf(person, ['village_admin'])[0];
  if (!id) throw new DomainError('FORBIDDEN', '只有村两委可以发起或结束公示');
  const village = await orgRepo.village(db, id);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  return village;
}

/** Which committee a person signs an objection decision for, in the village (null: neither). */
export function signerRoles(person: Person, villageId: string): ('reviewer' | 'supervisor')[] {
  const out: ('reviewer' | 'supervisor')[] = [];
  if (hasRole(person.roles, 'reviewer', villageId)) out.push('reviewer');
  if (hasRole(person.roles, 'supervisor', villageId)) out.push('supervisor');
  return out;
}

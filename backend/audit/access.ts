import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { hasRole } from '@domain/org/roles';
import { policyWithDefaults, type VillagePolicy } from '@domain/org/policy';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';
import { C } from '../repos/collections';
import { scopesOf } from '../runtime/scope';

/** Who may read a village's audit: its committee, supervisors and admins; the town admin of its town. */
const READERS = ['reviewer', 'supervisor', 'village_admin'] as const;

export function isReviewer(p: Person, villageId: string): boolean {
  return hasRole(p.roles, 'reviewer', villageId);
}
export function isSupervisor(p: Person, villageId: string): boolean {
  return hasRole(p.roles, 'supervisor', villageId);
}
/** The committee leader (组长): a reviewer assignment marked `lead`. */
export function isLeader(p: Person, villageId: string): boolean {
  return p.roles.some((r) => r.role === 'reviewer' && r.scopeId === villageId && r.lead === true);
}

export function canReadVillage(p: Person, village: VillageDoc): boolean {
  return READERS.some((r) => hasRole(p.roles, r, village._id)) || hasRole(p.roles, 'town_admin', village.townId);
}

/**
 * The village whose audit the caller reads: the one named (town admin, or a committee member
 * naming their own), else the one where they sit on the committee or the village committee.
 */
export async function readableVillage(db: Database, p: Person, villageId: string | undefined): Promise<VillageDoc> {
  const id = villageId ?? scopesOf(p, [...READERS])[0] ?? (await firstVillageOfTown(db, scopesOf(p, ['town_admin'])[0]));
  if (!id) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组、村两委和镇管理员可以查看月度评议');
  const village = await orgRepo.village(db, id);
  if (!village || !canReadVillage(p, village)) {
    if (scopesOf(p, [...READERS, 'town_admin']).length === 0) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组、村两委和镇管理员可以查看月度评议');
    throw new DomainError('NOT_FOUND', '找不到该村，或您无权查看');
  }
  return village;
}

/** The town admin's default village (the first by id), so their audit page opens on something. */
async function firstVillageOfTown(db: Database, townId: string | undefined): Promise<string | undefined> {
  if (!townId) return undefined;
  const { data } = await db.collection<VillageDoc>(C.villages).where({ townId }).orderBy('_id', 'asc').limit(1).get();
  return data[0]?._id;
}

export async function villagePolicy(db: Database, villageId: string): Promise<VillagePolicy> {
  return policyWithDefaults((await orgRepo.village(db, villageId))?.policy);
}

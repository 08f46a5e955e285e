import { DomainError } from '@domain/shared/errors';
import type { Person, Town } from '@domain/org/types';
import { scopesOf, villageAs } from '../runtime/scope';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';

/** The village whose grid tree and roster this person administers (村两委). */
export function adminVillageOf(person: Person): string {
  return villageAs(person, ['village_admin'], '只有村两委可以管理网格和住户名册');
}

/**
 * The villages whose tree and 台账 this person may read: the village admin their own village,
 * the town admin every village of their town (or the one asked for). Another town's or
 * another village's: NOT_FOUND, as if it did not exist.
 */
export async function villagesReadable(db: Database, person: Person, villageId?: string): Promise<{ town: Town; villages: VillageDoc[] }> {
  const town = scopesOf(person, ['town_admin'])[0];
  if (town) {
    const t = await orgRepo.town(db, town);
    if (!t) throw new DomainError('NOT_FOUND');
    const all = await orgRepo.villagesOfTown(db, town);
    const villages = villageId === undefined ? all : all.filter((v) => v._id === villageId);
    if (villages.length === 0) throw new DomainError('NOT_FOUND', '找不到该村');
    return { town: t, villages };
  }
  const own = scopesOf(person, ['village_admin']);
  if (own.length === 0) throw new DomainError('FORBIDDEN', '只有村两委和镇管理员可以查看');
  const id = villageId ?? own[0];
  if (!own.includes(id)) throw new DomainError('NOT_FOUND', '找不到该村');
  const v = await orgRepo.village(db, id);
  const t = v ? await orgRepo.town(db, v.townId) : null;
  if (!v || !t) throw new DomainError('NOT_FOUND', '找不到该村');
  return { town: t, villages: [v] };
}

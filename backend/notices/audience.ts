import { audienceNeeds, type Candidate, type NoticeScope } from '@domain/notices/recipients';
import type { NoticeKind } from '@domain/notices/kinds';
import type { Grid, Person } from '@domain/org/types';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';

/** A person as the push needs them: the openid bound to them, if any. */
export type Recipient = Candidate & { openid?: string | null };

async function peopleByIds(db: Database, ids: string[]): Promise<Person[]> {
  const unique = [...new Set(ids.filter((id) => !!id))];
  if (unique.length === 0) return [];
  const { data } = await db.collection<Person>(C.people).where({ _id: db.command.in(unique) }).limit(1000).get();
  return data;
}

/**
 * The people a kind's audience could include, read as narrowly as the audience allows: the
 * household's members, the grid's staff (from the grid document), the village's people (role
 * holders: people carry their roles, there is no role index), the town's staff, the named.
 * selectRecipients then keeps exactly those in scope.
 */
export async function candidatesFor(db: Database, kind: NoticeKind, scope: NoticeScope): Promise<Recipient[]> {
  const needs = audienceNeeds(kind);
  const out: Recipient[] = [];
  if ((needs.has('household') || needs.has('household_head')) && scope.householdId) {
    out.push(...(await orgRepo.membersOfHouseholds(db, [scope.householdId])));
  }
  if (needs.has('grid_roles') && scope.gridId) {
    const grid: Grid | null = await orgRepo.grid(db, scope.gridId);
    out.push(...(await peopleByIds(db, (grid?.staff ?? []).map((s) => s.personId))));
  }
  if (needs.has('village_roles') && scope.villageId) {
    out.push(...(await orgRepo.peopleOfVillage(db, scope.villageId)).filter((p) => p.roles.some((r) => r.scopeId === scope.villageId)));
  }
  if (needs.has('town_admins') && scope.townId) {
    const { data } = await db.collection<Person>(C.people).where({ townId: scope.townId, villageId: null }).limit(1000).get();
    out.push(...data);
    // A town admin may also live in a village of the town: the village's admins are read with it.
    if (scope.villageId) out.push(...(await orgRepo.peopleOfVillage(db, scope.villageId)).filter((p) => p.roles.some((r) => r.role === 'town_admin')));
  }
  if (needs.has('named') && scope.named) out.push(...(await peopleByIds(db, scope.named.filter((x): x is string => !!x))));
  return out as Recipient[];
}

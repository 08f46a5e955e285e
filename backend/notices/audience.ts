import { AUDIENCES, audienceNeeds, type Candidate, type NoticeScope } from '@domain/notices/recipients';
import type { NoticeKind } from '@domain/notices/kinds';
import type { Grid, Person } from '@domain/org/types';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { roleHoldersRepo } from '../repos/roleHolders';

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
 * household's members, the grid's staff (from the grid document), the holders of the named roles
 * on the village or town (from the role index, backend/repos/roleHolders.ts — never every person
 * of the village), the named. selectRecipients then keeps exactly those in scope.
 */
export async function candidatesFor(db: Database, kind: NoticeKind, scope: NoticeScope): Promise<Recipient[]> {
  const needs = audienceNeeds(kind);
  const out: Recipient[] = [];
  const ids: string[] = [];
  if ((needs.has('household') || needs.has('household_head')) && scope.householdId) {
    out.push(...(await orgRepo.membersOfHouseholds(db, [scope.householdId])));
  }
  if (needs.has('household') && scope.unitResponsibleId) ids.push(scope.unitResponsibleId);
  if (needs.has('grid_roles') && scope.gridId) {
    const grid: Grid | null = await orgRepo.grid(db, scope.gridId);
    ids.push(...(grid?.staff ?? []).map((s) => s.personId));
  }
  if (needs.has('village_roles') && scope.villageId) {
    const roles = AUDIENCES[kind].flatMap((a) => (a.to === 'village_roles' ? a.roles : []));
    ids.push(...(await roleHoldersRepo.personIds(db, scope.villageId, roles)));
  }
  if (needs.has('town_admins') && scope.townId) ids.push(...(await roleHoldersRepo.personIds(db, scope.townId, ['town_admin'])));
  if (needs.has('named') && scope.named) ids.push(...scope.named.filter((x): x is string => !!x));
  out.push(...(await peopleByIds(db, ids)));
  return out as Recipient[];
}

import { DomainError } from '@domain/shared/errors';
import { maskName, type Household, type Person } from '@domain/org/types';
import { committeeChecklist } from '@domain/onboarding/committee';
import { ROLE_LABELS, type RoleAssignment } from '@domain/org/roles';
import type { AppointableRole } from '@domain/onboarding/policy';
import type { CommitteeView, HouseholdCard } from '@domain/api/org';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo, type VillageDoc } from '../repos/org';
import { event } from './bind';
import { cardPath, newCard } from './codes';
import { onboardingRepo } from './repo';
import { roleHoldersRepo } from '../repos/roleHolders';

type D = Pick<Deps, 'db' | 'now' | 'newId'>;

export async function committeeView(deps: D, village: VillageDoc): Promise<CommitteeView> {
  const [people, grids, households] = await Promise.all([
    orgRepo.peopleOfVillage(deps.db, village._id),
    orgRepo.gridsOfVillage(deps.db, village._id),
    orgRepo.householdsOfVillage(deps.db, village._id),
  ]);
  const doorOf = new Map(households.map((h) => [h._id, h.doorNo]));
  const gridName = new Map(grids.map((g) => [g._id, g.name]));
  const members: CommitteeView['members'] = [];
  for (const p of people) {
    for (const r of p.roles) {
      const inVillage = r.scopeId === village._id || gridName.has(r.scopeId);
      if (!inVillage) continue;
      if (r.role === 'reviewer' || r.role === 'supervisor' || r.role === 'shop_clerk' || r.role === 'grid_leader' || r.role === 'grid_worker') {
        members.push({
          personId: p._id,
          name: p.name,
          doorNo: p.householdId ? (doorOf.get(p.householdId) ?? null) : null,
          role: r.role,
          lead: r.lead === true,
          gridName: gridName.get(r.scopeId) ?? null,
        });
      }
    }
  }
  return { villageId: village._id, villageName: village.name, checklist: committeeChecklist(people, village._id, grids), members };
}

/**
 * Appoint or remove a reviewer, supervisor or clerk. `lead` makes a reviewer the committee's
 * lead (组长), taking it from whoever held it: a village has one lead.
 */
export async function appoint(deps: D, actor: Person, village: VillageDoc, person: Person, role: AppointableRole, assigned: boolean, lead: boolean): Promise<void> {
  const otherLeads =
    role === 'reviewer' && assigned && lead
      ? (await orgRepo.peopleOfVillage(deps.db, village._id)).filter((p) => p._id !== person._id && p.roles.some((r) => r.role === 'reviewer' && r.scopeId === village._id && r.lead))
      : [];
  await deps.db.runTransaction(async (tx) => {
    const current = (await tx.collection<Person>(C.people).doc(person._id).get()).data;
    if (!current) throw new DomainError('NOT_FOUND', '找不到该人员');
    const others = current.roles.filter((r) => !(r.role === role && r.scopeId === village._id));
    const assignment: RoleAssignment = { role, scope: 'village', scopeId: village._id, ...(role === 'reviewer' && lead ? { lead: true as const } : {}) };
    const roles = assigned ? [...others, assignment] : others;
    await tx.collection<Person>(C.people).doc(person._id).update({ roles });
    await roleHoldersRepo.sync(tx, person._id, current.roles, roles);
    for (const o of otherLeads) {
      const p = (await tx.collection<Person>(C.people).doc(o._id).get()).data;
      if (!p) continue;
      const demoted = p.roles.map((r) => (r.role === 'reviewer' && r.scopeId === village._id ? { role: r.role, scope: r.scope, scopeId: r.scopeId } : r));
      await tx.collection<Person>(C.people).doc(o._id).update({ roles: demoted });
      await roleHoldersRepo.sync(tx, o._id, p.roles, demoted);
    }
    const label = `${ROLE_LABELS[role]}${role === 'reviewer' && lead && assigned ? '（组长）' : ''}`;
    await onboardingRepo.log(tx, event(deps, assigned ? 'role_added' : 'role_removed', current, actor, `${assigned ? '任命' : '免去'}${current.name}为${village.name}${label}`));
  });
}

/** 一户一码: every household's card (created on first print, the same on every reprint). */
export async function cards(deps: D, households: Household[], gridNames: Map<string, string>): Promise<HouseholdCard[]> {
  const existing = await onboardingRepo.cardsOf(
    deps.db,
    households.map((h) => h._id),
  );
  const out: HouseholdCard[] = [];
  for (const h of households) {
    const card = existing.get(h._id) ?? (await newCard(deps, h));
    out.push({ householdId: h._id, doorNo: h.doorNo, gridName: gridNames.get(h.gridId) ?? '未分网格', headName: maskName(h.headName), code: card._id, path: cardPath(card._id) });
  }
  return out;
}

/** A new card for a household; the old code stops working at once. */
export async function revokeCard(deps: D, household: Household, gridName: string): Promise<HouseholdCard> {
  const old = await onboardingRepo.cardsOf(deps.db, [household._id]);
  const stale = old.get(household._id);
  if (stale) await deps.db.collection(C.householdCodes).doc(stale._id).remove();
  const card = await newCard(deps, household);
  return { householdId: household._id, doorNo: household.doorNo, gridName, headName: maskName(household.headName), code: card._id, path: cardPath(card._id) };
}

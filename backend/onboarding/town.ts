import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Grid, Person, Town } from '@domain/org/types';
import { committeeChecklist } from '@domain/onboarding/committee';
import { newDraft } from '@domain/catalogue/filing';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import type { CatalogueVersion } from '@domain/catalogue/types';
import type { IssuedCode, VillageProgress } from '@domain/api/org';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo, type VillageDoc } from '../repos/org';
import { versionIdFor } from '../catalogue/filing';
import { issueClaim } from './codes';
import { onboardingRepo } from './repo';

type D = Pick<Deps, 'db' | 'now' | 'newId'>;

/** `npm run setup`: a new town and the one-time claim code of its first town admin. */
export async function createTown(deps: D, name: string, ttlMs?: number): Promise<{ town: Town; claim: IssuedCode }> {
  const trimmed = name.trim();
  if (trimmed.length < 2 || trimmed.length > 20) throw new DomainError('BAD_INPUT', '镇名 2–20 个字');
  const town: Town = { _id: `town-${deps.newId().slice(0, 12)}`, name: trimmed };
  await deps.db.collection<Town>(C.towns).add(town);
  const claim = await issueClaim(deps, { kind: 'town_admin', townId: town._id, villageId: null, createdBy: 'setup' }, ttlMs);
  return { town, claim };
}

/** A new village of the town: default rules, and the seed-000 catalogue as its first draft to edit and file. */
export async function createVillage(deps: D, actor: Person, townId: string, name: string): Promise<VillageDoc> {
  const existing = await orgRepo.villagesOfTown(deps.db, townId);
  if (existing.some((v) => v.name === name)) throw new DomainError('BAD_INPUT', `本镇已有「${name}」`);
  const now = deps.now();
  const village: VillageDoc = { _id: `v-${deps.newId().slice(0, 12)}`, townId, name, policy: {} };
  // Tomorrow: a filed version only scores deeds after it is filed; the admin can move the date.
  const tomorrow = cstDate(now + 24 * 3600_000);
  const draft: CatalogueVersion = {
    ...newDraft(null, { id: versionIdFor(village._id, 1), villageId: village._id, townId, version: 1, effectiveFrom: tomorrow }, { id: actor._id, name: actor.name, at: now }),
    categories: SEED_000_CATEGORIES.map((c) => ({ ...c, items: c.items.map((i) => ({ ...i, cap: i.cap ? { ...i.cap } : null })) })),
  };
  await deps.db.runTransaction(async (tx) => {
    const { _id, ...v } = village;
    await tx.collection<VillageDoc>(C.villages).doc(_id).set(v);
    const { _id: draftId, ...d } = draft;
    await tx.collection<CatalogueVersion>(C.catalogueVersions).doc(draftId).set(d);
  });
  return village;
}

export function inviteVillageAdmin(deps: D, actor: Person, village: VillageDoc): Promise<IssuedCode> {
  return issueClaim(deps, { kind: 'village_admin', townId: village.townId, villageId: village._id, createdBy: actor._id });
}

/** Every village of the town: grids, households, how many households have a bound WeChat, roles filled. */
export async function townProgress(deps: D, townId: string): Promise<VillageProgress[]> {
  const villages = await orgRepo.villagesOfTown(deps.db, townId);
  return Promise.all(
    villages.map(async (v) => {
      const [grids, households, people] = await Promise.all([
        orgRepo.gridsOfVillage(deps.db, v._id),
        orgRepo.householdsOfVillage(deps.db, v._id),
        orgRepo.peopleOfVillage(deps.db, v._id),
      ]);
      const bound = await onboardingRepo.boundPersonIds(
        deps.db,
        people.filter((p) => p.householdId).map((p) => p._id),
      );
      const boundHouseholds = new Set(people.filter((p) => bound.has(p._id)).map((p) => p.householdId)).size;
      return {
        villageId: v._id,
        name: v.name,
        grids: grids.length,
        households: households.length,
        boundHouseholds,
        boundPercent: households.length === 0 ? 0 : Math.floor((boundHouseholds * 100) / households.length),
        admins: people.filter((p) => p.roles.some((r) => r.role === 'village_admin' && r.scopeId === v._id)).length,
        checklist: committeeChecklist(people, v._id, grids as Grid[]),
      };
    }),
  );
}


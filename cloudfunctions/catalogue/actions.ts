import {
  approveInput,
  currentInput,
  draftInput,
  getRulesInput,
  getVersionInput,
  returnDraftInput,
  saveDraftInput,
  setRulesInput,
  submitDraftInput,
  townQueueInput,
  versionsInput,
  type VersionSummary,
} from '@domain/api/catalogue';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { policyWithDefaults } from '@domain/org/policy';
import type { Person } from '@domain/org/types';
import type { Role } from '@domain/org/roles';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { versionInForce } from '@domain/catalogue/versions';
import { rulesOf } from '@domain/catalogue/villageRules';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { holdsIn, scopesOf, villageAs } from '@backend/runtime/scope';
import { catalogueRepo } from '@backend/repos/catalogue';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { fileVersion, openDraft, returnVersion, saveVillageDraft, submitVillageDraft } from '@backend/catalogue/filing';
import { setRules } from '@backend/catalogue/rules';
import { C } from '@backend/repos/collections';

const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];
const READERS: Role[] = ['village_admin', 'reviewer', 'supervisor'];

async function village(db: Database, id: string): Promise<VillageDoc> {
  const v = await orgRepo.village(db, id);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return v;
}

/** Villages of the towns this person administers (a town has a few dozen at most). */
async function townVillages(db: Database, person: Person): Promise<VillageDoc[]> {
  const towns = scopesOf(person, TOWN);
  if (towns.length === 0) throw new DomainError('FORBIDDEN', '只有镇管理员可以办理目录备案');
  const { data } = await db.collection<VillageDoc>(C.villages).where({ townId: db.command.in(towns) }).limit(1000).get();
  return data;
}

/** A village whose catalogue history this person may read: their own (admin/committees) or one of their town. */
async function readableVillage(db: Database, person: Person, asked: string | undefined): Promise<VillageDoc> {
  const own = scopesOf(person, READERS);
  const id = asked ?? own[0];
  if (id === undefined) {
    if (scopesOf(person, TOWN).length > 0) throw new DomainError('BAD_INPUT', '请选择村');
    throw new DomainError('FORBIDDEN', '只有村两委、评议小组和监督小组可以查看目录版本');
  }
  const v = await orgRepo.village(db, id);
  if (v && (own.includes(v._id) || holdsIn(person, TOWN, v.townId))) return v;
  if (own.length === 0 && scopesOf(person, TOWN).length === 0) throw new DomainError('FORBIDDEN', '只有村两委、评议小组和监督小组可以查看目录版本');
  throw new DomainError('NOT_FOUND', '找不到该村');
}

function summary(v: CatalogueVersion, villageName: string, inForceId: string | null): VersionSummary {
  return {
    _id: v._id,
    villageId: v.villageId,
    villageName,
    version: v.version,
    effectiveFrom: v.effectiveFrom,
    status: v.status ?? 'filed',
    itemCount: v.categories.reduce((n, c) => n + c.items.length, 0),
    inForce: v._id === inForceId,
    history: v.history ?? [],
  };
}

/** The submitted version, if it belongs to a village of this town admin's town. */
async function townVersion(db: Database, person: Person, versionId: string): Promise<CatalogueVersion> {
  if (scopesOf(person, TOWN).length === 0) throw new DomainError('FORBIDDEN', '只有镇管理员可以办理目录备案');
  const v = await catalogueRepo.get(db, versionId);
  const vil = v ? await orgRepo.village(db, v.villageId) : null;
  if (!v || !vil || !holdsIn(person, TOWN, vil.townId)) throw new DomainError('NOT_FOUND', '找不到该目录版本');
  return v;
}

export const catalogue: FunctionDef<'catalogue'> = {
  /** The catalogue in force (filed) for my village today, or on a given date. Any villager of the village. */
  current: action(currentInput, async (input, ctx) => {
    const person = await me(ctx);
    if (!person.villageId) throw new DomainError('FORBIDDEN', '镇级账号请在具体村查看积分目录');
    const date = input.date ?? cstDate(ctx.deps.now());
    const version = versionInForce(await catalogueRepo.versions(ctx.deps.db, person.villageId), date);
    if (!version) throw new DomainError('NOT_FOUND', '本村尚未发布积分目录');
    return version;
  }),

  /** Village admin: open (or create, as a copy of the version in force) the draft of the next version. */
  draft: action(draftInput, async (_input, ctx) => {
    const person = await me(ctx);
    const v = await village(ctx.deps.db, villageAs(person, ADMIN, '只有村两委可以修订积分目录'));
    return openDraft(ctx.deps, person, v);
  }),

  saveDraft: action(saveDraftInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ADMIN, '只有村两委可以修订积分目录');
    return saveVillageDraft(ctx.deps, person, villageId, input);
  }),

  submit: action(submitDraftInput, async (_input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ADMIN, '只有村两委可以报镇备案');
    return submitVillageDraft(ctx.deps, person, villageId);
  }),

  /** Town admin: submitted drafts of the town's villages. */
  townQueue: action(townQueueInput, async (_input, ctx) => {
    const person = await me(ctx);
    const villages = await townVillages(ctx.deps.db, person);
    const names = new Map(villages.map((v) => [v._id, v.name]));
    const items = await catalogueRepo.submitted(ctx.deps.db, villages.map((v) => v._id));
    return { items: items.map((v) => summary(v, names.get(v.villageId) ?? '', null)) };
  }),

  approve: action(approveInput, async (input, ctx) => {
    const person = await me(ctx);
    const v = await townVersion(ctx.deps.db, person, input.versionId);
    return fileVersion(ctx.deps, person, v._id);
  }),

  returnDraft: action(returnDraftInput, async (input, ctx) => {
    const person = await me(ctx);
    const v = await townVersion(ctx.deps.db, person, input.versionId);
    return returnVersion(ctx.deps, person, v._id, input.reason);
  }),

  /** Every version of the village with status and history, newest first. */
  versions: action(versionsInput, async (input, ctx) => {
    const person = await me(ctx);
    const v = await readableVillage(ctx.deps.db, person, input.villageId);
    const versions = await catalogueRepo.versions(ctx.deps.db, v._id);
    const inForce = versionInForce(versions, cstDate(ctx.deps.now()));
    return { items: versions.map((x) => summary(x, v.name, inForce?._id ?? null)) };
  }),

  /** One version in full (e.g. the draft the town is filing). */
  get: action(getVersionInput, async (input, ctx) => {
    const person = await me(ctx);
    const found = await catalogueRepo.get(ctx.deps.db, input.versionId);
    if (!found) throw new DomainError('NOT_FOUND', '找不到该目录版本');
    await readableVillage(ctx.deps.db, person, found.villageId).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'FORBIDDEN') throw e;
      throw new DomainError('NOT_FOUND', '找不到该目录版本');
    });
    return found;
  }),

  /** 村规: the policy of the audit, publicity, base score, veto and year end. */
  getRules: action(getRulesInput, async (_input, ctx) => {
    const person = await me(ctx);
    const v = await village(ctx.deps.db, villageAs(person, READERS, '只有村两委、评议小组和监督小组可以查看村规设置'));
    return rulesOf(policyWithDefaults(v.policy));
  }),

  setRules: action(setRulesInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ADMIN, '只有村两委可以修改村规设置');
    return setRules(ctx.deps, person, villageId, input);
  }),
};

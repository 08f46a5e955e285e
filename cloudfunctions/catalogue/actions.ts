import { SCENES } from '@domain/moderation';
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
import type { CatalogueVersion } from '@domain/catalogue/types';
import { versionInForce } from '@domain/catalogue/versions';
import { rulesOf } from '@domain/catalogue/villageRules';
import {
  adminVillage,
  catalogueGates,
  filingTowns,
  mayFile,
  mayReadCurrent,
  mayReadCurrentOf,
  mayReadVersion,
  mayReadVersions,
  readerVillage,
} from '@domain/catalogue/policy';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { catalogueRepo } from '@backend/repos/catalogue';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { fileVersion, openDraft, returnVersion, saveVillageDraft, submitVillageDraft } from '@backend/catalogue/filing';
import { setRules } from '@backend/catalogue/rules';
import { C } from '@backend/repos/collections';
import type { Application } from '@domain/points/application';
import { POPULAR_ITEMS } from '@domain/api/catalogue';

/** The village by id; null (no village where the caller holds the role, unreachable past the gate) is NOT_FOUND too. */
async function village(db: Database, id: string | null, notFound = '找不到该村'): Promise<VillageDoc> {
  const v = id ? await orgRepo.village(db, id) : null;
  if (!v) throw new DomainError('NOT_FOUND', notFound);
  return v;
}

/** Villages of these towns (a town has a few dozen at most). */
async function villagesOfTowns(db: Database, towns: string[]): Promise<VillageDoc[]> {
  const { data } = await db.collection<VillageDoc>(C.villages).where({ townId: db.command.in(towns) }).limit(1000).get();
  return data;
}

/** A version with its village, for the policy to decide on; absent: NOT_FOUND. */
async function loadVersion(db: Database, versionId: string): Promise<{ version: CatalogueVersion; village: VillageDoc }> {
  const version = await catalogueRepo.get(db, versionId);
  if (!version) throw new DomainError('NOT_FOUND', '找不到该目录版本');
  return { version, village: await village(db, version.villageId, '找不到该目录版本') };
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

/** The village's most reported items of the last 90 days, most first (申报's 常用). */
async function popularItems(db: Database, villageId: string, now: number): Promise<string[]> {
  const { data } = await db
    .collection<Application>(C.applications)
    .where({ villageId, createdAt: db.command.gte(now - 90 * 86_400_000) })
    .field({ itemCode: true })
    .orderBy('createdAt', 'desc')
    .limit(1000)
    .get();
  const counts = new Map<string, number>();
  for (const a of data) counts.set(a.itemCode, (counts.get(a.itemCode) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, POPULAR_ITEMS).map(([code]) => code);
}

export const catalogue: FunctionDef<'catalogue'> = {
  /** The catalogue in force (filed) for my village today, or on a given date. Any villager of the village. */
  current: action({
    gate: catalogueGates.current,
    schema: currentInput,
    // A named village (a deed recorded there by its reviewer or the town admin); else one's own.
    load: async (input, { deps }) => (input.villageId ? village(deps.db, input.villageId) : null),
    authorize: (named, actor) => (named ? mayReadCurrentOf(actor, named) : mayReadCurrent(actor)),
    run: async (input, { deps, actor, loaded: named }) => {
      const villageId = named?._id ?? (actor.villageId as string);
      const date = input.date ?? cstDate(deps.now());
      const version = versionInForce(await catalogueRepo.versions(deps.db, villageId), date);
      if (!version) throw new DomainError('NOT_FOUND', '本村尚未发布积分目录');
      return { ...version, popular: await popularItems(deps.db, villageId, deps.now()) };
    },
  }),

  /** Village admin: open (or create, as a copy of the version in force) the draft of the next version. */
  draft: action({
    gate: catalogueGates.draft,
    schema: draftInput,
    load: async (_input, { deps, actor }) => village(deps.db, adminVillage(actor)),
    run: async (_input, { deps, actor, loaded: v }) => openDraft(deps, actor, v),
  }),

  saveDraft: action({
    gate: catalogueGates.saveDraft,
    schema: saveDraftInput,
    content: { scene: SCENES.profile, texts: (i) => i.categories.flatMap((c) => [c.name, ...c.items.map((x) => x.name)]) },
    run: async (input, { deps, actor }) => saveVillageDraft(deps, actor, adminVillage(actor) as string, input),
  }),

  submit: action({
    gate: catalogueGates.submit,
    schema: submitDraftInput,
    run: async (_input, { deps, actor }) => submitVillageDraft(deps, actor, adminVillage(actor) as string),
  }),

  /** Town admin: submitted drafts of the town's villages. */
  townQueue: action({
    gate: catalogueGates.townQueue,
    schema: townQueueInput,
    run: async (_input, { deps, actor }) => {
      const villages = await villagesOfTowns(deps.db, filingTowns(actor));
      const names = new Map(villages.map((v) => [v._id, v.name]));
      const items = await catalogueRepo.submitted(deps.db, villages.map((v) => v._id));
      return { items: items.map((v) => summary(v, names.get(v.villageId) ?? '', null)) };
    },
  }),

  /** 备案: the town admin files a submitted version of one of the town's villages. */
  approve: action({
    gate: catalogueGates.approve,
    schema: approveInput,
    load: async (input, { deps }) => loadVersion(deps.db, input.versionId),
    authorize: ({ village: v }, actor) => mayFile(actor, v),
    run: async (_input, { deps, actor, loaded: { version } }) => fileVersion(deps, actor, version._id),
  }),

  returnDraft: action({
    gate: catalogueGates.returnDraft,
    schema: returnDraftInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: async (input, { deps }) => loadVersion(deps.db, input.versionId),
    authorize: ({ village: v }, actor) => mayFile(actor, v),
    run: async (input, { deps, actor, loaded: { version } }) => returnVersion(deps, actor, version._id, input.reason),
  }),

  /** Every version of the village with status and history, newest first. */
  versions: action({
    gate: catalogueGates.versions,
    schema: versionsInput,
    load: async (input, { deps, actor }) => {
      const id = input.villageId ?? readerVillage(actor);
      // Past the gate, only a town admin has no village of their own: they choose one.
      if (id === null) throw new DomainError('BAD_INPUT', '请选择村');
      return village(deps.db, id);
    },
    authorize: (v, actor) => mayReadVersions(actor, v),
    run: async (_input, { deps, loaded: v }) => {
      const versions = await catalogueRepo.versions(deps.db, v._id);
      const inForce = versionInForce(versions, cstDate(deps.now()));
      return { items: versions.map((x) => summary(x, v.name, inForce?._id ?? null)) };
    },
  }),

  /** One version in full (e.g. the draft the town is filing). */
  get: action({
    gate: catalogueGates.get,
    schema: getVersionInput,
    load: async (input, { deps }) => loadVersion(deps.db, input.versionId),
    authorize: ({ village: v }, actor) => mayReadVersion(actor, v),
    run: async (_input, { loaded: { version } }) => version,
  }),

  /** 村规: the policy of the audit, publicity, base score, veto and year end. */
  getRules: action({
    gate: catalogueGates.getRules,
    schema: getRulesInput,
    load: async (_input, { deps, actor }) => village(deps.db, readerVillage(actor)),
    run: async (_input, { loaded: v }) => rulesOf(policyWithDefaults(v.policy)),
  }),

  setRules: action({
    gate: catalogueGates.setRules,
    schema: setRulesInput,
    run: async (input, { deps, actor }) => setRules(deps, actor, adminVillage(actor) as string, input),
  }),
};

import { SCENES } from '@domain/moderation';
import {
  createGridInput,
  findPeopleInput,
  householdInput,
  householdsInput,
  importInput,
  listInput,
  moveHouseholdInput,
  peopleLedgerInput,
  privacyLogInput,
  renameGridInput,
  saveRosterInput,
  setRoleInput,
  treeInput,
} from '@domain/api/grid';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Grid, Household, Town } from '@domain/org/types';
import { peopleLedgerBook } from '@domain/grid/peopleLedger';
import { sortTags } from '@domain/org/tags';
import { membersHeadFirst } from '@domain/org/members';
import {
  adminVillage,
  gridGates,
  gridListScope,
  mayAdministerGrid,
  mayEditRoster,
  mayListGridHouseholds,
  mayMoveHousehold,
  mayOpenHousehold,
  mayOverseeVillages,
  overseenTown,
  phoneFor,
  seesGridPrivateFields,
  workedGrids,
} from '@domain/grid/policy';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { rosterRepo } from '@backend/repos/roster';
import { C } from '@backend/repos/collections';
import { villageTree } from '@backend/grid/tree';
import { createGrid, moveHousehold, renameGrid, setGridRole } from '@backend/grid/gridAdmin';
import { householdDetail, saveRoster } from '@backend/grid/roster';
import { commitImport, csvSheet, previewImport } from '@backend/grid/importRoster';
import { loadPeopleLedger } from '@backend/grid/peopleLedger';
import { csvAction, exportSpec } from '@backend/sheets/exportSpec';

/** The village this admin administers: the gate admitted only village admins. */
const ownVillage = (ctx: PersonContext): string => adminVillage(ctx.actor) as string;

/** A grid by id; a missing one answers as another village's does (mayAdministerGrid). */
async function loadGrid(db: Database, gridId: string): Promise<Grid> {
  const g = await orgRepo.grid(db, gridId);
  if (!g) throw new DomainError('NOT_FOUND', '找不到该网格');
  return g;
}

/** The household asked for; a missing one answers as one outside the caller's remit does. */
async function loadHousehold(db: Database, householdId: string): Promise<Household> {
  const h = await orgRepo.household(db, householdId);
  if (!h) throw new DomainError('NOT_FOUND', '找不到该住户');
  return h;
}

/**
 * The villages an overseer asked for: the town admin's town (all its villages, or the one
 * named), else the village admin's (the one named, or their own). Whether they may read them
 * is mayOverseeVillages'.
 */
async function loadVillages(villageId: string | undefined, { deps, actor }: PersonContext): Promise<{ town: Town | null; villages: VillageDoc[] }> {
  const db = deps.db;
  const townId = overseenTown(actor);
  if (townId) {
    const town = await orgRepo.town(db, townId);
    if (!town) throw new DomainError('NOT_FOUND');
    const all = await orgRepo.villagesOfTown(db, townId);
    return { town, villages: villageId === undefined ? all : all.filter((v) => v._id === villageId) };
  }
  const v = await orgRepo.village(db, villageId ?? (adminVillage(actor) as string));
  const town = v ? await orgRepo.town(db, v.townId) : null;
  return { town, villages: v && town ? [v] : [] };
}

const ledgerTitle = ({ town, villages }: { town: Town | null; villages: VillageDoc[] }): string => (villages.length === 1 ? villages[0].name : (town?.name ?? ''));

/** 人员信息分布台账 as of today: CSV here, .xlsx in the sheets function. */
export const peopleLedgerExport = exportSpec({
  gate: gridGates.oversee,
  schema: peopleLedgerInput,
  load: (input, ctx) => loadVillages(input.villageId, ctx),
  authorize: ({ villages }, actor) => mayOverseeVillages(actor, villages),
  book: async (_input, { deps, loaded }) => peopleLedgerBook(ledgerTitle(loaded), cstDate(deps.now()), await loadPeopleLedger(deps.db, loaded.villages)),
});

export const grid: FunctionDef<'grid'> = {
  /** The grids I may open, with household counts. */
  list: action({
    gate: gridGates.list,
    schema: listInput,
    run: async (_input, { deps, actor }) => {
      const db = deps.db;
      const scope = gridListScope(actor);
      const grids = 'villageId' in scope ? await orgRepo.gridsOfVillage(db, scope.villageId) : await orgRepo.grids(db, scope.gridIds);
      if (grids.length === 0) throw new DomainError('FORBIDDEN', '您没有负责的网格');
      const counts = await Promise.all(grids.map((g) => db.collection(C.households).where({ gridId: g._id }).count()));
      return { items: grids.map((g, i) => ({ id: g._id, name: g.name, householdCount: counts[i].total })) };
    },
  }),

  /**
   * The households of a grid, with members: its grid workers and leaders (with tags and phones),
   * or the village admin (tags hidden and phones masked here: the detail read is the logged one).
   */
  households: action({
    gate: gridGates.households,
    schema: householdsInput,
    load: async (input, { deps, actor }) => {
      const gridId = input.gridId ?? workedGrids(actor)[0];
      // A village admin names the grid; "your first grid" means nothing to them.
      if (!gridId) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以查看网格住户');
      return { gridId, grid: await orgRepo.grid(deps.db, gridId) };
    },
    authorize: ({ gridId, grid }, actor) => mayListGridHouseholds(actor, gridId, grid),
    run: async (_input, { deps, actor, loaded: { grid: g } }) => {
      if (!g) throw new DomainError('NOT_FOUND', '找不到该网格');
      const db = deps.db;
      const worker = seesGridPrivateFields(actor, g);
      // 一组2号 before 一组10号: door numbers in natural order (a grid holds ≤ 100 households).
      const households = (await orgRepo.householdsOfGrid(db, g._id)).sort((a, b) => a.doorNo.localeCompare(b.doorNo, 'zh-CN', { numeric: true }));
      const members = await orgRepo.membersOfHouseholds(db, households.map((h) => h._id));
      return {
        grid: { id: g._id, name: g.name },
        items: households.map((h) => ({
          id: h._id,
          doorNo: h.doorNo,
          headName: h.headName,
          memberCount: h.memberCount,
          members: membersHeadFirst(
            members.filter((m) => m.householdId === h._id),
            h.headPersonId,
          ).map((m) => ({ id: m._id, name: m.name, relation: m.relation, phone: phoneFor(worker ? 'grid' : null, m.phone) })),
          tags: worker ? sortTags(h.tags ?? []) : null,
          tagged: (h.tags?.length ?? 0) > 0,
        })),
      };
    },
  }),

  /** The grid tree with 不漏户 flags: the village admin's village, or the town admin's villages. */
  tree: action({
    gate: gridGates.oversee,
    schema: treeInput,
    load: (input, ctx) => loadVillages(input.villageId, ctx),
    authorize: ({ villages }, actor) => mayOverseeVillages(actor, villages),
    run: async (_input, { deps, loaded: { town, villages } }) => {
      const nodes = [];
      for (const v of villages) nodes.push(await villageTree(deps.db, v));
      const t = town as Town;
      return { town: { id: t._id, name: t.name }, villages: nodes };
    },
  }),

  createGrid: action({
    gate: gridGates.admin,
    schema: createGridInput,
    content: { scene: SCENES.profile, texts: (i) => [i.name] },
    run: async (input, ctx) => {
      const g = await createGrid(ctx.deps, ctx.actor, ownVillage(ctx), input.name);
      return { id: g._id, name: g.name };
    },
  }),

  renameGrid: action({
    gate: gridGates.admin,
    schema: renameGridInput,
    content: { scene: SCENES.profile, texts: (i) => [i.name] },
    load: (input, { deps }) => loadGrid(deps.db, input.gridId),
    authorize: (g, actor) => mayAdministerGrid(actor, g),
    run: async (input, { deps, actor, loaded }) => {
      const g = await renameGrid(deps, actor, loaded, input.name);
      return { id: g._id, name: g.name };
    },
  }),

  moveHousehold: action({
    gate: gridGates.admin,
    schema: moveHouseholdInput,
    load: async (input, { deps }) => {
      const [household, to] = await Promise.all([orgRepo.household(deps.db, input.householdId), orgRepo.grid(deps.db, input.toGridId)]);
      return { household, to };
    },
    authorize: ({ household, to }, actor) => mayMoveHousehold(actor, household, to),
    run: async (_input, { deps, actor, loaded }) => {
      // Both exist: mayMoveHousehold refused otherwise.
      const r = await moveHousehold(deps, actor, loaded.household as Household, loaded.to as Grid);
      return { householdId: r.household._id, gridId: r.household.gridId, householdCount: r.count };
    },
  }),

  setRole: action({
    gate: gridGates.admin,
    schema: setRoleInput,
    load: (input, { deps }) => loadGrid(deps.db, input.gridId),
    authorize: (g, actor) => mayAdministerGrid(actor, g),
    run: async (input, { deps, actor, loaded }) => ({ gridId: input.gridId, staff: await setGridRole(deps, actor, loaded, input) }),
  }),

  findPeople: action({
    gate: gridGates.admin,
    schema: findPeopleInput,
    run: async (input, ctx) => {
      const db = ctx.deps.db;
      const found = await orgRepo.peopleNamed(db, ownVillage(ctx), input.name);
      const items = [];
      for (const p of found) {
        const h = p.householdId ? await orgRepo.household(db, p.householdId) : null;
        const g = h?.gridId ? await orgRepo.grid(db, h.gridId) : null;
        items.push({ id: p._id, name: p.name, doorNo: h?.doorNo ?? null, gridName: g?.name ?? null });
      }
      return { items };
    },
  }),

  /** A household's detail with tags and phones; an admin's read of a tagged household is logged first. */
  household: action({
    gate: gridGates.household,
    schema: householdInput,
    load: (input, { deps }) => loadHousehold(deps.db, input.householdId),
    authorize: (h, actor) => mayOpenHousehold(actor, h),
    run: async (_input, { deps, actor, loaded: h }) => householdDetail(deps, actor, h),
  }),

  saveRoster: action({
    gate: gridGates.saveRoster,
    schema: saveRosterInput,
    load: (input, { deps }) => loadHousehold(deps.db, input.householdId),
    authorize: (h, actor) => mayEditRoster(actor, h),
    run: async (input, { deps, actor, loaded: h }) => saveRoster(deps, actor, h, input),
  }),

  /** Who opened which tagged household (隐私查看记录): the village admin's village, newest first. */
  privacyLog: action({
    gate: gridGates.admin,
    schema: privacyLogInput,
    run: async (input, ctx) => {
      const villageId = ownVillage(ctx);
      const limit = input.limit ?? 50;
      const reads = await rosterRepo.readsOfVillage(ctx.deps.db, villageId, input.beforeAt, limit);
      const grids = new Map((await orgRepo.gridsOfVillage(ctx.deps.db, villageId)).map((g) => [g._id, g.name]));
      return {
        items: reads.map((r) => ({
          id: r._id,
          at: r.at,
          readerName: r.readerName,
          readerRole: r.readerRole,
          householdId: r.householdId,
          doorNo: r.doorNo,
          gridName: grids.get(r.gridId) ?? '未划网格',
        })),
        nextBeforeAt: reads.length === limit ? reads[reads.length - 1].at : null,
      };
    },
  }),

  importPreview: action({
    gate: gridGates.admin,
    schema: importInput,
    run: async (input, ctx) => previewImport(ctx.deps, ownVillage(ctx), csvSheet(input.content)),
  }),

  importCommit: action({
    gate: gridGates.admin,
    schema: importInput,
    run: async (input, ctx) => commitImport(ctx.deps, ctx.actor, ownVillage(ctx), csvSheet(input.content)),
  }),

  peopleLedger: action({
    gate: gridGates.oversee,
    schema: peopleLedgerInput,
    load: (input, ctx) => loadVillages(input.villageId, ctx),
    authorize: ({ villages }, actor) => mayOverseeVillages(actor, villages),
    run: async (_input, { deps, loaded }) => ({ ...(await loadPeopleLedger(deps.db, loaded.villages)), title: ledgerTitle(loaded) }),
  }),

  exportPeopleLedger: csvAction(peopleLedgerExport),
};

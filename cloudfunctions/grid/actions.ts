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
import { gridsWorked, hasRole, type Role } from '@domain/org/roles';
import { phoneFor, privateAccess } from '@domain/grid/privacy';
import { peopleLedgerCsv } from '@domain/grid/peopleLedger';
import { sortTags } from '@domain/org/tags';
import { assertWorksGrid } from '@domain/points/submitRules';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { orgRepo } from '@backend/repos/org';
import { rosterRepo } from '@backend/repos/roster';
import { C } from '@backend/repos/collections';
import { adminVillageOf, villagesReadable } from '@backend/grid/access';
import { villageTree } from '@backend/grid/tree';
import { createGrid, moveHousehold, renameGrid, setGridRole } from '@backend/grid/gridAdmin';
import { householdDetail, saveRoster } from '@backend/grid/roster';
import { commitImport, previewImport } from '@backend/grid/importRoster';
import { loadPeopleLedger } from '@backend/grid/peopleLedger';

/** Village roles that see every grid of their village. */
const VILLAGE_WIDE: Role[] = ['village_admin', 'reviewer', 'supervisor'];

export const grid: FunctionDef<'grid'> = {
  /** The grids I may open, with household counts. */
  list: action(listInput, async (_input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const villageWide = person.villageId !== null && VILLAGE_WIDE.some((r) => hasRole(person.roles, r, person.villageId ?? undefined));
    const grids = villageWide ? await orgRepo.gridsOfVillage(db, person.villageId as string) : await orgRepo.grids(db, gridsWorked(person.roles));
    if (grids.length === 0) throw new DomainError('FORBIDDEN', '您没有负责的网格');
    const counts = await Promise.all(grids.map((g) => db.collection(C.households).where({ gridId: g._id }).count()));
    return { items: grids.map((g, i) => ({ id: g._id, name: g.name, householdCount: counts[i].total })) };
  }),

  /**
   * The households of a grid, with members: its grid workers and leaders (with tags and phones),
   * or the village admin (tags hidden and phones masked here: the detail read is the logged one).
   */
  households: action(householdsInput, async (input, ctx) => {
    const person = await me(ctx);
    const gridId = input.gridId ?? gridsWorked(person.roles)[0];
    if (!gridId) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以查看网格住户');
    const db = ctx.deps.db;
    const g = await orgRepo.grid(db, gridId);
    // The village admin (村两委) keeps the roster of every grid in the village.
    if (!(g && hasRole(person.roles, 'village_admin', g.villageId))) assertWorksGrid(person, gridId);
    if (!g) throw new DomainError('NOT_FOUND', '找不到该网格');
    const worker = privateAccess(person.roles, { ...g, gridId: g._id }) === 'grid';
    // 一组2号 before 一组10号: door numbers in natural order (a grid holds ≤ 100 households).
    const households = (await orgRepo.householdsOfGrid(db, gridId)).sort((a, b) => a.doorNo.localeCompare(b.doorNo, 'zh-CN', { numeric: true }));
    const members = await orgRepo.membersOfHouseholds(db, households.map((h) => h._id));
    return {
      grid: { id: g._id, name: g.name },
      items: households.map((h) => ({
        id: h._id,
        doorNo: h.doorNo,
        headName: h.headName,
        memberCount: h.memberCount,
        members: members
          .filter((m) => m.householdId === h._id)
          .map((m) => ({ id: m._id, name: m.name, relation: m.relation, phone: phoneFor(worker ? 'grid' : null, m.phone) })),
        tags: worker ? sortTags(h.tags ?? []) : null,
        tagged: (h.tags?.length ?? 0) > 0,
      })),
    };
  }),

  /** The grid tree with 不漏户 flags: the village admin's village, or the town admin's villages. */
  tree: action(treeInput, async (input, ctx) => {
    const person = await me(ctx);
    const { town, villages } = await villagesReadable(ctx.deps.db, person, input.villageId);
    const nodes = [];
    for (const v of villages) nodes.push(await villageTree(ctx.deps.db, v));
    return { town: { id: town._id, name: town.name }, villages: nodes };
  }),

  createGrid: action(createGridInput, async (input, ctx) => {
    const person = await me(ctx);
    const g = await createGrid(ctx.deps, person, adminVillageOf(person), input.name);
    return { id: g._id, name: g.name };
  }),

  renameGrid: action(renameGridInput, async (input, ctx) => {
    const person = await me(ctx);
    const g = await renameGrid(ctx.deps, person, adminVillageOf(person), input.gridId, input.name);
    return { id: g._id, name: g.name };
  }),

  moveHousehold: action(moveHouseholdInput, async (input, ctx) => {
    const person = await me(ctx);
    const r = await moveHousehold(ctx.deps, person, adminVillageOf(person), input.householdId, input.toGridId);
    return { householdId: r.household._id, gridId: r.household.gridId, householdCount: r.count };
  }),

  setRole: action(setRoleInput, async (input, ctx) => {
    const person = await me(ctx);
    const staff = await setGridRole(ctx.deps, person, adminVillageOf(person), input);
    return { gridId: input.gridId, staff };
  }),

  findPeople: action(findPeopleInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = adminVillageOf(person);
    const db = ctx.deps.db;
    const found = await orgRepo.peopleNamed(db, villageId, input.name);
    const items = [];
    for (const p of found) {
      const h = p.householdId ? await orgRepo.household(db, p.householdId) : null;
      const g = h?.gridId ? await orgRepo.grid(db, h.gridId) : null;
      items.push({ id: p._id, name: p.name, doorNo: h?.doorNo ?? null, gridName: g?.name ?? null });
    }
    return { items };
  }),

  household: action(householdInput, async (input, ctx) => householdDetail(ctx.deps, await me(ctx), input.householdId)),

  saveRoster: action(saveRosterInput, async (input, ctx) => saveRoster(ctx.deps, await me(ctx), input)),

  privacyLog: action(privacyLogInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = adminVillageOf(person);
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
  }),

  importPreview: action(importInput, async (input, ctx) => {
    const person = await me(ctx);
    return previewImport(ctx.deps, adminVillageOf(person), input);
  }),

  importCommit: action(importInput, async (input, ctx) => {
    const person = await me(ctx);
    return commitImport(ctx.deps, person, adminVillageOf(person), input);
  }),

  peopleLedger: action(peopleLedgerInput, async (input, ctx) => {
    const person = await me(ctx);
    const { town, villages } = await villagesReadable(ctx.deps.db, person, input.villageId);
    const ledger = await loadPeopleLedger(ctx.deps.db, villages);
    return { ...ledger, title: villages.length === 1 ? villages[0].name : town.name };
  }),

  exportPeopleLedger: action(peopleLedgerInput, async (input, ctx) => {
    const person = await me(ctx);
    const { town, villages } = await villagesReadable(ctx.deps.db, person, input.villageId);
    const ledger = await loadPeopleLedger(ctx.deps.db, villages);
    return peopleLedgerCsv(villages.length === 1 ? villages[0].name : town.name, cstDate(ctx.deps.now()), ledger);
  }),
};

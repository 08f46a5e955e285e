import { householdsInput, listInput } from '@domain/api/grid';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked, hasRole, type Role } from '@domain/org/roles';
import { assertWorksGrid } from '@domain/points/submitRules';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { orgRepo } from '@backend/repos/org';
import { C } from '@backend/repos/collections';

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

  /** The households of a grid, with members: its grid workers and leaders, or the village admin. */
  households: action(householdsInput, async (input, ctx) => {
    const person = await me(ctx);
    const gridId = input.gridId ?? gridsWorked(person.roles)[0];
    if (!gridId) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以查看网格住户');
    const db = ctx.deps.db;
    const g = await orgRepo.grid(db, gridId);
    // The village admin (村两委) keeps the roster of every grid in the village.
    if (!(g && hasRole(person.roles, 'village_admin', g.villageId))) assertWorksGrid(person, gridId);
    if (!g) throw new DomainError('NOT_FOUND', '找不到该网格');
    const households = await orgRepo.householdsOfGrid(db, gridId);
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
          .map((m) => ({ id: m._id, name: m.name, relation: m.relation })),
      })),
    };
  }),
};

import { householdsInput } from '@domain/api/grid';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked } from '@domain/org/roles';
import { assertWorksGrid } from '@domain/points/submitRules';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { orgRepo } from '@backend/repos/org';

export const grid: FunctionDef<'grid'> = {
  /** The households of a grid I work, with members. Grid workers and leaders of that grid only. */
  households: action(householdsInput, async (input, ctx) => {
    const person = await me(ctx);
    const gridId = input.gridId ?? gridsWorked(person.roles)[0];
    if (!gridId) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以查看网格住户');
    assertWorksGrid(person, gridId);
    const db = ctx.deps.db;
    const g = await orgRepo.grid(db, gridId);
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

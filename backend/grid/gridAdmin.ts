import { DomainError } from '@domain/shared/errors';
import { assertGridHasRoom } from '@domain/org/gridCapacity';
import { policyWithDefaults } from '@domain/org/policy';
import { ROLE_LABELS } from '@domain/org/roles';
import type { Grid, GridStaff, Household, Person } from '@domain/org/types';
import { DatabaseError } from '../db/types';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { rosterRepo, type OrgChange } from '../repos/roster';

/**
 * Village admin's changes to the grid tree. Each writes its change record in the same step.
 * Whether the admin may touch the grid or household is the grid policy's (mayAdministerGrid,
 * mayMoveHousehold), decided before these run.
 */
type Ctx = Pick<Deps, 'db' | 'now' | 'newId'>;

function change(deps: Ctx, actor: Person, v: { townId: string; villageId: string }, kind: OrgChange['kind'], targetId: string, summary: string): OrgChange {
  return { _id: `oc_${deps.newId()}`, townId: v.townId, villageId: v.villageId, kind, targetId, summary, actorId: actor._id, actorName: actor.name, at: deps.now() };
}

const nameTaken = (name: string) => new DomainError('GRID_NAME_TAKEN', `本村已有名为「${name}」的网格`);

export async function createGrid(deps: Ctx, actor: Person, villageId: string, name: string): Promise<Grid> {
  const v = await orgRepo.village(deps.db, villageId);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  if (await orgRepo.gridNamed(deps.db, villageId, name)) throw nameTaken(name);
  const grid: Grid = { _id: `g-${deps.newId()}`, townId: v.townId, villageId, name, level: 3, createdAt: deps.now(), staff: [] };
  try {
    await deps.db.runTransaction(async (tx) => {
      const { _id, ...rest } = grid;
      await tx.collection<Grid>(C.grids).doc(_id).set(rest);
      await rosterRepo.logChange(tx, change(deps, actor, { townId: v.townId, villageId }, 'create_grid', _id, `新建网格「${name}」`));
    });
  } catch (e) {
    // Two admins creating the same name at once: the unique index (villageId, name) decides.
    if (e instanceof DatabaseError && e.code === 'DUPLICATE_KEY') throw nameTaken(name);
    throw e;
  }
  return grid;
}

export async function renameGrid(deps: Ctx, actor: Person, g: Grid, name: string): Promise<Grid> {
  const gridId = g._id;
  if (g.name === name) return g;
  const other = await orgRepo.gridNamed(deps.db, g.villageId, name);
  if (other && other._id !== gridId) throw nameTaken(name);
  try {
    await deps.db.runTransaction(async (tx) => {
      await tx.collection<Grid>(C.grids).doc(gridId).update({ name });
      await rosterRepo.logChange(tx, change(deps, actor, g, 'rename_grid', gridId, `网格「${g.name}」改名为「${name}」`));
    });
  } catch (e) {
    if (e instanceof DatabaseError && e.code === 'DUPLICATE_KEY') throw nameTaken(name);
    throw e;
  }
  return { ...g, name };
}

/**
 * Moves a household into another grid of its village, refused over the cap (GRID_FULL). The
 * count is read just before the move; two admins filling the last slot of one grid at the same
 * instant could pass it together (the tree then flags the grid as over the cap).
 */
export async function moveHousehold(deps: Ctx, actor: Person, h: Household, to: Grid): Promise<{ household: Household; count: number }> {
  const householdId = h._id;
  const toGridId = to._id;
  if (h.gridId === toGridId) return { household: h, count: await orgRepo.countHouseholdsOfGrid(deps.db, toGridId) };
  const v = await orgRepo.village(deps.db, h.villageId);
  const count = await orgRepo.countHouseholdsOfGrid(deps.db, toGridId);
  assertGridHasRoom(count, policyWithDefaults(v?.policy));
  const from = h.gridId ? await orgRepo.grid(deps.db, h.gridId) : null;
  await deps.db.runTransaction(async (tx) => {
    await tx.collection<Household>(C.households).doc(householdId).update({ gridId: toGridId });
    await rosterRepo.logChange(tx, change(deps, actor, h, 'move_household', householdId, `${h.doorNo}（户主 ${h.headName}）从「${from?.name ?? '未划网格'}」移入「${to.name}」`));
  });
  return { household: { ...h, gridId: toGridId }, count: count + 1 };
}

/** Makes (or unmakes) a person of the village a leader or worker of a grid: Person.roles and the grid's staff list together. */
export async function setGridRole(
  deps: Ctx,
  actor: Person,
  g: Grid,
  input: { personId: string; role: GridStaff['role']; assigned: boolean },
): Promise<GridStaff[]> {
  const villageId = g.villageId;
  const p = await orgRepo.person(deps.db, input.personId);
  if (!p) throw new DomainError('NOT_FOUND', '找不到该人员');
  if (p.villageId !== villageId) throw new DomainError('NOT_IN_VILLAGE', `${p.name} 不是本村村民，不能担任本村网格${ROLE_LABELS[input.role]}`);
  return deps.db.runTransaction(async (tx) => {
    const person = (await tx.collection<Person>(C.people).doc(p._id).get()).data;
    const grid = (await tx.collection<Grid>(C.grids).doc(g._id).get()).data;
    if (!person || !grid) throw new DomainError('NOT_FOUND');
    const holds = person.roles.some((r) => r.role === input.role && r.scopeId === g._id);
    const staff = (grid.staff ?? []).filter((s) => !(s.personId === p._id && s.role === input.role));
    if (input.assigned) staff.push({ personId: p._id, name: person.name, role: input.role });
    if (holds !== input.assigned) {
      const roles = input.assigned
        ? [...person.roles, { role: input.role, scope: 'grid' as const, scopeId: g._id }]
        : person.roles.filter((r) => !(r.role === input.role && r.scopeId === g._id));
      await tx.collection<Person>(C.people).doc(p._id).update({ roles });
      const verb = input.assigned ? '任命' : '免去';
      await rosterRepo.logChange(tx, change(deps, actor, g, 'set_role', g._id, `${verb} ${person.name} 为「${grid.name}」${ROLE_LABELS[input.role]}`));
    }
    await tx.collection<Grid>(C.grids).doc(g._id).update({ staff });
    return staff;
  });
}

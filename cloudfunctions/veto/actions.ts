import { countersignInput, listVetoInput, mineVetoInput, recordVetoInput, rejectVetoInput, vetoHouseholdsInput } from '@domain/api/veto';
import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Role } from '@domain/org/roles';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { holdsIn, scopesOf, villageAs } from '@backend/runtime/scope';
import { orgRepo } from '@backend/repos/org';
import { vetoesRepo } from '@backend/repos/vetoes';
import { recordVeto } from '@backend/veto/record';
import { countersign, reject } from '@backend/veto/decide';

const REVIEWER: Role[] = ['reviewer'];
const SUPERVISOR: Role[] = ['supervisor'];
const READERS: Role[] = ['reviewer', 'supervisor', 'village_admin'];

/** The village whose vetoes this person may read: their committee/admin village, or (town admin) a village of the town. */
async function readableVillage(db: Database, person: Person, asked: string | undefined): Promise<string> {
  const own = scopesOf(person, READERS);
  if (asked === undefined) {
    if (own.length === 0) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组和村两委可以查看一票否决记录');
    return own[0];
  }
  if (own.includes(asked)) return asked;
  const towns = scopesOf(person, ['town_admin']);
  if (towns.length > 0) {
    const v = await orgRepo.village(db, asked);
    if (v && towns.includes(v.townId)) return v._id;
    throw new DomainError('NOT_FOUND', '找不到该村');
  }
  if (own.length === 0) throw new DomainError('FORBIDDEN', '只有评议小组、监督小组和村两委可以查看一票否决记录');
  throw new DomainError('NOT_FOUND', '找不到该村');
}

/** The veto, if this person supervises its village; other villages see nothing. */
async function supervisedVeto(db: Database, person: Person, vetoId: string) {
  if (scopesOf(person, SUPERVISOR).length === 0) throw new DomainError('FORBIDDEN', '只有监督小组成员可以会签');
  const v = await vetoesRepo.get(db, vetoId);
  if (!v || !holdsIn(person, SUPERVISOR, v.villageId)) throw new DomainError('NOT_FOUND', '找不到该一票否决事项');
  return v;
}

export const veto: FunctionDef<'veto'> = {
  /** 评议小组成员: record a negative-list event for a household of the village; waits for 会签. */
  record: action(recordVetoInput, async (input, ctx) => {
    const person = await me(ctx);
    if (scopesOf(person, REVIEWER).length === 0) throw new DomainError('FORBIDDEN', '只有评议小组成员可以登记一票否决事项');
    const household = await orgRepo.household(ctx.deps.db, input.householdId);
    if (!household || !holdsIn(person, REVIEWER, household.villageId)) throw new DomainError('NOT_FOUND', '找不到该户');
    return recordVeto(ctx.deps, person, household, input);
  }),

  /** 监督小组成员: countersign; the veto takes effect in the same transaction. */
  countersign: action(countersignInput, async (input, ctx) => {
    const person = await me(ctx);
    const v = await supervisedVeto(ctx.deps.db, person, input.vetoId);
    return countersign(ctx.deps, person, v._id, input.note?.trim() || null);
  }),

  /** 监督小组成员: refuse, with a reason. */
  reject: action(rejectVetoInput, async (input, ctx) => {
    const person = await me(ctx);
    const v = await supervisedVeto(ctx.deps.db, person, input.vetoId);
    return reject(ctx.deps, person, v._id, input.reason);
  }),

  /** The village's vetoes, newest event first, paged by offset. */
  list: action(listVetoInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = await readableVillage(ctx.deps.db, person, input.villageId);
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const items = await vetoesRepo.ofVillage(ctx.deps.db, villageId, { status: input.status, limit: limit + 1, offset });
    return { items: items.slice(0, limit), nextOffset: items.length > limit ? offset + limit : null };
  }),

  /** A household member: the vetoes that took effect on my household, with the reason. */
  mine: action(mineVetoInput, async (_input, ctx) => {
    const person = await me(ctx);
    if (!person.householdId) throw new DomainError('FORBIDDEN', '您不属于任何一户');
    const items = await vetoesRepo.ofHousehold(ctx.deps.db, person.householdId);
    return { items: items.filter((v) => v.status === 'effective') };
  }),

  /** 评议小组成员: the village's grids, and the households of one (default: the first) for the record form. */
  households: action(vetoHouseholdsInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, REVIEWER, '只有评议小组成员可以登记一票否决事项');
    const db = ctx.deps.db;
    const grids = await orgRepo.gridsOfVillage(db, villageId);
    const gridId = input.gridId ?? grids[0]?._id ?? null;
    if (gridId !== null && !grids.some((g) => g._id === gridId)) throw new DomainError('NOT_FOUND', '找不到该网格');
    const households = gridId ? await orgRepo.householdsOfGrid(db, gridId) : [];
    return {
      grids: grids.map((g) => ({ id: g._id, name: g.name })),
      gridId,
      // Ids are zero-padded (h-qs-1-03): door order, where the door text sorts 一组10号 before 一组2号.
      items: households.map((h) => ({ id: h._id, doorNo: h.doorNo, headName: h.headName })).sort((a, b) => (a.id < b.id ? -1 : 1)),
    };
  }),
};

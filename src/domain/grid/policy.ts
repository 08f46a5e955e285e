import type { Role, RoleAssignment } from '../org/roles';
import type { Household } from '../org/types';
import { maskPhone } from '../org/phone';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';

/**
 * Who may do what in the grid context: the grid tree and roster (网格管理、住户名册), roster
 * privacy, and patrols (定点巡查、入户走访). The grid workers' assessment is in assessmentPolicy.ts.
 */
const WORKERS: Role[] = ['grid_worker', 'grid_leader'];
const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];
const OVERSEERS: Role[] = ['village_admin', 'town_admin'];
/** Village roles that see every grid of their village in the grid list. */
const VILLAGE_WIDE: Role[] = ['village_admin', 'reviewer', 'supervisor'];

export const gridGates = {
  list: roles([...WORKERS, ...VILLAGE_WIDE], '您没有负责的网格'),
  households: roles([...WORKERS, ...ADMIN], '只有网格员、网格长或村两委可以查看网格住户'),
  /** Anyone: a household outside one's remit answers NOT_FOUND, so households cannot be probed. */
  household: anyPerson,
  saveRoster: anyPerson,
  /** The grid tree and the 人员信息分布台账. */
  oversee: roles(OVERSEERS, '只有村两委和镇管理员可以查看'),
  /** Grids, staff, households' grids, the roster import and the privacy log. */
  admin: roles(ADMIN, '只有村两委可以管理网格和住户名册'),
} as const;

export const patrolGates = {
  record: roles(WORKERS, '只有网格员或网格长可以记录巡查和走访'),
  visit: roles(WORKERS, '只有网格员或网格长可以记录走访'),
  due: roles(WORKERS, '只有网格员或网格长可以查看巡查走访任务'),
  mine: roles(WORKERS, '只有网格员或网格长有巡查走访记录'),
  ledger: roles(OVERSEERS, '只有村两委和镇管理员可以查看定点巡查台账'),
} as const;

// ── Grid workers ───────────────────────────────────────────────────────────────

/** The grids this person works as worker or leader, in role order (the first is their default). */
export function workedGrids(actor: Pick<Actor, 'roles'>): string[] {
  return scopesOf(actor, WORKERS);
}

/** A worker acts only on a grid they work [000 网格员代申报]. */
export function mayWorkGrid(actor: Pick<Actor, 'roles'>, gridId: string): Decision {
  return allowIf(holdsIn(actor, WORKERS, gridId), 'NOT_IN_GRID', '该网格不在您负责的范围内');
}

/** Whose grids a person lists: a village-wide role in their home village lists the village's; a worker their own. */
export function gridListScope(actor: Actor): { villageId: string } | { gridIds: string[] } {
  if (actor.villageId !== null && holdsIn(actor, VILLAGE_WIDE, actor.villageId)) return { villageId: actor.villageId };
  return { gridIds: workedGrids(actor) };
}

// ── Roster privacy ─────────────────────────────────────────────────────────────

/**
 * "严格保护个人隐私" [002]: a household's tags and its members' phone numbers are seen only by
 * the household's grid workers/leaders and by the village and town admins. Every other view
 * (publicity, shop, reports, other grids) leaves them out or masks them.
 */
export type PrivateAccess = 'grid' | 'village_admin' | 'town_admin';

type Place = Pick<Household, 'townId' | 'villageId' | 'gridId'>;

export function privateAccess(roleList: readonly RoleAssignment[], h: Place): PrivateAccess | null {
  const who = { roles: roleList };
  if (h.gridId !== '' && holdsIn(who, WORKERS, h.gridId)) return 'grid';
  if (holdsIn(who, ADMIN, h.villageId)) return 'village_admin';
  if (holdsIn(who, TOWN, h.townId)) return 'town_admin';
  return null;
}

/**
 * An admin opening a TAGGED household's detail leaves a trace the village admin can read
 * (privacyReads): the grid worker keeps the roster as their job; admins look in from above.
 */
export function mustLogRead(access: PrivateAccess, h: Pick<Household, 'tags'>): boolean {
  return access !== 'grid' && (h.tags?.length ?? 0) > 0;
}

/** A phone as this viewer may see it. */
export function phoneFor(access: PrivateAccess | null, phone: string | null | undefined): string | null {
  if (!phone) return null;
  return access === null ? maskPhone(phone) : phone;
}

/** A household's detail (tags, phones): whoever has private access; to anyone else it does not exist. */
export function mayOpenHousehold(actor: Pick<Actor, 'roles'>, h: Place): Decision {
  return allowIf(privateAccess(actor.roles, h) !== null, 'NOT_FOUND', '找不到该住户');
}

/** Editing the roster: the grid's workers and the village admin; the town reads only. */
export function mayEditRoster(actor: Pick<Actor, 'roles'>, h: Place): Decision {
  const access = privateAccess(actor.roles, h);
  if (access === null) return deny('NOT_FOUND', '找不到该住户');
  return allowIf(access !== 'town_admin', 'FORBIDDEN', '镇管理员只能查看住户名册');
}

/**
 * A grid's household list: its workers and leaders, and the village admin (村两委 keeps every
 * grid's roster). Checked before the grid's existence, as a worker's answer never depended on it.
 */
export function mayListGridHouseholds(actor: Pick<Actor, 'roles'>, gridId: string, grid: { villageId: string } | null): Decision {
  if (grid && holdsIn(actor, ADMIN, grid.villageId)) return allow;
  if (workedGrids(actor).length === 0) return deny('FORBIDDEN', '只有网格员或网格长可以进行此操作');
  return allowIf(holdsIn(actor, WORKERS, gridId), 'NOT_IN_GRID', '该户不在您负责的网格内');
}

/** Tags and full phones in a grid's list: its workers only; an admin opens the detail, which is logged. */
export function seesGridPrivateFields(actor: Pick<Actor, 'roles'>, grid: { _id: string; townId: string; villageId: string }): boolean {
  return privateAccess(actor.roles, { ...grid, gridId: grid._id }) === 'grid';
}

// ── Grid administration (village admin) ─────────────────────────────────────────

/** The village whose grid tree and roster this person administers (their first), if any. */
export function adminVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/** Another village's grid does not exist for an admin. */
export function mayAdministerGrid(actor: Pick<Actor, 'roles'>, grid: { villageId: string }): Decision {
  return allowIf(holdsIn(actor, ADMIN, grid.villageId), 'NOT_FOUND', '找不到该网格');
}

/** A household moves only between grids of its own village, by that village's admin (null: no such record). */
export function mayMoveHousehold(actor: Pick<Actor, 'roles'>, household: { villageId: string } | null, to: { villageId: string } | null): Decision {
  if (!household || !holdsIn(actor, ADMIN, household.villageId)) return deny('NOT_FOUND', '找不到该住户');
  return allowIf(!!to && to.villageId === household.villageId, 'NOT_FOUND', '找不到该网格');
}

// ── Oversight (village and town admins' 台账) ────────────────────────────────────

/** The town this person administers, if any (a town admin reads every village of it). */
export function overseenTown(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, TOWN)[0] ?? null;
}

function oversees(actor: Pick<Actor, 'roles'>, place: { townId: string; villageId: string }): boolean {
  return holdsIn(actor, TOWN, place.townId) || holdsIn(actor, ADMIN, place.villageId);
}

/** Villages read by an overseer: their own (the town admin: of their town). Any other: NOT_FOUND, as if it did not exist. */
export function mayOverseeVillages(actor: Pick<Actor, 'roles'>, villages: readonly { _id: string; townId: string }[]): Decision {
  const ok = villages.length > 0 && villages.every((v) => oversees(actor, { townId: v.townId, villageId: v._id }));
  return allowIf(ok, 'NOT_FOUND', '找不到该村');
}

/** What a patrol 台账 is asked for: one grid, one village, or the overseer's whole town. */
export type PatrolLedgerTarget<G, V> = { grid: G } | { village: V } | { townId: string };

/**
 * 定点巡查台账: the village admin their village (or a grid of it), the town admin their town (or
 * a village or grid of it). Another village's or town's grid or village: NOT_FOUND.
 */
export function mayReadPatrolLedger<G extends { townId: string; villageId: string }, V extends { _id: string; townId: string }>(
  actor: Pick<Actor, 'roles'>,
  target: PatrolLedgerTarget<G, V>,
): Decision {
  if ('grid' in target) return allowIf(oversees(actor, target.grid), 'NOT_FOUND', '找不到该网格');
  if ('village' in target) return mayOverseeVillages(actor, [target.village]);
  return allowIf(holdsIn(actor, TOWN, target.townId), 'FORBIDDEN', '只有村两委和镇管理员可以查看定点巡查台账');
}

/** The village an overseer reads when they name none: none for a town admin (the whole town), else their own. */
export function defaultOverseenVillage(actor: Pick<Actor, 'roles'>): string | undefined {
  return overseenTown(actor) ? undefined : (adminVillage(actor) ?? undefined);
}

import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { Unit } from './types';

/** Who may do what with units (单位积分). */
export const unitGates = {
  /** The register: the village admin keeps it. */
  save: roles(['village_admin'], '只有村两委可以登记单位'),
  /** Anyone may ask; the list holds what the caller may see (mayReadUnit). */
  list: anyPerson,
  get: anyPerson,
  /** The unit's 负责人, the village admin or a grid worker of its grid (mayApplyForUnit). */
  submit: anyPerson,
} as const;

/** The village whose register the caller keeps (the village admin's). */
export function registerVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ['village_admin'])[0] ?? null;
}

/** The village admin of the unit's village. */
export function mayManageUnit(actor: Pick<Actor, 'roles'>, unit: Pick<Unit, 'villageId'>): Decision {
  return allowIf(holdsIn(actor, ['village_admin'], unit.villageId), 'NOT_FOUND', '找不到该单位');
}

/**
 * 单位申报: the unit's 负责人, or on its behalf the village admin or a grid worker/leader of the
 * unit's grid. A closed unit applies for nothing.
 */
export function mayApplyForUnit(actor: Pick<Actor, '_id' | 'roles'>, unit: Pick<Unit, 'villageId' | 'gridId' | 'responsiblePersonId' | 'active'>): Decision {
  const ok =
    unit.responsiblePersonId === actor._id ||
    holdsIn(actor, ['village_admin'], unit.villageId) ||
    holdsIn(actor, ['grid_worker', 'grid_leader'], unit.gridId);
  if (!ok) return deny('NOT_FOUND', '找不到该单位');
  return allowIf(unit.active, 'INVALID_TRANSITION', '该单位已注销，不能再申报');
}

/**
 * The role a 代申报 for the unit is filed in: null for its 负责人 (their own) and for a grid
 * worker or leader of its grid ('grid_worker', 网格员代申报); 'village_admin' for the village
 * admin who works no grid of it (村两委代申报).
 */
export function unitOnBehalfRole(actor: Pick<Actor, '_id' | 'roles'>, unit: Pick<Unit, 'villageId' | 'gridId' | 'responsiblePersonId'>): 'village_admin' | null {
  if (unit.responsiblePersonId === actor._id || holdsIn(actor, ['grid_worker', 'grid_leader'], unit.gridId)) return null;
  return holdsIn(actor, ['village_admin'], unit.villageId) ? 'village_admin' : null;
}

/** A unit's redemption code: its 负责人 alone (the shop's policy unitsRedeem is checked when the code is made). */
export function mayShowUnitCode(actor: Pick<Actor, '_id'>, unit: Pick<Unit, 'responsiblePersonId'> | null): Decision {
  return allowIf(!!unit && unit.responsiblePersonId === actor._id, 'NOT_FOUND', '找不到该单位');
}

/**
 * A unit's ledger and applications: those who may apply for it, the village's committees, and
 * the town admin. Its points are public anyway on the quarter's publicity.
 */
export function mayReadUnit(actor: Pick<Actor, '_id' | 'roles' | 'townId'>, unit: Pick<Unit, 'villageId' | 'gridId' | 'responsiblePersonId' | 'townId'>): Decision {
  if (unit.responsiblePersonId === actor._id) return allow;
  if (holdsIn(actor, ['village_admin', 'reviewer', 'supervisor'], unit.villageId)) return allow;
  if (holdsIn(actor, ['grid_worker', 'grid_leader'], unit.gridId)) return allow;
  return allowIf(holdsIn(actor, ['town_admin'], unit.townId), 'NOT_FOUND', '找不到该单位');
}

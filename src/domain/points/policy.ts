import type { Role } from '../org/roles';
import { gridsWorked } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';
import { DomainError, ERROR_MESSAGES } from '../shared/errors';
import type { Application } from './application';

/** Who may do what with points applications (申报 → 初审). */
const GRID_WORKERS: Role[] = ['grid_worker', 'grid_leader'];
/** Village roles that may read any application of their village. */
const VILLAGE_OVERSIGHT: Role[] = ['reviewer', 'supervisor', 'village_admin'];

export const pointsGates = {
  // Anyone may try: a person without a household gets NOT_OWN_HOUSEHOLD (maySubmitFor), not a gate's FORBIDDEN.
  submit: anyPerson,
  submitOnBehalf: roles(GRID_WORKERS, '只有网格员或网格长可以代申报'),
  firstReview: roles(GRID_WORKERS, '只有网格员或网格长可以初审'),
  gridQueue: roles(GRID_WORKERS, '只有网格员或网格长可以查看初审队列'),
  mine: anyPerson,
  get: anyPerson,
} as const;

/** A villager reports only for their own household [003: the household is the scoring unit]. */
export function maySubmitFor(actor: Pick<Actor, 'householdId'>, household: { _id: string } | null): Decision {
  if (!actor.householdId) return deny('NOT_OWN_HOUSEHOLD', '您不属于任何一户，不能申报积分');
  return allowIf(household?._id === actor.householdId, 'NOT_OWN_HOUSEHOLD', ERROR_MESSAGES.NOT_OWN_HOUSEHOLD);
}

/** A grid worker or leader acts only on households of a grid they work [000 网格员代申报]. */
export function mayWorkGrid(actor: Pick<Actor, 'roles'>, gridId: string): Decision {
  const grids = gridsWorked(actor.roles);
  if (grids.length === 0) return deny('FORBIDDEN', '只有网格员或网格长可以进行此操作');
  return allowIf(grids.includes(gridId), 'NOT_IN_GRID', ERROR_MESSAGES.NOT_IN_GRID);
}

/**
 * 初审 by a worker of the household's grid [000], with four eyes: nobody reviews their own
 * household (回避), nor an application they reported themselves (代申报): someone else of the
 * grid (another worker or its leader) does. The page asks this too before offering the buttons.
 */
export function mayFirstReview(
  actor: Pick<Actor, '_id' | 'roles' | 'householdId'>,
  app: Pick<Application, 'gridId' | 'householdId' | 'submittedBy'>,
): Decision {
  const grid = mayWorkGrid(actor, app.gridId);
  if (!grid.ok) return grid;
  if (actor.householdId === app.householdId) return deny('OWN_HOUSEHOLD_REVIEW', ERROR_MESSAGES.OWN_HOUSEHOLD_REVIEW);
  if (app.submittedBy === actor._id) return deny('OWN_WORK_REVIEW', ERROR_MESSAGES.OWN_WORK_REVIEW);
  return allow;
}

/**
 * One application: members of the household, its grid's workers, the village's committees and
 * admin, and the town. Others get NOT_FOUND, so ids of other households cannot be probed.
 */
export function mayReadApplication(actor: Actor, app: Pick<Application, 'householdId' | 'gridId' | 'villageId' | 'townId'>): Decision {
  const allowed =
    actor.householdId === app.householdId ||
    gridsWorked(actor.roles).includes(app.gridId) ||
    holdsIn(actor, VILLAGE_OVERSIGHT, app.villageId) ||
    holdsIn(actor, ['town_admin'], app.townId);
  return allowIf(allowed, 'NOT_FOUND', '找不到该申报，或您无权查看');
}

/** For rules checked inside a use case (a transaction re-reads what it decides on): a refusal thrown. */
export function orThrow(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}

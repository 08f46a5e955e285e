import type { Role } from '../org/roles';
import { gridsWorked } from '../org/roles';
import { anyPerson, householdMember, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, type Actor } from '../access/actor';
import { DomainError, ERROR_MESSAGES } from '../shared/errors';
import type { Application } from './application';
import type { Household } from '../org/types';

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
  /** 他人举报/推荐: a villager reports a deed of another household of the village. */
  report: householdMember('只有本村村民可以举报或推荐'),
  /** A village's households to pick from (masked): for a report, a committee visit or a town inspection. */
  reportTargets: anyPerson,
  /** 评议小组走访: recorded by a reviewer straight into the month's audit. */
  recordVisit: roles(['reviewer'], '只有评议小组成员可以登记走访'),
  /** 上级检查: recorded by the town admin straight into the village's month audit. */
  recordInspection: roles(['town_admin'], '只有镇管理员可以登记上级检查'),
  /** Each member's contribution to the household's points in a year. */
  members: anyPerson,
} as const;

/**
 * 他人举报/推荐 [000]: a villager of the same village, about another household: one's own
 * household's deeds are reported with 申报, never as "another villager" (no self-recommendation).
 */
export function mayReport(actor: Pick<Actor, 'householdId' | 'villageId'>, household: Pick<Household, '_id' | 'villageId'>): Decision {
  if (household.villageId !== actor.villageId) return deny('NOT_FOUND', '找不到该户');
  return allowIf(household._id !== actor.householdId, 'OWN_HOUSEHOLD_REPORT', ERROR_MESSAGES.OWN_HOUSEHOLD_REPORT);
}

/** 评议小组走访: a reviewer of the household's village, never on their own household (回避). */
export function mayRecordVisit(actor: Pick<Actor, 'roles' | 'householdId'>, household: Pick<Household, '_id' | 'villageId'>): Decision {
  if (!holdsIn(actor, ['reviewer'], household.villageId)) return deny('NOT_FOUND', '找不到该户');
  return allowIf(household._id !== actor.householdId, 'OWN_HOUSEHOLD_REVIEW', ERROR_MESSAGES.OWN_HOUSEHOLD_REVIEW);
}

/** 上级检查: the town admin of the household's town. */
export function mayRecordInspection(actor: Pick<Actor, 'roles'>, household: Pick<Household, 'townId'>): Decision {
  return allowIf(holdsIn(actor, ['town_admin'], household.townId), 'NOT_FOUND', '找不到该户');
}

/** Whose households one may pick from: one's home village, a village one reviews in, or a village of one's town (town admin). */
export function mayPickHouseholdsIn(actor: Pick<Actor, 'roles' | 'villageId'>, village: { _id: string; townId: string }): Decision {
  const ok = actor.villageId === village._id || holdsIn(actor, ['reviewer'], village._id) || holdsIn(actor, ['town_admin'], village.townId);
  return allowIf(ok, 'NOT_FOUND', '找不到该村');
}

/** Who sees a household's per-member contributions: as who sees its applications. */
export function mayReadHouseholdPoints(actor: Actor, household: Pick<Household, '_id' | 'gridId' | 'villageId' | 'townId'>): Decision {
  return mayReadApplication(actor, { householdId: household._id, gridId: household.gridId, villageId: household.villageId, townId: household.townId });
}

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
 * 回避: the application scores the actor's own household, or a unit (单位积分) the actor is the
 * 负责人 of (named as the deed's member when it was filed).
 */
export function isOwnSubject(actor: Pick<Actor, '_id' | 'householdId'>, app: Pick<Application, 'householdId' | 'subject' | 'memberId'>): boolean {
  return actor.householdId === app.householdId || (app.subject === 'unit' && app.memberId === actor._id);
}

/**
 * 初审 by a worker of the household's grid [000], with four eyes: nobody reviews their own
 * household (回避), nor an application they reported themselves (代申报): someone else of the
 * grid (another worker or its leader) does. The page asks this too before offering the buttons.
 */
export function mayFirstReview(
  actor: Pick<Actor, '_id' | 'roles' | 'householdId'>,
  app: Pick<Application, 'gridId' | 'householdId' | 'submittedBy' | 'subject' | 'memberId'>,
): Decision {
  const grid = mayWorkGrid(actor, app.gridId);
  if (!grid.ok) return grid;
  if (isOwnSubject(actor, app)) return deny('OWN_HOUSEHOLD_REVIEW', ERROR_MESSAGES.OWN_HOUSEHOLD_REVIEW);
  if (app.submittedBy === actor._id) return deny('OWN_WORK_REVIEW', ERROR_MESSAGES.OWN_WORK_REVIEW);
  return allow;
}

/**
 * One application: members of the household, its grid's workers, the village's committees and
 * admin, and the town. Others get NOT_FOUND, so ids of other households cannot be probed.
 */
export function mayReadApplication(
  actor: Actor,
  app: Pick<Application, 'householdId' | 'gridId' | 'villageId' | 'townId'> & Partial<Pick<Application, 'submittedBy' | 'subject' | 'memberId'>>,
): Decision {
  const allowed =
    // The household, or a unit's 负责人 (isOwnSubject).
    isOwnSubject(actor, app) ||
    // Whoever recorded it (a villager's report, a reviewer's visit) follows it.
    (app.submittedBy !== undefined && app.submittedBy === actor._id) ||
    gridsWorked(actor.roles).includes(app.gridId) ||
    holdsIn(actor, VILLAGE_OVERSIGHT, app.villageId) ||
    holdsIn(actor, ['town_admin'], app.townId);
  return allowIf(allowed, 'NOT_FOUND', '找不到该申报，或您无权查看');
}

/** For rules checked inside a use case (a transaction re-reads what it decides on): a refusal thrown. */
export function orThrow(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}

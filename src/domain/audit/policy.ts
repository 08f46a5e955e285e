import type { Role } from '../org/roles';
import { roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import { isOwnSubject } from '../points/policy';

/**
 * Who may do what in the monthly audit (月度评议) and the base score (基础评分) [003]: the
 * committee decides, four eyes. Reviewers of the village sign (a quorum of different reviewers
 * makes the decision), never for their own household; supervisors freeze and unfreeze; only
 * the committee lead (`RoleAssignment.lead`) closes a month.
 */
const REVIEWER: Role[] = ['reviewer'];
const SUPERVISOR: Role[] = ['supervisor'];
/** Who reads a village's audit and base scores: the village's reviewers, supervisors and admin. */
const VILLAGE_AUDIT_READERS: Role[] = ['reviewer', 'supervisor', 'village_admin'];
/** …and the town admin, for every village of their town. */
const TOWN_AUDIT_READER: Role[] = ['town_admin'];

export const auditGates = {
  read: roles([...VILLAGE_AUDIT_READERS, ...TOWN_AUDIT_READER], '只有评议小组、监督小组、村两委和镇管理员可以查看月度评议'),
  sign: roles(REVIEWER, '只有评议小组成员可以签字'),
  freeze: roles(SUPERVISOR, '只有监督小组成员可以冻结'),
  unfreeze: roles(SUPERVISOR, '只有监督小组成员可以解冻'),
  /** Every reviewer passes; the lead is checked on the village (mayCloseMonth). */
  close: roles(REVIEWER, '只有评议小组组长可以结账'),
  recordBaseScore: roles(REVIEWER, '只有评议小组成员可以登记基础评分'),
  readBaseScores: roles(VILLAGE_AUDIT_READERS, '只有评议小组、监督小组和村两委可以查看基础评分'),
} as const;

type VillageRef = { _id: string; townId: string };
/** What the audit rules need of an application. */
type AuditedApplication = { villageId: string; householdId: string; subject?: 'unit'; memberId?: string };

/** The village whose audit a person opens when they name none: where they sit on a committee or the village committee. */
export function defaultAuditVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, VILLAGE_AUDIT_READERS)[0] ?? null;
}

/** The town whose villages' audit a town admin reads, if they are one. */
export function auditTownOf(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, TOWN_AUDIT_READER)[0] ?? null;
}

/**
 * A village's audit (months, applications with signatures, history): its reviewers,
 * supervisors and admin; the town admin of its town. Others: NOT_FOUND (as for an unknown
 * village), so villages cannot be probed.
 */
export function mayReadAudit(actor: Actor, village: VillageRef): Decision {
  const ok = (holdsIn(actor, VILLAGE_AUDIT_READERS, village._id) || holdsIn(actor, TOWN_AUDIT_READER, village.townId));
  return allowIf(ok, 'NOT_FOUND', '找不到该村，或您无权查看');
}

export function isReviewerOf(actor: Pick<Actor, 'roles'>, villageId: string): boolean {
  return holdsIn(actor, REVIEWER, villageId);
}

export function isSupervisorOf(actor: Pick<Actor, 'roles'>, villageId: string): boolean {
  return holdsIn(actor, SUPERVISOR, villageId);
}

/** The committee lead (组长): a reviewer assignment of the village marked `lead`. */
export function leadsCommittee(actor: Pick<Actor, 'roles'>, villageId: string): boolean {
  return actor.roles.some((r) => r.role === 'reviewer' && r.scopeId === villageId && r.lead === true);
}

/** The village whose committee this person leads, if any. */
export function leadVillageOf(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, REVIEWER).find((v) => leadsCommittee(actor, v)) ?? null;
}

/**
 * A reviewer of the application's village signs it, never for their own household (回避).
 * Another village's application is NOT_FOUND, as an unknown one. (The domain's `sign` refuses the own household
 * again, on the application read in the transaction.)
 */
export function maySign(actor: Actor, app: AuditedApplication): Decision {
  if (!isReviewerOf(actor, app.villageId)) return deny('NOT_FOUND', '找不到该申报，或您无权操作');
  if (isOwnSubject(actor, app)) return deny('OWN_HOUSEHOLD_REVIEW', '不能审核本户或本人负责单位的申报（需回避）');
  return allow;
}

/** A supervisor of the application's village freezes or unfreezes it (any supervisor lifts a freeze). */
export function mayFreeze(actor: Actor, app: AuditedApplication): Decision {
  return allowIf(isSupervisorOf(actor, app.villageId), 'NOT_FOUND', '找不到该申报，或您无权操作');
}

/** Only the committee lead closes the village's month (and posts it to the ledger). */
export function mayCloseMonth(actor: Pick<Actor, 'roles'>, villageId: string | null): Decision {
  return allowIf(villageId !== null && leadsCommittee(actor, villageId), 'FORBIDDEN', '只有评议小组组长可以结账');
}

/** A reviewer of the household's village scores it, never their own household (回避). */
export function mayScoreHousehold(actor: Actor, household: { _id: string; villageId: string }): Decision {
  if (!isReviewerOf(actor, household.villageId)) return deny('NOT_FOUND', '找不到该户，或您无权评分');
  if (actor.householdId === household._id) return deny('OWN_HOUSEHOLD_REVIEW', '不能为本户评分（需回避）');
  return allow;
}

/** A grid's base scores: the reviewers, supervisors and admin of its village. */
export function mayReadBaseScores(actor: Actor, grid: { villageId: string }): Decision {
  return allowIf(holdsIn(actor, VILLAGE_AUDIT_READERS, grid.villageId), 'NOT_FOUND', '找不到该网格，或您无权查看');
}

/** What the audit page offers this person in a village. */
export function auditRoleIn(actor: Pick<Actor, 'roles'>, villageId: string): { reviewer: boolean; leader: boolean; supervisor: boolean } {
  return { reviewer: isReviewerOf(actor, villageId), leader: leadsCommittee(actor, villageId), supervisor: isSupervisorOf(actor, villageId) };
}

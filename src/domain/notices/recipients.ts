import type { Role, RoleAssignment } from '../org/roles';
import type { NoticeKind } from './kinds';

/**
 * Who receives each kind. Only people in scope: a household's notices go to its own members,
 * a committee's to that village's committee, the town's to that town's admins. A villager never
 * learns about another household.
 */
export type Audience =
  /** Members of the subject's household. */
  | { to: 'household' }
  /** The household's head only. */
  | { to: 'household_head' }
  /** Everyone of the subject's village who belongs to a household of it. */
  | { to: 'village_households' }
  /** Holders of these roles on the subject's village. */
  | { to: 'village_roles'; roles: readonly Role[] }
  /** Holders of these roles on the subject's grid. */
  | { to: 'grid_roles'; roles: readonly Role[] }
  /** Town admins of the subject's town. */
  | { to: 'town_admins' }
  /** The people the trigger names (objector, handler, reporter …). */
  | { to: 'named' };

const GRID_STAFF: readonly Role[] = ['grid_worker', 'grid_leader'];

export const AUDIENCES: Record<NoticeKind, readonly Audience[]> = {
  application_submitted: [{ to: 'grid_roles', roles: GRID_STAFF }],
  application_reported: [{ to: 'household' }],
  application_first_reviewed: [{ to: 'household' }],
  application_returned: [{ to: 'household' }],
  audit_decided: [{ to: 'household' }],
  audit_due: [{ to: 'village_roles', roles: ['reviewer'] }],
  audit_month_closed: [{ to: 'village_roles', roles: ['village_admin'] }],
  publicity_opened: [{ to: 'village_households' }],
  publicity_closing: [{ to: 'village_roles', roles: ['village_admin', 'reviewer', 'supervisor'] }],
  objection_filed: [{ to: 'village_roles', roles: ['reviewer', 'supervisor'] }],
  objection_decided: [{ to: 'named' }],
  quarter_sent: [{ to: 'town_admins' }],
  quarter_approved: [{ to: 'village_roles', roles: ['village_admin'] }],
  quarter_returned: [{ to: 'village_roles', roles: ['village_admin'] }],
  // On the town's approval every household's quarter becomes redeemable at once: one notice for the village.
  points_redeemable: [{ to: 'village_households' }],
  ranking_published: [{ to: 'village_households' }],
  ranking_objection_filed: [{ to: 'village_roles', roles: ['reviewer'] }],
  ranking_objection_proposed: [{ to: 'village_roles', roles: ['reviewer'] }],
  ranking_objection_answered: [{ to: 'named' }],
  redemption_receipt: [{ to: 'household' }],
  event_dispatched: [{ to: 'named' }],
  event_near_deadline: [{ to: 'named' }],
  event_overdue: [{ to: 'named' }, { to: 'grid_roles', roles: ['grid_leader'] }],
  event_closed: [{ to: 'named' }],
  veto_waiting: [{ to: 'village_roles', roles: ['supervisor'] }],
  join_request: [{ to: 'household_head' }, { to: 'grid_roles', roles: ['grid_worker', 'grid_leader'] }],
};

/** What a notice is about, as far as its audience goes. */
export interface NoticeScope {
  townId?: string | null;
  villageId?: string | null;
  gridId?: string | null;
  householdId?: string | null;
  /**
   * When `householdId` is a unit's (单位积分): its 负责人, who gets what a household's members get
   * about its applications.
   */
  unitResponsibleId?: string | null;
  /** The household's head (join requests). */
  headPersonId?: string | null;
  /** People the trigger names (only used by kinds whose audience includes `named`). */
  named?: readonly (string | null | undefined)[];
  /** Whoever caused it: never told about their own act. */
  actorId?: string | null;
}

/** What the selection needs to know of a person. */
export interface Candidate {
  _id: string;
  villageId: string | null;
  householdId: string | null;
  roles: readonly RoleAssignment[];
}

function holds(p: Candidate, roles: readonly Role[], scopeId: string | null | undefined): boolean {
  return !!scopeId && p.roles.some((r) => roles.includes(r.role) && r.scopeId === scopeId);
}

function matches(a: Audience, p: Candidate, s: NoticeScope): boolean {
  switch (a.to) {
    case 'household':
      return (!!s.householdId && p.householdId === s.householdId) || (!!s.unitResponsibleId && p._id === s.unitResponsibleId);
    case 'household_head':
      return !!s.headPersonId && p._id === s.headPersonId && p.householdId === s.householdId;
    case 'village_households':
      return !!s.villageId && p.villageId === s.villageId && !!p.householdId;
    case 'village_roles':
      return holds(p, a.roles, s.villageId);
    case 'grid_roles':
      return holds(p, a.roles, s.gridId);
    case 'town_admins':
      return holds(p, ['town_admin'], s.townId);
    case 'named':
      return (s.named ?? []).includes(p._id);
  }
}

/**
 * The recipients of a notice among the candidates a trigger read (any superset is safe: whoever
 * is out of scope is dropped here), each once, in candidate order, never the actor.
 */
export function selectRecipients(kind: NoticeKind, scope: NoticeScope, candidates: readonly Candidate[]): string[] {
  const out: string[] = [];
  for (const p of candidates) {
    if (p._id === scope.actorId || out.includes(p._id)) continue;
    if (AUDIENCES[kind].some((a) => matches(a, p, scope))) out.push(p._id);
  }
  return out;
}

/** Which candidate sets a trigger has to read for a kind (so it reads no more than needed). */
export function audienceNeeds(kind: NoticeKind): Set<Audience['to']> {
  return new Set(AUDIENCES[kind].map((a) => a.to));
}

/** Who hears about an application: its household, or for a unit's application (单位积分) the unit's 负责人 it named. */
export function applicationScope(app: { householdId: string; subject?: 'unit'; memberId?: string }): Pick<NoticeScope, 'householdId' | 'unitResponsibleId'> {
  return app.subject === 'unit' ? { householdId: app.householdId, unitResponsibleId: app.memberId ?? null } : { householdId: app.householdId };
}

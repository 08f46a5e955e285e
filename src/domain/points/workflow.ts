import { DomainError } from '../shared/errors';
import type { Household, Person } from '../org/types';
import type { ResolvedItem } from './submitRules';

/**
 * What an application scores, in the household's terms: a unit (单位积分) fills them with its
 * id, grid, name (as the head's) and kind (as the door), and says `subject: 'unit'`.
 */
export type ScoredSubject = Pick<Household, '_id' | 'townId' | 'villageId' | 'gridId' | 'doorNo' | 'headName'> & { subject?: 'unit' };
import { skipsFirstReview, STATUS_LABELS, type Application, type ApplicationSource, type HistoryAction } from './application';
import { mayFirstReview, orThrow } from './policy';

export interface NewApplicationInput {
  id: string;
  now: number;
  actor: Person;
  /** Who is scored: a household, or a unit (src/domain/units) in the household's fields. */
  household: ScoredSubject;
  source: ApplicationSource;
  resolved: ResolvedItem;
  deedDate: string;
  place: string;
  description: string;
  photos: string[];
  /** The household member the deed is about (default: the actor). */
  member?: Pick<Person, '_id' | 'name'>;
  /** A 代申报 filed as the village admin (a unit's), not as a grid worker. */
  onBehalfRole?: 'village_admin';
}

const SUBMIT_ACTIONS: Record<ApplicationSource, HistoryAction> = {
  self: 'submit',
  grid_worker: 'submit_on_behalf',
  villager_report: 'report',
  committee_visit: 'record_visit',
  inspection: 'record_inspection',
};

/** Builds the submitted application; every rule has been checked by the caller's rule calls. */
export function newApplication(i: NewApplicationInput): Application {
  const action = SUBMIT_ACTIONS[i.source];
  return {
    _id: i.id,
    townId: i.household.townId,
    villageId: i.household.villageId,
    gridId: i.household.gridId,
    householdId: i.household._id,
    householdName: i.household.headName,
    doorNo: i.household.doorNo,
    itemCode: i.resolved.item.code,
    itemName: i.resolved.item.name,
    categoryName: i.resolved.category.name,
    points: i.resolved.item.points,
    unit: i.resolved.item.unit,
    catalogueVersionId: i.resolved.version._id,
    catalogueVersion: i.resolved.version.version,
    deedDate: i.deedDate,
    place: i.place,
    description: i.description,
    photos: i.photos,
    source: i.source,
    ...(i.source === 'grid_worker' && i.onBehalfRole ? { onBehalfRole: i.onBehalfRole } : {}),
    submittedBy: i.actor._id,
    submittedByName: i.actor.name,
    memberId: (i.member ?? i.actor)._id,
    memberName: (i.member ?? i.actor).name,
    ...(i.resolved.item.negativeList ? { negativeList: true } : {}),
    ...(i.household.subject === 'unit' ? { subject: 'unit' as const } : {}),
    // A committee visit or a town inspection is already a finding of the committee or the town: no 初审.
    status: skipsFirstReview(i.source) ? 'first_reviewed' : 'submitted',
    history: [{ at: i.now, action, actorId: i.actor._id, actorName: i.actor.name, note: null }],
    createdAt: i.now,
    updatedAt: i.now,
  };
}

export type FirstReviewDecision = 'pass' | 'return';

/**
 * 初审 by the household's grid worker [000]. Who may (grid, 回避, four eyes) is the policy's,
 * asked again here on the application as the transaction read it. Returning needs a reason the
 * villager can act on.
 */
export function firstReview(
  app: Application,
  actor: Person,
  decision: FirstReviewDecision,
  reason: string | undefined,
  now: number,
  /** The committee audit month it joins on a pass (see audit/month.ts monthForFirstReview). */
  auditMonth?: string,
): Application {
  orThrow(mayFirstReview(actor, app));
  if (app.status !== 'submitted') throw new DomainError('INVALID_TRANSITION', `该申报当前为“${STATUS_LABELS[app.status]}”，不能再初审`);
  const note = reason?.trim() ? reason.trim() : null;
  if (decision === 'return' && !note) throw new DomainError('REASON_REQUIRED');
  return {
    ...app,
    status: decision === 'pass' ? 'first_reviewed' : 'returned',
    ...(decision === 'pass' && auditMonth ? { auditMonth } : {}),
    history: [
      ...app.history,
      {
        at: now,
        action: decision === 'pass' ? 'first_review_pass' : 'first_review_return',
        actorId: actor._id,
        actorName: actor.name,
        note,
      },
    ],
    updatedAt: now,
  };
}

import type { IsoDate } from '../shared/time';
import type { ItemUnit } from '../catalogue/types';
import type { AuditState } from '../audit/types';

/**
 * Application lifecycle: the grid worker's 初审, then the committee's monthly audit
 * (src/domain/audit): a decision takes effect when the quorum agrees.
 *   submitted ──pass──▶ first_reviewed ──quorum──▶ approved | rejected | fraud
 *       └──return──▶ returned
 * An adjustment is `approved` with `audit.points` different from `points`. Whether the points
 * are in the ledger follows from the audit month's status (closed = 入账), not from here.
 */
export type ApplicationStatus = 'submitted' | 'first_reviewed' | 'returned' | 'approved' | 'rejected' | 'fraud';

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待初审',
  first_reviewed: '初审通过，待评议',
  returned: '已退回',
  approved: '评议通过',
  rejected: '评议未通过',
  fraud: '认定虚假申报',
};

/**
 * Who recorded it [000 一日一记录][003], SPEC §4's five sources: the household itself, its grid
 * worker (代申报), another villager (他人举报/推荐), the review committee on a visit (评议小组走访)
 * and the town on an inspection (上级检查). The last two skip 初审 and go straight to the audit.
 */
export const APPLICATION_SOURCES = ['self', 'grid_worker', 'villager_report', 'committee_visit', 'inspection'] as const;
export type ApplicationSource = (typeof APPLICATION_SOURCES)[number];

export const SOURCE_LABELS: Record<ApplicationSource, string> = {
  self: '本人申报',
  grid_worker: '网格员代申报',
  villager_report: '村民举报/推荐',
  committee_visit: '评议小组走访',
  inspection: '上级检查',
};

/** 代申报 by the village admin (a unit's application): labelled by that role, not 网格员. */
export const ADMIN_ON_BEHALF_LABEL = '村两委代申报';

/** Who recorded it, by the role they filed in. */
export function sourceLabelOf(app: Pick<Application, 'source' | 'onBehalfRole'>): string {
  return app.source === 'grid_worker' && app.onBehalfRole === 'village_admin' ? ADMIN_ON_BEHALF_LABEL : SOURCE_LABELS[app.source];
}

/** A history line's label: the 代申报 by the role it was filed in. */
export function historyLabelOf(app: Pick<Application, 'onBehalfRole'>, action: HistoryAction): string {
  return action === 'submit_on_behalf' && app.onBehalfRole === 'village_admin' ? ADMIN_ON_BEHALF_LABEL : HISTORY_LABELS[action];
}

/** Sources recorded by the committee or the town: straight into the month's audit, no 初审. */
export function skipsFirstReview(source: ApplicationSource): boolean {
  return source === 'committee_visit' || source === 'inspection';
}

export type HistoryAction =
  | 'submit'
  | 'submit_on_behalf'
  | 'report'
  | 'record_visit'
  | 'record_inspection'
  | 'first_review_pass'
  | 'first_review_return'
  | 'audit_sign'
  | 'audit_resign'
  | 'audit_decide'
  | 'audit_freeze'
  | 'audit_unfreeze';

export const HISTORY_LABELS: Record<HistoryAction, string> = {
  submit: '提交申报',
  submit_on_behalf: '网格员代申报',
  report: '村民举报/推荐',
  record_visit: '评议小组走访登记',
  record_inspection: '上级检查登记',
  first_review_pass: '初审通过',
  first_review_return: '初审退回',
  audit_sign: '评议签字',
  audit_resign: '更改签字',
  audit_decide: '评议生效',
  audit_freeze: '监督小组冻结',
  audit_unfreeze: '解除冻结',
};

/** Append-only: who did what, when. */
export interface HistoryEntry {
  at: number;
  action: HistoryAction;
  actorId: string;
  actorName: string;
  note: string | null;
}

export interface Application {
  _id: string;
  townId: string;
  villageId: string;
  gridId: string;
  householdId: string;
  /** Household head's name, for the grid worker's queue. */
  householdName: string;
  doorNo: string;
  itemCode: string;
  itemName: string;
  categoryName: string;
  /** Points as the catalogue version in force on deedDate says. */
  points: number;
  unit: ItemUnit;
  catalogueVersionId: string;
  catalogueVersion: number;
  deedDate: IsoDate;
  place: string;
  description: string;
  /** File ids from the file port. */
  photos: string[];
  source: ApplicationSource;
  /**
   * The role a 代申报 ('grid_worker' source) was filed in when it was not a grid worker's: the
   * village admin filing for a unit (单位积分). Absent: a grid worker or leader of the grid.
   */
  onBehalfRole?: 'village_admin';
  submittedBy: string;
  submittedByName: string;
  /** The household member the deed is about (default: the submitter, or the head when someone outside the household records it). Absent on older applications. */
  memberId?: string;
  memberName?: string;
  /**
   * 'unit': the application scores a unit (单位积分, src/domain/units): `householdId` is then the
   * unit's id (its ledger account), `householdName` its name, `doorNo` its kind. Absent: a household.
   */
  subject?: 'unit';
  /** A negative-list item (负面清单): approved in the audit, it opens a veto record for the committee. */
  negativeList?: boolean;
  status: ApplicationStatus;
  /** 'YYYY-MM' of the committee audit it is in: set when it passes first review (absent on older ones: the deed's month). */
  auditMonth?: string;
  /** The committee's signatures and decision, from first review on. */
  audit?: AuditState;
  history: HistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

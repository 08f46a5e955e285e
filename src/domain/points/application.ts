import type { IsoDate } from '../shared/time';
import type { ItemUnit } from '../catalogue/types';

/**
 * Application lifecycle. This issue covers the first hop (grid worker 初审);
 * the monthly committee audit adds its states later.
 *   submitted ──pass──▶ first_reviewed
 *       └──return──▶ returned
 */
export type ApplicationStatus = 'submitted' | 'first_reviewed' | 'returned';

export const STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '待初审',
  first_reviewed: '初审通过，待评议',
  returned: '已退回',
};

/** Who recorded it [000 一日一记录]: the household itself or its grid worker (代申报). */
export type ApplicationSource = 'self' | 'grid_worker';

export const SOURCE_LABELS: Record<ApplicationSource, string> = {
  self: '本人申报',
  grid_worker: '网格员代申报',
};

export type HistoryAction = 'submit' | 'submit_on_behalf' | 'first_review_pass' | 'first_review_return';

export const HISTORY_LABELS: Record<HistoryAction, string> = {
  submit: '提交申报',
  submit_on_behalf: '网格员代申报',
  first_review_pass: '初审通过',
  first_review_return: '初审退回',
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
  submittedBy: string;
  submittedByName: string;
  status: ApplicationStatus;
  history: HistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

import type { IsoDate } from '../shared/time';

/** How an item's points accrue: per occurrence, or at most once per month / per year. */
export type ItemUnit = 'per_time' | 'per_month' | 'per_year';

export const UNIT_LABELS: Record<ItemUnit, string> = {
  per_time: '每次',
  per_month: '每月',
  per_year: '每年',
};

export type CapPeriod = 'month' | 'quarter' | 'year';

export interface CatalogueItem {
  /** Stable code within the catalogue, e.g. "SA-01"; an application refers to it. */
  code: string;
  name: string;
  /** Positive = reward, negative = deduction. */
  points: number;
  unit: ItemUnit;
  /** Max applications per household per period; null = no cap beyond the unit. */
  cap: { times: number; period: CapPeriod } | null;
  evidenceRequired: boolean;
  /** Negative-list (负面清单) items trigger the veto. */
  negativeList: boolean;
  /** Whether villagers may self-report it (awards and deductions are recorded by the committee). */
  selfReport: boolean;
}

export interface CatalogueCategory {
  code: string;
  name: string;
  /** household = 户/个人, unit = 单位 (businesses, associations) */
  subject: 'household' | 'unit';
  items: CatalogueItem[];
}

/**
 * Filing (备案) [003 "原则上以年度为单位进行调整，并上报党建办进行备案"]: the village admin edits a
 * draft, submits it to the town, the town files it (it is in force from `effectiveFrom`) or
 * returns it with a reason (the village edits it again). Versions stored before filing existed
 * have no status: they count as filed.
 */
export type CatalogueStatus = 'draft' | 'submitted' | 'filed' | 'returned';

export const CATALOGUE_STATUS_LABELS: Record<CatalogueStatus, string> = {
  draft: '草稿',
  submitted: '已报镇备案',
  filed: '已备案',
  returned: '镇退回修改',
};

export interface CatalogueHistoryEntry {
  at: number;
  action: 'create' | 'save' | 'submit' | 'file' | 'return';
  actorId: string;
  actorName: string;
  note: string | null;
}

/** A catalogue version; the one in force on a date is the latest filed one with effectiveFrom ≤ date. */
export interface CatalogueVersion {
  _id: string;
  villageId: string;
  version: number;
  effectiveFrom: IsoDate;
  categories: CatalogueCategory[];
  createdAt: number;
  createdBy: string;
  /** Absent on versions seeded before filing existed: filed. */
  status?: CatalogueStatus;
  /** The town, for the town's filing queue (absent on seeded versions). */
  townId?: string;
  /** The version this draft was copied from. */
  basedOn?: string | null;
  /** Append-only: who created, saved, submitted, filed or returned it. */
  history?: CatalogueHistoryEntry[];
}

/** Filed = in force from its date (absent status: a version from before filing existed). */
export function isFiled(v: Pick<CatalogueVersion, 'status'>): boolean {
  return v.status === undefined || v.status === 'filed';
}

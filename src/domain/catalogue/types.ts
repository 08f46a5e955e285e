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

/** A catalogue version; the one in force on a date is the latest with effectiveFrom ≤ date. */
export interface CatalogueVersion {
  _id: string;
  villageId: string;
  version: number;
  effectiveFrom: IsoDate;
  categories: CatalogueCategory[];
  createdAt: number;
  createdBy: string;
}

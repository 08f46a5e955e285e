import { DomainError } from '../shared/errors';
import { cstDate, isIsoDate, monthIndex, monthOf, quarterOf, yearOf, type IsoDate } from '../shared/time';
import type { CatalogueCategory, CatalogueItem, CatalogueVersion } from '../catalogue/types';
import { findItem, versionInForce } from '../catalogue/versions';
import type { VillagePolicy } from '../org/policy';
import type { Household, Person } from '../org/types';
import type { ApplicationSource } from './application';
import { maySubmitFor, mayWorkGrid, orThrow } from './policy';

/** A villager reports only for their own household: pointsPolicy.maySubmitFor, thrown. */
export function assertOwnHousehold(actor: Person, household: Household): void {
  orThrow(maySubmitFor(actor, household));
}

/** A grid worker or leader acts only on households of a grid they work: pointsPolicy.mayWorkGrid, thrown. */
export function assertWorksGrid(actor: Person, gridId: string): void {
  orThrow(mayWorkGrid(actor, gridId));
}

/** Not in the future; not older than the policy window ("本月或上月" by default). */
export function assertDeedDate(deedDate: string, now: number, policy: VillagePolicy): void {
  if (!isIsoDate(deedDate)) throw new DomainError('BAD_INPUT', '日期格式应为 YYYY-MM-DD');
  const today = cstDate(now);
  if (deedDate > today) throw new DomainError('DATE_IN_FUTURE');
  if (monthIndex(today) - monthIndex(deedDate) > policy.submitWindowMonths) {
    throw new DomainError('DATE_TOO_OLD', `事项发生日期超出可申报期限（只能申报${windowLabel(policy.submitWindowMonths)}的事项）`);
  }
}

function windowLabel(months: number): string {
  if (months === 0) return '本月';
  if (months === 1) return '本月或上月';
  return `近 ${months + 1} 个月内`;
}

export interface ResolvedItem {
  version: CatalogueVersion;
  category: CatalogueCategory;
  item: CatalogueItem;
}

/** Who an application scores: a household (户) or a unit (单位: shops, associations …). */
export type SubjectKind = 'household' | 'unit';

/** The item must exist in the catalogue version in force on the deed's date [003 备案, versioned]. */
export function resolveItem(
  versions: readonly CatalogueVersion[],
  deedDate: IsoDate,
  itemCode: string,
  source: ApplicationSource,
  subject: SubjectKind = 'household',
): ResolvedItem {
  const version = versionInForce(versions, deedDate);
  const found = version ? findItem(version, itemCode) : null;
  if (!version || !found) throw new DomainError('ITEM_NOT_IN_CATALOGUE');
  // 单位积分类 is for units only, and units claim nothing else.
  if (subject === 'household' && found.category.subject === 'unit') throw new DomainError('UNIT_ITEM');
  if (subject === 'unit' && found.category.subject !== 'unit') throw new DomainError('HOUSEHOLD_ITEM');
  const { item } = found;
  const byCommittee = source === 'committee_visit' || source === 'inspection';
  // A negative-list event may be found by the committee on a visit or by the town: approved, it opens a veto.
  if (item.negativeList) {
    if (!byCommittee) throw new DomainError('FORBIDDEN', '该项目由评议小组在月度审核中认定，不能申报');
  } else if (item.points === 0) {
    // The fraud penalty (no fixed points: the audit computes it) is the committee's alone.
    throw new DomainError('FORBIDDEN', '该项目由评议小组在月度审核中认定，不能申报');
  }
  // Honours and the base score are not claimed by the household; its grid worker may report them,
  // and another villager may report a deduction (with evidence).
  if (source === 'self' && !item.selfReport) throw new DomainError('FORBIDDEN', '该项目由评议小组认定，不能自行申报');
  if (source === 'villager_report' && !item.selfReport && item.points >= 0) {
    throw new DomainError('FORBIDDEN', '该项目由评议小组认定，不能举报或推荐');
  }
  return { version, category: found.category, item };
}

/** A villager's report of another household's deduction needs evidence, whatever the item says. */
export function assertReportEvidence(item: CatalogueItem, photoCount: number): void {
  if (item.points < 0 && photoCount === 0) throw new DomainError('EVIDENCE_REQUIRED', '举报扣分项目必须上传照片作为证据');
}

export function assertEvidence(item: CatalogueItem, photoCount: number, policy: VillagePolicy): void {
  if (photoCount > policy.maxPhotos) throw new DomainError('TOO_MANY_PHOTOS', `最多上传 ${policy.maxPhotos} 张照片`);
  if (item.evidenceRequired && photoCount === 0) throw new DomainError('EVIDENCE_REQUIRED');
}

/** What the file port knows of an uploaded photo. */
export interface PhotoFacts {
  fileId: string;
  /** Sniffed from the bytes, not the client's claim. */
  mime: string | null;
  size: number;
}

const IMAGE_MIMES = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function assertPhotos(photos: readonly PhotoFacts[], policy: VillagePolicy): void {
  for (const p of photos) {
    if (!p.mime || !IMAGE_MIMES.has(p.mime)) throw new DomainError('PHOTO_NOT_IMAGE');
    if (p.size > policy.maxPhotoBytes) {
      throw new DomainError('PHOTO_TOO_LARGE', `每张照片不能超过 ${Math.round(policy.maxPhotoBytes / 1024 / 1024)}MB`);
    }
  }
}

/**
 * The counter that enforces an item's cap: one document per household × item × period,
 * so the check and the increment happen in one transaction. Null when the item is uncapped.
 */
export function capKey(item: CatalogueItem, householdId: string, deedDate: IsoDate): string | null {
  const cap = effectiveCap(item);
  if (!cap) return null;
  const period = cap.period === 'month' ? monthOf(deedDate) : cap.period === 'quarter' ? quarterOf(deedDate) : yearOf(deedDate);
  return `${householdId}:${item.code}:${period}`;
}

/** A per-month or per-year item accrues at most once in its period even without an explicit cap. */
export function effectiveCap(item: CatalogueItem): CatalogueItem['cap'] {
  if (item.cap) return item.cap;
  if (item.unit === 'per_month') return { times: 1, period: 'month' };
  if (item.unit === 'per_year') return { times: 1, period: 'year' };
  return null;
}

export function assertUnderCap(item: CatalogueItem, usedSoFar: number): void {
  const cap = effectiveCap(item);
  if (cap && usedSoFar >= cap.times) {
    const label = cap.period === 'month' ? '每月' : cap.period === 'quarter' ? '每季度' : '每年';
    throw new DomainError('CAP_REACHED', `该项目${label}最多申报 ${cap.times} 次，本周期已达上限`);
  }
}

/**
 * Whether a household's (or, `subject` 'unit', a unit's) deed form offers this item to this
 * source: the rules `resolveItem` enforces, asked before sending (the server still checks).
 * Unit items only to units, the others only to households; negative-list
 * items only for the committee's visit and the town's inspection; the fraud penalty never; the
 * household itself only self-reportable items; another villager those and any deduction.
 */
export function itemOpenTo(category: Pick<CatalogueCategory, 'subject'>, item: CatalogueItem, source: ApplicationSource, subject: SubjectKind = 'household'): boolean {
  if ((category.subject === 'unit') !== (subject === 'unit')) return false;
  const byCommittee = source === 'committee_visit' || source === 'inspection';
  if (item.negativeList) return byCommittee;
  if (item.points === 0) return false;
  if (source === 'self') return item.selfReport;
  if (source === 'villager_report') return item.selfReport || item.points < 0;
  return true;
}

/**
 * 积分目录备案 [003]: "积分项目和分值应当具有相对稳定性，原则上以年度为单位进行调整，并上报党建办进行备案".
 * The village admin edits a draft copied from the version in force, submits it, and the town
 * files it (in force from its date) or returns it with a reason. Pure: time and actor are passed in.
 */
import { DomainError } from '../shared/errors';
import { isIsoDate, type IsoDate } from '../shared/time';
import type { CatalogueCategory, CatalogueHistoryEntry, CatalogueStatus, CatalogueVersion } from './types';

export interface FilingActor {
  id: string;
  name: string;
  at: number;
}

function entry(a: FilingActor, action: CatalogueHistoryEntry['action'], note: string | null): CatalogueHistoryEntry {
  return { at: a.at, action, actorId: a.id, actorName: a.name, note };
}

/** 1 January after `today`: the default date a new version takes effect ("以年度为单位"). */
export function nextJanuaryFirst(today: IsoDate): IsoDate {
  return `${Number(today.slice(0, 4)) + 1}-01-01`;
}

/** Statuses in which the village may still edit (a returned draft is edited and submitted again). */
export const EDITABLE: readonly CatalogueStatus[] = ['draft', 'returned'];

/** Codes unique across the catalogue (an application names its item by code); no empty category. */
export function assertCategories(categories: readonly CatalogueCategory[]): void {
  if (categories.length === 0) throw new DomainError('BAD_INPUT', '积分目录至少要有一个类别');
  const catCodes = new Set<string>();
  const itemCodes = new Set<string>();
  for (const c of categories) {
    if (catCodes.has(c.code)) throw new DomainError('BAD_INPUT', `类别编号「${c.code}」重复`);
    catCodes.add(c.code);
    if (c.items.length === 0) throw new DomainError('BAD_INPUT', `类别「${c.name}」没有积分项目，请删除该类别或添加项目`);
    for (const i of c.items) {
      if (itemCodes.has(i.code)) throw new DomainError('BAD_INPUT', `项目编号「${i.code}」重复`);
      itemCodes.add(i.code);
    }
  }
}

function assertFutureDate(effectiveFrom: IsoDate, today: IsoDate): void {
  if (!isIsoDate(effectiveFrom)) throw new DomainError('BAD_INPUT', '生效日期格式应为 YYYY-MM-DD');
  // A filed version never changes the scoring of deeds already done: it starts after today.
  if (effectiveFrom <= today) throw new DomainError('BAD_INPUT', `生效日期须晚于今天（${today}），默认为次年 1 月 1 日`);
}

export interface NewDraft {
  id: string;
  villageId: string;
  townId: string;
  version: number;
  effectiveFrom: IsoDate;
}

/** A draft starts as a copy of `base` (the version in force), or empty when the village has none. */
export function newDraft(base: CatalogueVersion | null, d: NewDraft, a: FilingActor): CatalogueVersion {
  return {
    _id: d.id,
    villageId: d.villageId,
    townId: d.townId,
    version: d.version,
    effectiveFrom: d.effectiveFrom,
    categories: base ? structuredCloneCategories(base.categories) : [],
    createdAt: a.at,
    createdBy: a.id,
    status: 'draft',
    basedOn: base?._id ?? null,
    history: [entry(a, 'create', base ? `复制自第 ${base.version} 版` : null)],
  };
}

function structuredCloneCategories(c: readonly CatalogueCategory[]): CatalogueCategory[] {
  return c.map((cat) => ({ ...cat, items: cat.items.map((i) => ({ ...i, cap: i.cap ? { ...i.cap } : null })) }));
}

function assertStatus(v: CatalogueVersion, allowed: readonly CatalogueStatus[], message: string): void {
  if (!v.status || !allowed.includes(v.status)) throw new DomainError('INVALID_TRANSITION', message);
}

/** The village admin saves the draft's items and date; a returned draft becomes a draft again. */
export function saveDraft(v: CatalogueVersion, edit: { categories: CatalogueCategory[]; effectiveFrom: IsoDate }, a: FilingActor, today: IsoDate): CatalogueVersion {
  assertStatus(v, EDITABLE, '该目录已报镇备案，不能再修改');
  assertCategories(edit.categories);
  assertFutureDate(edit.effectiveFrom, today);
  return {
    ...v,
    categories: edit.categories,
    effectiveFrom: edit.effectiveFrom,
    status: 'draft',
    history: [...(v.history ?? []), entry(a, 'save', null)],
  };
}

export function submitDraft(v: CatalogueVersion, a: FilingActor, today: IsoDate): CatalogueVersion {
  assertStatus(v, EDITABLE, '该目录已报镇备案或已备案');
  assertCategories(v.categories);
  assertFutureDate(v.effectiveFrom, today);
  return { ...v, status: 'submitted', history: [...(v.history ?? []), entry(a, 'submit', null)] };
}

/** The town files it: from `effectiveFrom` on, applications are scored by it. */
export function fileDraft(v: CatalogueVersion, a: FilingActor, today: IsoDate): CatalogueVersion {
  assertStatus(v, ['submitted'], '只有已报备案的目录可以备案');
  if (v.effectiveFrom <= today) {
    throw new DomainError('INVALID_TRANSITION', `生效日期 ${v.effectiveFrom} 已过，请退回村里改定生效日期`);
  }
  return { ...v, status: 'filed', history: [...(v.history ?? []), entry(a, 'file', null)] };
}

export function returnDraft(v: CatalogueVersion, a: FilingActor, reason: string): CatalogueVersion {
  assertStatus(v, ['submitted'], '只有已报备案的目录可以退回');
  if (!reason.trim()) throw new DomainError('REASON_REQUIRED', '退回时请填写原因');
  return { ...v, status: 'returned', history: [...(v.history ?? []), entry(a, 'return', reason.trim())] };
}

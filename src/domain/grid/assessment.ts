import { DomainError } from '../shared/errors';
import type { GridPlace } from './records';
import type { AssessmentWeights } from './assessmentWeights';
import type { Month, WorkerScore } from './assessmentScore';

/**
 * 网格员积分评定 [004]: the grid leader's monthly assessment of the grid's workers, one document
 * per grid and month (`${gridId}_${month}`).
 *
 *   (none) ──add item──▶ draft ──publish──▶ published ──correct (append)──▶ published …
 *
 * A draft holds the leader's manual items; the computed figures are recomputed from the records
 * until publication freezes them. A published assessment is never edited: a correction is a new
 * entry with a reason, added to the worker's total. Every change appends to `history`.
 */

export const MANUAL_CATEGORIES = ['commendation', 'complaint', 'discipline', 'other'] as const;
export type ManualCategory = (typeof MANUAL_CATEGORIES)[number];
export const MANUAL_CATEGORY_LABELS: Record<ManualCategory, string> = {
  commendation: '表彰奖励',
  complaint: '群众投诉',
  discipline: '纪律处分',
  other: '其他',
};
/** 表彰 adds, 投诉 and 处分 deduct (seed 004's 负面分), 其他 either way. */
const CATEGORY_SIGN: Record<ManualCategory, 1 | -1 | 0> = { commendation: 1, complaint: -1, discipline: -1, other: 0 };

export const MAX_MANUAL_POINTS = 100;

export interface ManualItem {
  /** From the client's requestId: a retried add finds the first. */
  id: string;
  workerId: string;
  workerName: string;
  category: ManualCategory;
  points: number;
  reason: string;
  byId: string;
  byName: string;
  at: number;
}

export interface Correction {
  id: string;
  workerId: string;
  workerName: string;
  points: number;
  reason: string;
  byId: string;
  byName: string;
  at: number;
}

export type AssessmentAction = 'open' | 'add_item' | 'remove_item' | 'publish' | 'correct';
export const ASSESSMENT_ACTION_LABELS: Record<AssessmentAction, string> = {
  open: '开始评定',
  add_item: '加减分',
  remove_item: '撤回加减分',
  publish: '发布',
  correct: '更正',
};

export interface AssessmentHistoryEntry {
  at: number;
  action: AssessmentAction;
  actorId: string;
  actorName: string;
  note: string | null;
}

export type AssessmentStatus = 'draft' | 'published';
export const ASSESSMENT_STATUS_LABELS: Record<AssessmentStatus | 'none', string> = { none: '未开始', draft: '草稿', published: '已发布' };

/** One worker's result: the computed items, the manual items, corrections, and the sum. */
export interface AssessmentLine extends WorkerScore {
  manualPoints: number;
  correctionPoints: number;
  total: number;
}

export interface Assessment extends GridPlace {
  _id: string;
  gridName: string;
  villageName: string;
  month: Month;
  status: AssessmentStatus;
  manualItems: ManualItem[];
  /** Frozen at publication (null while a draft: the page shows live figures). */
  lines: AssessmentLine[] | null;
  weights: AssessmentWeights | null;
  corrections: Correction[];
  history: AssessmentHistoryEntry[];
  publishedAt: number | null;
  publishedBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export function assessmentId(gridId: string, month: Month): string {
  return `${gridId}_${month}`;
}

export interface Actor {
  id: string;
  name: string;
}

export function newAssessment(place: GridPlace & { gridName: string; villageName: string }, month: Month, actor: Actor, now: number): Assessment {
  return {
    _id: assessmentId(place.gridId, month),
    townId: place.townId,
    villageId: place.villageId,
    gridId: place.gridId,
    gridName: place.gridName,
    villageName: place.villageName,
    month,
    status: 'draft',
    manualItems: [],
    lines: null,
    weights: null,
    corrections: [],
    history: [{ at: now, action: 'open', actorId: actor.id, actorName: actor.name, note: null }],
    publishedAt: null,
    publishedBy: null,
    createdAt: now,
    updatedAt: now,
  };
}

function assertDraft(a: Assessment): void {
  if (a.status !== 'draft') throw new DomainError('ASSESSMENT_PUBLISHED');
}

/** A manual item's points must agree with its category: 表彰 +, 投诉/处分 −, 其他 ≠ 0; |n| ≤ 100. */
export function checkManualPoints(category: ManualCategory, points: number): void {
  if (!Number.isInteger(points) || points === 0 || Math.abs(points) > MAX_MANUAL_POINTS) {
    throw new DomainError('BAD_INPUT', `加减分须为 1 至 ${MAX_MANUAL_POINTS} 之间的整数`);
  }
  const sign = CATEGORY_SIGN[category];
  if (sign !== 0 && Math.sign(points) !== sign) {
    throw new DomainError('BAD_INPUT', `${MANUAL_CATEGORY_LABELS[category]}${sign > 0 ? '只能加分' : '只能扣分'}`);
  }
}

function checkReason(reason: string): string {
  const r = reason.trim();
  if (r.length < 2 || r.length > 200) throw new DomainError('REASON_REQUIRED', '请填写理由（2–200 字）');
  return r;
}

const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

export function addManualItem(a: Assessment, item: Omit<ManualItem, 'byId' | 'byName' | 'at'>, actor: Actor, now: number): Assessment {
  if (a.manualItems.some((i) => i.id === item.id)) return a; // a retry: already there
  assertDraft(a);
  checkManualPoints(item.category, item.points);
  const reason = checkReason(item.reason);
  const added: ManualItem = { ...item, reason, byId: actor.id, byName: actor.name, at: now };
  return {
    ...a,
    manualItems: [...a.manualItems, added],
    history: [...a.history, { at: now, action: 'add_item', actorId: actor.id, actorName: actor.name, note: `${item.workerName} ${MANUAL_CATEGORY_LABELS[item.category]} ${signed(item.points)}：${reason}` }],
    updatedAt: now,
  };
}

export function removeManualItem(a: Assessment, itemId: string, actor: Actor, now: number): Assessment {
  assertDraft(a);
  const item = a.manualItems.find((i) => i.id === itemId);
  if (!item) throw new DomainError('NOT_FOUND', '找不到该加减分记录');
  return {
    ...a,
    manualItems: a.manualItems.filter((i) => i.id !== itemId),
    history: [...a.history, { at: now, action: 'remove_item', actorId: actor.id, actorName: actor.name, note: `${item.workerName} ${MANUAL_CATEGORY_LABELS[item.category]} ${signed(item.points)}：${item.reason}` }],
    updatedAt: now,
  };
}

/** The lines of an assessment: computed scores plus the manual items and corrections of each worker. */
export function linesOf(scores: readonly WorkerScore[], manualItems: readonly ManualItem[], corrections: readonly Correction[]): AssessmentLine[] {
  return scores.map((s) => {
    const manualPoints = manualItems.filter((i) => i.workerId === s.workerId).reduce((n, i) => n + i.points, 0);
    const correctionPoints = corrections.filter((c) => c.workerId === s.workerId).reduce((n, c) => n + c.points, 0);
    return { ...s, manualPoints, correctionPoints, total: s.autoPoints + manualPoints + correctionPoints };
  });
}

/** Freezes the figures: from now on only corrections change a total. */
export function publish(a: Assessment, scores: readonly WorkerScore[], weights: AssessmentWeights, actor: Actor, now: number): Assessment {
  assertDraft(a);
  const orphan = a.manualItems.find((i) => !scores.some((s) => s.workerId === i.workerId));
  if (orphan) throw new DomainError('BAD_INPUT', `${orphan.workerName}已不是本网格网格员，请先撤回其加减分`);
  return {
    ...a,
    status: 'published',
    lines: linesOf(scores, a.manualItems, []),
    weights,
    publishedAt: now,
    publishedBy: actor.id,
    history: [...a.history, { at: now, action: 'publish', actorId: actor.id, actorName: actor.name, note: `${scores.length} 名网格员` }],
    updatedAt: now,
  };
}

/** 更正: appended to a published assessment, with a reason; the worker's total moves by `points`. */
export function correct(a: Assessment, c: Omit<Correction, 'byId' | 'byName' | 'at' | 'workerName'>, actor: Actor, now: number): Assessment {
  if (a.corrections.some((x) => x.id === c.id)) return a; // a retry
  if (a.status !== 'published' || a.lines === null) throw new DomainError('INVALID_TRANSITION', '评定发布后才能更正；草稿请直接修改加减分');
  const line = a.lines.find((l) => l.workerId === c.workerId);
  if (!line) throw new DomainError('NOT_FOUND', '该网格员不在本月评定中');
  if (!Number.isInteger(c.points) || c.points === 0 || Math.abs(c.points) > MAX_MANUAL_POINTS * 10) {
    throw new DomainError('BAD_INPUT', '更正分值须为非零整数（绝对值不超过 1000）');
  }
  const reason = checkReason(c.reason);
  const added: Correction = { ...c, reason, workerName: line.workerName, byId: actor.id, byName: actor.name, at: now };
  const corrections = [...a.corrections, added];
  return {
    ...a,
    corrections,
    lines: a.lines.map((l) => {
      if (l.workerId !== c.workerId) return l;
      const correctionPoints = l.correctionPoints + c.points;
      return { ...l, correctionPoints, total: l.autoPoints + l.manualPoints + correctionPoints };
    }),
    history: [...a.history, { at: now, action: 'correct', actorId: actor.id, actorName: actor.name, note: `${line.workerName} ${signed(c.points)}：${reason}` }],
    updatedAt: now,
  };
}

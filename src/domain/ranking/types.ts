import type { UnitRankLine } from './units';
import type { BlackLine, Signature } from '../publicity/types';
import type { AnnualLine, HonoursPolicy } from './annual';

/**
 * 年度评比 of a village's year: draft (the village admin computes it from the year's
 * town-approved quarters) → confirmed (the review committee signs, `quorum` signatures, not the
 * drafter alone) → published (villagers see the honoured households, names masked).
 * A draft may be recomputed until it is confirmed; recomputing clears the signatures.
 */
export type RankingStatus = 'draft' | 'confirmed' | 'published';

export const RANKING_STATUS_LABELS: Record<RankingStatus, string> = {
  draft: '草稿，待评议小组确认',
  confirmed: '评议小组已确认，待公布',
  published: '已公布',
};

export type RankingAction = 'draft' | 'redraft' | 'sign' | 'confirm' | 'publish';

export const RANKING_ACTION_LABELS: Record<RankingAction, string> = {
  draft: '起草评比',
  redraft: '重新计算',
  sign: '签字确认',
  confirm: '评议小组确认',
  publish: '公布',
};

export interface RankingHistoryEntry {
  at: number;
  action: RankingAction;
  actorId: string;
  actorName: string;
  note: string | null;
}

export interface AnnualRanking {
  _id: string; // `${villageId}_${year}`
  townId: string;
  villageId: string;
  villageName: string;
  /** 'YYYY' */
  year: string;
  status: RankingStatus;
  /** The town-approved quarters whose points were summed. */
  quarters: string[];
  /** Households ranked (every household on an approved quarter's list). */
  householdCount: number;
  /** The honoured households (a star or a nomination), in rank order; names masked. */
  lines: AnnualLine[];
  /** 单位积分: units ranked by the year's points, apart from the households (absent on rankings from before units). */
  units?: UnitRankLine[];
  /** The year's black list (effective vetoes): excluded from every honour. */
  black: BlackLine[];
  /** The village's 评比设置 the draft was computed with. */
  policy: HonoursPolicy;
  drafterId: string;
  drafterName: string;
  /** Signatures needed (the village's auditQuorum when drafted). */
  quorum: number;
  signatures: Signature[];
  /** requestIds already applied: a retry answers with the ranking as it is. */
  requestIds: string[];
  history: RankingHistoryEntry[];
  createdAt: number;
  updatedAt: number;
  publishedAt: number | null;
}

export function rankingIdOf(villageId: string, year: string): string {
  return `${villageId}_${year}`;
}

import type { UnitRankLine } from './units';
import type { BlackLine, Signature } from '../publicity/types';
import type { IsoDate } from '../shared/time';
import type { AnnualLine, HonoursPolicy } from './annual';

/**
 * 年度评比 of a village's year, published like the quarter's publicity:
 * draft (the village admin computes it from the year's town-approved quarters) → confirmed (the
 * review committee signs, `quorum` signatures, not the drafter alone) → publicity (公示中: the
 * village admin publishes it; villagers see the honoured households, names masked, and may
 * object within the window) → published (定稿: after the window, no objection open; final).
 * An upheld objection sends it back to draft: the committee redrafts and signs again.
 * A draft may be recomputed until it is confirmed; recomputing clears the signatures.
 */
export type RankingStatus = 'draft' | 'confirmed' | 'publicity' | 'published';

export const RANKING_STATUS_LABELS: Record<RankingStatus, string> = {
  draft: '草稿，待评议小组确认',
  confirmed: '评议小组已确认，待公示',
  publicity: '公示中',
  published: '已定稿',
};

export type RankingAction = 'draft' | 'redraft' | 'sign' | 'confirm' | 'publish' | 'object' | 'propose' | 'uphold' | 'dismiss' | 'finalize';

export const RANKING_ACTION_LABELS: Record<RankingAction, string> = {
  draft: '起草评比',
  redraft: '重新计算',
  sign: '签字确认',
  confirm: '评议小组确认',
  publish: '公示',
  object: '提出异议',
  propose: '提出答复',
  uphold: '异议成立，退回重新评议',
  dismiss: '异议不成立',
  finalize: '定稿',
};

/** What a villager objects to: a household honoured, one black-listed, or their own household's absence or level. */
export type RankingObjectionTopic = 'honoured' | 'black' | 'own';

export const RANKING_OBJECTION_TOPIC_LABELS: Record<RankingObjectionTopic, string> = {
  honoured: '对获评的户有异议',
  black: '对不参评（一票否决）的户有异议',
  own: '本户没有获评或星级不对',
};

export type RankingObjectionStatus = 'open' | 'proposed' | 'upheld' | 'dismissed';

export const RANKING_OBJECTION_STATUS_LABELS: Record<RankingObjectionStatus, string> = {
  open: '待评议小组答复',
  proposed: '已提出答复，待另一位评议小组成员确认',
  upheld: '异议成立，评比退回重新评议',
  dismissed: '异议不成立',
};

export type RankingAnswerOutcome = 'uphold' | 'dismiss';

export const RANKING_ANSWER_OUTCOME_LABELS: Record<RankingAnswerOutcome, string> = { uphold: '异议成立', dismiss: '异议不成立' };

/** A 异议 to the ranking in its 公示期, kept in the ranking's document (one transaction). */
export interface RankingObjection {
  id: string;
  topic: RankingObjectionTopic;
  /** The household the line is about (for `own`: the objector's household). */
  householdId: string;
  /** The line as villagers read it: 张*（一组3号）. */
  lineLabel: string;
  objectorId: string;
  objectorName: string;
  objectorHouseholdId: string | null;
  reason: string;
  status: RankingObjectionStatus;
  /**
   * The review committee's answer, by two of its members (four eyes): the first proposes it
   * (`proposal`, status `proposed`), another agreeing makes it the answer (`confirmedBy`).
   */
  answer: { reason: string; by: Signature; confirmedBy?: Signature } | null;
  proposal?: { outcome: RankingAnswerOutcome; reason: string; by: Signature } | null;
  createdAt: number;
}

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
  /** When the 公示 opened (the last time, after a redraft). */
  publishedAt: number | null;
  /** The 公示期, both ends included (absent / null: never in publicity, or back to draft). */
  startDate?: IsoDate | null;
  endDate?: IsoDate | null;
  /** 异议 raised in the 公示期 (absent on rankings from before publicity). */
  objections?: RankingObjection[];
  /** 定稿: when the admin made it final. */
  finalizedAt?: number | null;
}

export function rankingIdOf(villageId: string, year: string): string {
  return `${villageId}_${year}`;
}

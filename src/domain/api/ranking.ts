import { z } from 'zod';
import { token } from './text';
import type { AnnualRanking } from '../ranking/types';
import type { AnnualLine } from '../ranking/annual';
import type { RankingQuorum } from '../ranking/policy';

const villageId = token().min(1).max(64);
const requestId = token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });

/** 年度评比 (src/domain/ranking). */
const year = z
  .number({ error: '年份应为 2020 到 2099 之间的整数' })
  .int({ error: '年份应为 2020 到 2099 之间的整数' })
  .min(2020, { error: '年份应为 2020 到 2099 之间的整数' })
  .max(2099, { error: '年份应为 2020 到 2099 之间的整数' });
export const getRankingInput = z.object({ villageId: villageId.optional(), year: year.optional() }).strict();
export const draftRankingInput = z.object({ requestId, year }).strict();
export const signRankingInput = z.object({ requestId, year, villageId: villageId.optional() }).strict();
export const publishRankingInput = z.object({ requestId, year }).strict();

/** A ranking as shown: no request ids; what the caller may do now. */
export type RankingView = Omit<AnnualRanking, 'requestIds'> & {
  statusLabel: string;
  /** The caller's own household's line, if honoured. */
  myLine: AnnualLine | null;
  signedByMe: boolean;
  /**
   * The review committee's signing as it stands (rankingQuorum): who signs, who stands aside
   * (回避), how many confirm, whether they can. Null for those who only read the published list
   * (villagers): who stood aside because their family is honoured is the committee's business.
   */
  committee: RankingQuorum | null;
  can: { draft: boolean; sign: boolean; publish: boolean };
};

/** The `ranking` function: 年度评比 (星级文明户, 文明农家, 最美家庭) — drafted, signed, published. */
export interface RankingApi {
  /** 年度评比 of a year (default last year): villagers once published, the committees, the admin and the town at every step; null when none. */
  get: { input: z.infer<typeof getRankingInput>; output: { year: string; ranking: RankingView | null; can: { draft: boolean } } };
  /** Village admin: compute (or recompute, clearing signatures) the year's draft from the town-approved quarters; idempotent on requestId. */
  draft: { input: z.infer<typeof draftRankingInput>; output: RankingView };
  /** A reviewer of the village signs the draft; the quorum (not the drafter alone) confirms it; idempotent on requestId. */
  sign: { input: z.infer<typeof signRankingInput>; output: RankingView };
  /** Village admin: publish the confirmed ranking to the village; idempotent on requestId. */
  publish: { input: z.infer<typeof publishRankingInput>; output: RankingView };
}

import { z } from 'zod';
import { textLines, token } from './text';
import type { AnnualRanking, RankingObjection } from '../ranking/types';
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
export const finalizeRankingInput = z.object({ requestId, year }).strict();
const reason = (what: string) =>
  textLines({ error: `请填写${what}` }).min(2, { error: `请填写${what}（至少 2 个字）` }).max(500, { error: `${what}不能超过 500 字` });
export const objectRankingInput = z
  .object({
    requestId,
    year,
    villageId: villageId.optional(),
    topic: z.enum(['honoured', 'black', 'own'], { error: '请选择对哪一条有异议' }),
    householdId: token({ error: '请选择对哪一户有异议' }).min(1, { error: '请选择对哪一户有异议' }).max(64),
    reason: reason('异议理由'),
  })
  .strict();
export const answerRankingObjectionInput = z
  .object({
    requestId,
    year,
    villageId: villageId.optional(),
    objectionId: token({ error: '请选择要答复的异议' }).min(1).max(80),
    outcome: z.enum(['uphold', 'dismiss'], { error: '请选择异议成立或不成立' }),
    reason: reason('答复理由'),
  })
  .strict();

/** An objection as the caller sees it: the committee every one, with the objector; a villager their own. */
export type RankingObjectionView = RankingObjection & { statusLabel: string; topicLabel: string; canAnswer: boolean };

/** A ranking as shown: no request ids; what the caller may do now. */
export type RankingView = Omit<AnnualRanking, 'requestIds' | 'objections'> & {
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
  /** The committee: every objection; a villager: their own. */
  objections: RankingObjectionView[];
  /** Why 定稿 is not possible yet (the village admin reads it where the button would be). */
  finalizeNote: string | null;
  can: { draft: boolean; sign: boolean; publish: boolean; object: boolean; finalize: boolean };
};

/** The `ranking` function: 年度评比 (星级文明户, 文明农家, 最美家庭) — drafted, signed, published. */
export interface RankingApi {
  /** 年度评比 of a year (default last year): villagers once published, the committees, the admin and the town at every step; null when none. */
  get: { input: z.infer<typeof getRankingInput>; output: { year: string; ranking: RankingView | null; can: { draft: boolean } } };
  /** Village admin: compute (or recompute, clearing signatures) the year's draft from the town-approved quarters; idempotent on requestId. */
  draft: { input: z.infer<typeof draftRankingInput>; output: RankingView };
  /** A reviewer of the village signs the draft; the quorum (not the drafter alone) confirms it; idempotent on requestId. */
  sign: { input: z.infer<typeof signRankingInput>; output: RankingView };
  /** Village admin: publish the confirmed ranking to the village for its 公示期 (village policy's days); idempotent on requestId. */
  publish: { input: z.infer<typeof publishRankingInput>; output: RankingView };
  /** A villager of the village, within the 公示期: 异议 about a line (honoured, black-listed) or their own household; idempotent on requestId. */
  object: { input: z.infer<typeof objectRankingInput>; output: RankingView };
  /** A reviewer (not on their own household's line or objection, not recused): answer; upheld sends the ranking back to draft; idempotent on requestId. */
  answer: { input: z.infer<typeof answerRankingObjectionInput>; output: RankingView };
  /** Village admin: 定稿 after the 公示期 with no objection open; idempotent on requestId. */
  finalize: { input: z.infer<typeof finalizeRankingInput>; output: RankingView };
}

import { SCENES } from '@domain/moderation';
import { answerRankingObjectionInput, draftRankingInput, finalizeRankingInput, getRankingInput, objectRankingInput, publishRankingInput, signRankingInput } from '@domain/api/ranking';
import { mayAnswerRankingObjection, mayObjectToRanking, mayReadRanking, maySignRanking, rankingGates } from '@domain/ranking/policy';
import { RANKING_OBJECTION_STATUS_LABELS, type AnnualRanking } from '@domain/ranking/types';
import { allow, type Decision } from '@domain/access/decision';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { adminVillage, loadReader, type Reader } from '@backend/publicity/access';
import { onRankingObjectionAnswered, onRankingObjectionFiled, onRankingPublished } from '@backend/notices/triggers';
import type { Deps } from '@backend/runtime/deps';
import { rankingView } from '@domain/ranking/view';
import {
  answerAnnualRankingObjection,
  committeeOf,
  draftAnnualRanking,
  finalizeAnnualRanking,
  objectAnnualRanking,
  publishAnnualRanking,
  rankingOf,
  signAnnualRanking,
} from '@backend/ranking/annual';

/** The ranking as the caller sees it now. */
async function viewOf(deps: Pick<Deps, 'db' | 'now'>, actor: Person, reader: Pick<Reader, 'admin' | 'committee' | 'villager'>, r: AnnualRanking) {
  return rankingView(actor, reader, r, reader.committee ? await committeeOf(deps.db, r.villageId) : null, cstDate(deps.now()));
}

/** The year's ranking of the village asked for (or the caller's own), with how the caller stands to it. */
async function loadRanking(input: { villageId?: string; year: number }, ctx: { deps: Pick<Deps, 'db'>; actor: Person }): Promise<{ reader: Reader; ranking: AnnualRanking }> {
  const reader = await loadReader(input.villageId, ctx);
  const ranking = await rankingOf(ctx.deps.db, reader.village._id, String(input.year));
  if (!ranking) throw new DomainError('NOT_FOUND', `${input.year} 年还没有起草评比`);
  return { reader, ranking };
}

/** Nothing about the village to someone who may not read it (NOT_FOUND), then the action's own rule. */
function readThen(reader: Reader, ranking: AnnualRanking, then: () => Decision): Decision {
  const read = mayReadRanking(reader, ranking);
  return read.ok ? then() : read;
}

/**
 * 年度评比 (星级文明户, 文明农家, 最美家庭): its own function — the village's year, not a quarter's
 * publicity — so neither bundle carries the other (issue 16's 300 KB per function).
 * draft → sign (quorum) → publish (公示期) → object / answer → finalize (定稿).
 */
export const ranking: FunctionDef<'ranking'> = {
  /** 年度评比: the year asked for (default last year). Villagers see it from the 公示 on. */
  get: action({
    gate: rankingGates.read,
    schema: getRankingInput,
    load: async (input, ctx) => {
      const reader = await loadReader(input.villageId, ctx);
      const year = String(input.year ?? Number(cstDate(ctx.deps.now()).slice(0, 4)) - 1);
      return { reader, year, ranking: await rankingOf(ctx.deps.db, reader.village._id, year) };
    },
    /** The village may be read; a draft is then hidden from villagers (null), not refused. */
    authorize: ({ reader }) => mayReadRanking(reader, null),
    run: async (_input, { deps, actor, loaded: { reader, year, ranking } }) => ({
      year,
      ranking: ranking && mayReadRanking(reader, ranking).ok ? await viewOf(deps, actor, reader, ranking) : null,
      can: { draft: reader.admin && (!ranking || ranking.status === 'draft') },
    }),
  }),

  /** 村两委: compute the year's draft (again, until the committee confirms it). */
  draft: action({
    gate: rankingGates.manage,
    schema: draftRankingInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    // The draft says at once whether the committee, as it stands, can confirm it (rankingQuorum).
    run: async (input, { deps, actor, loaded: village }) =>
      viewOf(deps, actor, { admin: true, committee: true, villager: true }, await draftAnnualRanking(deps, actor, village, String(input.year), input.requestId)),
  }),

  /** 评议小组: sign; the quorum, not the drafter alone, confirms. */
  sign: action({
    gate: rankingGates.sign,
    schema: signRankingInput,
    load: (input, ctx) => loadRanking(input, ctx),
    authorize: ({ ranking }, actor) => maySignRanking(actor, ranking),
    run: async (input, { deps, actor, loaded: { reader, ranking } }) => viewOf(deps, actor, reader, await signAnnualRanking(deps, actor, ranking, input.requestId)),
  }),

  /** 村两委: publish the confirmed ranking to the village for its 公示期; every household hears of it, with the window. */
  publish: action({
    gate: rankingGates.manage,
    schema: publishRankingInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) => {
      const published = await publishAnnualRanking(deps, actor, village, String(input.year), input.requestId);
      await onRankingPublished(deps, actor, published);
      return viewOf(deps, actor, { admin: true, committee: true, villager: true }, published);
    },
  }),

  /** A villager of the village, in the 公示期: 异议 about a line, with a reason; the village's reviewers hear of it. */
  object: action({
    gate: rankingGates.object,
    schema: objectRankingInput,
    content: { scene: SCENES.objection, texts: (i) => [i.reason] },
    load: (input, ctx) => loadRanking(input, ctx),
    authorize: ({ reader, ranking }) => readThen(reader, ranking, () => mayObjectToRanking(reader)),
    run: async (input, { deps, actor, loaded: { reader, ranking } }) => {
      const next = await objectAnnualRanking(deps, actor, ranking, { topic: input.topic, householdId: input.householdId, reason: input.reason }, input.requestId);
      const filed = next.objections?.find((o) => o.id === `ro-${input.requestId}`);
      if (filed) await onRankingObjectionFiled(deps, actor, next, filed);
      return viewOf(deps, actor, reader, next);
    },
  }),

  /** 评议小组: answer an objection; upheld sends the ranking back to draft, the objector hears the answer. */
  answer: action({
    gate: rankingGates.answer,
    schema: answerRankingObjectionInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, ctx) => loadRanking(input, ctx),
    authorize: ({ ranking }, actor, input) => {
      const o = ranking.objections?.find((x) => x.id === input.objectionId);
      return o ? mayAnswerRankingObjection(actor, ranking, o) : allow;
    },
    run: async (input, { deps, actor, loaded: { reader, ranking } }) => {
      const done = await answerAnnualRankingObjection(deps, actor, ranking, input.objectionId, { outcome: input.outcome, reason: input.reason }, input.requestId);
      if (done.objection) await onRankingObjectionAnswered(deps, actor, done.ranking, done.objection, RANKING_OBJECTION_STATUS_LABELS[done.objection.status]);
      return viewOf(deps, actor, reader, done.ranking);
    },
  }),

  /** 村两委: 定稿 after the 公示期 with no objection open; the 奖状 print from then on. */
  finalize: action({
    gate: rankingGates.manage,
    schema: finalizeRankingInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) =>
      viewOf(deps, actor, { admin: true, committee: true, villager: true }, await finalizeAnnualRanking(deps, actor, village, String(input.year), input.requestId)),
  }),
};

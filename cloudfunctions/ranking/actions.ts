import { draftRankingInput, getRankingInput, publishRankingInput, signRankingInput } from '@domain/api/ranking';
import { mayReadRanking, maySignRanking, rankingGates } from '@domain/ranking/policy';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { adminVillage, loadReader } from '@backend/publicity/access';
import { onRankingPublished } from '@backend/notices/triggers';
import { committeeOf, draftAnnualRanking, publishAnnualRanking, rankingOf, rankingView, signAnnualRanking } from '@backend/ranking/annual';

/**
 * 年度评比 (星级文明户, 文明农家, 最美家庭): its own function — the village's year, not a quarter's
 * publicity — so neither bundle carries the other (issue 16's 300 KB per function).
 */
export const ranking: FunctionDef<'ranking'> = {
  /** 年度评比: the year asked for (default last year). Villagers see it once published. */
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
      ranking: ranking && mayReadRanking(reader, ranking).ok ? rankingView(actor, reader, ranking, reader.committee ? await committeeOf(deps.db, ranking.villageId) : null) : null,
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
      rankingView(actor, { admin: true, committee: true }, await draftAnnualRanking(deps, actor, village, String(input.year), input.requestId), await committeeOf(deps.db, village._id)),
  }),

  /** 评议小组: sign; the quorum, not the drafter alone, confirms. */
  sign: action({
    gate: rankingGates.sign,
    schema: signRankingInput,
    load: async (input, ctx) => {
      const reader = await loadReader(input.villageId, ctx);
      const ranking = await rankingOf(ctx.deps.db, reader.village._id, String(input.year));
      if (!ranking) throw new DomainError('NOT_FOUND', `${input.year} 年还没有起草评比`);
      return { reader, ranking };
    },
    authorize: ({ ranking }, actor) => maySignRanking(actor, ranking),
    run: async (input, { deps, actor, loaded: { reader, ranking } }) =>
      rankingView(actor, reader, await signAnnualRanking(deps, actor, ranking, input.requestId), await committeeOf(deps.db, ranking.villageId)),
  }),

  /** 村两委: publish the confirmed ranking to the village. */
  publish: action({
    gate: rankingGates.manage,
    schema: publishRankingInput,
    load: (_input, { deps, actor }) => adminVillage(deps.db, actor),
    run: async (input, { deps, actor, loaded: village }) => {
      const published = await publishAnnualRanking(deps, actor, village, String(input.year), input.requestId);
      await onRankingPublished(deps, actor, published);
      return rankingView(actor, { admin: true, committee: true }, published, await committeeOf(deps.db, village._id));
    },
  }),
};

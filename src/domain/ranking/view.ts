import type { Actor } from '../access/actor';
import type { PublicityAccess } from '../publicity/policy';
import type { IsoDate } from '../shared/time';
import type { RankingObjectionView, RankingView } from '../api/ranking';
import { RANKING_OBJECTION_STATUS_LABELS, RANKING_OBJECTION_TOPIC_LABELS, RANKING_STATUS_LABELS, type AnnualRanking, type RankingObjection } from './types';
import { finalizeProblem, inObjectionWindow, isUnanswered, mayAnswerRankingObjection, rankingQuorum, rankingSignState, type CommitteeMember } from './policy';

/**
 * As the caller sees it: what they may do now (the domain's policy, asked with today's date),
 * their household's line, the committee's signing, the objections theirs to see.
 */
export function rankingView(
  person: Actor,
  reader: Pick<PublicityAccess, 'admin' | 'committee' | 'villager'>,
  r: AnnualRanking,
  committee: readonly CommitteeMember[] | null,
  today: IsoDate,
): RankingView {
  const { requestIds, objections = [], ...rest } = r;
  void requestIds;
  const quorum = rankingQuorum(r, committee ?? []);
  const visible = reader.committee ? objections : objections.filter((o) => o.objectorId === person._id);
  // A proposed answer is the committee's until a second member agrees: the objector reads "open".
  const asReadBy = (o: RankingObjection): RankingObjection => (reader.committee || o.status !== 'proposed' ? o : { ...o, status: 'open', proposal: null });
  const shown: RankingObjectionView[] = visible.map(asReadBy).map((o) => ({
    ...o,
    statusLabel: RANKING_OBJECTION_STATUS_LABELS[o.status],
    topicLabel: RANKING_OBJECTION_TOPIC_LABELS[o.topic],
    canAnswer: isUnanswered(o) && r.status !== 'published' && mayAnswerRankingObjection(person, r, o).ok,
  }));
  const finalize = finalizeProblem(r, today);
  return {
    ...rest,
    startDate: r.startDate ?? null,
    endDate: r.endDate ?? null,
    finalizedAt: r.finalizedAt ?? null,
    statusLabel: RANKING_STATUS_LABELS[r.status],
    myLine: r.lines.find((l) => person.householdId !== null && l.householdId === person.householdId) ?? null,
    signedByMe: r.signatures.some((s) => s.personId === person._id),
    committee: reader.committee && committee ? quorum : null,
    objections: shown,
    finalizeNote: reader.admin && r.status === 'publicity' && finalize ? finalize.message : null,
    can: {
      draft: reader.admin && r.status === 'draft',
      sign: rankingSignState(person, r, quorum).kind === 'sign',
      publish: reader.admin && r.status === 'confirmed',
      object: reader.villager && inObjectionWindow(r, today),
      finalize: reader.admin && finalize === null,
    },
  };
}

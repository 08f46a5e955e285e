import type { UnitRankLine } from './units';
import { DomainError } from '../shared/errors';
import type { IsoDate } from '../shared/time';
import type { BlackLine } from '../publicity/types';
import type { AnnualLine, HonoursPolicy } from './annual';
import { RANKING_ANSWER_OUTCOME_LABELS, type AnnualRanking, type RankingAction, type RankingAnswerOutcome, type RankingHistoryEntry, type RankingObjection, type RankingObjectionTopic } from './types';
import { finalizeProblem, isUnanswered, mayAnswerRankingObjection, rankingQuorum, type CommitteeMember } from './policy';
import { publicityWindow } from '../publicity/quarter';
import type { Actor } from '../access/actor';

export interface RankingActor {
  id: string;
  name: string;
  at: number;
}

function entry(actor: RankingActor, action: RankingAction, note: string | null = null): RankingHistoryEntry {
  return { at: actor.at, action, actorId: actor.id, actorName: actor.name, note };
}

/** The year is ranked once it is over (from 1 January of the next year, China time). */
export function assertYearOver(year: string, today: IsoDate): void {
  if (today < `${Number(year) + 1}-01-01`) throw new DomainError('INVALID_TRANSITION', `${year} 年还没有结束，不能评比`);
}

export interface RankingFigures {
  quarters: string[];
  householdCount: number;
  lines: AnnualLine[];
  /** 单位积分: the units' own line, ranked by the year's points. */
  units?: UnitRankLine[];
  black: BlackLine[];
  policy: HonoursPolicy;
  quorum: number;
}

export interface NewRankingInput {
  id: string;
  townId: string;
  villageId: string;
  villageName: string;
  year: string;
  requestId: string;
}

/**
 * The honoured households one ranking holds. The ranking is one document (CloudBase: one
 * document is one transaction), and the page and the 奖状 read it whole: 2,000 lines are about
 * 0.5 MB. Very low star thresholds in a 10,000-household village would pass it; the draft is
 * then refused with the count, and the admin raises the thresholds (村规设置 → 评比设置).
 */
export const MAX_HONOURED = 2000;

/**
 * Draft, or recompute a draft (signatures are cleared: they signed other figures). A confirmed
 * or published ranking is final.
 */
export function draftRanking(prior: AnnualRanking | null, input: NewRankingInput, figures: RankingFigures, actor: RankingActor): AnnualRanking {
  if (figures.quarters.length === 0) throw new DomainError('INVALID_TRANSITION', `${input.year} 年还没有镇复核通过的季度，不能评比`);
  if (figures.lines.length > MAX_HONOURED) {
    throw new DomainError(
      'HONOURS_TOO_MANY',
      `按现在的评比标准将有 ${figures.lines.length} 户获评，超过一次评比 ${MAX_HONOURED} 户的上限。请在村规设置的评比设置里提高星级文明户的积分要求后重新计算`,
      { honoured: figures.lines.length, max: MAX_HONOURED },
    );
  }
  if (prior && prior.status !== 'draft') throw new DomainError('INVALID_TRANSITION', prior.status === 'published' ? '年度评比已定稿，不能重新计算' : prior.status === 'publicity' ? '年度评比正在公示，不能重新计算' : '评议小组已确认，不能重新计算');
  const note = `${figures.quarters.length} 个季度，${figures.householdCount} 户，获评 ${figures.lines.length} 户${figures.units?.length ? `；单位 ${figures.units.length} 个` : ''}`;
  return {
    _id: input.id,
    townId: input.townId,
    villageId: input.villageId,
    villageName: input.villageName,
    year: input.year,
    status: 'draft',
    ...figures,
    drafterId: actor.id,
    drafterName: actor.name,
    signatures: [],
    requestIds: [...(prior?.requestIds ?? []), input.requestId].slice(-50),
    history: [...(prior?.history ?? []), entry(actor, prior ? 'redraft' : 'draft', note)],
    createdAt: prior?.createdAt ?? actor.at,
    updatedAt: actor.at,
    publishedAt: null,
    startDate: null,
    endDate: null,
    // Objections outlive a redraft: the committee still answers the open ones.
    objections: prior?.objections ?? [],
    finalizedAt: null,
  };
}

/**
 * A reviewer signs the draft. It is confirmed when the committee's quorum (rankingQuorum: the
 * village rule, counted over the members who may sign, never fewer than two) have signed and at
 * least one of them is not the drafter (four eyes: nobody confirms their own draft alone).
 * `committee`: the village's review committee as it stands.
 */
export function signRanking(r: AnnualRanking, actor: RankingActor, requestId: string, committee: readonly CommitteeMember[]): AnnualRanking {
  if (r.status !== 'draft') throw new DomainError('INVALID_TRANSITION', r.status === 'confirmed' ? '评议小组已确认，无需再签' : '年度评比已公布');
  if (r.signatures.some((s) => s.personId === actor.id)) throw new DomainError('INVALID_TRANSITION', '您已签过字');
  const signatures = [...r.signatures, { personId: actor.id, name: actor.name, at: actor.at }];
  const { needed } = rankingQuorum({ ...r, signatures }, committee);
  const confirmed = confirms(signatures, r.drafterId, needed);
  const history = [...r.history, entry(actor, 'sign', `${signatures.length}/${needed}`)];
  if (confirmed) history.push(entry(actor, 'confirm', signatures.map((s) => s.name).join('、')));
  return { ...r, signatures, status: confirmed ? 'confirmed' : 'draft', history, requestIds: [...r.requestIds, requestId].slice(-50), updatedAt: actor.at };
}

export function confirms(signatures: readonly { personId: string }[], drafterId: string, needed: number): boolean {
  return signatures.length >= Math.max(needed, 1) && signatures.some((s) => s.personId !== drafterId);
}

const done = (r: AnnualRanking, requestId: string): string[] => [...r.requestIds, requestId].slice(-50);

/**
 * The village admin publishes a confirmed ranking like a publicity (公示): villagers see it and
 * may object for `days` days from `today` (the village's 公示期, both ends included).
 */
export function publishRanking(r: AnnualRanking, actor: RankingActor, requestId: string, today: IsoDate, days: number): AnnualRanking {
  if (r.status !== 'confirmed') {
    const why = r.status === 'publicity' ? '年度评比正在公示' : r.status === 'published' ? '年度评比已定稿' : '评议小组确认后才能公示';
    throw new DomainError('INVALID_TRANSITION', why);
  }
  const window = publicityWindow(today, days);
  return {
    ...r,
    status: 'publicity',
    ...window,
    publishedAt: actor.at,
    history: [...r.history, entry(actor, 'publish', `公示期 ${window.startDate} 至 ${window.endDate}`)],
    requestIds: done(r, requestId),
    updatedAt: actor.at,
  };
}

/** Most objections one ranking keeps (one document): a village's honest objections are a handful. */
export const MAX_RANKING_OBJECTIONS = 300;

export interface RankingObjectionInput {
  id: string;
  topic: RankingObjectionTopic;
  householdId: string;
  reason: string;
}

function lineLabelOf(r: AnnualRanking, i: RankingObjectionInput, objector: Pick<Actor, 'householdId'>): string {
  if (i.topic === 'own') {
    if (!objector.householdId || objector.householdId !== i.householdId) throw new DomainError('NOT_FOUND', '只能对本户是否获评提出异议');
    const mine = r.lines.find((l) => l.householdId === i.householdId);
    return mine ? `本户（${mine.doorNo}）` : '本户（未获评）';
  }
  const line = i.topic === 'honoured' ? r.lines.find((l) => l.householdId === i.householdId) : r.black.find((b) => b.householdId === i.householdId);
  if (!line) throw new DomainError('NOT_FOUND', i.topic === 'honoured' ? '获评名单中没有该户' : '不参评名单中没有该户');
  return `${line.name}（${line.doorNo}）`;
}

/**
 * A villager objects within the 公示期 (whether they are a villager of the village is the
 * policy's mayObjectToRanking): about a household honoured or black-listed, or their own
 * household's absence or level, with a reason.
 */
export function objectToRanking(r: AnnualRanking, i: RankingObjectionInput, objector: Pick<Actor, '_id' | 'householdId'> & { name: string }, actor: RankingActor, today: IsoDate, requestId: string): AnnualRanking {
  if (r.status !== 'publicity' || !r.endDate) throw new DomainError('PUBLICITY_CLOSED', '年度评比不在公示中，不能提出异议');
  if (today > r.endDate) throw new DomainError('PUBLICITY_CLOSED', `公示期已于 ${r.endDate} 结束，不能再提出异议`);
  const reason = i.reason.trim();
  if (reason.length < 2) throw new DomainError('REASON_REQUIRED', '请填写异议理由（至少 2 个字）');
  const lineLabel = lineLabelOf(r, i, objector);
  const objections = r.objections ?? [];
  if (objections.some((o) => isUnanswered(o) && o.objectorId === objector._id && o.householdId === i.householdId && o.topic === i.topic)) {
    throw new DomainError('INVALID_TRANSITION', '您对这一条已有异议在等答复');
  }
  if (objections.length >= MAX_RANKING_OBJECTIONS) throw new DomainError('INVALID_TRANSITION', '本次评比的异议已满，请直接联系村两委');
  const o: RankingObjection = {
    id: i.id,
    topic: i.topic,
    householdId: i.householdId,
    lineLabel,
    objectorId: objector._id,
    objectorName: objector.name,
    objectorHouseholdId: objector.householdId,
    reason,
    status: 'open',
    answer: null,
    createdAt: actor.at,
  };
  return { ...r, objections: [...objections, o], history: [...r.history, entry(actor, 'object', lineLabel)], requestIds: done(r, requestId), updatedAt: actor.at };
}

export interface RankingAnswer {
  outcome: RankingAnswerOutcome;
  reason: string;
}

/**
 * A reviewer answers an objection (mayAnswerRankingObjection: not their own household's line or
 * objection, not while their household is honoured). Two members decide it (four eyes, as a
 * quarter's objection takes a reviewer and a supervisor): the first proposes; another agreeing
 * (same outcome) makes it the answer; another disagreeing replaces the proposal, which then
 * waits for a member other than them. Upheld: the ranking goes back to draft — signatures
 * cleared, the 公示 withdrawn — for the committee to redraft and sign again (a committee's
 * decision is undone only by the committee, never by one of its members). Dismissed: it stays.
 */
export function answerRankingObjection(r: AnnualRanking, objectionId: string, answerer: Actor, answer: RankingAnswer, actor: RankingActor, requestId: string): { ranking: AnnualRanking; objection: RankingObjection } {
  const objections = r.objections ?? [];
  const o = objections.find((x) => x.id === objectionId);
  if (!o) throw new DomainError('NOT_FOUND', '找不到该异议');
  if (r.status === 'published') throw new DomainError('INVALID_TRANSITION', '年度评比已定稿');
  if (!isUnanswered(o)) throw new DomainError('INVALID_TRANSITION', '该异议已答复');
  const may = mayAnswerRankingObjection(answerer, r, o);
  if (!may.ok) throw new DomainError(may.code, may.message);
  const reason = answer.reason.trim();
  if (reason.length < 2) throw new DomainError('REASON_REQUIRED', '请填写答复理由（至少 2 个字）');
  const sig = { personId: actor.id, name: actor.name, at: actor.at };
  const proposal = o.proposal ?? null;
  const agreed = o.status === 'proposed' && proposal !== null && proposal.outcome === answer.outcome;
  const answered: RankingObjection = agreed
    ? { ...o, status: answer.outcome === 'uphold' ? 'upheld' : 'dismissed', proposal: null, answer: { reason: proposal.reason, by: proposal.by, confirmedBy: sig } }
    : { ...o, status: 'proposed', proposal: { outcome: answer.outcome, reason, by: sig } };
  const note = `${o.lineLabel}：${agreed ? `同意${proposal.by.name}的答复` : `${RANKING_ANSWER_OUTCOME_LABELS[answer.outcome]}，${reason}`}`;
  const next: AnnualRanking = {
    ...r,
    objections: objections.map((x) => (x.id === o.id ? answered : x)),
    history: [...r.history, entry(actor, agreed ? answer.outcome : 'propose', note)],
    requestIds: done(r, requestId),
    updatedAt: actor.at,
  };
  if (agreed && answer.outcome === 'uphold') Object.assign(next, { status: 'draft', signatures: [], startDate: null, endDate: null, publishedAt: null });
  return { ranking: next, objection: answered };
}

/** 定稿: after the 公示期, no objection open (finalizeProblem); final — the 奖状 print from it. */
export function finalizeRanking(r: AnnualRanking, actor: RankingActor, requestId: string, today: IsoDate): AnnualRanking {
  const problem = finalizeProblem(r, today);
  if (problem) throw new DomainError(problem.code, problem.message);
  return { ...r, status: 'published', finalizedAt: actor.at, history: [...r.history, entry(actor, 'finalize')], requestIds: done(r, requestId), updatedAt: actor.at };
}

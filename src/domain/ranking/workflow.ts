import type { UnitRankLine } from './units';
import { DomainError } from '../shared/errors';
import type { IsoDate } from '../shared/time';
import type { BlackLine } from '../publicity/types';
import type { AnnualLine, HonoursPolicy } from './annual';
import type { AnnualRanking, RankingAction, RankingHistoryEntry } from './types';
import { rankingQuorum, type CommitteeMember } from './policy';

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
  if (prior && prior.status !== 'draft') throw new DomainError('INVALID_TRANSITION', prior.status === 'published' ? '年度评比已公布，不能重新计算' : '评议小组已确认，不能重新计算');
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
  };
}

/**
 * A reviewer signs the draft. It is confirmed when the committee's quorum (rankingQuorum: the
 * village rule, counted over the members who may sign, never fewer than two) have signed and at
 * least one of them is not the drafter (four eyes: nobody confirms their own draft alone).
 * `committee`: the village's review committee as it stands.
 */
export function signRanking(r: AnnualRanking, actor: RankingActor, requestId: string, committee: readonly CommitteeMember[]): AnnualRanking {
  if (r.status !== 'draft') throw new DomainError('INVALID_TRANSITION', r.status === 'published' ? '年度评比已公布' : '评议小组已确认，无需再签');
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

/** The village admin publishes a confirmed ranking: villagers see it. */
export function publishRanking(r: AnnualRanking, actor: RankingActor, requestId: string): AnnualRanking {
  if (r.status !== 'confirmed') throw new DomainError('INVALID_TRANSITION', r.status === 'published' ? '年度评比已公布' : '评议小组确认后才能公布');
  return { ...r, status: 'published', publishedAt: actor.at, history: [...r.history, entry(actor, 'publish')], requestIds: [...r.requestIds, requestId].slice(-50), updatedAt: actor.at };
}

import type { Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import { notOwnLine, type PublicityAccess } from '../publicity/policy';
import type { IsoDate } from '../shared/time';
import type { ErrorCode } from '../shared/errors';
import { addDays } from '../publicity/quarter';
import type { AnnualRanking, RankingObjection } from './types';
import { MIN_QUORUM } from '../catalogue/villageRules';

/**
 * Who may do what with the year's 年度评比: the village admin (村两委) drafts, publishes (公示)
 * and finalizes (定稿); the review committee (评议小组) confirms by signing and answers 异议;
 * villagers of the village read it from the 公示 on and object within the window; the
 * committees, the admin and the town read it at every step.
 */
const ADMIN: Role[] = ['village_admin'];
const SIGNERS: Role[] = ['reviewer'];

export const rankingGates = {
  /** draft, publish, finalize */
  manage: roles(ADMIN, '只有村两委可以起草或公布年度评比'),
  sign: roles(SIGNERS, '只有评议小组成员可以确认年度评比'),
  /** The village is checked (mayObjectToRanking). */
  object: anyPerson,
  answer: roles(SIGNERS, '只有评议小组成员可以答复年度评比的异议'),
  /** The village is checked on what is read (mayReadRanking). */
  read: anyPerson,
} as const;

/** The village whose ranking the village admin drafts and publishes (their first). */
export function rankingVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/** Villagers read the published ranking; the committees, the admin and the town every step. Others: NOT_FOUND. */
export function mayReadRanking(access: PublicityAccess, ranking: Pick<AnnualRanking, 'status'> | null): Decision {
  if (!access.committee && !access.villager) return deny('NOT_FOUND', '找不到该村的年度评比');
  if (ranking && !isPublic(ranking) && !access.committee) return deny('NOT_FOUND', '年度评比还未公布');
  return allow;
}

/** In 公示 or final: what the village's villagers see. */
export function isPublic(ranking: Pick<AnnualRanking, 'status'>): boolean {
  return ranking.status === 'publicity' || ranking.status === 'published';
}

/** A villager of the village objects in the 公示期 (the window is the workflow's); others learn nothing (NOT_FOUND). */
export function mayObjectToRanking(access: Pick<PublicityAccess, 'villager'>): Decision {
  return allowIf(access.villager, 'NOT_FOUND', '找不到该村的年度评比');
}

/** Within the window, while the ranking is in 公示: the page offers 异议. */
export function inObjectionWindow(ranking: Pick<AnnualRanking, 'status' | 'endDate'>, today: IsoDate): boolean {
  return ranking.status === 'publicity' && !!ranking.endDate && today <= ranking.endDate;
}

/**
 * A reviewer of the village (others: NOT_FOUND) answers an objection — not one about their own
 * household's line, not one raised by their own household (four eyes), and not while their
 * household is honoured in the ranking (回避, as for signing); and a proposed answer is
 * confirmed by another member than the one who proposed it.
 */
export function mayAnswerRankingObjection(
  actor: Actor,
  ranking: Pick<AnnualRanking, 'villageId' | 'lines'>,
  objection: Pick<RankingObjection, 'householdId' | 'objectorHouseholdId' | 'proposal'>,
): Decision {
  if (!holdsIn(actor, SIGNERS, ranking.villageId)) return deny('NOT_FOUND', '找不到该异议');
  const own = notOwnLine(actor, objection);
  if (!own.ok) return own;
  if (actor.householdId !== null && actor.householdId === objection.objectorHouseholdId) return deny('OWN_HOUSEHOLD_REVIEW', '不能答复本户提出的异议（需回避）');
  if (objection.proposal?.by.personId === actor._id) return deny('OWN_WORK_REVIEW', '您已提出答复，需另一位评议小组成员确认');
  return allowIf(!isRecused(actor, ranking), 'OWN_HOUSEHOLD_HONOURED', RECUSED_MESSAGE);
}

/** Not answered yet: open, or an answer proposed and not yet confirmed by a second member. */
export function isUnanswered(o: Pick<RankingObjection, 'status'>): boolean {
  return o.status === 'open' || o.status === 'proposed';
}

/** Whether the village admin may finalize (定稿) now, and why not: the page shows the button or the reason. */
export function finalizeProblem(ranking: Pick<AnnualRanking, 'status' | 'endDate' | 'objections'>, today: IsoDate): { code: ErrorCode; message: string } | null {
  if (ranking.status === 'published') return { code: 'INVALID_TRANSITION', message: '年度评比已定稿' };
  if (ranking.status !== 'publicity' || !ranking.endDate) return { code: 'INVALID_TRANSITION', message: '年度评比公示后才能定稿' };
  // The window's last day is the villagers' whole: 定稿 from the day after.
  if (today <= ranking.endDate) return { code: 'PUBLICITY_WINDOW', message: `公示期到 ${ranking.endDate} 结束，${addDays(ranking.endDate, 1)} 起才能定稿` };
  const open = (ranking.objections ?? []).filter(isUnanswered).length;
  if (open > 0) return { code: 'OBJECTIONS_OPEN', message: `还有 ${open} 条异议未答复，不能定稿` };
  return null;
}

/** The reviewer's own household is honoured in this ranking: they stand aside (回避). */
export function isRecused(actor: Pick<Actor, 'householdId'>, ranking: Pick<AnnualRanking, 'lines'>): boolean {
  return actor.householdId !== null && ranking.lines.some((l) => l.householdId === actor.householdId);
}

/** 回避 in the words the reviewer reads, on the page and in the refusal. */
export const RECUSED_MESSAGE = '您家在本次评比名单中，按规定回避，不能签字确认；由其他评议小组成员签字';

/**
 * A reviewer of the ranking's village (others: NOT_FOUND) whose own household is not honoured in
 * it: nobody confirms their own family's honour (four eyes, as for applications).
 */
export function maySignRanking(actor: Actor, ranking: Pick<AnnualRanking, 'villageId' | 'lines'>): Decision {
  if (!holdsIn(actor, SIGNERS, ranking.villageId)) return deny('NOT_FOUND', '找不到该村的年度评比');
  return allowIf(!isRecused(actor, ranking), 'OWN_HOUSEHOLD_HONOURED', RECUSED_MESSAGE);
}

/** A member of the village's review committee (评议小组) as the quorum counts them. */
export interface CommitteeMember {
  personId: string;
  name: string;
  householdId: string | null;
}

/** The committee's signing of one draft: who signs, who stands aside, how many confirm, and whether that can happen. */
export interface RankingQuorum {
  /** 评议通过人数 of the village rules when the draft was made. */
  rule: number;
  /** The members who may sign (not recused), and whether each has signed. */
  signers: { personId: string; name: string; signed: boolean }[];
  /** The members whose household is honoured in the draft (回避). */
  recused: { personId: string; name: string }[];
  /** Signatures that confirm the draft. */
  needed: number;
  /** Enough members may sign to reach `needed`. */
  reachable: boolean;
  /** In words: how many sign and why that many; when unreachable, why and what the village does. */
  text: string;
}

/**
 * 回避 and the quorum — the one rule, asked by the `ranking` function (to confirm) and by the
 * page (to explain). A reviewer whose household is honoured stands aside (isRecused); the 监督小组
 * does not stand in for them (it supervises the review and signs the 公示栏 as such — it does not
 * review). The quorum is counted over the members who may sign:
 * - nobody recused: the village rule (评议通过人数, 3 of 5 by default);
 * - some recused: the rule, or every member who may sign when fewer remain — but never fewer than
 *   two signers (MIN_QUORUM: one person, the drafter least of all, never confirms alone);
 * - fewer members may sign than that: the draft cannot be confirmed as the committee stands. The
 *   draft says so at once, and why; the village admin appoints more reviewers (评议监督小组 page),
 *   who then sign the same draft — no redraft needed, the count follows the committee.
 */
export function rankingQuorum(ranking: Pick<AnnualRanking, 'lines' | 'quorum' | 'signatures'>, committee: readonly CommitteeMember[]): RankingQuorum {
  const rule = Math.max(ranking.quorum, MIN_QUORUM);
  const signed = new Set(ranking.signatures.map((s) => s.personId));
  const recused = committee.filter((m) => isRecused(m, ranking)).map((m) => ({ personId: m.personId, name: m.name }));
  const signers = committee.filter((m) => !isRecused(m, ranking)).map((m) => ({ personId: m.personId, name: m.name, signed: signed.has(m.personId) }));
  const needed = recused.length === 0 ? rule : Math.max(MIN_QUORUM, Math.min(rule, signers.length));
  const reachable = signers.length >= needed;
  const aside = recused.length ? `${recused.map((m) => m.name).join('、')}家在本次评比名单中，按规定回避` : '';
  let text: string;
  if (!reachable) {
    const who = recused.length
      ? `评议小组 ${committee.length} 人中 ${recused.length} 人回避（${aside}），能签字的只有 ${signers.length} 人`
      : `评议小组现在只有 ${committee.length} 人`;
    text = `${who}，不够 ${needed} 人签字确认，这份评比确认不了。请村两委在“评议监督小组”中增补评议小组成员，新成员签字后即可确认，不用重新计算。`;
  } else if (recused.length === 0) {
    text = `需 ${needed} 位评议小组成员签字确认。`;
  } else if (needed < rule) {
    text = `${aside}；能签字的 ${signers.length} 人都签字后确认（村规 ${rule} 人，回避的不计，至少 ${MIN_QUORUM} 人）。`;
  } else {
    text = `${aside}；需其余成员中 ${needed} 位签字确认。`;
  }
  return { rule, signers, recused, needed, reachable, text };
}

/** What the caller can do about signing a ranking, and why not — the page shows it where the button would be. */
export type RankingSignState =
  | { kind: 'sign' }
  | { kind: 'signed'; text: string }
  | { kind: 'recused'; text: string }
  | { kind: 'not_member'; text: string }
  | { kind: 'closed' };

export function rankingSignState(
  actor: Actor,
  ranking: Pick<AnnualRanking, 'villageId' | 'lines' | 'status' | 'signatures'>,
  quorum: Pick<RankingQuorum, 'signers' | 'needed'>,
): RankingSignState {
  if (ranking.status !== 'draft') return { kind: 'closed' };
  if (ranking.signatures.some((s) => s.personId === actor._id)) return { kind: 'signed', text: '已签，等其他评议小组成员签字' };
  const may = maySignRanking(actor, ranking);
  if (may.ok) return { kind: 'sign' };
  if (may.code === 'OWN_HOUSEHOLD_HONOURED') return { kind: 'recused', text: may.message };
  const names = quorum.signers.map((s) => s.name).join('、');
  return { kind: 'not_member', text: names ? `由评议小组成员签字确认（${quorum.needed} 人）：${names}` : '由本村评议小组成员签字确认' };
}

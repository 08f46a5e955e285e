import type { Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { PublicityAccess } from '../publicity/policy';
import type { AnnualRanking } from './types';

/**
 * Who may do what with the year's 年度评比: the village admin (村两委) drafts and publishes;
 * the review committee (评议小组) confirms by signing; villagers of the village read it once
 * published; the committees, the admin and the town read it at every step.
 */
const ADMIN: Role[] = ['village_admin'];
const SIGNERS: Role[] = ['reviewer'];

export const rankingGates = {
  /** draft, publish */
  manage: roles(ADMIN, '只有村两委可以起草或公布年度评比'),
  sign: roles(SIGNERS, '只有评议小组成员可以确认年度评比'),
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
  if (ranking && ranking.status !== 'published' && !access.committee) return deny('NOT_FOUND', '年度评比还未公布');
  return allow;
}

/** The reviewer's own household is honoured in this ranking: they stand aside (回避). */
export function isRecused(actor: Pick<Actor, 'householdId'>, ranking: Pick<AnnualRanking, 'lines'>): boolean {
  return actor.householdId !== null && ranking.lines.some((l) => l.householdId === actor.householdId);
}

/**
 * A reviewer of the ranking's village (others: NOT_FOUND) whose own household is not honoured in
 * it: nobody confirms their own family's honour (four eyes, as for applications).
 */
export function maySignRanking(actor: Actor, ranking: Pick<AnnualRanking, 'villageId' | 'lines'>): Decision {
  if (!holdsIn(actor, SIGNERS, ranking.villageId)) return deny('NOT_FOUND', '找不到该村的年度评比');
  return allowIf(!isRecused(actor, ranking), 'OWN_HOUSEHOLD_HONOURED', '本户在这次评比中获评，您需回避，不能签字确认；请其他评议小组成员确认');
}

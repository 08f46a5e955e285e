import type { Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { Objection } from './types';

/**
 * Who may do what with the quarter's publicity (一季一公示, 异议, 镇复核) [000][003]. The village
 * admin publishes and closes; villagers of the village read and object; an objection is
 * decided by a reviewer and a supervisor of the village co-signing — two different people, so
 * someone on both committees signs one half only — never on their own household's line; the
 * town admin of the village's town approves or returns the quarter.
 */
const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];
/** 评议小组, 监督小组 and 村两委 of the village: who investigates and sees everything. */
const VILLAGE_COMMITTEE: Role[] = ['reviewer', 'supervisor', 'village_admin'];
/** The two committees whose members co-sign an objection decision. */
const OBJECTION_SIGNERS: Role[] = ['reviewer', 'supervisor'];

export type SignerRole = 'reviewer' | 'supervisor';

export const publicityGates = {
  /** open, close, reopen */
  publish: roles(ADMIN, '只有村两委可以发起或结束公示'),
  /** get, lines, redBlack, objections: the village is checked on what is read (mayReadPublicity). */
  read: anyPerson,
  /** The household's village is checked (mayObject). */
  object: anyPerson,
  decideObjection: roles(OBJECTION_SIGNERS, '只有评议小组和监督小组成员可以处理异议'),
  townQueue: roles(TOWN, '只有镇管理员可以查看各村公示复核'),
  townDecide: roles(TOWN, '只有镇管理员可以复核'),
  export: roles([...VILLAGE_COMMITTEE, ...TOWN], '只有评议小组、监督小组、村两委和镇可以导出公示表'),
} as const;

/** How a person stands to a village's publicity. */
export interface PublicityAccess {
  /** Committee, village admin or town admin: sees objectors, every objection, the red/black lists whatever the policy. */
  committee: boolean;
  villager: boolean;
  admin: boolean;
  town: boolean;
}

/** The village whose publicity a person opens when they name none: where they sit on a committee, else their home village. */
export function defaultPublicityVillage(actor: Pick<Actor, 'roles' | 'villageId'>): string | null {
  return scopesOf(actor, ['village_admin', 'reviewer', 'supervisor'])[0] ?? actor.villageId ?? null;
}

/** A villager of the village: lives there (every role holder in a village is also a villager). */
export function isVillagerOf(actor: Pick<Actor, 'roles' | 'villageId'>, villageId: string): boolean {
  return actor.villageId === villageId || holdsIn(actor, ['villager', 'household_head'], villageId);
}

export function publicityAccess(actor: Actor, village: { _id: string; townId: string }): PublicityAccess {
  const town = holdsIn(actor, TOWN, village.townId);
  return {
    committee: holdsIn(actor, VILLAGE_COMMITTEE, village._id) || town,
    villager: isVillagerOf(actor, village._id),
    admin: holdsIn(actor, ADMIN, village._id),
    town,
  };
}

/** A village's publicity: its villagers, committees and admin, the town admin. Others: NOT_FOUND, not theirs to see. */
export function mayReadPublicity(access: PublicityAccess): Decision {
  return allowIf(access.committee || access.villager, 'NOT_FOUND', '找不到该村的公示');
}

/** Every objection of the village, with the objectors: the committees, the village admin, the town admin. */
export function mayReadAllObjections(access: PublicityAccess): Decision {
  const read = mayReadPublicity(access);
  if (!read.ok) return read;
  return allowIf(access.committee, 'FORBIDDEN', '只有评议小组、监督小组和村两委可以查看全部异议');
}

/** The 公示表 for the bulletin board: the committees, the village admin, the town admin. */
export function mayExport(access: PublicityAccess): Decision {
  const read = mayReadPublicity(access);
  if (!read.ok) return read;
  return allowIf(access.committee, 'FORBIDDEN', '只有评议小组、监督小组、村两委和镇可以导出公示表');
}

/** The village whose quarter the village admin publishes, closes and reopens (their first). */
export function publishingVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/**
 * Only a villager of the household's (or the unit's) village objects to its line; others learn
 * nothing (NOT_FOUND).
 */
export function mayObject(actor: Actor, household: { villageId: string }): Decision {
  return allowIf(isVillagerOf(actor, household.villageId), 'NOT_FOUND', '本村公示名单中没有该户');
}

/** The committees a person may sign an objection decision for, in the village. */
export function objectionSides(actor: Pick<Actor, 'roles'>, villageId: string): SignerRole[] {
  return OBJECTION_SIGNERS.filter((r) => holdsIn(actor, [r], villageId)) as SignerRole[];
}

/** 回避: nobody decides an objection against their own household's line, nor a unit's line they are the 负责人 of. */
export function notOwnLine(actor: Pick<Actor, '_id' | 'householdId'>, objection: Pick<Objection, 'householdId' | 'subject' | 'responsiblePersonId'>): Decision {
  if (objection.subject === 'unit') return allowIf(objection.responsiblePersonId !== actor._id, 'OWN_HOUSEHOLD_REVIEW', '不能处理针对本人负责单位的异议（需回避）');
  return allowIf(actor.householdId !== objection.householdId, 'OWN_HOUSEHOLD_REVIEW', '不能处理针对本户的异议（需回避）');
}

/** A reviewer or supervisor of the objection's village (others: NOT_FOUND), not on their own household's line. */
export function mayDecideObjection(actor: Actor, objection: Pick<Objection, 'villageId' | 'householdId' | 'subject' | 'responsiblePersonId'>): Decision {
  if (objectionSides(actor, objection.villageId).length === 0) return deny('NOT_FOUND', '找不到该异议');
  return notOwnLine(actor, objection);
}

/**
 * Which half of the decision this person signs: their committee's; someone on both signs the
 * half still missing (the reviewers' unless a reviewer has signed). Null: neither committee.
 */
export function objectionSignerSide(actor: Pick<Actor, 'roles'>, objection: Pick<Objection, 'villageId' | 'reviewerSignature'>): SignerRole | null {
  const sides = objectionSides(actor, objection.villageId);
  if (sides.length <= 1) return sides[0] ?? null;
  return objection.reviewerSignature ? 'supervisor' : 'reviewer';
}

/** Four eyes: the two halves are signed by two different people — never agree with one's own proposal. */
export function notBothHalves(actor: Pick<Actor, '_id'>, otherHalf: { personId: string } | null): Decision {
  return allowIf(otherHalf?.personId !== actor._id, 'INVALID_TRANSITION', '同一人不能既提出又会签');
}

/** The town whose villages' quarters the town admin reviews. */
export function reviewingTown(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, TOWN)[0] ?? null;
}

/** 镇复核: the town admin of the village's town (other towns' villages: NOT_FOUND). */
export function mayTownDecide(actor: Actor, village: { townId: string }): Decision {
  return allowIf(holdsIn(actor, TOWN, village.townId), 'NOT_FOUND', '找不到该村');
}

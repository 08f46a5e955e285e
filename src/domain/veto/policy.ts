import type { Role } from '../org/roles';
import { householdMember, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { Veto } from './types';

/**
 * Who may do what with a veto (一票否决, SPEC §6): four eyes. A reviewer of the village records
 * it; a supervisor of the village who is a DIFFERENT person countersigns or rejects it (someone
 * on both committees acts for one of them only); nobody acts on their own household's veto.
 */
const REVIEWER: Role[] = ['reviewer'];
const SUPERVISOR: Role[] = ['supervisor'];
/** Who reads a village's veto records: its reviewers, supervisors and village admin. */
const VILLAGE_VETO_READERS: Role[] = ['reviewer', 'supervisor', 'village_admin'];
/** …and the town admin, for a village of their town they name. */
const TOWN_VETO_READER: Role[] = ['town_admin'];

export const vetoGates = {
  record: roles(REVIEWER, '只有评议小组成员可以登记一票否决事项'),
  countersign: roles(SUPERVISOR, '只有监督小组成员可以会签'),
  reject: roles(SUPERVISOR, '只有监督小组成员可以会签'),
  read: roles([...VILLAGE_VETO_READERS, ...TOWN_VETO_READER], '只有评议小组、监督小组和村两委可以查看一票否决记录'),
  mine: householdMember('您不属于任何一户'),
  /** The record form's household picker. */
  households: roles(REVIEWER, '只有评议小组成员可以登记一票否决事项'),
} as const;

/** The village whose veto records a person reads when they name none: where they sit on a committee or the village committee. */
export function defaultVetoVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, VILLAGE_VETO_READERS)[0] ?? null;
}

/**
 * A village's veto records: its reviewers, supervisors and village admin; the town admin of its
 * town. Others: NOT_FOUND (as an unknown village).
 */
export function mayReadVetoes(actor: Actor, village: { _id: string; townId: string }): Decision {
  const ok = holdsIn(actor, VILLAGE_VETO_READERS, village._id) || holdsIn(actor, TOWN_VETO_READER, village.townId);
  return allowIf(ok, 'NOT_FOUND', '找不到该村');
}

/** The village whose households a reviewer records vetoes for (their first). */
export function recordingVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, REVIEWER)[0] ?? null;
}

/** A reviewer of the village: records its vetoes. */
export function recordsVetoesIn(actor: Pick<Actor, 'roles'>, villageId: string): boolean {
  return holdsIn(actor, REVIEWER, villageId);
}

/** A supervisor of the village: countersigns or rejects its vetoes (not their own records). */
export function countersignsVetoesIn(actor: Pick<Actor, 'roles'>, villageId: string): boolean {
  return holdsIn(actor, SUPERVISOR, villageId);
}

/** 回避: nobody records, countersigns or rejects a veto of their own household. */
export function notOwnHousehold(actor: Pick<Actor, 'householdId'>, householdId: string): Decision {
  return allowIf(actor.householdId !== householdId, 'OWN_HOUSEHOLD_REVIEW', '不能对本户的一票否决事项进行认定或会签（需回避）');
}

/** Four eyes: whoever recorded the veto never countersigns or rejects it, whatever other role they hold. */
export function notTheRecorder(actor: Pick<Actor, '_id'>, veto: Pick<Veto, 'history'>): Decision {
  const recorded = veto.history.some((h) => h.action === 'record' && h.actorId === actor._id);
  return allowIf(!recorded, 'FORBIDDEN', '登记人不能会签自己登记的事项');
}

/** A reviewer of the household's village records a veto for it (other villages' households: NOT_FOUND), not for their own. */
export function mayRecordVeto(actor: Actor, household: { _id: string; villageId: string }): Decision {
  if (!recordsVetoesIn(actor, household.villageId)) return deny('NOT_FOUND', '找不到该户');
  return notOwnHousehold(actor, household._id);
}

/**
 * A supervisor of the veto's village countersigns or rejects it (other villages' vetoes:
 * NOT_FOUND), not for their own household, and not one they recorded themselves.
 */
export function mayCountersignVeto(actor: Actor, veto: Pick<Veto, 'villageId' | 'householdId' | 'history'>): Decision {
  if (!countersignsVetoesIn(actor, veto.villageId)) return deny('NOT_FOUND', '找不到该一票否决事项');
  const own = notOwnHousehold(actor, veto.householdId);
  if (!own.ok) return own;
  const fourEyes = notTheRecorder(actor, veto);
  return fourEyes.ok ? allow : fourEyes;
}

import type { Role } from '../org/roles';
import { anyPerson, roles } from '../access/gate';
import { allowIf, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';

/** Who may do what with the village's points catalogue (积分目录), its filing (备案) and its rules (村规). */
const ADMIN: Role[] = ['village_admin'];
const TOWN: Role[] = ['town_admin'];
/** Village roles that read the catalogue's versions and the village rules. */
const READERS: Role[] = ['village_admin', 'reviewer', 'supervisor'];
const VERSIONS_DENIED = '只有村两委、评议小组和监督小组可以查看目录版本';

export const catalogueGates = {
  // Any villager reads the catalogue in force; a town account has no village (mayReadCurrent).
  current: anyPerson,
  draft: roles(ADMIN, '只有村两委可以修订积分目录'),
  saveDraft: roles(ADMIN, '只有村两委可以修订积分目录'),
  submit: roles(ADMIN, '只有村两委可以报镇备案'),
  townQueue: roles(TOWN, '只有镇管理员可以办理目录备案'),
  approve: roles(TOWN, '只有镇管理员可以办理目录备案'),
  returnDraft: roles(TOWN, '只有镇管理员可以办理目录备案'),
  // The town reads the versions of its villages as it files them.
  versions: roles([...READERS, ...TOWN], VERSIONS_DENIED),
  get: roles([...READERS, ...TOWN], VERSIONS_DENIED),
  getRules: roles(READERS, '只有村两委、评议小组和监督小组可以查看村规设置'),
  setRules: roles(ADMIN, '只有村两委可以修改村规设置'),
} as const;

/** The catalogue in force is read in one's own village; a town account picks a village elsewhere. */
export function mayReadCurrent(actor: Pick<Actor, 'villageId'>): Decision {
  return allowIf(!!actor.villageId, 'FORBIDDEN', '镇级账号请在具体村查看积分目录');
}

/**
 * A named village's catalogue in force: one's own village, a village one reviews in, or a village
 * of one's town (town admin) — whoever may record a deed there (points.recordVisit / recordInspection).
 */
export function mayReadCurrentOf(actor: Pick<Actor, 'roles' | 'villageId'>, village: { _id: string; townId: string }): Decision {
  const ok = actor.villageId === village._id || holdsIn(actor, ['reviewer'], village._id) || holdsIn(actor, TOWN, village.townId);
  return allowIf(ok, 'NOT_FOUND', '找不到该村');
}

/** The village whose draft and rules this admin edits (their first). */
export function adminVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/** The village a reader (admin, committees) reads the rules and versions of by default (their first). */
export function readerVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, READERS)[0] ?? null;
}

/** The towns whose villages' filings this town admin handles. */
export function filingTowns(actor: Pick<Actor, 'roles'>): string[] {
  return scopesOf(actor, TOWN);
}

/** A village's catalogue history: its admin and committees, and its town. */
function readsHistoryOf(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): boolean {
  return holdsIn(actor, READERS, village._id) || holdsIn(actor, TOWN, village.townId);
}

/** The versions of a village: others get NOT_FOUND, so villages cannot be probed. */
export function mayReadVersions(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): Decision {
  return allowIf(readsHistoryOf(actor, village), 'NOT_FOUND', '找不到该村');
}

/** One version in full, by the same rule as its village's versions. */
export function mayReadVersion(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): Decision {
  return allowIf(readsHistoryOf(actor, village), 'NOT_FOUND', '找不到该目录版本');
}

/** 备案: the admin of the version's village's town files or returns it; other towns' versions are NOT_FOUND. */
export function mayFile(actor: Pick<Actor, 'roles'>, village: { townId: string }): Decision {
  return allowIf(holdsIn(actor, TOWN, village.townId), 'NOT_FOUND', '找不到该目录版本');
}

import type { Role } from '../org/roles';
import { roles } from '../access/gate';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import { allowIf, type Decision } from '../access/decision';

/** Who may do what with the fund pool (基金池) [003]. */
const ADMIN: Role[] = ['village_admin'];
/** The village's committees watch the pool the admin keeps. */
const VILLAGE_READERS: Role[] = ['village_admin', 'reviewer', 'supervisor'];
const TOWN: Role[] = ['town_admin'];

export const fundGates = {
  record: roles([...ADMIN, ...TOWN], '只有村两委或镇管理员可以登记基金池收支'),
  village: roles(VILLAGE_READERS, '只有村两委、评议小组和监督小组可以查看基金池'),
  town: roles(TOWN, '只有镇管理员可以查看全镇基金池'),
  dashboard: roles([...TOWN, ...ADMIN], '只有镇管理员和村两委可以查看看板'),
} as const;

/**
 * No action names a village or town: each works on the caller's own (the first where they hold
 * the gate's role), so there is no resource-level rule beyond the gate.
 */
export function recordVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/**
 * Where a fund entry goes [003 基金池 recorded at the town]: the town admin names any village of
 * their town; the village admin records for their own village (naming another: NOT_FOUND).
 */
export function mayRecordFund(actor: Pick<Actor, 'roles'>, village: { _id: string; townId: string }): Decision {
  return allowIf(holdsIn(actor, ADMIN, village._id) || holdsIn(actor, TOWN, village.townId), 'NOT_FOUND', '找不到该村');
}

export function readVillage(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, VILLAGE_READERS)[0] ?? null;
}

export function readTown(actor: Pick<Actor, 'roles'>): string | null {
  return scopesOf(actor, TOWN)[0] ?? null;
}

import type { Role } from '../org/roles';
import type { RoleAssignment } from '../org/roles';

/**
 * Who may call an action at all, declared once beside the action and checked by the runtime
 * before anything is read. Finer rules (this village, this household, not your own work) are
 * the context's policy functions, which the action's `authorize` step calls.
 */
export type Gate =
  /** Anyone the platform identifies (an OPENID), bound to a person or not. */
  | { kind: 'wechat' }
  /** Any person bound to this WeChat identity. */
  | { kind: 'registered' }
  /** A person who belongs to a household. */
  | { kind: 'household'; denied: string }
  /** A person who holds one of these roles somewhere. */
  | { kind: 'roles'; roles: readonly Role[]; denied: string };

export const anyWechatUser: Gate = { kind: 'wechat' };
export const anyPerson: Gate = { kind: 'registered' };
export function householdMember(denied: string): Gate {
  return { kind: 'household', denied };
}
export function roles(list: readonly Role[], denied: string): Gate {
  return { kind: 'roles', roles: list, denied };
}

/** What the gate needs to know of the caller. */
export interface GateSubject {
  roles: readonly RoleAssignment[];
  householdId: string | null;
}

/**
 * Does the gate let this caller through? `who` null: a WeChat identity bound to no person;
 * `identified` false: no platform identity at all (never admitted).
 */
export function admits(gate: Gate, who: GateSubject | null, identified = true): boolean {
  if (!identified) return false;
  switch (gate.kind) {
    case 'wechat':
      return true;
    case 'registered':
      return who !== null;
    case 'household':
      return who !== null && !!who.householdId;
    case 'roles':
      return who !== null && who.roles.some((r) => gate.roles.includes(r.role));
  }
}

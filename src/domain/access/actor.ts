import type { Role, RoleAssignment } from '../org/roles';

/** What policies know of the caller: their roles with scopes and where they live. */
export interface Actor {
  _id: string;
  roles: readonly RoleAssignment[];
  householdId: string | null;
  villageId: string | null;
  townId: string;
}

/** The scopes (grid, village or town ids) where the actor holds any of these roles, in role order. */
export function scopesOf(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): string[] {
  return [...new Set(actor.roles.filter((r) => roles.includes(r.role)).map((r) => r.scopeId))];
}

/** Does the actor hold one of these roles in this scope? */
export function holdsIn(actor: Pick<Actor, 'roles'>, roles: readonly Role[], scopeId: string): boolean {
  return actor.roles.some((r) => roles.includes(r.role) && r.scopeId === scopeId);
}

/** Does the actor hold one of these roles anywhere? */
export function holdsAny(actor: Pick<Actor, 'roles'>, roles: readonly Role[]): boolean {
  return actor.roles.some((r) => roles.includes(r.role));
}

/** The caller as a page knows them (identity.whoami), for asking the same policies the functions ask. */
export function actorFromWhoAmI(me: {
  person: { id: string };
  roles: readonly RoleAssignment[];
  household: { id: string } | null;
  village: { id: string } | null;
  town: { id: string };
}): Actor {
  return { _id: me.person.id, roles: me.roles, householdId: me.household?.id ?? null, villageId: me.village?.id ?? null, townId: me.town.id };
}

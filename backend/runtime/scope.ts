import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Role } from '@domain/org/roles';

/** The villages (or town) where this person holds any of these roles, in role order. */
export function scopesOf(person: Person, roles: readonly Role[]): string[] {
  return [...new Set(person.roles.filter((r) => roles.includes(r.role)).map((r) => r.scopeId))];
}

export function holdsIn(person: Person, roles: readonly Role[], scopeId: string): boolean {
  return person.roles.some((r) => roles.includes(r.role) && r.scopeId === scopeId);
}

/** The one village where the person holds one of these roles, or FORBIDDEN with `message`. */
export function villageAs(person: Person, roles: readonly Role[], message: string): string {
  const villages = scopesOf(person, roles);
  if (villages.length === 0) throw new DomainError('FORBIDDEN', message);
  return villages[0];
}

/**
 * The village whose shop this person uses: the one where they work at the shop or sit on the
 * village committee (a clerk's cashier lists that shop's goods, wherever the clerk lives),
 * else their home village, else where they review or supervise.
 */
export function shopVillageOf(person: Person): string | null {
  return scopesOf(person, ['shop_clerk', 'village_admin'])[0] ?? person.villageId ?? scopesOf(person, ['reviewer', 'supervisor'])[0] ?? null;
}

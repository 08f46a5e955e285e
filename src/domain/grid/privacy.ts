import type { Household } from '../org/types';
import { hasRole, type RoleAssignment } from '../org/roles';
import { maskPhone } from '../org/phone';

/**
 * "严格保护个人隐私" [002]: a household's tags and its members' phone numbers are seen only by
 * the household's grid workers/leaders and by the village and town admins. Every other view
 * (publicity, shop, reports, other grids) leaves them out or masks them.
 */
export type PrivateAccess = 'grid' | 'village_admin' | 'town_admin';

type Place = Pick<Household, 'townId' | 'villageId' | 'gridId'>;

export function privateAccess(roles: readonly RoleAssignment[], h: Place): PrivateAccess | null {
  if (h.gridId !== '' && (hasRole(roles, 'grid_worker', h.gridId) || hasRole(roles, 'grid_leader', h.gridId))) return 'grid';
  if (hasRole(roles, 'village_admin', h.villageId)) return 'village_admin';
  if (hasRole(roles, 'town_admin', h.townId)) return 'town_admin';
  return null;
}

/**
 * An admin opening a TAGGED household's detail leaves a trace the village admin can read
 * (privacyReads): the grid worker keeps the roster as their job; admins look in from above.
 */
export function mustLogRead(access: PrivateAccess, h: Pick<Household, 'tags'>): boolean {
  return access !== 'grid' && (h.tags?.length ?? 0) > 0;
}

/** A phone as this viewer may see it. */
export function phoneFor(access: PrivateAccess | null, phone: string | null | undefined): string | null {
  if (!phone) return null;
  return access === null ? maskPhone(phone) : phone;
}

import { DomainError } from '../shared/errors';
import type { RedemptionCode } from './types';

/** Eight digits: short enough to type, random enough for a 2-minute life behind a clerk login. */
export const CODE_PATTERN = /^\d{8}$/;

/** Turns 8 random bytes' worth of entropy into an 8-digit code (leading zeros kept). */
export function codeFromRandom(random: number): string {
  return String(Math.floor(random * 1e8)).padStart(8, '0');
}

export function assertCodeUsable(code: RedemptionCode | null, now: number, clerkVillageId: string): RedemptionCode {
  if (!code) throw new DomainError('CODE_INVALID');
  if (code.villageId !== clerkVillageId) throw new DomainError('CODE_INVALID', '该兑换码不属于本村超市');
  if (code.consumedBy) throw new DomainError('CODE_USED');
  if (now >= code.expiresAt) throw new DomainError('CODE_EXPIRED');
  return code;
}

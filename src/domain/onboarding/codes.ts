/**
 * Codes people type or scan to join: a town-admin or village-admin claim code (single use,
 * expires, stored hashed) and a household's binding-card code (一户一码, printed, revocable).
 * 32 symbols without look-alikes (no 0/O, 1/I), so random bytes map evenly (256 = 8 × 32).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 10 symbols ≈ 50 bits: a claim code gives an admin's power. */
export const CLAIM_CODE_LENGTH = 10;
/** 8 symbols ≈ 40 bits, with guesses rate-limited per WeChat user: a household card. */
export const HOUSEHOLD_CODE_LENGTH = 8;
/** A claim code is good for 72 hours unless set otherwise. */
export const CLAIM_TTL_MS = 72 * 3600_000;

export type ClaimKind = 'town_admin' | 'village_admin';

export function codeFromBytes(bytes: Uint8Array, length: number): string {
  if (bytes.length < length) throw new Error('codeFromBytes: not enough random bytes');
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[bytes[i] % CODE_ALPHABET.length];
  return out;
}

/** What a person typed → the code, or null if it cannot be one: case, spaces and dashes don't matter. */
export function normalizeCode(typed: string, length: number): string | null {
  const s = typed.toUpperCase().replace(/[\s\-_\u3000]/g, '');
  if (s.length !== length) return null;
  for (const ch of s) if (!CODE_ALPHABET.includes(ch)) return null;
  return s;
}

/** For reading aloud and printing: ABCD-EFGH-JK. */
export function formatCode(code: string): string {
  return code.replace(/(.{4})(?=.)/g, '$1-');
}

export interface ClaimCode {
  /** sha-256 of the code: the code itself is never stored. */
  _id: string;
  kind: ClaimKind;
  townId: string;
  villageId: string | null;
  createdAt: number;
  createdBy: string;
  expiresAt: number;
  usedBy: string | null;
  usedAt: number | null;
}

export type ClaimState = 'usable' | 'used' | 'expired';

export function claimState(c: Pick<ClaimCode, 'usedBy' | 'expiresAt'>, now: number): ClaimState {
  if (c.usedBy) return 'used';
  return now >= c.expiresAt ? 'expired' : 'usable';
}

/** A household's binding card. The code is the document id: a card is looked up as it is typed. */
export interface HouseholdCode {
  _id: string;
  householdId: string;
  villageId: string;
  townId: string;
  createdAt: number;
}

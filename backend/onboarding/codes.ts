import { DomainError } from '@domain/shared/errors';
import {
  CLAIM_CODE_LENGTH,
  CLAIM_TTL_MS,
  HOUSEHOLD_CODE_LENGTH,
  codeFromBytes,
  formatCode,
  type ClaimCode,
  type ClaimKind,
  type HouseholdCode,
} from '@domain/onboarding/codes';
import type { IssuedCode } from '@domain/api/org';
import type { Household } from '@domain/org/types';
import { DatabaseError } from '../db/types';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { codeHash } from './repo';
import { PAGES } from '@domain/shared/pages';

/** The welcome page binds with a claim or a card code given in its query (QR codes and chat links open it). */
export const WELCOME_PAGE = PAGES.welcome;

/** Random symbols from the deps' id source (crypto-random in production), never Math.random. */
function randomCode(deps: Pick<Deps, 'newId'>, length: number): string {
  const hex = `${deps.newId()}${deps.newId()}`.replace(/[^0-9a-f]/gi, '');
  const bytes = Uint8Array.from(hex.match(/.{2}/g) ?? [], (b) => parseInt(b, 16));
  if (bytes.length < length) throw new Error('randomCode: the id source gave too few random bytes');
  return codeFromBytes(bytes, length);
}

/** A new claim code: only its hash is stored; the code is shown once, to whoever issues it. */
export async function issueClaim(
  deps: Pick<Deps, 'db' | 'now' | 'newId'>,
  claim: { kind: ClaimKind; townId: string; villageId: string | null; createdBy: string },
  ttlMs = CLAIM_TTL_MS,
): Promise<IssuedCode> {
  const code = randomCode(deps, CLAIM_CODE_LENGTH);
  const now = deps.now();
  const doc: Omit<ClaimCode, '_id'> = { ...claim, createdAt: now, expiresAt: now + ttlMs, usedBy: null, usedAt: null };
  await deps.db.collection<ClaimCode>(C.claimCodes).add({ _id: codeHash(code), ...doc });
  return { code: formatCode(code), path: `${WELCOME_PAGE}?claim=${code}`, expiresAt: doc.expiresAt };
}

/** A household's card code: created on first print, the same on every reprint until revoked. */
export async function newCard(deps: Pick<Deps, 'db' | 'now' | 'newId'>, household: Household): Promise<HouseholdCode> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = randomCode(deps, HOUSEHOLD_CODE_LENGTH);
    const card: HouseholdCode = { _id: code, householdId: household._id, villageId: household.villageId, townId: household.townId, createdAt: deps.now() };
    try {
      await deps.db.collection<HouseholdCode>(C.householdCodes).add(card);
      return card;
    } catch (e) {
      // Two households drawing the same 40-bit code: draw again.
      if (!(e instanceof DatabaseError && e.code === 'DUPLICATE_KEY')) throw e;
    }
  }
  throw new DomainError('CONFLICT');
}

export function cardPath(code: string): string {
  return `${WELCOME_PAGE}?card=${code}`;
}

import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { VillagePolicy } from '@domain/org/policy';
import type { RedemptionCode } from '@domain/shop/types';
import type { MyCodeView } from '@domain/api/shop';
import { DatabaseError } from '../db/types';
import { C } from '../repos/collections';
import { ledgerRepo } from '../repos/ledger';
import type { Deps } from '../runtime/deps';
import { eligibilityOf, type HouseholdDoc } from './eligibility';

const ATTEMPTS = 8;

/** Eight random digits from the platform's random ids (crypto-random in production). */
function randomDigits(newId: () => string): string {
  const n = Number.parseInt(newId().replace(/[^0-9a-f]/gi, '').slice(0, 12), 16);
  if (!Number.isSafeInteger(n)) throw new Error('newId() gave no hex digits');
  return String(n % 100_000_000).padStart(8, '0');
}

/**
 * A fresh code for the household: `redemptionCodes/{8 digits}`, valid codeTtlSeconds. Digits
 * already taken (by any code, live or old) are never reused: another draw is made.
 */
export async function issueCode(
  deps: Pick<Deps, 'db' | 'now' | 'newId'>,
  person: Person,
  household: HouseholdDoc,
  policy: VillagePolicy,
): Promise<MyCodeView> {
  const now = deps.now();
  const doc: Omit<RedemptionCode, '_id'> = {
    townId: household.townId,
    villageId: household.villageId,
    householdId: household._id,
    issuedTo: person._id,
    issuedAt: now,
    expiresAt: now + policy.codeTtlSeconds * 1000,
    consumedBy: null,
  };
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const digits = randomDigits(deps.newId);
    const created = await deps.db
      .runTransaction(async (tx) => {
        const ref = tx.collection<RedemptionCode>(C.redemptionCodes).doc(digits);
        if ((await ref.get()).data) return false;
        await ref.set(doc);
        return true;
      })
      .catch((e: unknown) => {
        if (e instanceof DatabaseError && e.code === 'DUPLICATE_KEY') return false;
        throw e;
      });
    if (created) {
      const balance = await ledgerRepo.balance(deps.db, household._id);
      return {
        code: digits,
        expiresAt: doc.expiresAt,
        ttlSeconds: policy.codeTtlSeconds,
        redeemable: balance?.redeemable ?? 0,
        eligibility: eligibilityOf(household, balance, policy, now),
      };
    }
  }
  throw new DomainError('CONFLICT', '生成兑换码失败，请稍后重试');
}


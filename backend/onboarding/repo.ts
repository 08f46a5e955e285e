import { createHash } from 'node:crypto';
import type { IdentityBinding } from '@domain/org/types';
import type { BindingEvent, JoinRequest } from '@domain/onboarding/types';
import type { HouseholdCode } from '@domain/onboarding/codes';
import type { Database, Transaction } from '../db/types';
import { C } from '../repos/collections';

/** Claim codes are stored by their sha-256 only. */
export function codeHash(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** `in` lists stay at 100 ids, the page CloudBase answers without a limit. */
function chunks<T>(xs: readonly T[], size = 100): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

export const onboardingRepo = {
  /** Which of these people have a WeChat bound. */
  async boundPersonIds(db: Database, personIds: readonly string[]): Promise<Set<string>> {
    const bound = new Set<string>();
    for (const ids of chunks(personIds)) {
      const { data } = await db.collection<IdentityBinding>(C.identities).where({ personId: db.command.in(ids) }).limit(1000).get();
      for (const i of data) bound.add(i.personId);
    }
    return bound;
  },

  async cardsOf(db: Database, householdIds: readonly string[]): Promise<Map<string, HouseholdCode>> {
    const out = new Map<string, HouseholdCode>();
    for (const ids of chunks(householdIds)) {
      const { data } = await db.collection<HouseholdCode>(C.householdCodes).where({ householdId: db.command.in(ids) }).limit(1000).get();
      for (const c of data) out.set(c.householdId, c);
    }
    return out;
  },

  async pendingJoins(db: Database, householdIds: readonly string[]): Promise<JoinRequest[]> {
    const out: JoinRequest[] = [];
    for (const ids of chunks(householdIds)) {
      const { data } = await db
        .collection<JoinRequest>(C.joinRequests)
        .where({ householdId: db.command.in(ids), status: 'pending' })
        .limit(1000)
        .get();
      out.push(...data);
    }
    return out.sort((a, b) => a.createdAt - b.createdAt);
  },

  async latestJoinOf(db: Database, openid: string): Promise<JoinRequest | null> {
    const { data } = await db.collection<JoinRequest>(C.joinRequests).where({ openid }).orderBy('createdAt', 'desc').limit(1).get();
    return data[0] ?? null;
  },

  async log(db: Database | Transaction, e: BindingEvent): Promise<void> {
    const { _id, ...rest } = e;
    await db.collection<BindingEvent>(C.bindingLog).doc(_id).set(rest);
  },

  async logOf(db: Database, villageId: string, limit: number): Promise<BindingEvent[]> {
    const { data } = await db.collection<BindingEvent>(C.bindingLog).where({ villageId }).orderBy('at', 'desc').limit(limit).get();
    return data;
  },
};

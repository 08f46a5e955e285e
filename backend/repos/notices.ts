import type { Notice } from '@domain/notices/types';
import { villageAudienceKey } from '@domain/notices/policy';
import { DatabaseError, type Database, type Transaction } from '../db/types';
import { C } from './collections';

/** A village-wide notice is stored once, addressed to this key instead of a person. */
export const villageAudience = villageAudienceKey;

export interface NoticeRead {
  _id: string;
  noticeId: string;
  personId: string;
  at: number;
}

const readId = (noticeId: string, personId: string) => `${noticeId}|${personId}`;

export const noticesRepo = {
  /** Inserts each notice unless its id exists (a retry or a re-run): an existing one keeps its read state. Returns the ones written. */
  async addAll(db: Database, notices: readonly Notice[]): Promise<Notice[]> {
    const written: Notice[] = [];
    for (const n of notices) {
      try {
        await db.collection<Notice>(C.notices).add(n);
        written.push(n);
      } catch (e) {
        if (!(e instanceof DatabaseError && e.code === 'DUPLICATE_KEY')) throw e;
      }
    }
    return written;
  },

  /** Inside the transaction of the event itself: the same ids on a re-run, so each lands once. Started together (one statement, or parallel requests). */
  async setAllInTx(tx: Transaction, notices: readonly Notice[]): Promise<void> {
    await Promise.all(notices.map(({ _id, ...doc }) => tx.collection<Notice>(C.notices).doc(_id).set(doc)));
  },

  async get(db: Database, id: string): Promise<Notice | null> {
    const { data } = await db.collection<Notice>(C.notices).doc(id).get();
    return data[0] ?? null;
  },

  /** Newest first, before `beforeAt` (exclusive), for these audiences (the person, their village). */
  async page(db: Database, audiences: string[], beforeAt: number | undefined, limit: number): Promise<Notice[]> {
    const where = { personId: db.command.in(audiences), ...(beforeAt !== undefined ? { createdAt: db.command.lt(beforeAt) } : {}) };
    const { data } = await db.collection<Notice>(C.notices).where(where).orderBy('createdAt', 'desc').limit(limit).get();
    return data;
  },

  async countUnread(db: Database, personId: string): Promise<number> {
    return (await db.collection(C.notices).where({ personId, readAt: null }).count()).total;
  },

  /** The village-wide notices since `sinceAt` (a handful a quarter). */
  async villageSince(db: Database, villageId: string, sinceAt: number): Promise<Notice[]> {
    const { data } = await db
      .collection<Notice>(C.notices)
      .where({ personId: villageAudience(villageId), createdAt: db.command.gte(sinceAt) })
      .orderBy('createdAt', 'desc')
      .limit(100)
      .get();
    return data;
  },

  /** Which of these village-wide notices the person has read. */
  async readsOf(db: Database, personId: string, noticeIds: string[]): Promise<Set<string>> {
    if (noticeIds.length === 0) return new Set();
    const { data } = await db
      .collection<NoticeRead>(C.noticeReads)
      .where({ _id: db.command.in(noticeIds.map((id) => readId(id, personId))) })
      .limit(1000)
      .get();
    return new Set(data.map((r) => r.noticeId));
  },

  async markOwnRead(db: Database, id: string, at: number): Promise<void> {
    await db.collection<Notice>(C.notices).doc(id).update({ readAt: at });
  },

  async markVillageRead(db: Database, noticeId: string, personId: string, at: number): Promise<void> {
    await db.collection<NoticeRead>(C.noticeReads).doc(readId(noticeId, personId)).set({ noticeId, personId, at });
  },

  /** A person's unread own notices (mark all read), a page at a time. */
  async unreadOwn(db: Database, personId: string, limit = 100): Promise<Notice[]> {
    const { data } = await db.collection<Notice>(C.notices).where({ personId, readAt: null }).limit(limit).get();
    return data;
  },
};

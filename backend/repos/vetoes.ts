import type { Veto, VetoStatus } from '@domain/veto/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const vetoesRepo = {
  async get(db: Database, id: string): Promise<Veto | null> {
    const { data } = await db.collection<Veto>(C.vetoes).doc(id).get();
    return data[0] ?? null;
  },

  /** A village's vetoes, newest event first (index villageId_eventDate, or villageId_status_eventDate with a status). */
  async ofVillage(db: Database, villageId: string, opts: { status?: VetoStatus; limit: number; offset: number }): Promise<Veto[]> {
    const where = opts.status ? { villageId, status: opts.status } : { villageId };
    const { data } = await db
      .collection<Veto>(C.vetoes)
      .where(where)
      .orderBy('eventDate', 'desc')
      .orderBy('createdAt', 'desc')
      .orderBy('_id', 'desc')
      .skip(opts.offset)
      .limit(opts.limit)
      .get();
    return data;
  },

  /** The black list (黑榜) of a period: effective vetoes whose event falls in [from, to]. */
  async effectiveBetween(db: Database, villageId: string, from: string, to: string): Promise<Veto[]> {
    const _ = db.command;
    const { data } = await db
      .collection<Veto>(C.vetoes)
      .where({ villageId, status: 'effective', eventDate: _.gte(from).and(_.lte(to)) })
      .orderBy('eventDate', 'asc')
      .limit(1000)
      .get();
    return data;
  },

  /** A household's vetoes, newest event first (a handful at most). */
  async ofHousehold(db: Database, householdId: string): Promise<Veto[]> {
    const { data } = await db.collection<Veto>(C.vetoes).where({ householdId }).orderBy('eventDate', 'desc').limit(100).get();
    return data;
  },
};

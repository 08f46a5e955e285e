import type { Application, ApplicationStatus } from '@domain/points/application';
import type { Database } from '../db/types';
import { C } from './collections';

export const applicationsRepo = {
  async get(db: Database, id: string): Promise<Application | null> {
    const { data } = await db.collection<Application>(C.applications).doc(id).get();
    return data[0] ?? null;
  },

  async ofHousehold(db: Database, householdId: string, limit = 100): Promise<Application[]> {
    const { data } = await db
      .collection<Application>(C.applications)
      .where({ householdId })
      .orderBy('createdAt', 'desc')
      .limit(limit)
      .get();
    return data;
  },

  async ofGrids(db: Database, gridIds: string[], status: ApplicationStatus, limit = 200): Promise<Application[]> {
    if (gridIds.length === 0) return [];
    const { data } = await db
      .collection<Application>(C.applications)
      .where({ gridId: db.command.in(gridIds), status })
      .orderBy('createdAt', 'asc')
      .limit(limit)
      .get();
    return data;
  },
};

/** Cap counters: one per household × item × period (see domain capKey). */
export interface CapCounter {
  _id: string;
  count: number;
}

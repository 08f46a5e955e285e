import type { Unit } from '@domain/units/types';
import type { Database } from '../db/types';
import { C } from './collections';

/** A village has a few dozen units at most: one page holds them. */
const MAX_UNITS = 1000;

export const unitsRepo = {
  async get(db: Database, id: string): Promise<Unit | null> {
    const { data } = await db.collection<Unit>(C.units).doc(id).get();
    return data[0] ?? null;
  },

  async ofVillage(db: Database, villageId: string): Promise<Unit[]> {
    const { data } = await db.collection<Unit>(C.units).where({ villageId }).orderBy('_id', 'asc').limit(MAX_UNITS).get();
    return data;
  },

  /** The units a person is 负责人 of. */
  async ofResponsible(db: Database, personId: string): Promise<Unit[]> {
    const { data } = await db.collection<Unit>(C.units).where({ responsiblePersonId: personId }).orderBy('_id', 'asc').limit(100).get();
    return data;
  },
};

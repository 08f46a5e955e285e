import type { Grid, Household, IdentityBinding, Person, Town, Village } from '@domain/org/types';
import type { VillagePolicy } from '@domain/org/policy';
import type { Database } from '../db/types';
import { C } from './collections';

export type VillageDoc = Village & { policy?: Partial<VillagePolicy> };

async function byId<T extends { _id: string }>(db: Database, coll: string, id: string): Promise<T | null> {
  const { data } = await db.collection<T>(coll).doc(id).get();
  return data[0] ?? null;
}

export const orgRepo = {
  town: (db: Database, id: string) => byId<Town>(db, C.towns, id),
  village: (db: Database, id: string) => byId<VillageDoc>(db, C.villages, id),
  grid: (db: Database, id: string) => byId<Grid>(db, C.grids, id),
  household: (db: Database, id: string) => byId<Household>(db, C.households, id),
  person: (db: Database, id: string) => byId<Person>(db, C.people, id),

  /** Identity comes from the OPENID binding only; the client never names a person. */
  async personByOpenid(db: Database, openid: string): Promise<Person | null> {
    const { data } = await db.collection<IdentityBinding>(C.identities).doc(openid).get();
    return data[0] ? byId<Person>(db, C.people, data[0].personId) : null;
  },

  async grids(db: Database, ids: string[]): Promise<Grid[]> {
    if (ids.length === 0) return [];
    const { data } = await db.collection<Grid>(C.grids).where({ _id: db.command.in(ids) }).limit(100).get();
    return data;
  },

  async gridsOfVillage(db: Database, villageId: string): Promise<Grid[]> {
    const { data } = await db.collection<Grid>(C.grids).where({ villageId }).orderBy('_id', 'asc').limit(1000).get();
    return data;
  },

  /** A level-3 grid holds at most 100 households, so one page always holds the grid. */
  async householdsOfGrid(db: Database, gridId: string): Promise<Household[]> {
    const { data } = await db.collection<Household>(C.households).where({ gridId }).orderBy('doorNo', 'asc').limit(1000).get();
    return data;
  },

  async membersOfHouseholds(db: Database, householdIds: string[]): Promise<Person[]> {
    if (householdIds.length === 0) return [];
    const { data } = await db
      .collection<Person>(C.people)
      .where({ householdId: db.command.in(householdIds) })
      .orderBy('householdId', 'asc')
      .limit(1000)
      .get();
    return data;
  },
};

import type { Grid, Household, IdentityBinding, Person, Town, Village } from '@domain/org/types';
import type { VillagePolicy } from '@domain/org/policy';
import type { Database } from '../db/types';
import { C } from './collections';
import { pagedAll } from './paged';

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

  /** In the order they were made (the seed's first, by id): a village has a few dozen grids at most. */
  async gridsOfVillage(db: Database, villageId: string): Promise<Grid[]> {
    const { data } = await db.collection<Grid>(C.grids).where({ villageId }).orderBy('_id', 'asc').limit(1000).get();
    return data.sort((a, b) => (a.createdAt ?? 0) - (b.createdAt ?? 0));
  },

  /** A level-3 grid holds at most 100 households, so one page always holds the grid. */
  async householdsOfGrid(db: Database, gridId: string): Promise<Household[]> {
    const { data } = await db.collection<Household>(C.households).where({ gridId }).orderBy('doorNo', 'asc').limit(1000).get();
    return data;
  },

  async villagesOfTown(db: Database, townId: string): Promise<VillageDoc[]> {
    const { data } = await db.collection<VillageDoc>(C.villages).where({ townId }).orderBy('_id', 'asc').limit(1000).get();
    return data;
  },

  async countHouseholdsOfGrid(db: Database, gridId: string): Promise<number> {
    return (await db.collection(C.households).where({ gridId }).count()).total;
  },

  async countHouseholdsOfVillage(db: Database, villageId: string): Promise<number> {
    return (await db.collection(C.households).where({ villageId }).count()).total;
  },

  /** Every household of a village, a page of 1000 at a time (the roster import, the 台账). */
  async householdsOfVillage(db: Database, villageId: string): Promise<Household[]> {
    return pagedAll<Household>(db, C.households, { villageId });
  },

  /** Every person of a village, a page of 1000 at a time. */
  async peopleOfVillage(db: Database, villageId: string): Promise<Person[]> {
    return pagedAll<Person>(db, C.people, { villageId });
  },

  /** 不漏户: households of the village in none of its grids (UNASSIGNED_GRID or a grid id that is gone). */
  async householdsOutsideGrids(db: Database, villageId: string, gridIds: string[]): Promise<Household[]> {
    const { data } = await db
      .collection<Household>(C.households)
      .where({ villageId, gridId: db.command.nin(gridIds) })
      .orderBy('doorNo', 'asc')
      .limit(1000)
      .get();
    return data;
  },

  /** 不漏人: people of the village who belong to no household. */
  async countPeopleWithoutHousehold(db: Database, villageId: string): Promise<number> {
    return (await db.collection(C.people).where({ villageId, householdId: null }).count()).total;
  },

  async peopleNamed(db: Database, villageId: string, name: string): Promise<Person[]> {
    const { data } = await db.collection<Person>(C.people).where({ villageId, name }).limit(50).get();
    return data;
  },

  async gridNamed(db: Database, villageId: string, name: string): Promise<Grid | null> {
    const { data } = await db.collection<Grid>(C.grids).where({ villageId, name }).limit(1).get();
    return data[0] ?? null;
  },

  async membersOfHouseholds(db: Database, householdIds: string[]): Promise<Person[]> {
    if (householdIds.length === 0) return [];
    const { data } = await db
      .collection<Person>(C.people)
      .where({ householdId: db.command.in(householdIds) })
      .orderBy('householdId', 'asc')
      // Named: neither engine orders equal keys by id on its own.
      .orderBy('_id', 'asc')
      .limit(1000)
      .get();
    return data;
  },
};

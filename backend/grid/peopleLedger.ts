import { peopleLedger, type PeopleLedger } from '@domain/grid/peopleLedger';
import type { Grid, Household } from '@domain/org/types';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';

/** 人员信息分布台账 of these villages: their grids, and their households read a page at a time. */
export async function loadPeopleLedger(db: Database, villages: VillageDoc[]): Promise<PeopleLedger> {
  const grids: Grid[] = [];
  const households: Household[] = [];
  for (const v of villages) {
    grids.push(...(await orgRepo.gridsOfVillage(db, v._id)));
    households.push(...(await orgRepo.householdsOfVillage(db, v._id)));
  }
  return peopleLedger(villages, grids, households);
}

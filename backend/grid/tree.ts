import { gridNode, villageNode, type VillageNode } from '@domain/grid/tree';
import { policyWithDefaults } from '@domain/org/policy';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';

/** One village's grids with counts, staff and the 不漏户/不漏人 flags: a handful of indexed counts. */
export async function villageTree(db: Database, v: VillageDoc): Promise<VillageNode> {
  const policy = policyWithDefaults(v.policy);
  const grids = await orgRepo.gridsOfVillage(db, v._id);
  const counts = await Promise.all(grids.map((g) => orgRepo.countHouseholdsOfGrid(db, g._id)));
  const unassigned = await orgRepo.householdsOutsideGrids(db, v._id, grids.map((g) => g._id));
  const homeless = await orgRepo.countPeopleWithoutHousehold(db, v._id);
  return villageNode(
    v,
    grids.map((g, i) => gridNode(g, counts[i], policy)),
    unassigned,
    homeless,
  );
}

import { whoamiInput, workbenchInput, type WhoAmI } from '@domain/api/identity';
import { gridsWorked } from '@domain/org/roles';
import { identityGates, policyWithDefaults } from '@domain/org/policy';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { unitsRepo } from '@backend/repos/units';
import { workbenchOf } from '@backend/workbench/todo';

export const identity: FunctionDef<'identity'> = {
  /** Who am I: person, household and members, roles with their scopes, the units I am 负责人 of. Any registered person. */
  whoami: action({
    gate: identityGates.whoami,
    schema: whoamiInput,
    run: async (_input, { deps, caller, actor: person }): Promise<WhoAmI> => {
      const db = deps.db;
      const [town, village, household, grids, units] = await Promise.all([
        orgRepo.town(db, person.townId),
        person.villageId ? orgRepo.village(db, person.villageId) : Promise.resolve(null),
        person.householdId ? orgRepo.household(db, person.householdId) : Promise.resolve(null),
        orgRepo.grids(db, gridsWorked(person.roles)),
        unitsRepo.ofResponsible(db, person._id),
      ]);
      const members = household ? await orgRepo.membersOfHouseholds(db, [household._id]) : [];
      const homeGrid = household ? await orgRepo.grid(db, household.gridId) : null;
      return {
        openid: caller.openid as string,
        person: { id: person._id, name: person.name },
        town: { id: person.townId, name: town?.name ?? '' },
        village: village ? { id: village._id, name: village.name } : null,
        household: household
          ? {
              id: household._id,
              doorNo: household.doorNo,
              headName: household.headName,
              gridId: household.gridId,
              gridName: homeGrid?.name ?? '',
              members: members.map((m) => ({ id: m._id, name: m.name, relation: m.relation })),
            }
          : null,
        roles: person.roles,
        grids: grids.map((g) => ({ id: g._id, name: g.name })),
        policy: village ? policyWithDefaults(village.policy) : null,
        units: units.map((u) => ({ id: u._id, name: u.name })),
      };
    },
  }),

  /** 工作台: the caller's own work, counted (初审, events, signatures, objections, vetoes, scans, late villages). */
  workbench: action({
    gate: identityGates.workbench,
    schema: workbenchInput,
    run: async (_input, { deps, actor }) => workbenchOf(deps.db, actor, deps.now()),
  }),
};

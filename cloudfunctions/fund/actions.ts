import { SCENES } from '@domain/moderation';
import { dashboardInput, recordInput, townInput, villageInput } from '@domain/api/fund';
import { DomainError } from '@domain/shared/errors';
import { fundGates, mayRecordFund, readTown, readVillage, recordVillage } from '@domain/fund/policy';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { fundRepo } from '@backend/repos/fund';
import { recordFund, townPool, villagePool } from '@backend/fund/record';
import { dashboard } from '@backend/dashboard/read';

/** The caller's village (null only if the gate let someone through without one: NOT_FOUND as well). */
async function village(db: Database, id: string | null): Promise<VillageDoc> {
  const v = id ? await orgRepo.village(db, id) : null;
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return v;
}

export const fund: FunctionDef<'fund'> = {
  /**
   * Money in (乡贤 donation, sponsor, collective income) or other money out: the village admin for
   * their village, the town admin for any village of the town (`villageId`).
   */
  record: action({
    gate: fundGates.record,
    schema: recordInput,
    content: { scene: SCENES.decision, texts: (i) => [i.counterparty, i.note] },
    load: async (input, { deps, actor }) => village(deps.db, input.villageId ?? recordVillage(actor)),
    authorize: (v, actor) => mayRecordFund(actor, v),
    run: async ({ villageId, ...input }, { deps, actor, loaded: v }) => {
      void villageId;
      return recordFund(deps, actor, { townId: v.townId, villageId: v._id }, input);
    },
  }),

  /** The village's pool and its entries (newest first): village admin, reviewers, supervisors. */
  village: action({
    gate: fundGates.village,
    schema: villageInput,
    load: async (_input, { deps, actor }) => village(deps.db, readVillage(actor)),
    run: async (_input, { deps, loaded: v }) => {
      const [pool, entries] = await Promise.all([villagePool(deps.db, v, deps.now()), fundRepo.entriesOfVillage(deps.db, v._id)]);
      return { pool, entries };
    },
  }),

  /** Town admin: every village's pool and the town's sum, with the liability warning. */
  town: action({
    gate: fundGates.town,
    schema: townInput,
    run: async (_input, { deps, actor }) => townPool(deps.db, readTown(actor) as string, deps.now()),
  }),

  /**
   * 镇看板: the town admin sees every village of the town (or one, `villageId`); a village admin
   * their own village. Figures per village for a month, quarter or year (backend/dashboard/read.ts).
   */
  dashboard: action({
    gate: fundGates.dashboard,
    schema: dashboardInput,
    load: async (input, { deps, actor }) => {
      const townId = readTown(actor);
      if (townId) {
        const all = await orgRepo.villagesOfTown(deps.db, townId);
        const picked = input.villageId ? all.filter((v) => v._id === input.villageId) : all;
        if (picked.length === 0) throw new DomainError('NOT_FOUND', '找不到该村');
        return picked;
      }
      const own = await village(deps.db, recordVillage(actor));
      if (input.villageId && input.villageId !== own._id) throw new DomainError('NOT_FOUND', '找不到该村');
      return [own];
    },
    run: async (input, { deps, loaded }) => dashboard(deps.db, loaded, input.period, deps.now()),
  }),
};

import { SCENES } from '@domain/moderation';
import { countersignInput, listVetoInput, mineVetoInput, recordVetoInput, rejectVetoInput, vetoHouseholdsInput } from '@domain/api/veto';
import { DomainError } from '@domain/shared/errors';
import type { Veto } from '@domain/veto/types';
import { defaultVetoVillage, mayCountersignVeto, mayReadVetoes, mayRecordVeto, recordingVillage, vetoGates } from '@domain/veto/policy';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { vetoesRepo } from '@backend/repos/vetoes';
import { recordVeto } from '@backend/veto/record';
import { countersign, reject } from '@backend/veto/decide';
import { onVetoRecorded } from '@backend/notices/triggers';

async function loadVeto(vetoId: string, { deps }: PersonContext): Promise<Veto> {
  const v = await vetoesRepo.get(deps.db, vetoId);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该一票否决事项');
  return v;
}

export const veto: FunctionDef<'veto'> = {
  /** 评议小组成员: record a negative-list event for a household of the village; waits for 会签. */
  record: action({
    gate: vetoGates.record,
    schema: recordVetoInput,
    content: { scene: SCENES.decision, texts: (i) => [i.item, i.description] },
    load: async (input, { deps }) => {
      const household = await orgRepo.household(deps.db, input.householdId);
      if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
      return household;
    },
    authorize: (household, actor) => mayRecordVeto(actor, household),
    run: async (input, { deps, actor, loaded: household }) => {
      const v = await recordVeto(deps, actor, household, input);
      await onVetoRecorded(deps, actor, v);
      return v;
    },
  }),

  /** 监督小组成员, not the recorder: countersign; the veto takes effect in the same transaction. */
  countersign: action({
    gate: vetoGates.countersign,
    schema: countersignInput,
    content: { scene: SCENES.decision, texts: (i) => [i.note] },
    load: (input, ctx) => loadVeto(input.vetoId, ctx),
    authorize: (v, actor) => mayCountersignVeto(actor, v),
    run: async (input, { deps, actor, loaded: v }) => countersign(deps, actor, v._id, input.note?.trim() || null),
  }),

  /** 监督小组成员, not the recorder: refuse, with a reason. */
  reject: action({
    gate: vetoGates.reject,
    schema: rejectVetoInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, ctx) => loadVeto(input.vetoId, ctx),
    authorize: (v, actor) => mayCountersignVeto(actor, v),
    run: async (input, { deps, actor, loaded: v }) => reject(deps, actor, v._id, input.reason),
  }),

  /** The village's vetoes, newest event first, paged by offset: the village's committees and admin; the town admin naming it. */
  list: action({
    gate: vetoGates.read,
    schema: listVetoInput,
    load: async (input, { deps, actor }) => {
      const id = input.villageId ?? defaultVetoVillage(actor);
      // Only a town admin passes the gate without a village of their own: they name one.
      if (!id) throw new DomainError('FORBIDDEN', '请选择要查看的村');
      const village = await orgRepo.village(deps.db, id);
      if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
      return village;
    },
    authorize: (village, actor) => mayReadVetoes(actor, village),
    run: async (input, { deps, loaded: village }) => {
      const limit = input.limit ?? 20;
      const offset = input.offset ?? 0;
      const items = await vetoesRepo.ofVillage(deps.db, village._id, { status: input.status, limit: limit + 1, offset });
      return { items: items.slice(0, limit), nextOffset: items.length > limit ? offset + limit : null };
    },
  }),

  /** A household member: the vetoes that took effect on my household, with the reason. */
  mine: action({
    gate: vetoGates.mine,
    schema: mineVetoInput,
    run: async (_input, { deps, actor }) => {
      const items = await vetoesRepo.ofHousehold(deps.db, actor.householdId as string);
      return { items: items.filter((v) => v.status === 'effective') };
    },
  }),

  /** 评议小组成员: the village's grids, and the households of one (default: the first) for the record form. */
  households: action({
    gate: vetoGates.households,
    schema: vetoHouseholdsInput,
    run: async (input, { deps, actor }) => {
      const villageId = recordingVillage(actor) as string; // the gate admits reviewers only
      const db = deps.db;
      const grids = await orgRepo.gridsOfVillage(db, villageId);
      const gridId = input.gridId ?? grids[0]?._id ?? null;
      if (gridId !== null && !grids.some((g) => g._id === gridId)) throw new DomainError('NOT_FOUND', '找不到该网格');
      const households = gridId ? await orgRepo.householdsOfGrid(db, gridId) : [];
      return {
        grids: grids.map((g) => ({ id: g._id, name: g.name })),
        gridId,
        // Ids are zero-padded (h-qs-1-03): door order, where the door text sorts 一组10号 before 一组2号.
        items: households.map((h) => ({ id: h._id, doorNo: h.doorNo, headName: h.headName })).sort((a, b) => (a.id < b.id ? -1 : 1)),
      };
    },
  }),
};

import { SCENES } from '@domain/moderation';
import { getUnitInput, listUnitsInput, saveUnitInput, submitForUnitInput } from '@domain/api/units';
import { DomainError } from '@domain/shared/errors';
import { holdsIn, scopesOf } from '@domain/access/actor';
import { mayApplyForUnit, mayManageUnit, mayReadUnit, mayShowUnitCode, registerVillage, unitGates } from '@domain/units/policy';
import { policyWithDefaults } from '@domain/org/policy';
import type { Unit } from '@domain/units/types';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { unitsRepo } from '@backend/repos/units';
import { ledgerRepo } from '@backend/repos/ledger';
import { shopRepo } from '@backend/repos/shop';
import { applicationsRepo } from '@backend/repos/applications';
import { submitUnitApplication } from '@backend/points/submit';
import { toView } from '@backend/points/view';
import { saveUnit, unitView, unitViews } from '@backend/units/register';

/** The unit's latest receipts on its page (where the village lets units redeem). */
const RECEIPTS = 20;

async function loadUnit(unitId: string, { deps }: PersonContext): Promise<Unit> {
  const unit = await unitsRepo.get(deps.db, unitId);
  if (!unit) throw new DomainError('NOT_FOUND', '找不到该单位');
  return unit;
}

/**
 * 单位积分: the village's register of units (shops, associations, cooperatives, village groups),
 * their applications — through the same 初审, audit, publicity and town review as a household's —
 * and their ledgers.
 */
export const units: FunctionDef<'units'> = {
  /** 村两委: register a unit, or change one (name, kind, grid, 负责人, active). */
  save: action({
    gate: unitGates.save,
    schema: saveUnitInput,
    // A unit's name is posted on the publicity list.
    content: { scene: SCENES.profile, texts: (i) => [i.name] },
    load: async (input, ctx) => {
      const prior = input.unitId ? await loadUnit(input.unitId, ctx) : null;
      const villageId = prior?.villageId ?? registerVillage(ctx.actor);
      const village = villageId ? await orgRepo.village(ctx.deps.db, villageId) : null;
      if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
      return { prior, village };
    },
    authorize: ({ village }, actor) => mayManageUnit(actor, { villageId: village._id }),
    run: async (input, { deps, actor, loaded: { prior, village } }) => {
      const unit = await saveUnit(deps, actor, village, prior, input);
      return unitView(unit, await ledgerRepo.balance(deps.db, unit._id));
    },
  }),

  /**
   * The units of a village with their balances: the village's admin and committees, its grid
   * workers (their grids' units), the town admin (`villageId`); a 负责人 their own units.
   */
  list: action({
    gate: unitGates.list,
    schema: listUnitsInput,
    run: async (input, { deps, actor }) => {
      const villageId = input.villageId ?? scopesOf(actor, ['village_admin', 'reviewer', 'supervisor'])[0] ?? actor.villageId;
      const ofVillage = villageId ? await unitsRepo.ofVillage(deps.db, villageId) : [];
      const own = await unitsRepo.ofResponsible(deps.db, actor._id);
      const seen = new Set<string>();
      const visible = [...ofVillage, ...own].filter((u) => !seen.has(u._id) && seen.add(u._id) && mayReadUnit(actor, u).ok);
      if (input.villageId && ofVillage.length > 0 && visible.length === 0) throw new DomainError('NOT_FOUND', '找不到该村');
      return {
        villageId: villageId ?? null,
        items: await unitViews(deps.db, visible.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))),
        canManage: villageId !== null && villageId !== undefined && holdsIn(actor, ['village_admin'], villageId),
      };
    },
  }),

  /** One unit: balance, ledger, applications and receipts (兑换记录); whether the caller may show its 兑换码. */
  get: action({
    gate: unitGates.get,
    schema: getUnitInput,
    load: (input, ctx) => loadUnit(input.unitId, ctx),
    authorize: (unit, actor) => mayReadUnit(actor, unit),
    run: async (_input, { deps, actor, loaded: unit }) => {
      const [balance, entries, apps, village, receipts] = await Promise.all([
        ledgerRepo.balance(deps.db, unit._id),
        ledgerRepo.entries(deps.db, unit._id, 50),
        applicationsRepo.ofHousehold(deps.db, unit._id, 50),
        orgRepo.village(deps.db, unit.villageId),
        shopRepo.receipts(deps.db, { householdId: unit._id }, RECEIPTS),
      ]);
      const unitsRedeem = policyWithDefaults(village?.policy).unitsRedeem;
      return {
        unit: unitView(unit, balance),
        entries,
        receipts,
        applications: await Promise.all(apps.map((a) => toView(a, deps, actor._id))),
        canApply: mayApplyForUnit(actor, unit).ok,
        canManage: mayManageUnit(actor, unit).ok,
        // Its 兑换码: the 负责人 alone, where the village lets units redeem (shop.myCode checks both again).
        canShowCode: unitsRedeem && mayShowUnitCode(actor, unit).ok,
      };
    },
  }),

  /** 单位申报: the unit's 负责人, or on its behalf the village admin or a grid worker of its grid. */
  submit: action({
    gate: unitGates.submit,
    schema: submitForUnitInput,
    content: { scene: SCENES.application, texts: (i) => [i.place, i.description], photos: (i) => i.photos },
    load: (input, ctx) => loadUnit(input.unitId, ctx),
    authorize: (unit, actor) => mayApplyForUnit(actor, unit),
    run: async ({ unitId, ...input }, { deps, actor, loaded: unit }) => {
      void unitId;
      return toView(await submitUnitApplication(deps, actor, unit, input), deps, actor._id);
    },
  }),
};


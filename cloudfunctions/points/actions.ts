import {
  firstReviewInput,
  getInput,
  gridQueueInput,
  mineInput,
  submitInput,
  submitOnBehalfInput,
} from '@domain/api/points';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked, hasRole, type Role } from '@domain/org/roles';
import { assertOwnHousehold, assertWorksGrid } from '@domain/points/submitRules';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { orgRepo } from '@backend/repos/org';
import { applicationsRepo } from '@backend/repos/applications';
import { submitApplication } from '@backend/points/submit';
import { firstReviewApplication } from '@backend/points/firstReview';
import { toView } from '@backend/points/view';

/** Village roles that may read any application of their village. */
const VILLAGE_OVERSIGHT: Role[] = ['reviewer', 'supervisor', 'village_admin'];

export const points: FunctionDef<'points'> = {
  /** A villager reports a deed for their own household. */
  submit: action(submitInput, async (input, ctx) => {
    const person = await me(ctx);
    if (!person.householdId) throw new DomainError('NOT_OWN_HOUSEHOLD', '您不属于任何一户，不能申报积分');
    const household = await orgRepo.household(ctx.deps.db, person.householdId);
    if (!household) throw new DomainError('NOT_FOUND', '找不到您所在的户');
    assertOwnHousehold(person, household);
    return toView(await submitApplication(ctx.deps, person, household, 'self', input), ctx.deps.files);
  }),

  /** 代申报: a grid worker or leader reports for a household of their grid. */
  submitOnBehalf: action(submitOnBehalfInput, async ({ householdId, ...input }, ctx) => {
    const person = await me(ctx);
    if (gridsWorked(person.roles).length === 0) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以代申报');
    const household = await orgRepo.household(ctx.deps.db, householdId);
    if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
    assertWorksGrid(person, household.gridId);
    return toView(await submitApplication(ctx.deps, person, household, 'grid_worker', input), ctx.deps.files);
  }),

  /** 初审: pass to the committee, or return with a reason. */
  firstReview: action(firstReviewInput, async (input, ctx) => {
    const person = await me(ctx);
    if (gridsWorked(person.roles).length === 0) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以初审');
    const app = await firstReviewApplication(ctx.deps, person, input.applicationId, input.decision, input.reason);
    return toView(app, ctx.deps.files);
  }),

  /** My household's applications, newest first. */
  mine: action(mineInput, async (_input, ctx) => {
    const person = await me(ctx);
    if (!person.householdId) return { items: [] };
    const apps = await applicationsRepo.ofHousehold(ctx.deps.db, person.householdId);
    return { items: await Promise.all(apps.map((a) => toView(a, ctx.deps.files))) };
  }),

  /** Applications waiting for 初审 in the grids I work (or one of them). */
  gridQueue: action(gridQueueInput, async (input, ctx) => {
    const person = await me(ctx);
    const grids = gridsWorked(person.roles);
    if (grids.length === 0) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以查看初审队列');
    if (input.gridId) assertWorksGrid(person, input.gridId);
    const apps = await applicationsRepo.ofGrids(ctx.deps.db, input.gridId ? [input.gridId] : grids, 'submitted');
    return { items: await Promise.all(apps.map((a) => toView(a, ctx.deps.files))) };
  }),

  /** One application: members of the household, its grid's workers, and the village's committee and admins. */
  get: action(getInput, async (input, ctx) => {
    const person = await me(ctx);
    const app = await applicationsRepo.get(ctx.deps.db, input.applicationId);
    const allowed =
      app &&
      (person.householdId === app.householdId ||
        gridsWorked(person.roles).includes(app.gridId) ||
        VILLAGE_OVERSIGHT.some((r) => hasRole(person.roles, r, app.villageId)) ||
        hasRole(person.roles, 'town_admin', app.townId));
    // Same answer for "absent" and "not yours": ids of other households are not probeable.
    if (!app || !allowed) throw new DomainError('NOT_FOUND', '找不到该申报，或您无权查看');
    return toView(app, ctx.deps.files);
  }),
};

import {
  addManualItemInput,
  correctInput,
  exportInput,
  gridMonthInput,
  ledgerInput,
  mineInput,
  removeManualItemInput,
  townOverviewInput,
} from '@domain/api/assessment';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked } from '@domain/org/roles';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { assessmentRepo } from '@backend/repos/assessment';
import { assertCorrector, assertLeader, assertReader, gridOr404, isLeader } from '@backend/assessment/access';
import { addItem, assessmentView, correctAssessment, publishAssessment, publishedView, removeItem } from '@backend/assessment/assess';
import { ledgerExport, ledgerPage, townOverview } from '@backend/assessment/ledger';

/** 网格员积分评定 [004]: the grid leader's monthly assessment and the 台账 of the village and the town. */
export const assessment: FunctionDef<'assessment'> = {
  /** Grid leader: live figures per worker with the breakdown; writes nothing. */
  compute: action(gridMonthInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertLeader(person, grid);
    return assessmentView(ctx.deps, grid, input.month, true);
  }),

  /** The leader sees the draft too; the grid's workers, the village admin and the town only the published one. */
  get: action(gridMonthInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertReader(person, grid);
    return isLeader(person, grid) ? assessmentView(ctx.deps, grid, input.month, true) : publishedView(ctx.deps, grid, input.month);
  }),

  addManualItem: action(addManualItemInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertLeader(person, grid);
    await addItem(ctx.deps, grid, person, input);
    return assessmentView(ctx.deps, grid, input.month, true);
  }),

  removeManualItem: action(removeManualItemInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertLeader(person, grid);
    await removeItem(ctx.deps, grid, person, input.month, input.itemId);
    return assessmentView(ctx.deps, grid, input.month, true);
  }),

  publish: action(gridMonthInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertLeader(person, grid);
    await publishAssessment(ctx.deps, grid, person, input.month);
    return assessmentView(ctx.deps, grid, input.month, true);
  }),

  correct: action(correctInput, async (input, ctx) => {
    const person = await me(ctx);
    const grid = await gridOr404(ctx.deps.db, input.gridId);
    assertCorrector(person, grid);
    await correctAssessment(ctx.deps, grid, person, input);
    return assessmentView(ctx.deps, grid, input.month, isLeader(person, grid));
  }),

  /** A grid worker's own published results. */
  mine: action(mineInput, async (_input, ctx) => {
    const person = await me(ctx);
    if (gridsWorked(person.roles).length === 0) throw new DomainError('FORBIDDEN', '只有网格员可以查看自己的积分评定');
    return { rows: await assessmentRepo.rowsOfWorker(ctx.deps.db, person._id) };
  }),

  ledger: action(ledgerInput, async (input, ctx) => ledgerPage(ctx.deps.db, await me(ctx), input)),

  export: action(exportInput, async (input, ctx) => ledgerExport(ctx.deps.db, await me(ctx), input)),

  townOverview: action(townOverviewInput, async (input, ctx) => townOverview(ctx.deps.db, await me(ctx), input.month)),
};

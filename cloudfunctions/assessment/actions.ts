import { SCENES } from '@domain/moderation';
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
import type { Grid } from '@domain/org/types';
import { overseenTown } from '@domain/grid/policy';
import { assessmentGates, mayAssess, mayCorrect, mayReadAssessment, mayReadAssessmentLedger, seesDraft } from '@domain/grid/assessmentPolicy';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { assessmentRepo } from '@backend/repos/assessment';
import { addItem, assessmentView, correctAssessment, publishAssessment, publishedView, removeItem } from '@backend/assessment/assess';
import { ledgerExport, ledgerPage, loadLedgerScope, townOverview } from '@backend/assessment/ledger';
import { csvAction, exportSpec } from '@backend/sheets/exportSpec';

async function loadGrid(input: { gridId: string }, { deps }: PersonContext): Promise<Grid> {
  const grid = await orgRepo.grid(deps.db, input.gridId);
  if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格');
  return grid;
}

/** 网格员积分评定 [004]: the grid leader's monthly assessment and the 台账 of the village and the town. */
/** 网格员积分评定台账 of a month: CSV here, .xlsx in the sheets function. */
export const assessmentExport = exportSpec({
  gate: assessmentGates.ledger,
  schema: exportInput,
  load: (input, { deps, actor }) => loadLedgerScope(deps.db, actor, input.villageId),
  authorize: ({ village }, actor, input) => mayReadAssessmentLedger(actor, input.villageId, village),
  book: async (input, { deps, loaded }) => ledgerExport(deps.db, loaded, input.month),
});

export const assessment: FunctionDef<'assessment'> = {
  /** Grid leader: live figures per worker with the breakdown; writes nothing. */
  compute: action({
    gate: assessmentGates.assess,
    schema: gridMonthInput,
    load: loadGrid,
    authorize: (grid, actor) => mayAssess(actor, grid),
    run: async (input, { deps, loaded: grid }) => assessmentView(deps, grid, input.month, true),
  }),

  /** The leader sees the draft too; the grid's workers, the village admin and the town only the published one. */
  get: action({
    gate: assessmentGates.read,
    schema: gridMonthInput,
    load: loadGrid,
    authorize: (grid, actor) => mayReadAssessment(actor, grid),
    run: async (input, { deps, actor, loaded: grid }) =>
      seesDraft(actor, grid) ? assessmentView(deps, grid, input.month, true) : publishedView(deps, grid, input.month),
  }),

  addManualItem: action({
    gate: assessmentGates.assess,
    schema: addManualItemInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: loadGrid,
    authorize: (grid, actor) => mayAssess(actor, grid),
    run: async (input, { deps, actor, loaded: grid }) => {
      await addItem(deps, grid, actor, input);
      return assessmentView(deps, grid, input.month, true);
    },
  }),

  removeManualItem: action({
    gate: assessmentGates.assess,
    schema: removeManualItemInput,
    load: loadGrid,
    authorize: (grid, actor) => mayAssess(actor, grid),
    run: async (input, { deps, actor, loaded: grid }) => {
      await removeItem(deps, grid, actor, input.month, input.itemId);
      return assessmentView(deps, grid, input.month, true);
    },
  }),

  publish: action({
    gate: assessmentGates.assess,
    schema: gridMonthInput,
    load: loadGrid,
    authorize: (grid, actor) => mayAssess(actor, grid),
    run: async (input, { deps, actor, loaded: grid }) => {
      await publishAssessment(deps, grid, actor, input.month);
      return assessmentView(deps, grid, input.month, true);
    },
  }),

  /** A correction appended to a published assessment: the grid's leader or the village admin, never on their own line (checked on the lines, in the use case). */
  correct: action({
    gate: assessmentGates.correct,
    schema: correctInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: loadGrid,
    authorize: (grid, actor) => mayCorrect(actor, grid),
    run: async (input, { deps, actor, loaded: grid }) => {
      await correctAssessment(deps, grid, actor, input);
      return assessmentView(deps, grid, input.month, seesDraft(actor, grid));
    },
  }),

  /** A grid worker's own published results. */
  mine: action({
    gate: assessmentGates.mine,
    schema: mineInput,
    run: async (_input, { deps, actor }) => ({ rows: await assessmentRepo.rowsOfWorker(deps.db, actor._id) }),
  }),

  ledger: action({
    gate: assessmentGates.ledger,
    schema: ledgerInput,
    load: (input, { deps, actor }) => loadLedgerScope(deps.db, actor, input.villageId),
    authorize: ({ village }, actor, input) => mayReadAssessmentLedger(actor, input.villageId, village),
    run: async (input, { deps, loaded }) => ledgerPage(deps.db, loaded, input),
  }),

  export: csvAction(assessmentExport),

  /** Town dashboard: per village, grids published / all, workers, total, average. */
  townOverview: action({
    gate: assessmentGates.townOverview,
    schema: townOverviewInput,
    run: async (input, { deps, actor }) => townOverview(deps.db, overseenTown(actor) as string, input.month),
  }),
};

import { SCENES } from '@domain/moderation';
import {
  firstReviewInput,
  getInput,
  gridQueueInput,
  membersInput,
  mineInput,
  recordInspectionInput,
  recordVisitInput,
  reportInput,
  reportTargetsInput,
  submitInput,
  submitOnBehalfInput,
} from '@domain/api/points';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked } from '@domain/org/roles';
import { maskName, type Household } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import { allow } from '@domain/access/decision';
import {
  mayFirstReview,
  mayReadApplication,
  mayReadHouseholdPoints,
  mayRecordInspection,
  mayRecordVisit,
  mayPickHouseholdsIn,
  mayReport,
  maySubmitFor,
  mayWorkGrid,
  pointsGates,
} from '@domain/points/policy';
import { memberContributions } from '@domain/points/members';
import { yearOf } from '@domain/shared/time';
import { scopesOf } from '@domain/access/actor';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { applicationsRepo } from '@backend/repos/applications';
import { submitApplication } from '@backend/points/submit';
import { firstReviewApplication } from '@backend/points/firstReview';
import { toView } from '@backend/points/view';
import { auditRepo } from '@backend/repos/audit';
import { publicityRepo } from '@backend/repos/publicity';
import { villagePolicy } from '@backend/audit/access';
import { applicationJourney } from '@domain/points/journey';
import { publicityIdOf } from '@domain/publicity/ids';
import { cstDate, monthOf, quarterOf } from '@domain/shared/time';

async function loadHousehold(householdId: string, { deps }: PersonContext): Promise<Household> {
  const household = await orgRepo.household(deps.db, householdId);
  if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
  return household;
}

const deedContent = { scene: SCENES.application, texts: (i: { place: string; description: string }) => [i.place, i.description], photos: (i: { photos: string[] }) => i.photos };

async function loadApplication(applicationId: string, { deps }: PersonContext, notFound: string): Promise<Application> {
  const app = await applicationsRepo.get(deps.db, applicationId);
  if (!app) throw new DomainError('NOT_FOUND', notFound);
  return app;
}

export const points: FunctionDef<'points'> = {
  /** A villager reports a deed for their own household. */
  submit: action({
    gate: pointsGates.submit,
    schema: submitInput,
    content: { scene: SCENES.application, texts: (i) => [i.place, i.description], photos: (i) => i.photos },
    load: async (_input, { deps, actor }): Promise<Household | null> => {
      if (!actor.householdId) return null;
      const household = await orgRepo.household(deps.db, actor.householdId);
      if (!household) throw new DomainError('NOT_FOUND', '找不到您所在的户');
      return household;
    },
    authorize: (household, actor) => maySubmitFor(actor, household),
    // Authorized: the caller's own household, so it was found.
    run: async (input, { deps, actor, loaded: household }) =>
      toView(await submitApplication(deps, actor, household as Household, 'self', input), deps, actor._id),
  }),

  /** 代申报: a grid worker or leader reports for a household of their grid. */
  submitOnBehalf: action({
    gate: pointsGates.submitOnBehalf,
    schema: submitOnBehalfInput,
    content: { scene: SCENES.application, texts: (i) => [i.place, i.description], photos: (i) => i.photos },
    load: async (input, { deps }) => {
      const household = await orgRepo.household(deps.db, input.householdId);
      if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
      return household;
    },
    authorize: (household, actor) => mayWorkGrid(actor, household.gridId),
    run: async ({ householdId, ...input }, { deps, actor, loaded: household }) => {
      void householdId;
      return toView(await submitApplication(deps, actor, household, 'grid_worker', input), deps, actor._id);
    },
  }),

  /**
   * 初审: pass to the committee, or return with a reason. A worker of the grid, never on their own
   * household nor on what they reported themselves (mayFirstReview, asked again in the transaction).
   */
  firstReview: action({
    gate: pointsGates.firstReview,
    schema: firstReviewInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, ctx) => loadApplication(input.applicationId, ctx, '找不到该申报'),
    authorize: (app, actor) => mayFirstReview(actor, app),
    run: async (input, { deps, actor }) =>
      toView(await firstReviewApplication(deps, actor, input.applicationId, input.decision, input.reason), deps, actor._id),
  }),

  /**
   * 他人举报/推荐: a villager reports (or recommends) a deed of another household of the village.
   * It goes to that household's grid worker for 初审 and the household is told.
   */
  report: action({
    gate: pointsGates.report,
    schema: reportInput,
    content: deedContent,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayReport(actor, household),
    run: async ({ householdId, ...input }, { deps, actor, loaded: household }) => {
      void householdId;
      return toView(await submitApplication(deps, actor, household, 'villager_report', input), deps, actor._id);
    },
  }),

  /** 评议小组走访: a reviewer records what the committee found on a visit, straight into the month's audit. */
  recordVisit: action({
    gate: pointsGates.recordVisit,
    schema: recordVisitInput,
    content: deedContent,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayRecordVisit(actor, household),
    run: async ({ householdId, ...input }, { deps, actor, loaded: household }) => {
      void householdId;
      return toView(await submitApplication(deps, actor, household, 'committee_visit', input), deps, actor._id);
    },
  }),

  /** 上级检查: the town admin records an inspection's finding into the village's month audit. */
  recordInspection: action({
    gate: pointsGates.recordInspection,
    schema: recordInspectionInput,
    content: deedContent,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayRecordInspection(actor, household),
    run: async ({ householdId, ...input }, { deps, actor, loaded: household }) => {
      void householdId;
      return toView(await submitApplication(deps, actor, household, 'inspection', input), deps, actor._id);
    },
  }),

  /** The village's grids and one grid's households (head's name masked), to pick whom to report on. */
  reportTargets: action({
    gate: pointsGates.reportTargets,
    schema: reportTargetsInput,
    load: async (input, { deps, actor }) => {
      const towns = scopesOf(actor, ['town_admin']);
      const villages = towns.length > 0 ? await orgRepo.villagesOfTown(deps.db, towns[0]) : [];
      const id = input.villageId ?? actor.villageId ?? scopesOf(actor, ['reviewer'])[0] ?? villages[0]?._id ?? null;
      const village = id ? await orgRepo.village(deps.db, id) : null;
      if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
      return { village, villages };
    },
    authorize: ({ village }, actor) => mayPickHouseholdsIn(actor, village),
    run: async (input, { deps, actor, loaded: { village, villages } }) => {
      const villageId = village._id;
      const grids = await orgRepo.gridsOfVillage(deps.db, villageId);
      const gridId = input.gridId ?? grids[0]?._id ?? null;
      if (gridId !== null && !grids.some((g) => g._id === gridId)) throw new DomainError('NOT_FOUND', '找不到该网格');
      const households = gridId ? await orgRepo.householdsOfGrid(deps.db, gridId) : [];
      return {
        villages: villages.map((v) => ({ id: v._id, name: v.name })),
        villageId,
        grids: grids.map((g) => ({ id: g._id, name: g.name })),
        gridId,
        items: households
          .filter((h) => h._id !== actor.householdId)
          .map((h) => ({ id: h._id, doorNo: h.doorNo, headName: maskName(h.headName) }))
          .sort((a, b) => (a.id < b.id ? -1 : 1)),
      };
    },
  }),

  /** Each member's contribution to the household's decided points in a year (default: my household, this year). */
  members: action({
    gate: pointsGates.members,
    schema: membersInput,
    load: async (input, ctx) => {
      const id = input.householdId ?? ctx.actor.householdId;
      if (!id) throw new DomainError('NOT_FOUND', '您不属于任何一户');
      return loadHousehold(id, ctx);
    },
    authorize: (household, actor) => mayReadHouseholdPoints(actor, household),
    run: async (input, { deps, loaded: household }) => {
      const year = input.year ?? Number(yearOf(cstDate(deps.now())));
      const [apps, people] = await Promise.all([
        applicationsRepo.ofHousehold(deps.db, household._id, 1000),
        orgRepo.membersOfHouseholds(deps.db, [household._id]),
      ]);
      return {
        householdId: household._id,
        year,
        members: memberContributions(apps, people, year),
        people: people.map((p) => ({ id: p._id, name: p.name, relation: p.relation })),
      };
    },
  }),

  /** My household's applications, newest first. */
  mine: action({
    gate: pointsGates.mine,
    schema: mineInput,
    run: async (_input, { deps, actor }) => {
      if (!actor.householdId) return { items: [] };
      const apps = await applicationsRepo.ofHousehold(deps.db, actor.householdId);
      return { items: await Promise.all(apps.map((a) => toView(a, deps, actor._id))) };
    },
  }),

  /**
   * Applications waiting for 初审 in the grids I work (or one of them). What I may not review
   * myself (my household, my 代申报) is listed too, for the page to show as another's to review.
   */
  gridQueue: action({
    gate: pointsGates.gridQueue,
    schema: gridQueueInput,
    authorize: (_loaded, actor, input) => (input.gridId ? mayWorkGrid(actor, input.gridId) : allow),
    run: async (input, { deps, actor }) => {
      const apps = await applicationsRepo.ofGrids(deps.db, input.gridId ? [input.gridId] : gridsWorked(actor.roles), 'submitted');
      return { items: await Promise.all(apps.map((a) => toView(a, deps, actor._id))) };
    },
  }),

  /** One application: members of the household, its grid's workers, and the village's committee and admins. */
  get: action({
    gate: pointsGates.get,
    schema: getInput,
    // Same answer for "absent" and "not yours": ids of other households are not probeable.
    load: (input, ctx) => loadApplication(input.applicationId, ctx, '找不到该申报，或您无权查看'),
    authorize: (app, actor) => mayReadApplication(actor, app),
    run: async (_input, { deps, actor, loaded: app }) => {
      const month = app.auditMonth ?? monthOf(app.deedDate);
      const [m, publicity, policy] = await Promise.all([
        auditRepo.month(deps.db, app.villageId, month),
        publicityRepo.get(deps.db, publicityIdOf(app.villageId, quarterOf(`${month}-01`))),
        villagePolicy(deps.db, app.villageId),
      ]);
      const facts = { status: app.status, deedDate: app.deedDate, auditMonth: month, monthStatus: m?.status ?? null, publicityStatus: publicity?.status ?? null };
      return { ...(await toView(app, deps, actor._id)), journey: applicationJourney(facts, policy, cstDate(deps.now())) };
    },
  }),
};

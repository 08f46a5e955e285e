import { annualBaseInput, runsInput, yearEndInput } from '@domain/api/jobs';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { assertYearJustEnded } from '@domain/jobs/yearEnd';
import { defaultJobScope, jobsGates, mayRunJobsForAll } from '@domain/jobs/policy';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { jobsRepo } from '@backend/repos/jobs';
import { runYearEndAll } from '@backend/jobs/yearEnd';
import { runAnnualBase } from '@backend/jobs/annualBase';

/**
 * The villages a job call is about: the one asked, else the caller's (a town admin's every
 * village of the town, a village admin's own). Whether they are the caller's is mayRunJobsFor's.
 */
async function loadVillages(asked: string | undefined, { deps, actor }: PersonContext): Promise<VillageDoc[]> {
  const db = deps.db;
  const scope = asked !== undefined ? { village: asked } : defaultJobScope(actor);
  if ('towns' in scope) {
    const { data } = await db.collection<VillageDoc>(C.villages).where({ townId: db.command.in(scope.towns) }).orderBy('_id', 'asc').limit(1000).get();
    return data;
  }
  const v = scope.village ? await orgRepo.village(db, scope.village) : null;
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return [v];
}

export const jobs: FunctionDef<'jobs'> = {
  /** 年底结转 for the year just ended: village admin (own village), town admin (the town's villages). Idempotent. */
  yearEnd: action({
    gate: jobsGates.yearEnd,
    schema: yearEndInput,
    load: (input, ctx) => loadVillages(input.villageId, ctx),
    authorize: (villages, actor) => mayRunJobsForAll(actor, villages),
    run: async (input, { deps, actor, loaded: villages }) => {
      const today = cstDate(deps.now());
      const year = input.year ?? Number(today.slice(0, 4)) - 1;
      assertYearJustEnded(year, today);
      return { runs: await runYearEndAll(deps, villages, year, { id: actor._id, name: actor.name }) };
    },
  }),

  /**
   * 年度基础分 for this year: each household of the village(s) without a veto bar on 1 January gets
   * the policy's annual base once (villages whose mode is not annual_base: nothing). The timer
   * runs it on 1 January after the year end; an admin may run it (again: nothing more is posted).
   */
  annualBase: action({
    gate: jobsGates.annualBase,
    schema: annualBaseInput,
    load: (input, ctx) => loadVillages(input.villageId, ctx),
    authorize: (villages, actor) => mayRunJobsForAll(actor, villages),
    run: async (input, { deps, actor, loaded: villages }) => {
      const year = Number(cstDate(deps.now()).slice(0, 4));
      if (input.year !== undefined && input.year !== year) throw new DomainError('BAD_INPUT', `只能发放今年（${year} 年）的年度基础分`);
      const results = [];
      for (const v of villages) results.push(await runAnnualBase(deps, v, year, { id: actor._id, name: actor.name }));
      return { results };
    },
  }),

  /** The year-end runs the caller may see, newest year first. */
  runs: action({
    gate: jobsGates.runs,
    schema: runsInput,
    load: (_input, ctx) => loadVillages(undefined, ctx),
    authorize: (villages, actor) => mayRunJobsForAll(actor, villages),
    run: async (input, { deps, loaded: villages }) => ({ items: await jobsRepo.runs(deps.db, villages.map((v) => v._id), input.year) }),
  }),
};

import { runsInput, yearEndInput } from '@domain/api/jobs';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { assertYearJustEnded } from '@domain/jobs/yearEnd';
import type { Person } from '@domain/org/types';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { scopesOf } from '@backend/runtime/scope';
import { C } from '@backend/repos/collections';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { jobsRepo } from '@backend/repos/jobs';
import { runYearEndAll } from '@backend/jobs/yearEnd';

/**
 * The villages this person may run jobs for: a village admin their own; a town admin every
 * village of the town (or the one asked). Anything outside the caller's scope: NOT_FOUND.
 */
async function jobVillages(db: Database, person: Person, asked: string | undefined): Promise<VillageDoc[]> {
  const own = scopesOf(person, ['village_admin']);
  const towns = scopesOf(person, ['town_admin']);
  if (own.length === 0 && towns.length === 0) throw new DomainError('FORBIDDEN', '只有村两委或镇管理员可以执行年底结转');
  if (asked !== undefined) {
    const v = await orgRepo.village(db, asked);
    if (!v || !(own.includes(v._id) || towns.includes(v.townId))) throw new DomainError('NOT_FOUND', '找不到该村');
    return [v];
  }
  if (towns.length > 0) {
    const { data } = await db.collection<VillageDoc>(C.villages).where({ townId: db.command.in(towns) }).orderBy('_id', 'asc').limit(1000).get();
    return data;
  }
  const v = await orgRepo.village(db, own[0]);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return [v];
}

export const jobs: FunctionDef<'jobs'> = {
  /** 年底结转 for the year just ended: village admin (own village), town admin (the town's villages). Idempotent. */
  yearEnd: action(yearEndInput, async (input, ctx) => {
    const person = await me(ctx);
    const today = cstDate(ctx.deps.now());
    const year = input.year ?? Number(today.slice(0, 4)) - 1;
    const villages = await jobVillages(ctx.deps.db, person, input.villageId);
    assertYearJustEnded(year, today);
    return { runs: await runYearEndAll(ctx.deps, villages, year, { id: person._id, name: person.name }) };
  }),

  /** The year-end runs the caller may see, newest year first. */
  runs: action(runsInput, async (input, ctx) => {
    const person = await me(ctx);
    const villages = await jobVillages(ctx.deps.db, person, undefined);
    return { items: await jobsRepo.runs(ctx.deps.db, villages.map((v) => v._id), input.year) };
  }),
};

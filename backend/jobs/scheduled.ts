import { cstDate } from '@domain/shared/time';
import { isYearEndDue, type YearEndRun } from '@domain/jobs/yearEnd';
import type { Deps } from '../runtime/deps';
import { allVillages, runYearEndAll, SYSTEM_ACTOR, type YearEndOptions } from './yearEnd';
import { runAnnualBase } from './annualBase';

/**
 * What the timer does (CloudBase timer trigger on 1 January 00:05 China time; the local server
 * checks hourly): in January, the year-end job for the year just ended over every village.
 * Outside January it does nothing — a missed run is then an admin's deliberate call, because
 * clearing later would also clear points of the new year. Idempotent: finished runs are skipped.
 */
export async function runScheduledYearEnd(deps: Pick<Deps, 'db' | 'now'>, opts: YearEndOptions = {}): Promise<{ year: number; runs: YearEndRun[] } | null> {
  const today = cstDate(deps.now());
  if (!isYearEndDue(today)) return null;
  const year = Number(today.slice(0, 4)) - 1;
  const villages = await allVillages(deps);
  const runs = await runYearEndAll(deps, villages, year, SYSTEM_ACTOR, opts);
  // Then the new year's annual base where the village chose it (after the clear, never cleared by it).
  for (const v of villages) await runAnnualBase(deps, v, year + 1, SYSTEM_ACTOR);
  return { year, runs };
}

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import { jobs } from './actions';

/**
 * Deployed entry (bundled by scripts/buildFunctions.ts). Besides the actions, the timer trigger
 * of config.json (1 January 00:05 China time) runs the year-end job for the year just ended
 * over every village.
 */
export const main = cloudbaseMain(jobs, { onTimer: (deps) => runScheduledYearEnd(deps) });

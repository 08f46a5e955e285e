import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { jobs } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(jobs);

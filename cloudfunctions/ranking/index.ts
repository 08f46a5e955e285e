import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { ranking } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(ranking);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { assessment } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(assessment);

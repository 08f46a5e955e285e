import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { patrol } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(patrol);

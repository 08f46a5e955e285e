import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { units } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(units);

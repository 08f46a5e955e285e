import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { points } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(points);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { grid } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(grid);

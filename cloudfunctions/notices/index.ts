import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { notices } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(notices);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { org } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(org);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { catalogue } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(catalogue);

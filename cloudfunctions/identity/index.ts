import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { identity } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(identity);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { publicity } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(publicity);

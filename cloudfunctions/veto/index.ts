import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { veto } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(veto);

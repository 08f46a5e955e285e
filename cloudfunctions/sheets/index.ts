import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { sheets } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(sheets);

import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { fund } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(fund);

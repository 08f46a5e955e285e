import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { shop } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(shop);

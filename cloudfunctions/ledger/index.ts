import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { ledger } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(ledger);

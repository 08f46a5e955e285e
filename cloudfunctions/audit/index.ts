import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { audit } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(audit);

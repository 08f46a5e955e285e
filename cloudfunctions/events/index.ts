import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { events } from './actions';

/** Deployed entry (bundled by scripts/buildFunctions.ts). */
export const main = cloudbaseMain(events);

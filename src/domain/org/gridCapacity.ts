import { DomainError } from '../shared/errors';
import type { VillagePolicy } from './policy';

/** A level-3 grid holds at most `maxHouseholdsPerGrid` households (default 100) [004]. */
export function assertGridHasRoom(householdsInGrid: number, policy: VillagePolicy): void {
  if (householdsInGrid >= policy.maxHouseholdsPerGrid) {
    throw new DomainError('GRID_FULL', `该网格已有 ${householdsInGrid} 户，达到每个网格 ${policy.maxHouseholdsPerGrid} 户的上限，请拆分网格`);
  }
}

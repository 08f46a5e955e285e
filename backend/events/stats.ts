import { OPEN_STATUSES, PENDING_STATUSES } from '@domain/grid/deadlines';
import type { Grid } from '@domain/org/types';
import type { EventStatsRow } from '@domain/api/events';
import type { Database } from '../db/types';
import { eventsRepo } from '../repos/events';

/** Counts per grid, each an indexed count (a village has a handful of grids, the town a few dozen). */
export async function statsOfGrids(db: Database, grids: Grid[], now: number): Promise<EventStatsRow[]> {
  return Promise.all(
    grids.map(async (g) => {
      const [open, overdue, closed, satisfied, basic, unsatisfied] = await Promise.all([
        eventsRepo.countByStatus(db, g._id, [...OPEN_STATUSES]),
        eventsRepo.countByStatus(db, g._id, [...PENDING_STATUSES], now),
        eventsRepo.countByStatus(db, g._id, ['closed']),
        eventsRepo.countInGrid(db, g._id, { 'followUp.satisfaction': 'satisfied' }),
        eventsRepo.countInGrid(db, g._id, { 'followUp.satisfaction': 'basic' }),
        eventsRepo.countInGrid(db, g._id, { 'followUp.satisfaction': 'unsatisfied' }),
      ]);
      return { gridId: g._id, gridName: g.name, villageId: g.villageId, open, overdue, closed, satisfied, basic, unsatisfied };
    }),
  );
}

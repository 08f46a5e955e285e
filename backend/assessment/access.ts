import { DomainError } from '@domain/shared/errors';
import type { Grid, Person } from '@domain/org/types';
import { holdsIn } from '../runtime/scope';
import { orgRepo } from '../repos/org';
import type { Database } from '../db/types';

/**
 * Who may see or change a grid's assessment: only its leader changes it; its workers (the
 * 张榜公示 in the grid), the village admin and the town read it once published. Anyone else
 * (another grid's worker, a villager) sees nothing of it.
 */
export async function gridOr404(db: Database, gridId: string): Promise<Grid> {
  const grid = await orgRepo.grid(db, gridId);
  if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格');
  return grid;
}

export function isLeader(person: Person, grid: Grid): boolean {
  return holdsIn(person, ['grid_leader'], grid._id);
}

export function assertLeader(person: Person, grid: Grid): void {
  if (!isLeader(person, grid)) throw new DomainError('FORBIDDEN', '只有本网格的网格长可以进行网格员积分评定');
}

/** Leader or village admin: may append a correction to a published assessment. */
export function assertCorrector(person: Person, grid: Grid): void {
  if (!isLeader(person, grid) && !holdsIn(person, ['village_admin'], grid.villageId)) {
    throw new DomainError('FORBIDDEN', '只有本网格的网格长或村两委可以更正评定');
  }
}

export function assertReader(person: Person, grid: Grid): void {
  const ok =
    holdsIn(person, ['grid_leader', 'grid_worker'], grid._id) ||
    holdsIn(person, ['village_admin'], grid.villageId) ||
    holdsIn(person, ['town_admin'], grid.townId);
  if (!ok) throw new DomainError('FORBIDDEN', '您无权查看该网格的网格员积分评定');
}

import type { Grid, Person } from '@domain/org/types';
import { isAssessed } from '@domain/grid/assessmentPolicy';
import { orgRepo } from '../repos/org';
import { assessmentRepo, type EventFacts, type PatrolFacts, type VisitFacts } from '../repos/assessment';
import type { Database } from '../db/types';

/**
 * The grid's workers for a month. Candidates: the grid's staff list (kept with the roles by
 * grid.setRole) — or, for a grid set up before it had one, its residents (workers live in the
 * grid they serve [000]) — and everyone named in the month's records or the draft's items.
 * Person.roles is the source of truth: each candidate is checked for the role on this grid.
 */
export async function workersOfGrid(
  db: Database,
  grid: Grid,
  records: { patrols: PatrolFacts[]; visits: VisitFacts[]; events: EventFacts[] },
  alsoIds: readonly string[] = [],
): Promise<{ people: Person[]; householdCount: number }> {
  const households = await orgRepo.householdsOfGrid(db, grid._id);
  const residents = grid.staff === undefined ? await orgRepo.membersOfHouseholds(db, households.map((h) => h._id)) : [];
  const named = new Set<string>(alsoIds);
  for (const s of grid.staff ?? []) if (s.role === 'grid_worker') named.add(s.personId);
  for (const p of records.patrols) named.add(p.workerId);
  for (const v of records.visits) named.add(v.workerId);
  for (const e of records.events) {
    if (e.reporterRole === 'grid_worker') named.add(e.reporterId);
    if (e.closedBy) named.add(e.closedBy);
    if (e.handlerId) named.add(e.handlerId);
  }
  for (const p of residents) named.delete(p._id);
  const others = await assessmentRepo.people(db, [...named]);
  const people = [...residents, ...others].filter((p) => isAssessed(p, grid)).sort((a, b) => a._id.localeCompare(b._id));
  return { people, householdCount: households.length };
}

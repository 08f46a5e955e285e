import { DomainError } from '@domain/shared/errors';
import { gridsWorked } from '@domain/org/roles';
import type { Person } from '@domain/org/types';
import { assertPatrolTime } from '@domain/grid/patrol';
import type { Patrol, Visit } from '@domain/grid/records';
import { cstDate } from '@domain/shared/time';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { stableId } from '../shared/ids';
import type { Deps } from '../runtime/deps';
import { checkPhotos } from '../events/photos';
import { villagePolicy } from '../events/policy';

/** The grid a worker acts on: the one named (theirs) or their first. */
export function workedGrid(person: Person, gridId: string | undefined): string {
  const grids = gridsWorked(person.roles);
  if (grids.length === 0) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以记录巡查和走访');
  if (gridId !== undefined && !grids.includes(gridId)) throw new DomainError('NOT_IN_GRID', '该网格不在您负责的范围内');
  return gridId ?? grids[0];
}

async function insertOnce<T extends { _id: string }>(deps: Deps, coll: string, doc: T): Promise<T> {
  return deps.db.runTransaction(async (tx) => {
    const again = await tx.collection<T>(coll).doc(doc._id).get();
    if (again.data) return again.data;
    const { _id, ...rest } = doc;
    await tx.collection<T>(coll).doc(_id).set(rest as Omit<T, '_id'>);
    return doc;
  });
}

export interface PatrolDraft {
  requestId: string;
  gridId?: string;
  place: string;
  findings: string;
  photos: string[];
  at?: number;
}

/** 定点巡查: one patrol of one of the worker's grids. Idempotent on requestId. */
export async function recordPatrol(deps: Deps, person: Person, input: PatrolDraft): Promise<Patrol> {
  const { db } = deps;
  const id = stableId('pat', person._id, input.requestId);
  const { data: prior } = await db.collection<Patrol>(C.patrols).doc(id).get();
  if (prior[0]) return prior[0];
  const gridId = workedGrid(person, input.gridId);
  const grid = await orgRepo.grid(db, gridId);
  if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格');
  const now = deps.now();
  const at = input.at ?? now;
  assertPatrolTime(at, now);
  await checkPhotos(deps.files, input.photos, await villagePolicy(db, grid.villageId), db, person);
  const patrol: Patrol = {
    _id: id,
    townId: grid.townId,
    villageId: grid.villageId,
    gridId,
    workerId: person._id,
    workerName: person.name,
    date: cstDate(at),
    at,
    place: input.place,
    findings: input.findings,
    photos: input.photos,
    eventIds: [],
    createdAt: now,
  };
  return insertOnce(deps, C.patrols, patrol);
}

/** 入户走访: a household of one of the worker's grids. Idempotent on requestId. */
export async function recordVisit(deps: Deps, person: Person, input: { requestId: string; householdId: string; note: string }): Promise<Visit> {
  const { db } = deps;
  const id = stableId('vis', person._id, input.requestId);
  const { data: prior } = await db.collection<Visit>(C.visits).doc(id).get();
  if (prior[0]) return prior[0];
  const household = await orgRepo.household(db, input.householdId);
  if (gridsWorked(person.roles).length === 0) throw new DomainError('FORBIDDEN', '只有网格员或网格长可以记录走访');
  if (!household) throw new DomainError('NOT_FOUND', '找不到该户');
  workedGrid(person, household.gridId);
  const now = deps.now();
  const visit: Visit = {
    _id: id,
    townId: household.townId,
    villageId: household.villageId,
    gridId: household.gridId,
    householdId: household._id,
    workerId: person._id,
    workerName: person.name,
    date: cstDate(now),
    at: now,
    note: input.note,
    createdAt: now,
  };
  return insertOnce(deps, C.visits, visit);
}

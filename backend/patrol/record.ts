import { DomainError } from '@domain/shared/errors';
import type { Household, Person } from '@domain/org/types';
import { assertPatrolTime } from '@domain/grid/patrol';
import type { Patrol, Visit } from '@domain/grid/records';
import { cstDate } from '@domain/shared/time';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { stableId } from '../shared/ids';
import type { Deps } from '../runtime/deps';
import { checkPhotos } from '../events/photos';
import { villagePolicy } from '../events/policy';

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
  place: string;
  findings: string;
  photos: string[];
  at?: number;
}

/**
 * 定点巡查: one patrol of a grid the worker works (mayWorkGrid, checked by the action). Idempotent
 * on requestId.
 */
export async function recordPatrol(deps: Deps, person: Person, gridId: string, input: PatrolDraft): Promise<Patrol> {
  const { db } = deps;
  const id = stableId('pat', person._id, input.requestId);
  const { data: prior } = await db.collection<Patrol>(C.patrols).doc(id).get();
  if (prior[0]) return prior[0];
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

/** 入户走访: a household of a grid the worker works (mayWorkGrid, checked by the action). Idempotent on requestId. */
export async function recordVisit(deps: Deps, person: Person, household: Household, input: { requestId: string; note: string }): Promise<Visit> {
  const { db } = deps;
  const id = stableId('vis', person._id, input.requestId);
  const { data: prior } = await db.collection<Visit>(C.visits).doc(id).get();
  if (prior[0]) return prior[0];
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

import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { close, handle, newEvent } from '@domain/grid/eventFlow';
import { mayLinkPatrol, mayTakeStep } from '@domain/grid/eventPolicy';
import type { GridEvent, GridPlace, Patrol } from '@domain/grid/records';
import type { ReportInput } from '@domain/api/events';
import { stableId } from '../shared/ids';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { eventsRepo } from '../repos/events';
import type { Deps } from '../runtime/deps';
import { enforce } from '../runtime/handler';
import { checkPhotos } from './photos';
import { villagePolicy } from './policy';

/**
 * 随手拍/说事 (a villager: lands at their household's grid) or a grid worker's finding (lands
 * at the grid they pick, optionally from one of their patrols). 自巡自办: a worker may report
 * it handled and closed at once. Idempotent on requestId.
 */
export async function reportEvent(deps: Deps, person: Person, input: ReportInput): Promise<GridEvent> {
  const { db } = deps;
  const id = stableId('evt', person._id, input.requestId);
  const prior = await eventsRepo.get(db, id);
  if (prior) return prior;

  // Who may report where is the policy's (mayReport), checked by the action before this runs.
  const asWorker = input.gridId !== undefined;
  let place: GridPlace;
  if (asWorker) {
    const grid = await orgRepo.grid(db, input.gridId as string);
    if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格');
    place = { townId: grid.townId, villageId: grid.villageId, gridId: grid._id };
  } else {
    const household = await orgRepo.household(db, person.householdId as string);
    if (!household || !household.gridId) throw new DomainError('NOT_FOUND', '找不到您所在的网格，请联系村委会');
    place = { townId: household.townId, villageId: household.villageId, gridId: household.gridId };
  }
  let patrol: Patrol | null = null;
  if (input.patrolId) {
    const { data } = await db.collection<Patrol>(C.patrols).doc(input.patrolId).get();
    patrol = data[0] ?? null;
    enforce(mayLinkPatrol(person, patrol, place.gridId));
  }
  const policy = await villagePolicy(db, place.villageId);
  await checkPhotos(deps.files, input.photos, policy, db, person);

  const now = deps.now();
  let e = newEvent({
    id,
    now,
    reporter: person,
    reporterRole: asWorker ? 'grid_worker' : 'villager',
    place,
    category: input.category,
    mode: asWorker ? 'self' : 'separate',
    where: input.place,
    description: input.description,
    photos: input.photos,
    patrolId: input.patrolId ?? null,
    policy,
  });
  if (input.selfHandled) {
    // 自巡自办: the worker's own finding, handled and closed by them (the policy says so, four eyes included).
    enforce(mayTakeStep(person, e, 'handle'));
    e = handle(e, person, input.selfHandled.handling, now);
    enforce(mayTakeStep(person, e, 'close'));
    e = close(e, person, input.selfHandled.closingNote, now);
  }

  return db.runTransaction(async (tx) => {
    const again = await tx.collection<GridEvent>(C.gridEvents).doc(id).get();
    if (again.data) return again.data;
    if (patrol) {
      const p = await tx.collection<Patrol>(C.patrols).doc(patrol._id).get();
      if (p.data && !p.data.eventIds.includes(id)) await tx.collection<Patrol>(C.patrols).doc(patrol._id).update({ eventIds: [...p.data.eventIds, id] });
    }
    await eventsRepo.put(tx, e);
    return e;
  });
}

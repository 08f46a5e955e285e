import { DomainError } from '@domain/shared/errors';
import type { GridEvent } from '@domain/grid/records';
import type { Decision } from '@domain/access/decision';
import { enforce } from '../runtime/handler';
import { C } from '../repos/collections';
import { eventsRepo } from '../repos/events';
import type { Deps } from '../runtime/deps';

/**
 * Read the event, apply one pure step of the flow, write it back — in one transaction, so two
 * cadres acting at once never lose each other's history entry (the loser re-runs on the new state).
 */
export async function applyStep(deps: Deps, eventId: string, step: (e: GridEvent) => GridEvent): Promise<GridEvent> {
  return deps.db.runTransaction(async (tx) => {
    const { data } = await tx.collection<GridEvent>(C.gridEvents).doc(eventId).get();
    if (!data) throw new DomainError('NOT_FOUND', '找不到该事件，或您无权查看');
    const next = step(data);
    await eventsRepo.put(tx, next);
    return next;
  });
}

/**
 * One step a person takes: the policy that authorized it on the loaded event is asked again on
 * the state read inside the transaction (someone may have acted in between), so a refusal —
 * four eyes included — still writes nothing.
 */
export async function takeStep(deps: Deps, eventId: string, decide: (e: GridEvent) => Decision, step: (e: GridEvent) => GridEvent): Promise<GridEvent> {
  return applyStep(deps, eventId, (e) => {
    enforce(decide(e));
    return step(e);
  });
}

/** Writes an 'overdue' entry once per deadline; a no-op when someone else flagged it first. */
export async function flagOnce(deps: Pick<Deps, 'db'>, e: GridEvent, flag: (e: GridEvent) => GridEvent | null): Promise<GridEvent> {
  if (!flag(e)) return e;
  return deps.db.runTransaction(async (tx) => {
    const { data } = await tx.collection<GridEvent>(C.gridEvents).doc(e._id).get();
    const next = data ? flag(data) : null;
    if (!data || !next) return data ?? e;
    await eventsRepo.put(tx, next);
    return next;
  });
}

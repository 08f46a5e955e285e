import type { Grid, Person } from '@domain/org/types';
import { gridsWorked } from '@domain/org/roles';
import type { GridEvent } from '@domain/grid/records';
import { handlerTitle, mayBeHandler } from '@domain/grid/eventPolicy';
import type { HandlerCandidate } from '@domain/api/events';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';

/** The person's title as a handler of this event (eventPolicy.handlerTitle), or null: not eligible. */
export async function eligibleTitle(db: Database, e: GridEvent, p: Person): Promise<string | null> {
  const worked = gridsWorked(p.roles);
  return handlerTitle(p, e, worked.length ? await orgRepo.grids(db, worked) : []);
}

/**
 * Whom the dispatcher can pick: the staff listed on the village's grids (Grid.staff, kept by the
 * roster) and the people who already acted on this event, each checked against Person.roles,
 * minus whom the four-eyes rules refuse (the reporter, the dispatcher: mayBeHandler), so the
 * list offers nobody a dispatch would be refused for. People has no index by role, so the list
 * is built from these bounded sources.
 */
export async function handlerCandidates(db: Database, e: GridEvent, dispatcher: Person): Promise<HandlerCandidate[]> {
  const grids: (Grid & { staff?: { personId: string }[] })[] = await orgRepo.gridsOfVillage(db, e.villageId);
  const ids = new Set<string>();
  const own = grids.find((g) => g._id === e.gridId);
  for (const s of own?.staff ?? []) ids.add(s.personId);
  for (const g of grids) for (const s of g.staff ?? []) ids.add(s.personId);
  for (const h of e.history) if (h.actorId !== 'system') ids.add(h.actorId);
  if (e.handlerId) ids.add(e.handlerId);
  const out: HandlerCandidate[] = [];
  for (const id of [...ids].filter((x) => mayBeHandler(dispatcher, e, x).ok).slice(0, 60)) {
    const p = await orgRepo.person(db, id);
    const title = p ? await eligibleTitle(db, e, p) : null;
    if (p && title) out.push({ id: p._id, name: p.name, title });
  }
  return out;
}

import { gridsWorked, hasRole, ROLE_LABELS } from '@domain/org/roles';
import type { Grid, Person } from '@domain/org/types';
import type { GridEvent } from '@domain/grid/records';
import type { HandlerCandidate } from '@domain/api/events';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';

/**
 * 派单 goes to a person of the event's village (a grid worker or leader of one of its grids, a
 * village admin) or, once at the town, also to a town admin. Read from Person.roles, the truth.
 */
export async function eligibleTitle(db: Database, e: GridEvent, p: Person): Promise<string | null> {
  if (hasRole(p.roles, 'village_admin', e.villageId)) return ROLE_LABELS.village_admin;
  if (e.level === 'town' && hasRole(p.roles, 'town_admin', e.townId)) return ROLE_LABELS.town_admin;
  const grids = (await orgRepo.grids(db, gridsWorked(p.roles))).filter((g) => g.villageId === e.villageId);
  if (grids.length === 0) return null;
  const leads = p.roles.some((r) => r.role === 'grid_leader' && grids.some((g) => g._id === r.scopeId));
  return `${leads ? ROLE_LABELS.grid_leader : ROLE_LABELS.grid_worker}（${grids.map((g) => g.name).join('、')}）`;
}

/**
 * Whom the dispatcher can pick: the staff listed on the village's grids (Grid.staff, kept by the
 * roster), the people who already acted on this event, and the dispatcher. People has no index
 * by role, so the list is built from these bounded sources, each checked against Person.roles.
 */
export async function handlerCandidates(db: Database, e: GridEvent, dispatcher: Person): Promise<HandlerCandidate[]> {
  const grids: (Grid & { staff?: { personId: string }[] })[] = await orgRepo.gridsOfVillage(db, e.villageId);
  const ids = new Set<string>();
  const own = grids.find((g) => g._id === e.gridId);
  for (const s of own?.staff ?? []) ids.add(s.personId);
  for (const g of grids) for (const s of g.staff ?? []) ids.add(s.personId);
  for (const h of e.history) if (h.actorId !== 'system') ids.add(h.actorId);
  if (e.handlerId) ids.add(e.handlerId);
  ids.add(dispatcher._id);
  const out: HandlerCandidate[] = [];
  for (const id of [...ids].slice(0, 60)) {
    const p = id === dispatcher._id ? dispatcher : await orgRepo.person(db, id);
    const title = p ? await eligibleTitle(db, e, p) : null;
    if (p && title) out.push({ id: p._id, name: p.name, title });
  }
  return out;
}

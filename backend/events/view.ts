import type { Actor } from '@domain/grid/eventFlow';
import { allowedSteps } from '@domain/grid/eventPolicy';
import { isOverdue } from '@domain/grid/deadlines';
import type { GridEvent } from '@domain/grid/records';
import type { EventListItem, EventView } from '@domain/api/events';
import type { Database } from '../db/types';
import type { Deps } from '../runtime/deps';
import { photoViews } from '../moderation/photos';
import { orgRepo } from '../repos/org';

export async function gridNames(db: Database, ids: string[]): Promise<Map<string, string>> {
  const grids = await orgRepo.grids(db, [...new Set(ids)]);
  return new Map(grids.map((g) => [g._id, g.name]));
}

/** The event as this viewer sees it: with the steps they may take now. */
export async function toView(deps: Pick<Deps, 'db' | 'files' | 'content' | 'now'>, e: GridEvent, viewer: Actor, now: number): Promise<EventView> {
  const photos = await photoViews(deps, e.photos, viewer._id);
  const names = await gridNames(deps.db, [e.gridId]);
  return { ...e, photos, gridName: names.get(e.gridId) ?? '', overdue: isOverdue(e, now), steps: allowedSteps(viewer, e) };
}

export function toListItem(e: GridEvent, names: Map<string, string>, now: number): EventListItem {
  return {
    id: e._id,
    category: e.category,
    place: e.place,
    description: e.description.length > 60 ? `${e.description.slice(0, 60)}…` : e.description,
    gridId: e.gridId,
    gridName: names.get(e.gridId) ?? '',
    level: e.level,
    status: e.status,
    overdue: isOverdue(e, now),
    deadlineAt: e.deadlineAt,
    createdAt: e.createdAt,
    closedAt: e.closedAt,
    reporterName: e.reporterName,
    handlerName: e.handlerName,
    satisfaction: e.followUp?.satisfaction ?? null,
  };
}

import {
  checkOverdueInput,
  closeInput,
  dispatchInput,
  escalateInput,
  followUpInput,
  getInput,
  handleInput,
  handlersInput,
  mineInput,
  queueInput,
  reopenInput,
  reportInput,
  statsInput,
  type QueueScope,
} from '@domain/api/events';
import { DomainError } from '@domain/shared/errors';
import { gridsWorked } from '@domain/org/roles';
import type { Grid, Person } from '@domain/org/types';
import type { Village } from '@domain/org/types';
import { canSee, close, dispatch, escalate, flagOverdue, followUp, handle, ownsLevel, reopen } from '@domain/grid/eventFlow';
import { levelAbove, needsOverdueFlag } from '@domain/grid/deadlines';
import type { EventLevel, GridEvent } from '@domain/grid/records';
import { action, type ActionContext, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { scopesOf } from '@backend/runtime/scope';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { eventsRepo, type EventScopeQuery } from '@backend/repos/events';
import { reportEvent } from '@backend/events/report';
import { applyStep, flagOnce } from '@backend/events/step';
import { gridNames, toListItem, toView } from '@backend/events/view';
import { eligibleTitle, handlerCandidates } from '@backend/events/handlers';
import { statsOfGrids } from '@backend/events/stats';
import { villagePolicy } from '@backend/events/policy';

const PAGE = 20;

/** The lists this person may open, widest first. */
function queueScopes(p: Person): QueueScope[] {
  const out: QueueScope[] = [];
  if (scopesOf(p, ['town_admin']).length) out.push('town');
  if (scopesOf(p, ['village_admin']).length) out.push('village');
  if (gridsWorked(p.roles).length) out.push('grid');
  if (out.length) out.push('assigned');
  return out;
}

/** The viewer's level relative to an event: the levels they own. */
const LEVEL_ORDER: EventLevel[] = ['grid', 'village', 'town'];

/** An overdue event is flagged when an owner of a level above it reads it. */
function watchesFromAbove(p: Person, e: GridEvent): boolean {
  const above = levelAbove(e.level);
  if (!above) return false;
  return LEVEL_ORDER.slice(LEVEL_ORDER.indexOf(above)).some((l) => ownsLevel(p, e, l));
}

async function visible(ctx: ActionContext, p: Person, eventId: string): Promise<GridEvent> {
  const e = await eventsRepo.get(ctx.deps.db, eventId);
  // Same answer for "absent" and "not yours": ids of other grids are not probeable.
  if (!e || !canSee(p, e)) throw new DomainError('NOT_FOUND', '找不到该事件，或您无权查看');
  return e;
}

async function view(ctx: ActionContext, p: Person, e: GridEvent) {
  return toView(ctx.deps.db, ctx.deps.files, e, p, ctx.deps.now());
}

export const events: FunctionDef<'events'> = {
  /** 随手拍/说事 (villager) or a grid worker's finding (gridId, patrolId?, selfHandled?). */
  report: action(reportInput, async (input, ctx) => {
    const p = await me(ctx);
    return view(ctx, p, await reportEvent(ctx.deps, p, input));
  }),

  /** What I reported, newest first, with its state. */
  mine: action(mineInput, async (input, ctx) => {
    const p = await me(ctx);
    const page = input.page ?? 0;
    const rows = await eventsRepo.ofReporter(ctx.deps.db, p._id, page, PAGE);
    const names = await gridNames(ctx.deps.db, rows.map((e) => e.gridId));
    const now = ctx.deps.now();
    return { items: rows.slice(0, PAGE).map((e) => toListItem(e, names, now)), page, hasMore: rows.length > PAGE };
  }),

  /** The work list of a grid worker (their grids), a village admin, the town, or the events dispatched to me. */
  queue: action(queueInput, async (input, ctx) => {
    const p = await me(ctx);
    const scopes = queueScopes(p);
    if (scopes.length === 0) throw new DomainError('FORBIDDEN', '只有网格员、村两委和镇管理员可以查看事件队列');
    const scope = input.scope ?? scopes[0];
    if (!scopes.includes(scope)) throw new DomainError('FORBIDDEN', '您没有查看该范围事件的权限');
    let q: EventScopeQuery;
    if (scope === 'grid') {
      const mine = gridsWorked(p.roles);
      if (input.gridId && !mine.includes(input.gridId)) throw new DomainError('NOT_IN_GRID', '该网格不在您负责的范围内');
      q = { gridIds: input.gridId ? [input.gridId] : mine };
    } else if (scope === 'village') q = { villageId: scopesOf(p, ['village_admin'])[0] };
    else if (scope === 'town') q = { townId: scopesOf(p, ['town_admin'])[0] };
    else q = { handlerId: p._id };
    const { db } = ctx.deps;
    const now = ctx.deps.now();
    const page = input.page ?? 0;
    const size = input.pageSize ?? PAGE;
    let rows = await eventsRepo.list(db, q, input.filter, now, page, size);
    const hasMore = rows.length > size;
    rows = rows.slice(0, size);
    if (input.filter === 'overdue') {
      // The level above has now seen it: its overrun goes into the history, once per deadline.
      rows = await Promise.all(rows.map((e) => (watchesFromAbove(p, e) && needsOverdueFlag(e, now) ? flagOnce(ctx.deps, e, (x) => flagOverdue(x, now, p)) : e)));
    }
    const names = await gridNames(db, rows.map((e) => e.gridId));
    return { items: rows.map((e) => toListItem(e, names, now)), page, hasMore, scope, scopes };
  }),

  get: action(getInput, async (input, ctx) => {
    const p = await me(ctx);
    let e = await visible(ctx, p, input.eventId);
    const now = ctx.deps.now();
    if (watchesFromAbove(p, e) && needsOverdueFlag(e, now)) e = await flagOnce(ctx.deps, e, (x) => flagOverdue(x, now, p));
    return view(ctx, p, e);
  }),

  /** 上报: grid → village → town, with a reason. */
  escalate: action(escalateInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    const policy = await villagePolicy(ctx.deps.db, e.villageId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => escalate(x, p, input.note, now, policy)));
  }),

  /** Whom the level owner may dispatch to. */
  handlers: action(handlersInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    if (!ownsLevel(p, e, e.level)) throw new DomainError('FORBIDDEN', '只有本级负责人可以派单');
    return { items: await handlerCandidates(ctx.deps.db, e, p) };
  }),

  /** 派单 to a person of the village (or town), due within the category's hours. */
  dispatch: action(dispatchInput, async (input, ctx) => {
    const p = await me(ctx);
    const { db } = ctx.deps;
    const e = await visible(ctx, p, input.eventId);
    if (!ownsLevel(p, e, e.level)) throw new DomainError('FORBIDDEN', '只有本级负责人可以派单');
    const handler = input.handlerId === p._id ? p : await orgRepo.person(db, input.handlerId);
    if (!handler || !(await eligibleTitle(db, e, handler))) throw new DomainError('HANDLER_NOT_ELIGIBLE');
    const policy = await villagePolicy(db, e.villageId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => dispatch(x, p, handler, input.note || null, now, policy)));
  }),

  /** The handler (or the level owner, 自巡自办) records what was done. */
  handle: action(handleInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => handle(x, p, input.handling, now)));
  }),

  /** 核验办结 against the closing standard: a closing note is required. */
  close: action(closeInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => close(x, p, input.closingNote, now)));
  }),

  reopen: action(reopenInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    const policy = await villagePolicy(ctx.deps.db, e.villageId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => reopen(x, p, input.reason, now, policy)));
  }),

  /** 回访: the reporter rates, or a grid worker of the grid records it for them; 不满意 reopens. */
  followUp: action(followUpInput, async (input, ctx) => {
    const p = await me(ctx);
    const e = await visible(ctx, p, input.eventId);
    const policy = await villagePolicy(ctx.deps.db, e.villageId);
    const now = ctx.deps.now();
    return view(ctx, p, await applyStep(ctx.deps, e._id, (x) => followUp(x, p, input.satisfaction, input.comment || null, now, policy)));
  }),

  /** 督办: flags every overdue event of the caller's village (village admin) or town (town admin). */
  checkOverdue: action(checkOverdueInput, async (_input, ctx) => {
    const p = await me(ctx);
    const town = scopesOf(p, ['town_admin'])[0];
    const village = scopesOf(p, ['village_admin'])[0];
    if (!town && !village) throw new DomainError('FORBIDDEN', '只有村两委或镇管理员可以督办超期事件');
    const q: EventScopeQuery = town ? { townId: town } : { villageId: village };
    const now = ctx.deps.now();
    let flagged = 0;
    for (let round = 0; round < 50; round++) {
      const batch = await eventsRepo.overdueBatch(ctx.deps.db, q, now);
      if (batch.length === 0) break;
      for (const e of batch) {
        const after = await flagOnce(ctx.deps, e, (x) => flagOverdue(x, now, p));
        if (after.overdueFlaggedFor === after.deadlineAt) flagged++;
      }
    }
    return { flagged };
  }),

  /** Open, overdue, closed and 回访 ratings by grid: the village admin's grids, or the town's (optionally one village). */
  stats: action(statsInput, async (input, ctx) => {
    const p = await me(ctx);
    const { db } = ctx.deps;
    const town = scopesOf(p, ['town_admin'])[0];
    const village = scopesOf(p, ['village_admin'])[0];
    let grids: Grid[];
    if (town) {
      const { data: villages } = await db.collection<Village>(C.villages).where({ townId: town }).limit(1000).get();
      const chosen = input.villageId ? villages.filter((v) => v._id === input.villageId) : villages;
      if (input.villageId && chosen.length === 0) throw new DomainError('NOT_FOUND', '找不到该村');
      grids = (await Promise.all(chosen.map((v) => orgRepo.gridsOfVillage(db, v._id)))).flat();
    } else if (village) {
      if (input.villageId && input.villageId !== village) throw new DomainError('NOT_FOUND', '找不到该村');
      grids = await orgRepo.gridsOfVillage(db, village);
    } else throw new DomainError('FORBIDDEN', '只有村两委或镇管理员可以查看事件统计');
    const rows = await statsOfGrids(db, grids, ctx.deps.now());
    const total = { open: 0, overdue: 0, closed: 0, satisfied: 0, basic: 0, unsatisfied: 0 };
    for (const r of rows) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
    return { rows, total };
  }),
};

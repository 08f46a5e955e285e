import { SCENES } from '@domain/moderation';
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
} from '@domain/api/events';
import { DomainError } from '@domain/shared/errors';
import type { Grid, Person } from '@domain/org/types';
import { allow } from '@domain/access/decision';
import { close, dispatch, escalate, flagOverdue, followUp, handle, reopen } from '@domain/grid/eventFlow';
import {
  eventGates,
  mayDispatchTo,
  mayListHandlers,
  mayReadQueue,
  mayReadVillageStats,
  mayReport,
  mayTakeStep,
  mayView,
  NOT_VISIBLE,
  oversightScope,
  queueCoverage,
  queueScopes,
  watchesFromAbove,
} from '@domain/grid/eventPolicy';
import { needsOverdueFlag } from '@domain/grid/deadlines';
import type { GridEvent } from '@domain/grid/records';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { eventsRepo } from '@backend/repos/events';
import { reportEvent } from '@backend/events/report';
import { flagOnce, takeStep } from '@backend/events/step';
import { gridNames, toListItem, toView } from '@backend/events/view';
import { eligibleTitle, handlerCandidates } from '@backend/events/handlers';
import { statsOfGrids } from '@backend/events/stats';
import { villagePolicy } from '@backend/events/policy';
import { onEventStep } from '@backend/notices/triggers';

const PAGE = 20;

/** The event asked for; who may see or move it is the policy's (absent and not-yours read the same). */
async function loadEvent(eventId: string, { deps }: PersonContext): Promise<GridEvent> {
  const e = await eventsRepo.get(deps.db, eventId);
  if (!e) throw new DomainError('NOT_FOUND', NOT_VISIBLE);
  return e;
}

/** The event as the caller sees it, with the steps the policy lets them take. */
async function view({ deps, actor }: PersonContext, e: GridEvent) {
  return toView(deps, e, actor, deps.now());
}

/** An overdue event read by an owner of a level above: the overrun goes into the history, once per deadline. */
async function flaggedIfWatched({ deps, actor }: PersonContext, e: GridEvent, now: number): Promise<GridEvent> {
  return watchesFromAbove(actor, e) && needsOverdueFlag(e, now) ? flagOnce(deps, e, (x) => flagOverdue(x, now, actor)) : e;
}

export const events: FunctionDef<'events'> = {
  /** 随手拍/说事 (villager) or a grid worker's finding (gridId, patrolId?, selfHandled?). */
  report: action({
    gate: eventGates.report,
    schema: reportInput,
    content: { scene: SCENES.event, texts: (i) => [i.place, i.description, i.selfHandled?.handling, i.selfHandled?.closingNote], photos: (i) => i.photos },
    authorize: (_none, actor, input) => mayReport(actor, input),
    run: async (input, ctx) => view(ctx, await reportEvent(ctx.deps, ctx.actor, input)),
  }),

  /** What I reported, newest first, with its state. */
  mine: action({
    gate: eventGates.mine,
    schema: mineInput,
    run: async (input, { deps, actor }) => {
      const page = input.page ?? 0;
      const rows = await eventsRepo.ofReporter(deps.db, actor._id, page, PAGE);
      const names = await gridNames(deps.db, rows.map((e) => e.gridId));
      const now = deps.now();
      return { items: rows.slice(0, PAGE).map((e) => toListItem(e, names, now)), page, hasMore: rows.length > PAGE };
    },
  }),

  /** The work list of a grid worker (their grids), a village admin, the town, or the events dispatched to me. */
  queue: action({
    gate: eventGates.queue,
    schema: queueInput,
    load: async (input, { actor }) => input.scope ?? queueScopes(actor)[0],
    authorize: (scope, actor, input) => mayReadQueue(actor, scope, input.gridId),
    run: async (input, ctx) => {
      const { deps, actor, loaded: scope } = ctx;
      const now = deps.now();
      const page = input.page ?? 0;
      const size = input.pageSize ?? PAGE;
      let rows = await eventsRepo.list(deps.db, queueCoverage(actor, scope, input.gridId), input.filter, now, page, size);
      const hasMore = rows.length > size;
      rows = rows.slice(0, size);
      // The level above has now seen them.
      if (input.filter === 'overdue') rows = await Promise.all(rows.map((e) => flaggedIfWatched(ctx, e, now)));
      const names = await gridNames(deps.db, rows.map((e) => e.gridId));
      return { items: rows.map((e) => toListItem(e, names, now)), page, hasMore, scope, scopes: queueScopes(actor) };
    },
  }),

  get: action({
    gate: eventGates.event,
    schema: getInput,
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayView(actor, e),
    run: async (_input, ctx) => view(ctx, await flaggedIfWatched(ctx, ctx.loaded, ctx.deps.now())),
  }),

  /** 上报: grid → village → town, with a reason. */
  escalate: action({
    gate: eventGates.event,
    schema: escalateInput,
    content: { scene: SCENES.event, texts: (i) => [i.note] },
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayTakeStep(actor, e, 'escalate'),
    run: async (input, ctx) => {
      const { deps, actor, loaded: e } = ctx;
      const policy = await villagePolicy(deps.db, e.villageId);
      const now = deps.now();
      return view(ctx, await takeStep(deps, e._id, (x) => mayTakeStep(actor, x, 'escalate'), (x) => escalate(x, actor, input.note, now, policy)));
    },
  }),

  /** Whom the level owner may dispatch to (nobody the four-eyes rules would refuse). */
  handlers: action({
    gate: eventGates.event,
    schema: handlersInput,
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayListHandlers(actor, e),
    run: async (_input, { deps, actor, loaded: e }) => ({ items: await handlerCandidates(deps.db, e, actor) }),
  }),

  /** 派单 to a person of the village (or town) — not the reporter, not oneself — due within the category's hours. */
  dispatch: action({
    gate: eventGates.event,
    schema: dispatchInput,
    content: { scene: SCENES.event, texts: (i) => [i.note] },
    load: async (input, ctx) => {
      const event = await loadEvent(input.eventId, ctx);
      const handler = input.handlerId === ctx.actor._id ? ctx.actor : await orgRepo.person(ctx.deps.db, input.handlerId);
      const eligible = handler !== null && (await eligibleTitle(ctx.deps.db, event, handler)) !== null;
      return { event, handler, eligible };
    },
    authorize: ({ event, eligible }, actor, input) => mayDispatchTo(actor, event, input.handlerId, eligible),
    run: async (input, ctx) => {
      const { deps, actor } = ctx;
      const { event: e, eligible } = ctx.loaded;
      const handler = ctx.loaded.handler as Person; // eligible: found
      const policy = await villagePolicy(deps.db, e.villageId);
      const now = deps.now();
      const dispatched = await takeStep(deps, e._id, (x) => mayDispatchTo(actor, x, handler._id, eligible), (x) => dispatch(x, actor, handler, input.note || null, now, policy));
      await onEventStep(deps, actor, dispatched);
      return view(ctx, dispatched);
    },
  }),

  /** The handler (or the level owner, 自巡自办 — not on their own villager report) records what was done. */
  handle: action({
    gate: eventGates.event,
    schema: handleInput,
    content: { scene: SCENES.event, texts: (i) => [i.handling] },
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayTakeStep(actor, e, 'handle'),
    run: async (input, ctx) => {
      const { deps, actor, loaded: e } = ctx;
      const now = deps.now();
      return view(ctx, await takeStep(deps, e._id, (x) => mayTakeStep(actor, x, 'handle'), (x) => handle(x, actor, input.handling, now)));
    },
  }),

  /** 核验办结 against the closing standard (a closing note is required), never by the handler in 巡办分离. */
  close: action({
    gate: eventGates.event,
    schema: closeInput,
    content: { scene: SCENES.event, texts: (i) => [i.closingNote] },
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayTakeStep(actor, e, 'close'),
    run: async (input, ctx) => {
      const { deps, actor, loaded: e } = ctx;
      const now = deps.now();
      const closed = await takeStep(deps, e._id, (x) => mayTakeStep(actor, x, 'close'), (x) => close(x, actor, input.closingNote, now));
      await onEventStep(deps, actor, closed);
      return view(ctx, closed);
    },
  }),

  reopen: action({
    gate: eventGates.event,
    schema: reopenInput,
    content: { scene: SCENES.event, texts: (i) => [i.reason] },
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayTakeStep(actor, e, 'reopen'),
    run: async (input, ctx) => {
      const { deps, actor, loaded: e } = ctx;
      const policy = await villagePolicy(deps.db, e.villageId);
      const now = deps.now();
      return view(ctx, await takeStep(deps, e._id, (x) => mayTakeStep(actor, x, 'reopen'), (x) => reopen(x, actor, input.reason, now, policy)));
    },
  }),

  /** 回访: the reporter rates, or a grid worker of the grid (not the handler or verifier in 巡办分离) records it for them; 不满意 reopens. */
  followUp: action({
    gate: eventGates.event,
    schema: followUpInput,
    content: { scene: SCENES.event, texts: (i) => [i.comment] },
    load: (input, ctx) => loadEvent(input.eventId, ctx),
    authorize: (e, actor) => mayTakeStep(actor, e, 'followUp'),
    run: async (input, ctx) => {
      const { deps, actor, loaded: e } = ctx;
      const policy = await villagePolicy(deps.db, e.villageId);
      const now = deps.now();
      return view(
        ctx,
        await takeStep(deps, e._id, (x) => mayTakeStep(actor, x, 'followUp'), (x) => followUp(x, actor, input.satisfaction, input.comment || null, now, policy)),
      );
    },
  }),

  /** 督办: flags every overdue event of the caller's town (town admin) or village (village admin). */
  checkOverdue: action({
    gate: eventGates.checkOverdue,
    schema: checkOverdueInput,
    run: async (_input, { deps, actor }) => {
      const q = oversightScope(actor);
      if (!q) throw new DomainError('FORBIDDEN', '只有村两委或镇管理员可以督办超期事件'); // the gate admits only those with one
      const now = deps.now();
      let flagged = 0;
      for (let round = 0; round < 50; round++) {
        const batch = await eventsRepo.overdueBatch(deps.db, q, now);
        if (batch.length === 0) break;
        for (const e of batch) {
          const after = await flagOnce(deps, e, (x) => flagOverdue(x, now, actor));
          if (after.overdueFlaggedFor === after.deadlineAt) flagged++;
        }
      }
      return { flagged };
    },
  }),

  /** Open, overdue, closed and 回访 ratings by grid: the village admin's grids, or the town's (optionally one village). */
  stats: action({
    gate: eventGates.stats,
    schema: statsInput,
    load: async (input, { deps }) => {
      if (!input.villageId) return null;
      const village = await orgRepo.village(deps.db, input.villageId);
      if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
      return village;
    },
    authorize: (village, actor) => (village ? mayReadVillageStats(actor, village) : allow),
    run: async (_input, { deps, actor, loaded: village }) => {
      const { db } = deps;
      const scope = oversightScope(actor);
      if (!scope) throw new DomainError('FORBIDDEN', '只有村两委或镇管理员可以查看事件统计'); // the gate admits only those with one
      let grids: Grid[];
      if (village) grids = await orgRepo.gridsOfVillage(db, village._id);
      else if ('townId' in scope) grids = (await Promise.all((await orgRepo.villagesOfTown(db, scope.townId)).map((v) => orgRepo.gridsOfVillage(db, v._id)))).flat();
      else grids = await orgRepo.gridsOfVillage(db, scope.villageId);
      const rows = await statsOfGrids(db, grids, deps.now());
      const total = { open: 0, overdue: 0, closed: 0, satisfied: 0, basic: 0, unsatisfied: 0 };
      for (const r of rows) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
      return { rows, total };
    },
  }),
};

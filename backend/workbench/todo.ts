import type { Person } from '@domain/org/types';
import type { TodoCount, Workbench } from '@domain/api/identity';
import { admits } from '@domain/access/gate';
import { scopesOf } from '@domain/access/actor';
import { gridsWorked } from '@domain/org/roles';
import { mayFirstReview, pointsGates } from '@domain/points/policy';
import { auditGates, maySign } from '@domain/audit/policy';
import { isLate } from '@domain/audit/month';
import { addMonths } from '@domain/audit/month';
import { eventGates, queueCoverage, queueScopes } from '@domain/grid/eventPolicy';
import { publicityGates, mayDecideObjection } from '@domain/publicity/policy';
import { vetoGates, mayCountersignVeto } from '@domain/veto/policy';
import { shopGates } from '@domain/shop/policy';
import type { Application } from '@domain/points/application';
import type { Objection } from '@domain/publicity/types';
import type { Veto } from '@domain/veto/types';
import { cstDate, monthOf } from '@domain/shared/time';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { applicationsRepo } from '../repos/applications';
import { eventsRepo } from '../repos/events';
import { auditRepo } from '../repos/audit';
import { villagePolicy } from '../audit/access';

/** Roles whose work is more than their household's: their first tab is 工作台. */
const STAFF_ROLES = ['grid_worker', 'grid_leader', 'reviewer', 'supervisor', 'village_admin', 'town_admin', 'shop_clerk'] as const;

const CAP = 1000;

/** 初审: what waits in my grids that I may review myself (not my household, not my 代申报). */
async function firstReviewCount(db: Database, actor: Person): Promise<number> {
  const grids = gridsWorked(actor.roles);
  if (grids.length === 0) return 0;
  const apps = await applicationsRepo.ofGrids(db, grids, 'submitted', CAP);
  return apps.filter((a) => mayFirstReview(actor, a).ok).length;
}

/** 评议: first-reviewed applications of my villages that I have not signed yet (not frozen, not my household). */
async function signCount(db: Database, actor: Person): Promise<number> {
  const villages = scopesOf(actor, ['reviewer']);
  let n = 0;
  for (const villageId of villages) {
    const { data } = await db
      .collection<Application>(C.applications)
      .where({ villageId, status: 'first_reviewed' })
      .field({ _id: true, villageId: true, householdId: true, audit: true })
      .limit(CAP)
      .get();
    n += data.filter(
      (a) => maySign(actor, a).ok && !a.audit?.frozen && !(a.audit?.signatures ?? []).some((s) => s.reviewerId === actor._id),
    ).length;
  }
  return n;
}

async function objectionCount(db: Database, actor: Person): Promise<number> {
  const villages = Array.from(new Set(scopesOf(actor, ['reviewer', 'supervisor'])));
  let n = 0;
  for (const villageId of villages) {
    const { data } = await db
      .collection<Objection>(C.objections)
      .where({ villageId, status: db.command.in(['open', 'proposed']) })
      .field({ _id: true, villageId: true, householdId: true, status: true })
      .limit(CAP)
      .get();
    n += data.filter((o) => mayDecideObjection(actor, o).ok).length;
  }
  return n;
}

async function vetoCount(db: Database, actor: Person): Promise<number> {
  let n = 0;
  for (const villageId of scopesOf(actor, ['supervisor'])) {
    const { data } = await db.collection<Veto>(C.vetoes).where({ villageId, status: 'recorded' }).limit(CAP).get();
    n += data.filter((v) => mayCountersignVeto(actor, v).ok).length;
  }
  return n;
}

/** Redemption codes this clerk confirmed today (China time). */
async function scannedTodayCount(db: Database, actor: Person, now: number): Promise<number> {
  const startOfDay = Date.parse(`${cstDate(now)}T00:00:00+08:00`);
  return (await db.collection(C.receipts).where({ clerkId: actor._id, at: db.command.gte(startOfDay) }).count()).total;
}

/** Villages of my town with an audit month past its close-by day and not closed. */
async function lateVillageCount(db: Database, actor: Person, now: number): Promise<number> {
  const townId = scopesOf(actor, ['town_admin'])[0];
  if (!townId) return 0;
  const today = cstDate(now);
  const months = await auditRepo.monthsOfTown(db, townId, addMonths(monthOf(today), -12));
  const late = new Set<string>();
  const policies = new Map<string, number>();
  for (const m of months) {
    if (m.status === 'closed' || late.has(m.villageId)) continue;
    if (!policies.has(m.villageId)) policies.set(m.villageId, (await villagePolicy(db, m.villageId)).auditCloseByDay);
    if (isLate(m, today, policies.get(m.villageId)!)) late.add(m.villageId);
  }
  return late.size;
}

/**
 * The caller's 工作台: each count is asked only of those the action's own gate lets through, so a
 * villager gets none and a grid worker never sees the committee's.
 */
export async function workbenchOf(db: Database, actor: Person, now: number): Promise<Workbench> {
  const who = { roles: actor.roles, householdId: actor.householdId };
  const tasks: Promise<TodoCount | TodoCount[]>[] = [];
  if (admits(pointsGates.firstReview, who)) tasks.push(firstReviewCount(db, actor).then((count) => ({ kind: 'firstReview', count })));
  const scopes = queueScopes(actor);
  if (admits(eventGates.queue, who) && scopes.length > 0) {
    const coverage = queueCoverage(actor, scopes[0], undefined);
    tasks.push(
      Promise.all([eventsRepo.countOf(db, coverage, 'open', now), eventsRepo.countOf(db, coverage, 'overdue', now)]).then(([open, overdue]) => [
        { kind: 'events', count: open },
        { kind: 'eventsOverdue', count: overdue },
      ]),
    );
  }
  if (admits(auditGates.sign, who)) tasks.push(signCount(db, actor).then((count) => ({ kind: 'sign', count })));
  if (admits(publicityGates.decideObjection, who)) tasks.push(objectionCount(db, actor).then((count) => ({ kind: 'objections', count })));
  if (admits(vetoGates.countersign, who)) tasks.push(vetoCount(db, actor).then((count) => ({ kind: 'vetoes', count })));
  if (admits(shopGates.redeem, who)) tasks.push(scannedTodayCount(db, actor, now).then((count) => ({ kind: 'scannedToday', count })));
  if (admits(publicityGates.townQueue, who)) tasks.push(lateVillageCount(db, actor, now).then((count) => ({ kind: 'lateVillages', count })));
  const items = (await Promise.all(tasks)).flat();
  const staff = actor.roles.some((r) => (STAFF_ROLES as readonly string[]).includes(r.role));
  const townOnly = !actor.householdId && scopesOf(actor, ['town_admin']).length > 0;
  return { items, staff, townOnly };
}

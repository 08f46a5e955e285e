/**
 * 每日提醒 (CloudBase timer trigger `dailyReminders`; the local server's hourly check;
 * `npm run job -- dailyReminders`): what is due today — an audit month not closed two days
 * before its close day, a publicity window closing tomorrow, grid events near or past their
 * deadline — each notified once per (kind, subject, day), so a re-run sends nothing twice. An
 * overdue event also gets its 超期 entry in the history (by 系统, once per deadline), so overdue
 * no longer waits for someone to press 督办 or open the list.
 * Then the 订阅消息 outbox's due retries.
 */
import { auditReminderDue, eventDeadlineState, eventReminderKey, publicityClosingTomorrow, EVENT_NEAR_MS } from '@domain/notices/reminders';
import { policyWithDefaults } from '@domain/org/policy';
import { cstDate } from '@domain/shared/time';
import type { AuditMonth } from '@domain/audit/types';
import type { Publicity } from '@domain/publicity/types';
import type { GridEvent } from '@domain/grid/records';
import { EVENT_CATEGORY_LABELS } from '@domain/grid/records';
import { flagOverdue } from '@domain/grid/eventFlow';
import { needsOverdueFlag } from '@domain/grid/deadlines';
import type { Grid } from '@domain/org/types';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo, type VillageDoc } from '../repos/org';
import { flagOnce } from '../events/step';
import { notify } from '../notices/notify';
import { flushOutbox } from '../notices/push';
import { allVillages } from './yearEnd';

type D = Pick<Deps, 'db' | 'now' | 'push'>;

export interface DailyReminderReport {
  day: string;
  /** Notices written by this run (a re-run the same day writes 0). */
  auditDue: number;
  publicityClosing: number;
  eventNear: number;
  eventOverdue: number;
  /** Overdue events whose history got the 超期 entry in this run (a re-run: 0). */
  eventsFlagged: number;
  pushed: { sent: number; failed: number; retrying: number };
}

async function villageReminders(deps: D, v: VillageDoc, report: DailyReminderReport): Promise<void> {
  const { db } = deps;
  const now = deps.now();
  const today = report.day;
  const policy = policyWithDefaults(v.policy);

  const { data: months } = await db
    .collection<AuditMonth>(C.auditMonths)
    .where({ villageId: v._id, status: db.command.in(['open', 'closing']) })
    .limit(100)
    .get();
  for (const m of months) {
    const { due, by } = auditReminderDue(m, policy.auditCloseByDay, today);
    if (!due) continue;
    const count = (await db.collection(C.applications).where({ villageId: v._id, auditMonth: m.month, status: 'first_reviewed' }).count()).total;
    const facts = { villageId: v._id, villageName: v.name, month: m.month, by, count };
    report.auditDue += (await notify(deps, { kind: 'audit_due', subjectId: m._id, facts }, { villageId: v._id }, today)).length;
  }

  const { data: pubs } = await db.collection<Publicity>(C.publicities).where({ villageId: v._id, status: 'open' }).limit(20).get();
  for (const p of pubs) {
    if (!publicityClosingTomorrow(p, today)) continue;
    const facts = { villageId: v._id, villageName: v.name, quarter: p.quarter, by: p.endDate };
    report.publicityClosing += (await notify(deps, { kind: 'publicity_closing', subjectId: p._id, facts }, { villageId: v._id }, today)).length;
  }

  const grids: Grid[] = await orgRepo.gridsOfVillage(db, v._id);
  if (grids.length === 0) return;
  const { data: events } = await db
    .collection<GridEvent>(C.gridEvents)
    .where({ gridId: db.command.in(grids.map((g) => g._id)), status: db.command.in(['open', 'dispatched']), deadlineAt: db.command.lte(now + EVENT_NEAR_MS) })
    .limit(1000)
    .get();
  const staffOf = new Map(grids.map((g) => [g._id, (g.staff ?? []).map((s) => s.personId)]));
  for (const e of events) {
    const state = eventDeadlineState(e, now);
    if (state === 'none') continue;
    if (state === 'overdue' && needsOverdueFlag(e, now)) {
      const after = await flagOnce(deps, e, (x) => flagOverdue(x, now, null));
      if (after !== e && after.overdueFlaggedFor === after.deadlineAt) report.eventsFlagged++;
    }
    const { subjectId, day } = eventReminderKey(e);
    // The handler it was dispatched to; an event waiting at its grid: the grid's staff.
    const named = e.handlerId ? [e.handlerId] : (staffOf.get(e.gridId) ?? []);
    const facts = { villageId: v._id, what: EVENT_CATEGORY_LABELS[e.category], deadlineAt: e.deadlineAt };
    const kind = state === 'near' ? 'event_near_deadline' : 'event_overdue';
    const n = (await notify(deps, { kind, subjectId, facts }, { villageId: v._id, gridId: e.gridId, named }, day)).length;
    if (state === 'near') report.eventNear += n;
    else report.eventOverdue += n;
  }
}

export async function runDailyReminders(deps: D, villages?: VillageDoc[]): Promise<DailyReminderReport> {
  const report: DailyReminderReport = { day: cstDate(deps.now()), auditDue: 0, publicityClosing: 0, eventNear: 0, eventOverdue: 0, eventsFlagged: 0, pushed: { sent: 0, failed: 0, retrying: 0 } };
  for (const v of villages ?? (await allVillages(deps))) {
    try {
      await villageReminders(deps, v, report);
    } catch (e) {
      // One village's trouble never keeps the others from their reminders; the next run tries again.
      console.error(`[xiangyue] daily reminders of ${v._id} failed`, e);
    }
  }
  report.pushed = await flushOutbox(deps);
  return report;
}

import type { Application } from '@domain/points/application';
import type { Person } from '@domain/org/types';
import { addMonths, monthForFirstReview, newAuditMonth } from '@domain/audit/month';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { cstDate, monthOf } from '@domain/shared/time';
import type { Transaction } from '../db/types';
import { C } from '../repos/collections';

/**
 * Writes the month `month` as read in `tx` (bumps its `rev`), so that a transaction deciding on
 * "the month is open" conflicts with a concurrent close. PostgreSQL's read locks do this by
 * themselves; CloudBase (MongoDB) takes no read locks — only a write makes the first writer win,
 * and a write that changes nothing takes no lock, hence a counter.
 */
export async function touchMonth(tx: Transaction, month: AuditMonth): Promise<void> {
  await tx.collection<AuditMonth>(C.auditMonths).doc(month._id).update({ rev: (month.rev ?? 0) + 1 });
}

/**
 * Inside first review's transaction: the audit month a passed application joins (its deed's
 * month, or the current one when that is closed or closing), created open if absent. Reading
 * and writing (`touchMonth`) the month doc in the same transaction as the close flips it to
 * `closing` means an application can never slip into a month the leader is closing.
 */
export async function joinAuditMonth(tx: Transaction, app: Application, actor: Pick<Person, '_id' | 'name'>, now: number): Promise<string> {
  const months = tx.collection<AuditMonth>(C.auditMonths);
  const deedMonth = monthOf(app.deedDate);
  const { data: deed } = await months.doc(auditMonthId(app.villageId, deedMonth)).get();
  let month = monthForFirstReview(deedMonth, deed?.status ?? null, cstDate(now));
  let { data: existing } = month === deedMonth ? { data: deed } : await months.doc(auditMonthId(app.villageId, month)).get();
  // The current month cannot have closed (a month closes once it is over), unless clocks
  // disagree: never join a closed month, take the next open one.
  for (let i = 0; existing && existing.status !== 'open' && i < 12; i++) {
    month = addMonths(month, 1);
    ({ data: existing } = await months.doc(auditMonthId(app.villageId, month)).get());
  }
  if (!existing) {
    const { _id, ...doc } = newAuditMonth(app.townId, app.villageId, month, now, actor);
    await months.doc(_id).set(doc);
  } else {
    await touchMonth(tx, existing);
  }
  return month;
}

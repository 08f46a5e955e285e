import { DomainError } from '@domain/shared/errors';
import { applicationScope } from '@domain/notices/recipients';
import type { Person } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import { firstReview, type FirstReviewDecision } from '@domain/points/workflow';
import { capKey } from '@domain/points/submitRules';
import { findItem } from '@domain/catalogue/versions';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { C } from '../repos/collections';
import { applicationsRepo, type CapCounter } from '../repos/applications';
import { deliver, prepareNotices } from '../notices/notify';
import { noticesRepo } from '../repos/notices';
import type { Deps } from '../runtime/deps';
import { joinAuditMonth } from '../audit/joinMonth';

/** 初审: the state change and, on return, the release of the cap slot happen together. */
export async function firstReviewApplication(
  deps: Deps,
  actor: Person,
  applicationId: string,
  decision: FirstReviewDecision,
  reason: string | undefined,
): Promise<Application> {
  const { db } = deps;
  const now = deps.now();
  const existing = await applicationsRepo.get(db, applicationId);
  if (!existing) throw new DomainError('NOT_FOUND', '找不到该申报');
  const { data: versions } = await db.collection<CatalogueVersion>(C.catalogueVersions).doc(existing.catalogueVersionId).get();
  // The household hears of 初审 in the same transaction (the decision's words need the reason).
  const kind = decision === 'pass' ? 'application_first_reviewed' : 'application_returned';
  const notices =
    existing.status === 'submitted'
      ? await prepareNotices(deps, { kind, subjectId: applicationId, facts: { villageId: existing.villageId, what: existing.itemName, reason } }, { villageId: existing.villageId, ...applicationScope(existing), actorId: actor._id })
      : [];
  const reviewed = await db.runTransaction(async (tx) => {
    const { data: app } = await tx.collection<Application>(C.applications).doc(applicationId).get();
    if (!app) throw new DomainError('NOT_FOUND', '找不到该申报');
    // A pass joins the committee's audit month (the deed's, unless that one is closed).
    const auditMonth = decision === 'pass' && app.status === 'submitted' ? await joinAuditMonth(tx, app, actor, now) : undefined;
    const next = firstReview(app, actor, decision, reason, now, auditMonth);
    if (next.status === 'returned') {
      // A returned application no longer uses its cap slot: the villager may correct and resubmit.
      const found = versions[0] ? findItem(versions[0], app.itemCode) : null;
      const key = found ? capKey(found.item, app.householdId, app.deedDate) : null;
      if (key) {
        const counter = await tx.collection<CapCounter>(C.capCounters).doc(key).get();
        if (counter.data && counter.data.count > 0) {
          await tx.collection<CapCounter>(C.capCounters).doc(key).update({ count: counter.data.count - 1 });
        }
      }
    }
    const { _id, ...doc } = next;
    void _id;
    await tx.collection<Application>(C.applications).doc(applicationId).set(doc);
    if (app.status === 'submitted') await noticesRepo.setAllInTx(tx, notices);
    return next;
  });
  await deliver(deps, notices);
  return reviewed;
}

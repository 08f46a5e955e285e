import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import { freeze, sign, unfreeze, type SignInput } from '@domain/audit/decide';
import { auditMonthOf } from '@domain/audit/month';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { C } from '../repos/collections';
import type { Deps } from '../runtime/deps';
import type { Decision } from '@domain/access/decision';
import { mayFreeze, maySign } from '@domain/audit/policy';
import { enforce } from '../runtime/handler';
import { villagePolicy } from './access';
import { touchMonth } from './joinMonth';
import type { Veto } from '@domain/veto/types';
import { recordVeto } from '@domain/veto/rules';

type Step = (app: Application, quorum: number, now: number) => Application;

/** The veto a negative-list application approved in the audit opens (one per application). */
export function vetoIdOfApplication(applicationId: string): string {
  return `veto-${applicationId}`;
}

/**
 * A negative-list item (负面清单) approved by the committee [003 一票否决] is never acted on
 * silently: it opens a veto record, signed as recorded by the reviewer whose signature made the
 * quorum, which a supervisor then countersigns (or rejects) like any other.
 */
function vetoOfApproved(app: Application, actor: Person, now: number): Veto {
  return recordVeto(
    { person: actor, at: now },
    {
      id: vetoIdOfApplication(app._id),
      householdId: app.householdId,
      townId: app.townId,
      villageId: app.villageId,
      householdName: app.householdName,
      doorNo: app.doorNo,
      item: `${app.itemCode} ${app.itemName}`.slice(0, 100),
      description: `月度评议通过的负面清单事项（${app.deedDate}）：${app.description}`.slice(0, 500),
      eventDate: app.deedDate,
    },
  );
}

/**
 * One audit step on one application, in a transaction: the application (locked, so two
 * reviewers signing at once are counted one after the other) and its month, which must
 * still be open. `may` is the audit policy's rule for this step (maySign, mayFreeze), judged
 * on the application as read in the transaction.
 */
async function auditStep(deps: Deps, applicationId: string, villageId: string, may: (app: Application) => Decision, step: Step, actor?: Person): Promise<Application> {
  const { db } = deps;
  const now = deps.now();
  const { auditQuorum } = await villagePolicy(db, villageId);
  return db.runTransaction(async (tx) => {
    const { data: app } = await tx.collection<Application>(C.applications).doc(applicationId).get();
    if (!app) throw new DomainError('NOT_FOUND', '找不到该申报，或您无权操作');
    enforce(may(app));
    const { data: month } = await tx.collection<AuditMonth>(C.auditMonths).doc(auditMonthId(app.villageId, auditMonthOf(app))).get();
    if (month && month.status !== 'open') throw new DomainError('MONTH_CLOSED', `${month.month} 月评议已${month.status === 'closing' ? '开始结账' : '结账'}，不能再更改`);
    // Written, not only read: a close committing meanwhile must conflict with this step.
    if (month) await touchMonth(tx, month);
    const next = step(app, auditQuorum, now);
    const { _id, ...doc } = next;
    await tx.collection<Application>(C.applications).doc(_id).set(doc);
    if (actor && next.negativeList && next.status === 'approved' && app.status !== 'approved') {
      const { _id: vetoId, ...veto } = vetoOfApproved(next, actor, now);
      await tx.collection<Veto>(C.vetoes).doc(vetoId).set(veto);
    }
    return next;
  });
}

type Target = Pick<Application, '_id' | 'villageId'>;

/** A reviewer of the village signs (see `sign`); the caller has loaded the application. */
export function signApplication(deps: Deps, actor: Person, app: Target, input: SignInput): Promise<Application> {
  return auditStep(deps, app._id, app.villageId, (a) => maySign(actor, a), (a, quorum, now) => sign(a, actor, input, quorum, now), actor);
}

export function freezeApplication(deps: Deps, actor: Person, app: Target, reason: string): Promise<Application> {
  return auditStep(deps, app._id, app.villageId, (a) => mayFreeze(actor, a), (a, _q, now) => freeze(a, actor, reason, now));
}

export function unfreezeApplication(deps: Deps, actor: Person, app: Target, note: string | undefined): Promise<Application> {
  return auditStep(deps, app._id, app.villageId, (a) => mayFreeze(actor, a), (a, _q, now) => unfreeze(a, actor, note, now));
}

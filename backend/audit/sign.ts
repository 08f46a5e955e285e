import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import { freeze, sign, unfreeze, type SignInput } from '@domain/audit/decide';
import { auditMonthOf } from '@domain/audit/month';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { C } from '../repos/collections';
import { applicationsRepo } from '../repos/applications';
import type { Deps } from '../runtime/deps';
import { hasRole, type Role } from '@domain/org/roles';
import { villagePolicy } from './access';

type Step = (app: Application, quorum: number, now: number) => Application;

/**
 * One audit step on one application, in a transaction: the application (locked, so two
 * reviewers signing at once are counted one after the other) and its month, which must
 * still be open. The actor must hold `role` in the application's village.
 */
async function auditStep(deps: Deps, actor: Person, role: Role, applicationId: string, denied: string, step: Step): Promise<Application> {
  const { db } = deps;
  const now = deps.now();
  if (!hasRole(actor.roles, role)) throw new DomainError('FORBIDDEN', denied);
  const found = await applicationsRepo.get(db, applicationId);
  // Other villages' applications are not probeable: the same answer as absent.
  if (!found || !hasRole(actor.roles, role, found.villageId)) throw new DomainError('NOT_FOUND', '找不到该申报，或您无权操作');
  const { auditQuorum } = await villagePolicy(db, found.villageId);
  return db.runTransaction(async (tx) => {
    const { data: app } = await tx.collection<Application>(C.applications).doc(applicationId).get();
    if (!app) throw new DomainError('NOT_FOUND', '找不到该申报，或您无权操作');
    const { data: month } = await tx.collection<AuditMonth>(C.auditMonths).doc(auditMonthId(app.villageId, auditMonthOf(app))).get();
    if (month && month.status !== 'open') throw new DomainError('MONTH_CLOSED', `${month.month} 月评议已${month.status === 'closing' ? '开始结账' : '结账'}，不能再更改`);
    const next = step(app, auditQuorum, now);
    const { _id, ...doc } = next;
    await tx.collection<Application>(C.applications).doc(_id).set(doc);
    return next;
  });
}

export function signApplication(deps: Deps, actor: Person, applicationId: string, input: SignInput): Promise<Application> {
  return auditStep(deps, actor, 'reviewer', applicationId, '只有评议小组成员可以签字', (app, quorum, now) => sign(app, actor, input, quorum, now));
}

export function freezeApplication(deps: Deps, actor: Person, applicationId: string, reason: string): Promise<Application> {
  return auditStep(deps, actor, 'supervisor', applicationId, '只有监督小组成员可以冻结', (app, _q, now) => freeze(app, actor, reason, now));
}

export function unfreezeApplication(deps: Deps, actor: Person, applicationId: string, note: string | undefined): Promise<Application> {
  return auditStep(deps, actor, 'supervisor', applicationId, '只有监督小组成员可以解冻', (app, _q, now) => unfreeze(app, actor, note, now));
}

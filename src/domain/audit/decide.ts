import { DomainError } from '../shared/errors';
import type { Person } from '../org/types';
import { STATUS_LABELS, type Application, type ApplicationStatus, type HistoryEntry } from '../points/application';
import { agreed } from './quorum';
import { DECISION_LABELS, type AuditDecision, type AuditSignature, type AuditState } from './types';

export interface SignInput {
  decision: AuditDecision;
  points?: number;
  reason?: string;
}

export function emptyAudit(): AuditState {
  return { signatures: [], frozen: null, decision: null, points: null, decidedAt: null };
}

const DECIDED_STATUS: Record<AuditDecision, ApplicationStatus> = {
  approve: 'approved',
  adjust: 'approved',
  reject: 'rejected',
  fraud: 'fraud',
};

/**
 * The ledger delta a decision means: the item's points; the adjusted points; nothing for a
 * rejection; and for a faked application double the item's points taken away
 * [000 奖励惩罚类 13] (as a deduction whatever the item's sign: faking is never rewarded).
 */
export function decisionPoints(app: Pick<Application, 'points'>, decision: AuditDecision, adjusted: number | null): number {
  switch (decision) {
    case 'approve':
      return app.points;
    case 'adjust':
      return adjusted ?? app.points;
    case 'reject':
      return 0;
    case 'fraud':
      return -2 * Math.abs(app.points);
  }
}

/**
 * An adjustment stays within the item's rule: same sign as the item, at most its points, not 0,
 * and different from them (the same points is an approval).
 */
export function assertAdjustable(itemPoints: number, points: number | undefined): number {
  if (points === undefined || !Number.isSafeInteger(points)) throw new DomainError('BAD_INPUT', '调整分值时请填写整数分值');
  const ok = points !== 0 && points !== itemPoints && Math.sign(points) === Math.sign(itemPoints) && Math.abs(points) <= Math.abs(itemPoints);
  if (!ok) {
    throw new DomainError('ADJUST_OUT_OF_RANGE', `调整后的分值应在该项目分值以内（${itemPoints > 0 ? `1～${itemPoints - 1}` : `${itemPoints + 1}～-1`} 分）`);
  }
  return points;
}

function assertOpenForSigning(app: Application, what: string): AuditState {
  if (app.status !== 'first_reviewed') {
    throw new DomainError('INVALID_TRANSITION', `该申报当前为“${STATUS_LABELS[app.status]}”，不能再${what}`);
  }
  return app.audit ?? emptyAudit();
}

function signatureNote(s: AuditSignature): string {
  const what = s.decision === 'adjust' ? `调整为 ${s.points} 分` : DECISION_LABELS[s.decision];
  return s.reason ? `${what}：${s.reason}` : what;
}

/**
 * A reviewer signs (or changes their signature on) an application of the month. Nobody signs
 * on their own household's application; a frozen one cannot be signed. When `quorum`
 * signatures agree the decision takes effect and the application leaves the audit queue.
 */
export function sign(app: Application, actor: Person, input: SignInput, quorum: number, now: number): Application {
  if (actor.householdId === app.householdId) throw new DomainError('OWN_HOUSEHOLD_REVIEW');
  const audit = assertOpenForSigning(app, '签字');
  if (audit.frozen) throw new DomainError('FROZEN', `该申报已被监督小组冻结（${audit.frozen.byName}：${audit.frozen.reason}），解冻后才能签字`);
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (input.decision !== 'approve' && !reason) throw new DomainError('REASON_REQUIRED', `“${DECISION_LABELS[input.decision]}”时请填写理由`);
  const points = input.decision === 'adjust' ? assertAdjustable(app.points, input.points) : null;
  const signature: AuditSignature = { reviewerId: actor._id, reviewerName: actor.name, decision: input.decision, points, reason, at: now };
  const previous = audit.signatures.find((s) => s.reviewerId === actor._id);
  const signatures = [...audit.signatures.filter((s) => s.reviewerId !== actor._id), signature];
  const history: HistoryEntry[] = [
    ...app.history,
    { at: now, action: previous ? 'audit_resign' : 'audit_sign', actorId: actor._id, actorName: actor.name, note: signatureNote(signature) },
  ];
  const result = agreed(signatures, quorum);
  if (!result) return { ...app, audit: { ...audit, signatures }, history, updatedAt: now };
  const delta = decisionPoints(app, result.decision, result.points);
  const agreedNote = result.decision === 'adjust' ? `调整为 ${result.points} 分` : DECISION_LABELS[result.decision];
  return {
    ...app,
    status: DECIDED_STATUS[result.decision],
    audit: { ...audit, signatures, decision: result.decision, points: delta, decidedAt: now },
    history: [
      ...history,
      { at: now, action: 'audit_decide', actorId: actor._id, actorName: actor.name, note: `${quorum} 人一致：${agreedNote}（${delta >= 0 ? '+' : ''}${delta} 分）` },
    ],
    updatedAt: now,
  };
}

/** A supervisor freezes an undecided application: nobody signs it and the month cannot close. */
export function freeze(app: Application, actor: Person, reason: string, now: number): Application {
  const audit = assertOpenForSigning(app, '冻结');
  if (audit.frozen) throw new DomainError('INVALID_TRANSITION', `该申报已被 ${audit.frozen.byName} 冻结`);
  const why = reason.trim();
  if (!why) throw new DomainError('REASON_REQUIRED', '冻结时请填写原因');
  return {
    ...app,
    audit: { ...audit, frozen: { byId: actor._id, byName: actor.name, reason: why, at: now } },
    history: [...app.history, { at: now, action: 'audit_freeze', actorId: actor._id, actorName: actor.name, note: why }],
    updatedAt: now,
  };
}

/** Any supervisor (the one who froze it or another) lifts a freeze. */
export function unfreeze(app: Application, actor: Person, note: string | undefined, now: number): Application {
  const audit = assertOpenForSigning(app, '解冻');
  if (!audit.frozen) throw new DomainError('INVALID_TRANSITION', '该申报未被冻结');
  return {
    ...app,
    audit: { ...audit, frozen: null },
    history: [...app.history, { at: now, action: 'audit_unfreeze', actorId: actor._id, actorName: actor.name, note: note?.trim() ? note.trim() : null }],
    updatedAt: now,
  };
}

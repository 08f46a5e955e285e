import { DomainError } from '../shared/errors';
import type { Person } from '../org/types';
import type { Actor } from './workflow';
import type { Objection, ObjectionDecision, ObjectionHistoryEntry, Signature } from './types';
import type { Decision } from '../access/decision';
import { notBothHalves, notOwnLine, type SignerRole } from './policy';

export type { SignerRole };

/** The policy's refusal, thrown (signing runs inside the use case's transaction). */
function must(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}

export interface NewObjectionInput {
  id: string;
  townId: string;
  villageId: string;
  publicityId: string;
  quarter: string;
  householdId: string;
  /** A unit's line: the unit's 负责人 (回避). */
  unit?: { responsiblePersonId: string };
  chunkId: string;
  lineLabel: string;
  objector: Person;
  reason: string;
  photos: string[];
  at: number;
}

export function newObjection(i: NewObjectionInput): Objection {
  return {
    _id: i.id,
    townId: i.townId,
    villageId: i.villageId,
    publicityId: i.publicityId,
    quarter: i.quarter,
    householdId: i.householdId,
    ...(i.unit ? { subject: 'unit' as const, responsiblePersonId: i.unit.responsiblePersonId } : {}),
    chunkId: i.chunkId,
    lineLabel: i.lineLabel,
    objectorId: i.objector._id,
    objectorName: i.objector.name,
    objectorHouseholdId: i.objector.householdId,
    reason: i.reason,
    photos: i.photos,
    status: 'open',
    decision: null,
    reviewerSignature: null,
    supervisorSignature: null,
    correctionEntryId: null,
    history: [{ at: i.at, action: 'file', actorId: i.objector._id, actorName: i.objector.name, role: 'villager', note: i.reason }],
    createdAt: i.at,
    updatedAt: i.at,
  };
}

export function isUndecided(o: Objection): boolean {
  return o.status === 'open' || o.status === 'proposed';
}

function sameDecision(a: ObjectionDecision, b: ObjectionDecision): boolean {
  return a.outcome === b.outcome && a.points === b.points;
}

function entry(actor: Actor, role: SignerRole, action: ObjectionHistoryEntry['action'], note: string): ObjectionHistoryEntry {
  return { at: actor.at, action, actorId: actor.id, actorName: actor.name, role, note };
}

export function describeDecision(d: ObjectionDecision): string {
  const what = d.outcome === 'uphold' ? `异议成立，更正 ${d.points > 0 ? '+' : ''}${d.points} 分` : '异议不成立';
  return `${what}：${d.reason}`;
}

/**
 * 评议小组 investigates with 监督小组 [000][003]: a decision takes two signatures, a reviewer's
 * and a supervisor's, by two different people. Whoever signs first proposes; a signer of the
 * other committee agreeing (same outcome and points) makes it final; a different decision by
 * the other side replaces the proposal and waits for the first side again. Nobody signs on a
 * line of their own household (回避).
 */
export function signObjection(
  o: Objection,
  signer: { person: Person; role: SignerRole },
  decision: ObjectionDecision,
  actor: Actor,
): { objection: Objection; final: boolean } {
  if (!isUndecided(o)) throw new DomainError('INVALID_TRANSITION', '该异议已处理完毕');
  must(notOwnLine(signer.person, o));
  if (!decision.reason.trim()) throw new DomainError('REASON_REQUIRED', '请填写处理理由');
  if (decision.outcome === 'uphold' && (!Number.isSafeInteger(decision.points) || decision.points === 0)) {
    throw new DomainError('BAD_INPUT', '异议成立时请填写更正的积分（非零整数）');
  }
  const d: ObjectionDecision = { outcome: decision.outcome, points: decision.outcome === 'uphold' ? decision.points : 0, reason: decision.reason.trim() };
  const sig: Signature = { personId: signer.person._id, name: signer.person.name, at: actor.at };
  const mine = signer.role === 'reviewer' ? o.reviewerSignature : o.supervisorSignature;
  const theirs = signer.role === 'reviewer' ? o.supervisorSignature : o.reviewerSignature;

  if (o.status === 'proposed' && o.decision && theirs && !mine) {
    must(notBothHalves(signer.person, theirs));
    if (sameDecision(o.decision, d)) {
      const final: Objection = {
        ...o,
        status: o.decision.outcome === 'uphold' ? 'upheld' : 'dismissed',
        ...(signer.role === 'reviewer' ? { reviewerSignature: sig } : { supervisorSignature: sig }),
        history: [...o.history, entry(actor, signer.role, 'countersign', d.reason)],
        updatedAt: actor.at,
      };
      return { objection: final, final: true };
    }
    // The other side disagrees: its decision is now the proposal, awaiting the first side.
    return {
      objection: {
        ...o,
        decision: d,
        reviewerSignature: signer.role === 'reviewer' ? sig : null,
        supervisorSignature: signer.role === 'supervisor' ? sig : null,
        history: [...o.history, entry(actor, signer.role, 'disagree', describeDecision(d))],
        updatedAt: actor.at,
      },
      final: false,
    };
  }
  if (o.status === 'proposed' && mine) {
    throw new DomainError('INVALID_TRANSITION', signer.role === 'reviewer' ? '评议小组已签署，需由监督小组成员会签' : '监督小组已签署，需由评议小组成员会签');
  }
  return {
    objection: {
      ...o,
      status: 'proposed',
      decision: d,
      reviewerSignature: signer.role === 'reviewer' ? sig : null,
      supervisorSignature: signer.role === 'supervisor' ? sig : null,
      history: [...o.history, entry(actor, signer.role, 'propose', describeDecision(d))],
      updatedAt: actor.at,
    },
    final: false,
  };
}

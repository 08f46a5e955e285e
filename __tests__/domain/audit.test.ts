import { agreed } from '@domain/audit/quorum';
import { assertAdjustable, decisionPoints, freeze, sign, unfreeze } from '@domain/audit/decide';
import { addMonths, auditMonthOf, closeByDate, finishClose, isLate, monthForFirstReview, netByHousehold, newAuditMonth, startClose } from '@domain/audit/month';
import type { AuditSignature } from '@domain/audit/types';
import type { Application } from '@domain/points/application';
import type { Person } from '@domain/org/types';
import { isDomainError } from '@domain/shared/errors';

const codeOf = (fn: () => unknown): string | null => {
  try {
    fn();
    return null;
  } catch (e) {
    return isDomainError(e) ? e.code : 'THREW';
  }
};
const sig = (reviewerId: string, decision: AuditSignature['decision'], points: number | null = null): AuditSignature => ({ reviewerId, reviewerName: reviewerId, decision, points, reason: 'r', at: 0 });
const person = (id: string, householdId: string): Person => ({ _id: id, townId: 't', villageId: 'v', householdId, name: id, relation: null, roles: [] });
const app = (over: Partial<Application> = {}): Application =>
  ({ _id: 'a1', townId: 't', villageId: 'v', gridId: 'g', householdId: 'h1', points: 5, deedDate: '2026-11-18', status: 'first_reviewed', history: [], ...over }) as Application;

describe('quorum', () => {
  it('needs `quorum` signatures with the same decision (and, for adjust, the same points)', () => {
    expect(agreed([sig('a', 'approve'), sig('b', 'approve')], 3)).toBeNull();
    expect(agreed([sig('a', 'approve'), sig('b', 'approve'), sig('c', 'approve')], 3)).toEqual({ decision: 'approve', points: null });
    expect(agreed([sig('a', 'approve'), sig('b', 'approve'), sig('c', 'reject'), sig('d', 'reject'), sig('e', 'fraud')], 3)).toBeNull();
    expect(agreed([sig('a', 'adjust', 3), sig('b', 'adjust', 2), sig('c', 'adjust', 3)], 3)).toBeNull();
    expect(agreed([sig('a', 'adjust', 3), sig('b', 'adjust', 3), sig('c', 'adjust', 3)], 3)).toEqual({ decision: 'adjust', points: 3 });
    expect(agreed([sig('a', 'reject')], 1)).toEqual({ decision: 'reject', points: null });
  });
});

describe('signing', () => {
  const r = (n: number) => person(`r${n}`, `hr${n}`);
  it('replaces a reviewer’s own signature; takes effect at the quorum; refuses own household and frozen', () => {
    let a = sign(app(), r(1), { decision: 'reject', reason: '不符' }, 3, 1);
    a = sign(a, r(1), { decision: 'approve' }, 3, 2);
    expect(a.audit?.signatures).toHaveLength(1);
    expect(a.history.map((h) => h.action)).toEqual(['audit_sign', 'audit_resign']);
    a = sign(sign(a, r(2), { decision: 'approve' }, 3, 3), r(3), { decision: 'approve' }, 3, 4);
    expect(a).toMatchObject({ status: 'approved', audit: { decision: 'approve', points: 5, decidedAt: 4 } });
    expect(codeOf(() => sign(app(), person('x', 'h1'), { decision: 'approve' }, 3, 1))).toBe('OWN_HOUSEHOLD_REVIEW');
    const frozen = freeze(app(), person('s', 'hs'), '核实', 1);
    expect(codeOf(() => sign(frozen, r(1), { decision: 'approve' }, 3, 2))).toBe('FROZEN');
    expect(codeOf(() => sign(unfreeze(frozen, person('s2', 'hs2'), undefined, 3), r(1), { decision: 'approve' }, 3, 4))).toBeNull();
  });

  it('fraud costs double the item; reject nothing; adjust stays within the item', () => {
    expect(decisionPoints({ points: 5 }, 'fraud', null)).toBe(-10);
    expect(decisionPoints({ points: -10 }, 'fraud', null)).toBe(-20);
    expect(decisionPoints({ points: 5 }, 'reject', null)).toBe(0);
    expect(decisionPoints({ points: 5 }, 'adjust', 3)).toBe(3);
    expect(assertAdjustable(5, 4)).toBe(4);
    expect(assertAdjustable(-10, -5)).toBe(-5);
    for (const bad of [5, 6, 0, -1]) expect(codeOf(() => assertAdjustable(5, bad))).toBe('ADJUST_OUT_OF_RANGE');
    expect(codeOf(() => assertAdjustable(-10, -11))).toBe('ADJUST_OUT_OF_RANGE');
  });

  it('nets per household skip undecided applications and zero sums', () => {
    const rows = [
      { householdId: 'h1', status: 'approved' as const, audit: { signatures: [], frozen: null, decision: 'approve' as const, points: 5, decidedAt: 1 } },
      { householdId: 'h1', status: 'fraud' as const, audit: { signatures: [], frozen: null, decision: 'fraud' as const, points: -10, decidedAt: 1 } },
      { householdId: 'h2', status: 'rejected' as const, audit: { signatures: [], frozen: null, decision: 'reject' as const, points: 0, decidedAt: 1 } },
      { householdId: 'h3', status: 'first_reviewed' as const, audit: undefined },
    ];
    expect([...netByHousehold(rows)]).toEqual([['h1', -5]]);
  });
});

describe('the month', () => {
  const leader = person('L', 'hl');
  it('months, deadlines and late', () => {
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(closeByDate('2026-12', 10)).toBe('2027-01-10');
    const m = newAuditMonth('t', 'v', '2026-11', 0, leader);
    expect(m.history).toEqual([{ at: 0, action: 'open', actorId: 'L', actorName: 'L', note: null }]);
    expect(isLate(m, '2026-12-10', 10)).toBe(false);
    expect(isLate(m, '2026-12-11', 10)).toBe(true);
    expect(auditMonthOf({ deedDate: '2026-10-31' })).toBe('2026-10');
    expect(auditMonthOf({ deedDate: '2026-10-31', auditMonth: '2026-11' })).toBe('2026-11');
    expect(monthForFirstReview('2026-10', 'closed', '2026-11-03')).toBe('2026-11');
    expect(monthForFirstReview('2026-10', 'open', '2026-11-03')).toBe('2026-10');
    expect(monthForFirstReview('2026-10', null, '2026-11-03')).toBe('2026-10');
  });

  it('closes only when over, decided and unfrozen; closing on the 11th is late', () => {
    const m = newAuditMonth('t', 'v', '2026-11', 0, leader);
    expect(codeOf(() => startClose(m, leader, '2026-11-30', 0, 0, 1))).toBe('MONTH_NOT_OVER');
    expect(codeOf(() => startClose(m, leader, '2026-12-01', 2, 1, 1))).toBe('FROZEN');
    expect(codeOf(() => startClose(m, leader, '2026-12-01', 2, 0, 1))).toBe('UNDECIDED');
    const closing = startClose(m, leader, '2026-12-01', 0, 0, 1);
    expect(closing.status).toBe('closing');
    expect(startClose(closing, leader, '2026-12-02', 0, 0, 2).history.map((h) => h.action)).toEqual(['open', 'close_start', 'close_resume']);
    const late = finishClose(closing, leader, '2026-12-11', 10, { households: 2, points: 7 }, 3);
    expect(late).toMatchObject({ status: 'closed', late: true, postedHouseholds: 2, postedPoints: 7, closedById: 'L' });
    expect(finishClose(closing, leader, '2026-12-10', 10, { households: 0, points: 0 }, 3).late).toBe(false);
    expect(codeOf(() => startClose(late, leader, '2026-12-12', 0, 0, 4))).toBe('MONTH_CLOSED');
  });
});

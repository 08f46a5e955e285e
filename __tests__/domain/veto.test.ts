import { addMonths, barredUntil, countersignVeto, laterBar, recordVeto, rejectVeto } from '@domain/veto/rules';
import type { Person } from '@domain/org/types';
import { isDomainError } from '@domain/shared/errors';

const person = (id: string, householdId: string, role: 'reviewer' | 'supervisor' | 'villager'): Person => ({
  _id: id,
  townId: 't',
  villageId: 'v',
  householdId,
  name: id,
  relation: '户主',
  roles: [{ role, scope: 'village', scopeId: 'v' }],
});
const reviewer = person('r', 'h-r', 'reviewer');
const supervisor = person('s', 'h-s', 'supervisor');
const base = { id: 'veto1', householdId: 'h1', townId: 't', villageId: 'v', householdName: '张三', doorNo: '一组1号', item: '违法违纪', description: '经过', eventDate: '2026-11-15' };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (isDomainError(e)) return e.code;
    throw e;
  }
  return 'OK';
}

describe('bar dates', () => {
  it('addMonths clamps to the end of the month', () => {
    expect(addMonths('2026-11-10', 3)).toBe('2027-02-10');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-12-31', 2)).toBe('2028-02-29');
    expect(addMonths('2026-01-15', 12)).toBe('2027-01-15');
  });

  it('clear_and_bar_year bars until 1 January after it takes effect; bar_months counts from the event', () => {
    expect(barredUntil({ mode: 'clear_and_bar_year', barMonths: 12 }, '2026-03-01', '2026-03-05')).toBe('2027-01-01');
    expect(barredUntil({ mode: 'clear_and_bar_year', barMonths: 12 }, '2026-12-20', '2027-01-04')).toBe('2028-01-01');
    expect(barredUntil({ mode: 'bar_months', barMonths: 6 }, '2026-12-20', '2027-01-04')).toBe('2027-06-20');
  });

  it('laterBar keeps the later date', () => {
    expect(laterBar(null, '2027-01-01')).toBe('2027-01-01');
    expect(laterBar('2027-06-01', '2027-01-01')).toBe('2027-06-01');
    expect(laterBar('2026-06-01', '2027-01-01')).toBe('2027-01-01');
  });
});

describe('workflow', () => {
  const recorded = recordVeto({ person: reviewer, at: 1 }, base);

  it('only a reviewer of the village records, never for their own household', () => {
    expect(recorded).toMatchObject({ status: 'recorded', barredUntil: null, mode: null });
    expect(code(() => recordVeto({ person: supervisor, at: 1 }, base))).toBe('FORBIDDEN');
    expect(code(() => recordVeto({ person: reviewer, at: 1 }, { ...base, villageId: 'other' }))).toBe('FORBIDDEN');
    expect(code(() => recordVeto({ person: reviewer, at: 1 }, { ...base, householdId: 'h-r' }))).toBe('OWN_HOUSEHOLD_REVIEW');
  });

  it('countersign needs a supervisor (not the recorder, not of the household) and a recorded veto', () => {
    const policy = { mode: 'bar_months' as const, barMonths: 3 };
    expect(code(() => countersignVeto({ person: reviewer, at: 2 }, recorded, policy, '2026-11-20', null))).toBe('FORBIDDEN');
    expect(code(() => countersignVeto({ person: { ...supervisor, householdId: 'h1' }, at: 2 }, recorded, policy, '2026-11-20', null))).toBe('OWN_HOUSEHOLD_REVIEW');
    const both = { ...supervisor, _id: 'r', roles: [...supervisor.roles, ...reviewer.roles] };
    expect(code(() => countersignVeto({ person: both, at: 2 }, recorded, policy, '2026-11-20', null))).toBe('FORBIDDEN');
    const done = countersignVeto({ person: supervisor, at: 2 }, recorded, policy, '2026-11-20', '属实');
    expect(done).toMatchObject({ status: 'effective', mode: 'bar_months', barredUntil: '2027-02-15' });
    expect(done.history).toEqual([expect.objectContaining({ action: 'record' }), expect.objectContaining({ action: 'countersign', actorId: 's', note: '属实', at: 2 })]);
    expect(code(() => countersignVeto({ person: supervisor, at: 3 }, done, policy, '2026-11-20', null))).toBe('INVALID_TRANSITION');
    expect(code(() => rejectVeto({ person: supervisor, at: 3 }, done, '理由'))).toBe('INVALID_TRANSITION');
  });

  it('reject needs a reason and leaves no bar', () => {
    expect(code(() => rejectVeto({ person: supervisor, at: 2 }, recorded, '  '))).toBe('REASON_REQUIRED');
    expect(rejectVeto({ person: supervisor, at: 2 }, recorded, '误报')).toMatchObject({ status: 'rejected', barredUntil: null });
  });
});

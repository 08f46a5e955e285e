import { DEFAULT_POLICY } from '@domain/org/policy';
import type { RoleAssignment } from '@domain/org/roles';
import { deadlineFrom, isOverdue, levelAbove, needsOverdueFlag } from '@domain/grid/deadlines';
import { allowedSteps, canSee, close, dispatch, escalate, flagOverdue, followUp, handle, newEvent, reopen, type Actor } from '@domain/grid/eventFlow';
import { householdsDue, patrolDue, windowStart, assertPatrolTime } from '@domain/grid/patrol';
import { isDomainError } from '@domain/shared/errors';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T10:00:00+08:00');
const place = { townId: 't', villageId: 'v', gridId: 'g1' };
const actor = (id: string, roles: RoleAssignment[]): Actor => ({ _id: id, name: id, roles });
const villager = actor('villager', [{ role: 'villager', scope: 'village', scopeId: 'v' }]);
const worker = actor('worker', [{ role: 'grid_worker', scope: 'grid', scopeId: 'g1' }]);
const otherWorker = actor('other', [{ role: 'grid_worker', scope: 'grid', scopeId: 'g2' }]);
const admin = actor('admin', [{ role: 'village_admin', scope: 'village', scopeId: 'v' }]);
const town = actor('town', [{ role: 'town_admin', scope: 'town', scopeId: 't' }]);
const policy = DEFAULT_POLICY;

const fresh = (category: 'hazard' | 'dispute' = 'hazard') =>
  newEvent({ id: 'e1', now: T0, reporter: villager, reporterRole: 'villager', place, category, mode: 'separate', where: '桥头', description: '护栏松动', photos: [], patrolId: null, policy });

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return isDomainError(e) ? e.code : 'THROWN';
  }
}

describe('deadlines', () => {
  it('follow the policy per category and can be changed per village', () => {
    expect(deadlineFrom('hazard', T0, policy)).toBe(T0 + 24 * HOUR);
    expect(deadlineFrom('dispute', T0, policy)).toBe(T0 + 72 * HOUR);
    expect(deadlineFrom('environment', T0, { eventDeadlineHours: { ...policy.eventDeadlineHours, environment: 12 } })).toBe(T0 + 12 * HOUR);
  });

  it('an event is overdue strictly after its deadline, only while waiting to be handled', () => {
    const e = fresh();
    expect(isOverdue(e, e.deadlineAt)).toBe(false);
    expect(isOverdue(e, e.deadlineAt + 1)).toBe(true);
    expect(isOverdue(handle(e, worker, '已处置', T0), e.deadlineAt + 1)).toBe(false);
  });

  it('the level above: grid → village → town → none', () => {
    expect([levelAbove('grid'), levelAbove('village'), levelAbove('town')]).toEqual(['village', 'town', null]);
  });

  it('an overrun is flagged once per deadline; a new deadline can be flagged again', () => {
    const e = fresh();
    const late = e.deadlineAt + 1;
    expect(flagOverdue(e, e.deadlineAt, admin)).toBeNull();
    const flagged = flagOverdue(e, late, admin);
    expect(flagged?.history.at(-1)).toMatchObject({ action: 'overdue', actorId: 'admin', at: late });
    expect(flagged && needsOverdueFlag(flagged, late + HOUR)).toBe(false);
    const redispatched = dispatch(flagged!, worker, worker, null, late, policy);
    expect(needsOverdueFlag(redispatched, redispatched.deadlineAt + 1)).toBe(true);
    expect(flagOverdue(redispatched, redispatched.deadlineAt + 1, null)?.history.at(-1)).toMatchObject({ actorId: 'system', actorName: '系统' });
  });
});

describe('the event flow', () => {
  it('steps per viewer: the reporter watches, the grid worker owns the grid level, others see nothing', () => {
    const e = fresh();
    expect(allowedSteps(villager, e)).toEqual([]);
    expect(allowedSteps(worker, e)).toEqual(['escalate', 'dispatch', 'handle']);
    expect(allowedSteps(admin, e)).toEqual([]);
    expect(canSee(otherWorker, e)).toBe(false);
    expect(canSee(admin, e) && canSee(town, e) && canSee(villager, e)).toBe(true);
  });

  it('escalation moves ownership up and resets the deadline; the town cannot escalate further', () => {
    const atVillage = escalate(fresh(), worker, '需村里协调', T0 + HOUR, policy);
    expect(atVillage).toMatchObject({ level: 'village', deadlineAt: T0 + 25 * HOUR });
    expect(allowedSteps(worker, atVillage)).toEqual([]);
    expect(codeOf(() => escalate(atVillage, worker, '再报', T0, policy))).toBe('FORBIDDEN');
    const atTown = escalate(atVillage, admin, '需镇处置', T0 + 2 * HOUR, policy);
    expect(allowedSteps(town, atTown)).toEqual(['dispatch', 'handle']);
    expect(codeOf(() => escalate(atTown, town, '无处可报', T0, policy))).toBe('EVENT_STATE');
    expect(codeOf(() => escalate(atTown, otherWorker, '越权', T0, policy))).toBe('NOT_FOUND');
  });

  it('巡办分离: dispatch → handle by the handler only → close by the owner with a note; history is append-only', () => {
    const d = dispatch(fresh(), worker, admin, '请村里派人', T0, policy);
    expect(codeOf(() => handle(d, worker, '我来', T0))).toBe('EVENT_STATE'); // the owner dispatched it: now only the handler handles
    expect(codeOf(() => handle(d, otherWorker, '我来', T0))).toBe('NOT_FOUND');
    const h = handle(d, admin, '已加固', T0 + HOUR);
    expect(codeOf(() => close(h, admin, '好了', T0))).toBe('FORBIDDEN');
    const c = close(h, worker, '核验合格', T0 + 2 * HOUR);
    expect(c).toMatchObject({ status: 'closed', closedBy: 'worker', mode: 'separate' });
    expect(c.history.map((x) => x.action)).toEqual(['report', 'dispatch', 'handle', 'close']);
    expect(c.history.slice(0, 3)).toEqual(h.history);
  });

  it('自巡自办: the owner handles an open event themself', () => {
    const h = handle(fresh(), worker, '现场处理', T0);
    expect(h).toMatchObject({ mode: 'self', handlerId: 'worker', status: 'handled' });
  });

  it('回访: unsatisfied needs a reason and reopens; reopening needs the owner', () => {
    const c = close(handle(fresh(), worker, '现场处理', T0), worker, '已办结', T0 + HOUR);
    expect(codeOf(() => followUp(c, villager, 'unsatisfied', null, T0 + 2 * HOUR, policy))).toBe('NOTE_REQUIRED');
    expect(codeOf(() => followUp(c, admin, 'satisfied', null, T0 + 2 * HOUR, policy))).toBe('FORBIDDEN');
    const back = followUp(c, villager, 'unsatisfied', '没修好', T0 + 2 * HOUR, policy);
    expect(back).toMatchObject({ status: 'open', closedAt: null, followUp: { satisfaction: 'unsatisfied' } });
    expect(back.history.map((x) => x.action).slice(-2)).toEqual(['follow_up', 'reopen']);
    expect(codeOf(() => reopen(c, villager, '再办', T0, policy))).toBe('FORBIDDEN');
    expect(reopen(c, worker, '复查未达标', T0 + 3 * HOUR, policy).status).toBe('open');
  });
});

describe('patrol and visit rules', () => {
  it('a daily patrol is due when the last one is before today', () => {
    expect(patrolDue(null, '2026-11-20', policy)).toBe(true);
    expect(patrolDue('2026-11-20', '2026-11-20', policy)).toBe(false);
    expect(patrolDue('2026-11-19', '2026-11-20', policy)).toBe(true);
    expect(patrolDue('2026-11-19', '2026-11-20', { patrolEveryDays: 2 })).toBe(false);
  });

  it('households not visited within the last 7 days (today included) are due', () => {
    expect(windowStart('2026-11-20', 7)).toBe('2026-11-14');
    const hh = [{ _id: 'a' }, { _id: 'b' }, { _id: 'c' }];
    const last = new Map([
      ['a', '2026-11-14'],
      ['b', '2026-11-13'],
    ]);
    expect(householdsDue(hh, last, '2026-11-20', policy).map((x) => x.household._id)).toEqual(['b', 'c']);
  });

  it('a patrol may be logged up to 3 days back, never in the future', () => {
    expect(codeOf(() => assertPatrolTime(T0 - 3 * 24 * HOUR, T0))).toBeNull();
    expect(codeOf(() => assertPatrolTime(T0 - 4 * 24 * HOUR, T0))).toBe('DATE_TOO_OLD');
    expect(codeOf(() => assertPatrolTime(T0 + HOUR, T0))).toBe('DATE_IN_FUTURE');
  });
});

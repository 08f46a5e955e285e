import { DEFAULT_POLICY } from '@domain/org/policy';
import type { RoleAssignment } from '@domain/org/roles';
import { allowedSteps, close, dispatch, followUp, handle, newEvent, type Actor } from '@domain/grid/eventFlow';
import { flowAllows, handlerTitle, mayBeHandler, mayDispatchTo, mayReport, mayTakeStep } from '@domain/grid/eventPolicy';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import type { GridEvent } from '@domain/grid/records';

const T0 = Date.parse('2026-11-20T10:00:00+08:00');
const place = { townId: 't', villageId: 'v', gridId: 'g1' };
const actor = (id: string, roles: RoleAssignment[]): Actor => ({ _id: id, name: id, roles });
const villager = actor('villager', [{ role: 'villager', scope: 'village', scopeId: 'v' }]);
const worker = actor('worker', [{ role: 'grid_worker', scope: 'grid', scopeId: 'g1' }]);
const leader = actor('leader', [{ role: 'grid_leader', scope: 'grid', scopeId: 'g1' }]);
const admin = actor('admin', [{ role: 'village_admin', scope: 'village', scopeId: 'v' }]);
const policy = DEFAULT_POLICY;

const reportedBy = (reporter: Actor, reporterRole: GridEvent['reporterRole']) =>
  newEvent({ id: 'e1', now: T0, reporter, reporterRole, place, category: 'hazard', mode: reporterRole === 'grid_worker' ? 'self' : 'separate', where: '桥头', description: '护栏松动', photos: [], patrolId: null, policy });
const code = (d: { ok: boolean; code?: string }) => (d.ok ? 'ok' : d.code);

describe('巡办分离 four eyes (eventPolicy)', () => {
  it('the handler of a dispatched event is shown no 核验办结, and is refused it; another owner of the level closes', () => {
    const handled = handle(dispatch(reportedBy(villager, 'villager'), worker, leader, null, T0, policy), leader, '已加固', T0 + 1);
    expect(allowedSteps(leader, handled)).toEqual([]);
    expect(mayTakeStep(leader, handled, 'close')).toMatchObject({ ok: false, code: 'SEPARATION_OF_DUTIES' });
    expect(allowedSteps(worker, handled)).toEqual(['close']);
    // The workflow alone (replaying recorded histories) knows nothing of four eyes.
    expect(flowAllows(leader, handled, 'close').ok).toBe(true);
  });

  it('the 回访 of a 巡办分离 event is neither the handler’s nor the verifier’s; the reporter rates', () => {
    const closed = close(handle(dispatch(reportedBy(villager, 'villager'), worker, leader, null, T0, policy), leader, '已加固', T0 + 1), worker, '核验合格', T0 + 2);
    for (const who of [leader, worker]) {
      expect(allowedSteps(who, closed)).toEqual(['reopen']);
      expect(code(mayTakeStep(who, closed, 'followUp'))).toBe('SEPARATION_OF_DUTIES');
    }
    expect(allowedSteps(villager, closed)).toEqual(['followUp']);
    expect(followUp(closed, villager, 'satisfied', null, T0 + 3, policy).followUp).toMatchObject({ byId: 'villager', onBehalf: false });
  });

  it('nobody is dispatched their own report, and the dispatcher does not dispatch to themself (they verify)', () => {
    const finding = reportedBy(worker, 'grid_worker');
    expect(code(mayDispatchTo(leader, finding, 'worker', true))).toBe('SEPARATION_OF_DUTIES');
    expect(code(mayDispatchTo(leader, finding, 'leader', true))).toBe('SEPARATION_OF_DUTIES');
    expect(code(mayDispatchTo(leader, finding, 'admin', true))).toBe('ok');
    expect(mayBeHandler(leader, finding, 'worker')).not.toEqual(mayBeHandler(leader, finding, 'leader')); // each says why
    // Older refusals keep their order: outsiders NOT_FOUND, non-owners FORBIDDEN, ineligible before state.
    expect(code(mayDispatchTo(actor('x', []), finding, 'admin', true))).toBe('NOT_FOUND');
    expect(code(mayDispatchTo(villager, reportedBy(villager, 'villager'), 'admin', true))).toBe('FORBIDDEN');
    expect(code(mayDispatchTo(leader, finding, 'someone', false))).toBe('HANDLER_NOT_ELIGIBLE');
  });

  it('a grid worker’s villager report (随手拍) is not theirs to handle; their own finding is (自巡自办), handled and closed by them', () => {
    const asVillager = reportedBy(worker, 'villager');
    expect(allowedSteps(worker, asVillager)).toEqual(['escalate', 'dispatch']);
    expect(code(mayTakeStep(worker, asVillager, 'handle'))).toBe('SEPARATION_OF_DUTIES');
    expect(allowedSteps(leader, asVillager)).toEqual(['escalate', 'dispatch', 'handle']);

    const own = reportedBy(worker, 'grid_worker');
    expect(allowedSteps(worker, own)).toEqual(['escalate', 'dispatch', 'handle']);
    const selfHandled = handle(own, worker, '现场处理', T0);
    expect(allowedSteps(worker, selfHandled)).toEqual(['close']);
    const selfClosed = close(selfHandled, worker, '已办结', T0 + 1);
    expect(allowedSteps(worker, selfClosed)).toEqual(['reopen', 'followUp']);
  });

  it('自巡自办 on a villager’s report: the worker who handled it closes it and records the 回访 for the reporter', () => {
    const closed = close(handle(reportedBy(villager, 'villager'), worker, '现场处理', T0), worker, '已办结', T0 + 1);
    expect(closed.mode).toBe('self');
    expect(allowedSteps(worker, closed)).toEqual(['reopen', 'followUp']);
  });

  it('the refusal code has its Chinese words', () => {
    expect(ERROR_MESSAGES.SEPARATION_OF_DUTIES).toMatch(/[\u4e00-\u9fa5]/);
  });
});

describe('who reports where, and who may be handed an event', () => {
  it('a worker reports on their own grids; anyone else for their household, without patrol or 自巡自办', () => {
    const home = { ...worker, householdId: 'h1' };
    expect(code(mayReport({ ...worker, householdId: null }, { gridId: 'g1' }))).toBe('ok');
    expect(code(mayReport({ ...worker, householdId: null }, { gridId: 'g2' }))).toBe('NOT_IN_GRID');
    expect(code(mayReport({ ...villager, householdId: null }, {}))).toBe('FORBIDDEN');
    expect(code(mayReport({ ...villager, householdId: 'h1' }, { selfHandled: {} }))).toBe('FORBIDDEN');
    expect(code(mayReport(home, {}))).toBe('ok');
  });

  it('handlers: the village admin, the village’s grid staff, and the town admin once at the town', () => {
    const e = reportedBy(villager, 'villager');
    const grids = [{ _id: 'g1', name: '一组', villageId: 'v' }];
    expect(handlerTitle(admin, e, [])).toBe('村两委');
    expect(handlerTitle(leader, e, grids)).toBe('网格长（一组）');
    expect(handlerTitle(worker, e, grids)).toBe('网格员（一组）');
    expect(handlerTitle(worker, e, [{ _id: 'g1', name: '一组', villageId: 'other' }])).toBeNull();
    const town = actor('town', [{ role: 'town_admin', scope: 'town', scopeId: 't' }]);
    expect(handlerTitle(town, e, [])).toBeNull();
    expect(handlerTitle(town, { ...e, level: 'town' }, [])).toBe('镇管理员');
  });
});

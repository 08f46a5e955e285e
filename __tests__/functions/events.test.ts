import { C } from '@backend/repos/collections';
import type { EventView } from '@domain/api/events';
import { JPEG, NOW, openHarness, PDF, upload, type Harness } from '../support/harness';
import {
  ADMIN,
  ADMIN_OTHER_VILLAGE,
  LEADER_G1,
  OTHER_HOUSEHOLD,
  REVIEWER,
  STRANGER,
  TOWN,
  VILLAGER,
  VILLAGER_OTHER_VILLAGE,
  WORKER_G1,
  WORKER_G2,
  WORKER_OTHER_VILLAGE,
} from '../support/people';
import { expectRefused } from '../support/refusals';

const HOUR = 60 * 60 * 1000;
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());
beforeEach(() => h.setNow(NOW));

let seq = 0;
const rid = () => `evt-req-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const report = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  category: 'hazard',
  place: '一组村道桥头',
  description: '桥头护栏松动，晚上有人路过很危险',
  photos: [] as string[],
  ...extra,
});

/** Every grid-work document, so a refusal can be shown to have written nothing. */
async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const coll of [C.gridEvents, C.patrols, C.visits]) parts.push((await h.db.collection(coll).orderBy('_id', 'asc').limit(1000).get()).data);
  return JSON.stringify(parts);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const r = await fn();
  expect(await snapshot()).toBe(before);
  return r;
}

const villagerReports = (extra: Record<string, unknown> = {}) => h.ok(VILLAGER, 'events', 'report', report(extra) as never);
const ids = (items: { id: string }[]) => items.map((i) => i.id);
const actions = (e: EventView) => e.history.map((x) => x.action);
async function personIdOf(openid: string): Promise<string> {
  const { data } = await h.db.collection<{ _id: string; personId: string }>(C.identities).doc(openid).get();
  return data[0].personId;
}

describe('events.report', () => {
  it('a villager reports 随手拍: it lands at their household grid, open, due within the category hours', async () => {
    const photo = await upload(h, JPEG);
    const e = await villagerReports({ photos: [photo] });
    expect(e).toMatchObject({ gridId: 'g-qs-1', villageId: 'v-qingshan', level: 'grid', status: 'open', reporterRole: 'villager', mode: 'separate', overdue: false });
    expect(e.deadlineAt).toBe(NOW + 24 * HOUR); // hazard: 24 h
    expect(e.history).toEqual([expect.objectContaining({ action: 'report', at: NOW, level: 'grid' })]);
    expect(e.photos[0]).toEqual({ fileId: photo, url: expect.stringMatching(/^\/api\/files\//) });
    expect(e.steps).toEqual([]); // the reporter only watches
    const mine = await h.ok(VILLAGER, 'events', 'mine', {});
    expect(ids(mine.items)).toContain(e._id);
  });

  it('deadlines follow the category (dispute 72 h, environment 48 h)', async () => {
    expect((await villagerReports({ category: 'dispute' })).deadlineAt).toBe(NOW + 72 * HOUR);
    expect((await villagerReports({ category: 'environment' })).deadlineAt).toBe(NOW + 48 * HOUR);
  });

  it('a retry with the same requestId returns the first event and writes nothing', async () => {
    const input = report();
    const first = await h.ok(VILLAGER, 'events', 'report', input as never);
    const again = await expectNoWrite(() => h.ok(VILLAGER, 'events', 'report', input as never));
    expect(again._id).toBe(first._id);
  });

  it('a grid worker reports a finding on one of their grids, linked to their patrol', async () => {
    const patrol = await h.ok(WORKER_G1, 'patrol', 'record', { requestId: rid(), place: '一组水塘', findings: '水塘边护栏缺失', photos: [] });
    const e = await h.ok(WORKER_G1, 'events', 'report', report({ gridId: 'g-qs-1', patrolId: patrol._id }) as never);
    expect(e).toMatchObject({ reporterRole: 'grid_worker', patrolId: patrol._id, mode: 'self' });
    const { data } = await h.db.collection<{ _id: string; eventIds: string[] }>(C.patrols).doc(patrol._id).get();
    expect(data[0].eventIds).toEqual([e._id]);
  });

  it('自巡自办: a worker reports a finding already handled, and it is closed at once with the history of each step', async () => {
    const e = await h.ok(WORKER_G1, 'events', 'report', report({ gridId: 'g-qs-1', category: 'environment', selfHandled: { handling: '已清理路边垃圾', closingNote: '现场已清理干净' } }) as never);
    expect(e).toMatchObject({ status: 'closed', mode: 'self', closedBy: await personIdOf(WORKER_G1), closedAt: NOW, handling: '已清理路边垃圾' });
    expect(actions(e)).toEqual(['report', 'handle', 'close']);
  });

  it.each([
    ['no description', { description: '' }, 'BAD_INPUT'],
    ['an unknown category', { category: 'flood' }, 'BAD_INPUT'],
    ['four photos', { photos: ['a', 'b', 'c', 'd'] }, 'BAD_INPUT'],
    ['a photo never uploaded', { photos: ['nope'] }, 'BAD_INPUT'],
    ['a villager naming a grid', { gridId: 'g-qs-1' }, 'NOT_IN_GRID'],
    ['a villager reporting it handled', { selfHandled: { handling: '已处理好了', closingNote: '已办结了' } }, 'FORBIDDEN'],
    ['an unknown field', { householdId: 'h-qs-2-05' }, 'BAD_INPUT'],
  ])('refuses %s and writes nothing', async (_what, extra, code) => {
    const r = await expectNoWrite(() => h.call(VILLAGER, 'events', 'report', report(extra)));
    expectRefused(r, code);
  });

  it('refuses a file that is not an image', async () => {
    const pdf = await upload(h, PDF);
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'report', report({ photos: [pdf] }))), 'PHOTO_NOT_IMAGE');
  });

  it.each([
    [WORKER_G2, 'g-qs-1', 'NOT_IN_GRID'],
    [WORKER_OTHER_VILLAGE, 'g-qs-1', 'NOT_IN_GRID'],
  ])('%s cannot report on grid %s', async (who, gridId, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'events', 'report', report({ gridId }))), code);
  });

  it('refuses an unknown caller and a town admin without a household', async () => {
    expectRefused(await expectNoWrite(() => h.call(STRANGER, 'events', 'report', report())), 'NOT_REGISTERED');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'events', 'report', report())), 'FORBIDDEN');
  });
});

describe('who sees an event', () => {
  let e: EventView;
  beforeAll(async () => {
    h.setNow(NOW);
    e = await villagerReports({ description: '只给本网格看的事件描述' });
  });

  it.each([VILLAGER, WORKER_G1, LEADER_G1, ADMIN, TOWN])('%s may open it', async (who) => {
    expect((await h.ok(who, 'events', 'get', { eventId: e._id }))._id).toBe(e._id);
  });

  it.each([OTHER_HOUSEHOLD, WORKER_G2, WORKER_OTHER_VILLAGE, ADMIN_OTHER_VILLAGE, REVIEWER, VILLAGER_OTHER_VILLAGE])('%s gets NOT_FOUND', async (who) => {
    expectRefused(await h.call(who, 'events', 'get', { eventId: e._id }), 'NOT_FOUND');
  });

  it('lists: the grid worker and leader of the grid, the village and the town see it; another grid or village does not', async () => {
    for (const who of [WORKER_G1, LEADER_G1, ADMIN, TOWN]) {
      const q = await h.ok(who, 'events', 'queue', { filter: 'open', pageSize: 50 });
      expect(ids(q.items)).toContain(e._id);
    }
    for (const who of [WORKER_G2, WORKER_OTHER_VILLAGE, ADMIN_OTHER_VILLAGE]) {
      const q = await h.ok(who, 'events', 'queue', { filter: 'open', pageSize: 50 });
      expect(ids(q.items)).not.toContain(e._id);
    }
    expect(ids((await h.ok(OTHER_HOUSEHOLD, 'events', 'mine', {})).items)).not.toContain(e._id);
  });

  it('a villager has no queue; a worker cannot ask for another grid or for the village list', async () => {
    expectRefused(await h.call(VILLAGER, 'events', 'queue', { filter: 'open' }), 'FORBIDDEN');
    expectRefused(await h.call(WORKER_G2, 'events', 'queue', { filter: 'open', gridId: 'g-qs-1' }), 'NOT_IN_GRID');
    expectRefused(await h.call(WORKER_G1, 'events', 'queue', { filter: 'open', scope: 'village' }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'events', 'queue', { filter: 'later' }), 'BAD_INPUT');
  });
});

describe('巡办分离: report → escalate → dispatch → handle → verify and close → 回访', () => {
  it('walks the whole flow with one history entry per step', async () => {
    const e0 = await villagerReports();
    // The reporter and other grids cannot move it.
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'escalate', { eventId: e0._id, note: '我想上报' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G2, 'events', 'escalate', { eventId: e0._id, note: '越级上报' })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'escalate', { eventId: e0._id, note: '' })), 'BAD_INPUT');

    h.advance(HOUR);
    const e1 = await h.ok(WORKER_G1, 'events', 'escalate', { eventId: e0._id, note: '护栏需要村里统一维修' });
    expect(e1).toMatchObject({ level: 'village', status: 'open', deadlineAt: NOW + HOUR + 24 * HOUR });
    // The grid worker still follows it but no longer owns it.
    expect(e1.steps).toEqual([]);
    expectRefused(await h.call(WORKER_G1, 'events', 'dispatch', { eventId: e0._id, handlerId: 'x' }), 'FORBIDDEN');

    const adminView = await h.ok(ADMIN, 'events', 'get', { eventId: e0._id });
    expect(adminView.steps).toEqual(['escalate', 'dispatch', 'handle']);
    const { items: candidates } = await h.ok(ADMIN, 'events', 'handlers', { eventId: e0._id });
    const worker = await personIdOf(WORKER_G1);
    expect(candidates.map((c) => c.id)).toContain(worker);
    expectRefused(await h.call(WORKER_G1, 'events', 'handlers', { eventId: e0._id }), 'FORBIDDEN');

    // Only a person of the village (or town) may be handed the event.
    const outsider = await personIdOf(WORKER_OTHER_VILLAGE);
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'dispatch', { eventId: e0._id, handlerId: outsider })), 'HANDLER_NOT_ELIGIBLE');
    const villagerId = await personIdOf(VILLAGER);
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'dispatch', { eventId: e0._id, handlerId: villagerId })), 'HANDLER_NOT_ELIGIBLE');

    h.advance(HOUR);
    const e2 = await h.ok(ADMIN, 'events', 'dispatch', { eventId: e0._id, handlerId: worker, note: '今天内修好' });
    expect(e2).toMatchObject({ status: 'dispatched', handlerId: worker, mode: 'separate', deadlineAt: NOW + 2 * HOUR + 24 * HOUR });
    // The handler sees it in their assigned list, with the handle step.
    const assigned = await h.ok(WORKER_G1, 'events', 'queue', { scope: 'assigned', filter: 'open' });
    expect(ids(assigned.items)).toContain(e0._id);
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e0._id })).steps).toEqual(['handle']);
    // Nobody else handles a dispatched event; the admin cannot close before it is handled.
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'events', 'handle', { eventId: e0._id, handling: '我来修' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'close', { eventId: e0._id, closingNote: '已修好' })), 'EVENT_STATE');

    h.advance(HOUR);
    const e3 = await h.ok(WORKER_G1, 'events', 'handle', { eventId: e0._id, handling: '已更换护栏螺栓并加固' });
    expect(e3).toMatchObject({ status: 'handled', handling: '已更换护栏螺栓并加固' });
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'close', { eventId: e0._id, closingNote: '修好了' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'close', { eventId: e0._id, closingNote: '' })), 'BAD_INPUT');

    h.advance(HOUR);
    const e4 = await h.ok(ADMIN, 'events', 'close', { eventId: e0._id, closingNote: '现场核验护栏牢固，符合结案标准' });
    expect(e4).toMatchObject({ status: 'closed', closedAt: NOW + 4 * HOUR, closedBy: await personIdOf(ADMIN) });
    expect(e4.steps).toEqual(['reopen']);

    // 回访: only the reporter (or the grid's worker for them); a rating is needed.
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'followUp', { eventId: e0._id, satisfaction: 'satisfied' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'followUp', { eventId: e0._id, satisfaction: 'great' })), 'BAD_INPUT');
    expect((await h.ok(VILLAGER, 'events', 'get', { eventId: e0._id })).steps).toEqual(['followUp']);
    h.advance(HOUR);
    const e5 = await h.ok(VILLAGER, 'events', 'followUp', { eventId: e0._id, satisfaction: 'satisfied', comment: '修得很快' });
    expect(e5.followUp).toMatchObject({ satisfaction: 'satisfied', onBehalf: false });
    expect(e5.steps).toEqual([]);
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'followUp', { eventId: e0._id, satisfaction: 'basic' })), 'EVENT_STATE');
    expect(actions(e5)).toEqual(['report', 'escalate', 'dispatch', 'handle', 'close', 'follow_up']);
    expect(e5.history.map((x) => x.actorName)).toEqual(expect.arrayContaining([expect.any(String)]));

    // The villager sees the state in their own list.
    const mine = await h.ok(VILLAGER, 'events', 'mine', {});
    expect(mine.items.find((i) => i.id === e0._id)).toMatchObject({ status: 'closed', satisfaction: 'satisfied', level: 'village' });
  });

  it('the village can escalate to the town, which dispatches it (not to itself: that is 自巡自办), verifies and closes', async () => {
    const e = await villagerReports({ category: 'security' });
    await h.ok(WORKER_G1, 'events', 'escalate', { eventId: e._id, note: '需要村里协调' });
    const up = await h.ok(ADMIN, 'events', 'escalate', { eventId: e._id, note: '涉及派出所，需镇处置' });
    expect(up).toMatchObject({ level: 'town', status: 'open' });
    expect((await h.ok(TOWN, 'events', 'get', { eventId: e._id })).steps).toEqual(['dispatch', 'handle']);
    const town = await personIdOf(TOWN);
    // Dispatching to oneself would make the verifier the handler (巡办分离 needs two people).
    expect((await h.ok(TOWN, 'events', 'handlers', { eventId: e._id })).items.map((c) => c.id)).not.toContain(town);
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'events', 'dispatch', { eventId: e._id, handlerId: town })), 'SEPARATION_OF_DUTIES', /自巡自办/);
    await h.ok(TOWN, 'events', 'dispatch', { eventId: e._id, handlerId: await personIdOf(ADMIN) });
    await h.ok(ADMIN, 'events', 'handle', { eventId: e._id, handling: '派出所已出警调解' });
    const closed = await h.ok(TOWN, 'events', 'close', { eventId: e._id, closingNote: '双方签订和解协议' });
    expect(closed).toMatchObject({ status: 'closed', level: 'town', closedBy: town });
    // The village no longer owns it: it cannot reopen the town's closing.
    expectRefused(await h.call(ADMIN, 'events', 'reopen', { eventId: e._id, reason: '还没解决' }), 'FORBIDDEN');
  });
});

describe('巡办分离 four eyes: who reports does not handle, who handles does not verify, the 回访 is not theirs', () => {
  it('a grid worker who reports as a villager (随手拍) may move it on but not handle it themself, and nothing is written', async () => {
    const e = await h.ok(WORKER_G1, 'events', 'report', report({ description: '网格员自家门口的下水道堵了' }) as never);
    expect(e).toMatchObject({ gridId: 'g-qs-1', reporterRole: 'villager', mode: 'separate' });
    const worker = await personIdOf(WORKER_G1);
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id })).steps).toEqual(['escalate', 'dispatch']);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'handle', { eventId: e._id, handling: '我自己疏通了' })), 'SEPARATION_OF_DUTIES', /报告人/);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'dispatch', { eventId: e._id, handlerId: worker })), 'SEPARATION_OF_DUTIES');
    // The leader of the grid cannot hand it to its reporter either; another person handles it.
    expect((await h.ok(LEADER_G1, 'events', 'handlers', { eventId: e._id })).items.map((c) => c.id)).not.toContain(worker);
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'events', 'dispatch', { eventId: e._id, handlerId: worker })), 'SEPARATION_OF_DUTIES', /报告人/);
    const handled = await h.ok(LEADER_G1, 'events', 'handle', { eventId: e._id, handling: '已联系疏通' });
    expect(handled).toMatchObject({ status: 'handled', handlerId: await personIdOf(LEADER_G1) });
  });

  it('a patrol finding escalated to the village is not dispatched back to the worker who found it', async () => {
    const e = await h.ok(WORKER_G1, 'events', 'report', report({ gridId: 'g-qs-1', description: '巡查发现村道塌陷一块' }) as never);
    await h.ok(WORKER_G1, 'events', 'escalate', { eventId: e._id, note: '需要村里安排施工' });
    const worker = await personIdOf(WORKER_G1);
    const { items } = await h.ok(ADMIN, 'events', 'handlers', { eventId: e._id });
    expect(items.map((c) => c.id)).not.toContain(worker);
    expect(items.map((c) => c.id)).toContain(await personIdOf(LEADER_G1));
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'events', 'dispatch', { eventId: e._id, handlerId: worker })), 'SEPARATION_OF_DUTIES', /报告人/);
    expect((await h.ok(ADMIN, 'events', 'dispatch', { eventId: e._id, handlerId: await personIdOf(LEADER_G1) })).status).toBe('dispatched');
  });

  it('the handler cannot verify and close their own handling, nor record the 回访; the closer cannot either; the reporter rates', async () => {
    const e = await villagerReports({ description: '二号路灯不亮已经一周了' });
    const leader = await personIdOf(LEADER_G1);
    await h.ok(WORKER_G1, 'events', 'dispatch', { eventId: e._id, handlerId: leader });
    await h.ok(LEADER_G1, 'events', 'handle', { eventId: e._id, handling: '已更换灯泡' });
    // The leader owns the grid level, but verifying their own work is not theirs.
    expect((await h.ok(LEADER_G1, 'events', 'get', { eventId: e._id })).steps).toEqual([]);
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'events', 'close', { eventId: e._id, closingNote: '我核验过了' })), 'SEPARATION_OF_DUTIES', /核验/);
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id })).steps).toEqual(['close']);
    h.advance(HOUR);
    await h.ok(WORKER_G1, 'events', 'close', { eventId: e._id, closingNote: '现场核验路灯已亮' });

    // 回访 is the reporting villager's: neither the handler nor the closer records it.
    for (const who of [LEADER_G1, WORKER_G1]) {
      expect((await h.ok(who, 'events', 'get', { eventId: e._id })).steps).toEqual(['reopen']);
      expectRefused(await expectNoWrite(() => h.call(who, 'events', 'followUp', { eventId: e._id, satisfaction: 'satisfied' })), 'SEPARATION_OF_DUTIES', /回访/);
    }
    expect((await h.ok(VILLAGER, 'events', 'get', { eventId: e._id })).steps).toEqual(['followUp']);
    const rated = await h.ok(VILLAGER, 'events', 'followUp', { eventId: e._id, satisfaction: 'satisfied' });
    expect(rated.followUp).toMatchObject({ satisfaction: 'satisfied', onBehalf: false, byId: await personIdOf(VILLAGER) });
  });
});

describe('自巡自办 on an open event, reopening and 回访', () => {
  it('the grid worker handles a villager report themself, closes it and records the 回访 for the reporter', async () => {
    const e = await villagerReports({ category: 'request', description: '帮忙代办老人医保续费' });
    const handled = await h.ok(WORKER_G1, 'events', 'handle', { eventId: e._id, handling: '已到镇便民中心代办续费' });
    expect(handled).toMatchObject({ status: 'handled', mode: 'self', handlerId: await personIdOf(WORKER_G1) });
    await h.ok(WORKER_G1, 'events', 'close', { eventId: e._id, closingNote: '已办妥并把回执交给本人' });
    h.advance(HOUR);
    const rated = await h.ok(WORKER_G1, 'events', 'followUp', { eventId: e._id, satisfaction: 'basic' });
    expect(rated.followUp).toMatchObject({ satisfaction: 'basic', onBehalf: true });
    expect(rated.history.at(-1)?.note).toContain('代记回访');
  });

  it('an unsatisfied reporter reopens it (a reason is needed); the owner reopens with a reason; nothing is lost', async () => {
    const e = await villagerReports({ category: 'environment' });
    await h.ok(WORKER_G1, 'events', 'handle', { eventId: e._id, handling: '已通知保洁员清运' });
    await h.ok(WORKER_G1, 'events', 'close', { eventId: e._id, closingNote: '垃圾已清运' });
    h.advance(HOUR);
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'followUp', { eventId: e._id, satisfaction: 'unsatisfied' })), 'NOTE_REQUIRED');
    const back = await h.ok(VILLAGER, 'events', 'followUp', { eventId: e._id, satisfaction: 'unsatisfied', comment: '还有一堆没清走' });
    expect(back).toMatchObject({ status: 'open', closedAt: null, closedBy: null, deadlineAt: NOW + HOUR + 48 * HOUR });
    expect(back.followUp?.satisfaction).toBe('unsatisfied');
    expect(actions(back)).toEqual(['report', 'handle', 'close', 'follow_up', 'reopen']);

    // Handled and closed again: a new 回访 is due and replaces the rating.
    await h.ok(WORKER_G1, 'events', 'handle', { eventId: e._id, handling: '再次清运并拍照' });
    h.advance(HOUR);
    await h.ok(WORKER_G1, 'events', 'close', { eventId: e._id, closingNote: '全部清运' });
    expect((await h.ok(VILLAGER, 'events', 'get', { eventId: e._id })).steps).toEqual(['followUp']);

    // The level owner reopens with a reason; the reporter cannot reopen directly.
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'events', 'reopen', { eventId: e._id, reason: '想重新办' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'reopen', { eventId: e._id, reason: '' })), 'BAD_INPUT');
    const re = await h.ok(WORKER_G1, 'events', 'reopen', { eventId: e._id, reason: '复查发现又有堆放' });
    expect(re.status).toBe('open');
    expect(actions(re)).toEqual(['report', 'handle', 'close', 'follow_up', 'reopen', 'handle', 'close', 'reopen']);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'events', 'reopen', { eventId: e._id, reason: '再来一次' })), 'EVENT_STATE');
  });
});

describe('deadlines and overdue', () => {
  it('is overdue after its hours; the grid sees it; the village reading the overdue list writes one overdue entry', async () => {
    const e = await villagerReports({ category: 'hazard' });
    h.advance(23 * HOUR);
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id })).overdue).toBe(false);
    h.advance(2 * HOUR);
    const atGrid = await h.ok(WORKER_G1, 'events', 'queue', { filter: 'overdue', pageSize: 50 });
    expect(atGrid.items.find((i) => i.id === e._id)).toMatchObject({ overdue: true });
    // The grid's own reading flags nothing: the level above has not seen it yet.
    expect(actions(await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id }))).not.toContain('overdue');
    expect(ids((await h.ok(WORKER_G1, 'events', 'queue', { filter: 'open', pageSize: 50 })).items)).toContain(e._id);

    const atVillage = await h.ok(ADMIN, 'events', 'queue', { filter: 'overdue', pageSize: 50 });
    expect(ids(atVillage.items)).toContain(e._id);
    const flagged = await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id });
    expect(flagged.history.filter((x) => x.action === 'overdue')).toEqual([
      expect.objectContaining({ at: NOW + 25 * HOUR, actorName: expect.any(String), note: expect.stringContaining('村两委') }),
    ]);
    // Read again: still one entry.
    await h.ok(ADMIN, 'events', 'queue', { filter: 'overdue', pageSize: 50 });
    await h.ok(ADMIN, 'events', 'get', { eventId: e._id });
    expect((await h.ok(ADMIN, 'events', 'get', { eventId: e._id })).history.filter((x) => x.action === 'overdue')).toHaveLength(1);
    // Another village's admin does not see it.
    expect(ids((await h.ok(ADMIN_OTHER_VILLAGE, 'events', 'queue', { filter: 'overdue', pageSize: 50 })).items)).not.toContain(e._id);

    // Dispatching gives a new deadline: no longer overdue; overrunning that one is flagged again by the check.
    await h.ok(WORKER_G1, 'events', 'dispatch', { eventId: e._id, handlerId: await personIdOf(LEADER_G1) });
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id })).overdue).toBe(false);
    h.advance(25 * HOUR);
    expectRefused(await h.call(WORKER_G1, 'events', 'checkOverdue', {}), 'FORBIDDEN');
    const check = await h.ok(ADMIN, 'events', 'checkOverdue', {});
    expect(check.flagged).toBeGreaterThanOrEqual(1);
    const after = await h.ok(ADMIN, 'events', 'get', { eventId: e._id });
    expect(after.history.filter((x) => x.action === 'overdue')).toHaveLength(2);
    expect((await h.ok(ADMIN, 'events', 'checkOverdue', {})).flagged).toBe(0);
  });

  it('an overdue village-level event is flagged when the town reads it, not when the village does', async () => {
    const e = await villagerReports({ category: 'security' });
    await h.ok(WORKER_G1, 'events', 'escalate', { eventId: e._id, note: '需要村里处理' });
    h.advance(25 * HOUR);
    await h.ok(ADMIN, 'events', 'queue', { filter: 'overdue', pageSize: 50 });
    expect(actions(await h.ok(ADMIN, 'events', 'get', { eventId: e._id }))).not.toContain('overdue');
    const town = await h.ok(TOWN, 'events', 'queue', { filter: 'overdue', pageSize: 50 });
    expect(ids(town.items)).toContain(e._id);
    const flagged = await h.ok(ADMIN, 'events', 'get', { eventId: e._id });
    expect(flagged.history.at(-1)).toMatchObject({ action: 'overdue', level: 'village', note: expect.stringContaining('镇') });
  });

  it('a handled event waiting for verification is not overdue', async () => {
    const e = await villagerReports({ category: 'hazard' });
    await h.ok(WORKER_G1, 'events', 'handle', { eventId: e._id, handling: '已设置警示牌' });
    h.advance(48 * HOUR);
    expect((await h.ok(WORKER_G1, 'events', 'get', { eventId: e._id })).overdue).toBe(false);
  });
});

describe('events.stats', () => {
  it('counts open, overdue, closed and ratings per grid for the village; the town sees both villages', async () => {
    const village = await h.ok(ADMIN, 'events', 'stats', {});
    expect(village.rows.map((r) => r.gridId)).toEqual(['g-qs-1', 'g-qs-2', 'g-qs-3']);
    const g1 = village.rows[0];
    expect(g1.open).toBeGreaterThan(0);
    expect(g1.closed).toBeGreaterThan(0);
    expect(g1.satisfied + g1.basic).toBeGreaterThanOrEqual(2);
    expect(village.total.open).toBe(village.rows.reduce((s, r) => s + r.open, 0));
    const town = await h.ok(TOWN, 'events', 'stats', {});
    expect(town.rows.length).toBe(6);
    expect((await h.ok(TOWN, 'events', 'stats', { villageId: 'v-liuxi' })).rows.every((r) => r.villageId === 'v-liuxi')).toBe(true);
    expectRefused(await h.call(ADMIN, 'events', 'stats', { villageId: 'v-liuxi' }), 'NOT_FOUND');
    for (const who of [VILLAGER, WORKER_G1]) expectRefused(await h.call(who, 'events', 'stats', {}), 'FORBIDDEN');
  });
});

describe('authorization per action: nobody outside the event sees it', () => {
  const inputs: [string, Record<string, unknown>][] = [
    ['get', {}],
    ['escalate', { note: '越权上报' }],
    ['handlers', {}],
    ['dispatch', { handlerId: 'h-qs-1-01-m1' }],
    ['handle', { handling: '越权处置' }],
    ['close', { closingNote: '越权办结' }],
    ['reopen', { reason: '越权重办' }],
    ['followUp', { satisfaction: 'satisfied' }],
  ];
  let eventId: string;
  beforeAll(async () => {
    h.setNow(NOW);
    eventId = (await villagerReports({ description: '只属于一组的事件，用于越权测试' }))._id;
  });

  for (const who of [OTHER_HOUSEHOLD, WORKER_G2, WORKER_OTHER_VILLAGE, ADMIN_OTHER_VILLAGE, REVIEWER, VILLAGER_OTHER_VILLAGE]) {
    it.each(inputs)(`${who}: events.%s answers NOT_FOUND and writes nothing`, async (name, extra) => {
      const r = await expectNoWrite(() => h.call(who, 'events', name as 'get', { eventId, ...extra } as never));
      expectRefused(r, 'NOT_FOUND');
    });
  }

  it.each(inputs.filter(([n]) => n !== 'get'))('the reporter may not %s their own open event (only watch it)', async (name, extra) => {
    const r = await expectNoWrite(() => h.call(VILLAGER, 'events', name as 'get', { eventId, ...extra } as never));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['FORBIDDEN', 'EVENT_STATE']).toContain(r.code);
  });

  it('an unknown event is NOT_FOUND for everyone, even the town', async () => {
    expectRefused(await h.call(TOWN, 'events', 'get', { eventId: 'evt_nope' }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'events', 'close', { eventId: 'evt_nope', closingNote: '不存在' }), 'NOT_FOUND');
  });
});

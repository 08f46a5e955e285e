import { C } from '@backend/repos/collections';
import type { GridEvent, Patrol, Visit } from '@domain/grid/records';
import type { Grid, Person } from '@domain/org/types';
import { cstDate } from '@domain/shared/time';
import type { AssessmentView } from '@domain/api/assessment';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import {
  ADMIN,
  ADMIN_OTHER_VILLAGE,
  HEAD,
  LEADER_G1,
  REVIEWER,
  STRANGER,
  TOWN,
  VILLAGER,
  WORKER_G1,
  WORKER_G2,
  WORKER_OTHER_VILLAGE,
} from '../support/people';
import { expectRefused } from '../support/refusals';

/**
 * 网格员积分评定 through the cloud function, on the demo town (now: 2026-11-20 10:00 CST).
 * Grid g-qs-1 (青山村一组): 20 households h-qs-1-01 … -20, one worker (demo-gridworker-1-1 =
 * person h-qs-1-01-m1) and its leader (demo-gridleader-1-1 = h-qs-1-02-m1, not assessed).
 */
const W = 'h-qs-1-01-m1';
const W2 = 'h-qs-2-01-m1'; // worker of g-qs-2
const G1 = 'g-qs-1';
const G2 = 'g-qs-2';
const OCT = '2026-10';
const cst = (s: string) => Date.parse(`${s}+08:00`);
const HH = Array.from({ length: 20 }, (_, i) => `h-qs-1-${String(i + 1).padStart(2, '0')}`);

let h: Harness;
let seq = 0;
const rid = () => `asm-req-${++seq}-${Date.now().toString(36)}`;

const place = (gridId: string) => ({ townId: 'town-qinghe', villageId: gridId.startsWith('g-qs') ? 'v-qingshan' : 'v-liuxi', gridId });

async function patrol(id: string, gridId: string, workerId: string, at: number): Promise<void> {
  const p: Omit<Patrol, '_id'> = { ...place(gridId), workerId, workerName: '网格员', date: cstDate(at), at, place: '村口', findings: '', photos: [], eventIds: [], createdAt: at };
  await h.db.collection<Patrol>(C.patrols).doc(id).set(p);
}
async function visit(id: string, gridId: string, workerId: string, householdId: string, at: number): Promise<void> {
  const v: Omit<Visit, '_id'> = { ...place(gridId), householdId, workerId, workerName: '网格员', date: cstDate(at), at, note: '', createdAt: at };
  await h.db.collection<Visit>(C.visits).doc(id).set(v);
}
async function event(id: string, gridId: string, o: Partial<GridEvent>): Promise<void> {
  // A cast, not an annotation: the events helper is adding fields to GridEvent in parallel.
  const e = {
    ...place(gridId),
    category: 'dispute',
    mode: 'self',
    place: '村口',
    description: '邻里纠纷',
    photos: [],
    reporterId: 'h-qs-1-05-m1',
    reporterName: '村民',
    reporterRole: 'villager',
    patrolId: null,
    level: 'grid',
    status: 'open',
    handlerId: null,
    handlerName: null,
    deadlineAt: cst('2026-12-31T00:00:00'),
    overdueFlaggedFor: null,
    handling: null,
    closedAt: null,
    closedBy: null,
    followUp: null,
    history: [],
    createdAt: cst('2026-10-01T08:00:00'),
    updatedAt: cst('2026-10-01T08:00:00'),
    ...o,
  } as Omit<GridEvent, '_id'>;
  await h.db.collection<GridEvent>(C.gridEvents).doc(id).set(e);
}

/** What the assessment collections hold: a refusal must leave it as it was. */
async function fingerprint(): Promise<string> {
  return JSON.stringify([await readAll(h.db, C.gridAssessments), await readAll(h.db, C.assessmentRows)]);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await fingerprint();
  const r = await fn();
  expect(await fingerprint()).toBe(before);
  return r;
}

/**
 * The demo seeds last month's records and assessments (server/demo/extras/assessment.ts) and
 * other features seed events: start October and November of these grids from nothing, so
 * that the figures below are exactly the ones worked by hand.
 */
async function clearDemo(): Promise<void> {
  const _ = h.db.command;
  const gone = async (coll: string, where: Record<string, unknown>) => {
    const { data } = await h.db.collection(coll).where(where as never).limit(1000).get();
    for (const d of data) await h.db.collection(coll).doc(d._id).remove();
  };
  for (const gridId of [G1, G2]) {
    await gone(C.patrols, { gridId, date: _.gte('2026-10-01').and(_.lte('2026-11-30')) });
    await gone(C.visits, { gridId, date: _.gte('2026-10-01').and(_.lte('2026-11-30')) });
    for (const field of ['createdAt', 'closedAt', 'deadlineAt']) {
      await gone(C.gridEvents, { gridId, [field]: _.gte(cst('2026-09-01T00:00:00')).and(_.lt(cst('2027-01-01T00:00:00'))) });
    }
  }
  await gone(C.gridAssessments, { townId: 'town-qinghe', month: OCT });
  await gone(C.assessmentRows, { townId: 'town-qinghe', month: OCT });
}

let demo: { g1: AssessmentView; ledger: { total: number }; overview: { villages: { villageName: string; gridsPublished: number }[] } };

beforeAll(async () => {
  h = await openHarness();
  demo = {
    g1: await h.ok(LEADER_G1, 'assessment', 'compute', { gridId: G1, month: OCT }),
    ledger: await h.ok(TOWN, 'assessment', 'ledger', { month: OCT }),
    overview: await h.ok(TOWN, 'assessment', 'townOverview', { month: OCT }),
  };
  await clearDemo();
  // ── The hand-worked October of g-qs-1's worker W ──
  // Patrols: 1 Oct, 2 Oct twice, 31 Oct 23:30 CST → 3 patrol days. 1 Nov 00:10 CST is November's.
  await patrol('t-p1', G1, W, cst('2026-10-01T09:00:00'));
  await patrol('t-p2', G1, W, cst('2026-10-02T09:00:00'));
  await patrol('t-p3', G1, W, cst('2026-10-02T15:00:00'));
  await patrol('t-p4', G1, W, cst('2026-10-31T23:30:00'));
  await patrol('t-p5', G1, W, cst('2026-11-01T00:10:00'));
  // Visits (share: 20 households / 1 worker = 20 a week):
  //   week 1–7: all 20 → 20;  week 8–14: 5 → 5 (missed);  week 15–21: none (missed);
  //   week 22–28: all 20 → 20;  tail 29–31: none.  → 45 household-visits, 2 missed weeks.
  for (const [i, hid] of HH.entries()) await visit(`t-v1-${i}`, G1, W, hid, cst(`2026-10-0${1 + (i % 7)}T10:00:00`));
  await visit('t-v1-again', G1, W, HH[0], cst('2026-10-07T16:00:00')); // same household, same week: once
  for (const [i, hid] of HH.slice(0, 5).entries()) await visit(`t-v2-${i}`, G1, W, hid, cst('2026-10-10T10:00:00'));
  for (const [i, hid] of HH.entries()) await visit(`t-v4-${i}`, G1, W, hid, cst('2026-10-25T10:00:00'));
  // Another grid's worker in another grid: not g-qs-1's business.
  await visit('t-v-other', G2, W2, 'h-qs-2-03', cst('2026-10-10T10:00:00'));
  // Events:
  //   E1 W reports it at 23:30 on 31 Oct (CST) → reported in October; closed by W on 1 Nov → solved in November.
  await event('t-e1', G1, { reporterId: W, reporterRole: 'grid_worker', createdAt: cst('2026-10-31T23:30:00'), status: 'closed', closedBy: W, closedAt: cst('2026-11-01T10:00:00'), deadlineAt: cst('2026-11-02T23:30:00') });
  //   E2 a villager's, dispatched to W, due 6 Oct, closed by W on 8 Oct → solved +1, overdue +1.
  await event('t-e2', G1, { createdAt: cst('2026-10-05T09:00:00'), handlerId: W, status: 'closed', closedBy: W, closedAt: cst('2026-10-08T09:00:00'), deadlineAt: cst('2026-10-06T09:00:00') });
  //   E3 W reports and closes it on 10 Oct in time → reported +1, solved +1.
  await event('t-e3', G1, { reporterId: W, reporterRole: 'grid_worker', createdAt: cst('2026-10-10T09:00:00'), status: 'closed', closedBy: W, closedAt: cst('2026-10-10T17:00:00'), deadlineAt: cst('2026-10-13T09:00:00') });
  //   E4 W reported it on 1 Nov 00:05 CST (31 Oct 16:05 UTC) → November's.
  await event('t-e4', G1, { reporterId: W, reporterRole: 'grid_worker', createdAt: cst('2026-11-01T00:05:00') });
}, 120_000);
afterAll(async () => h?.close());

const line = (v: AssessmentView, workerId = W) => v.lines.find((l) => l.workerId === workerId)!;

describe('the demo town', () => {
  it('has last month’s records: 一组 a draft with figures, 二组 and 柳溪村一组 published', () => {
    expect(demo.g1.status).toBe('none');
    expect(line(demo.g1).counts.patrolDay).toBeGreaterThan(20);
    expect(line(demo.g1).counts.visitWeekMissed).toBe(1);
    expect(demo.ledger.total).toBe(2);
    expect(demo.overview.villages.map((v) => [v.villageName, v.gridsPublished])).toEqual([
      ['柳溪村', 1],
      ['青山村', 1],
    ]);
  });
});

describe('assessment.compute: the hand-worked October of 青山村一组', () => {
  it('matches the figures worked by hand', async () => {
    const v = await expectNoWrite(() => h.ok(LEADER_G1, 'assessment', 'compute', { gridId: G1, month: OCT }));
    expect(v).toMatchObject({ gridId: G1, gridName: '青山村一组', villageName: '青山村', status: 'none', canEdit: true, monthEnded: true, householdCount: 20 });
    // Only the worker is assessed: the leader does not assess themselves.
    expect(v.lines.map((l) => l.workerId)).toEqual([W]);
    expect(line(v).counts).toEqual({ patrolDay: 3, householdVisit: 45, eventReported: 2, eventSolved: 2, eventOverdue: 1, visitWeekMissed: 2 });
    // patrol 3×1 = 3; visits 45×1 = 45; reported (E1, E3) 2×2 = 4; solved (E2, E3) 2×3 = 6;
    // overdue (E2) 1×(−2) = −2; missed weeks 2×(−5) = −10  →  3 + 45 + 4 + 6 − 2 − 10 = 46
    expect(line(v).autoPoints).toBe(46);
    expect(line(v).total).toBe(46);
  });

  it('November so far: the 00:10 patrol and the 00:05 report on 1 November belong to it', async () => {
    const v = await h.ok(LEADER_G1, 'assessment', 'compute', { gridId: G1, month: '2026-11' });
    expect(line(v).counts).toMatchObject({ patrolDay: 1, eventReported: 1, eventSolved: 1 });
    // weeks 1–7 and 8–14 are over by 20 Nov, 15–21 is not: two missed weeks so far
    expect(line(v).counts.visitWeekMissed).toBe(2);
    expect(v.monthEnded).toBe(false);
  });

  it.each([
    ['the grid worker', WORKER_G1],
    ['another grid’s worker', WORKER_G2],
    ['the village admin', ADMIN],
    ['the town admin', TOWN],
    ['a villager', VILLAGER],
    ['a reviewer', REVIEWER],
    ['an unknown caller', STRANGER],
  ])('%s may not compute', async (_who, openid) => {
    const r = await h.call(openid, 'assessment', 'compute', { gridId: G1, month: OCT });
    expectRefused(r, openid === STRANGER ? 'NOT_REGISTERED' : 'FORBIDDEN');
  });

  it.each([
    [{ gridId: G1, month: '2026-13' }, 'BAD_INPUT', /月份/],
    [{ gridId: G1, month: '2026/10' }, 'BAD_INPUT', /月份/],
    [{ gridId: G1 }, 'BAD_INPUT', /月份/],
    [{ gridId: G1, month: '2026-12' }, 'BAD_INPUT', /尚未到来/],
    [{ gridId: 'g-none', month: OCT }, 'NOT_FOUND', /网格/],
    [{ gridId: G1, month: OCT, extra: 1 }, 'BAD_INPUT', null],
  ])('refuses %j', async (input, code, message) => {
    const r = await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'compute', input));
    expectRefused(r, code, message ?? undefined);
  });
});

describe('manual items, publication and corrections', () => {
  let commendation = '';

  it('the leader adds 表彰 + and 群众投诉 − with reasons to a draft (idempotent on requestId)', async () => {
    const req = rid();
    const input = { requestId: req, gridId: G1, month: OCT, workerId: W, category: 'commendation' as const, points: 5, reason: '获镇“优秀网格员”表彰' };
    const v1 = await h.ok(LEADER_G1, 'assessment', 'addManualItem', input);
    expect(v1.status).toBe('draft');
    commendation = line(v1).manualItems[0].id;
    expect(await expectNoWrite(() => h.ok(LEADER_G1, 'assessment', 'addManualItem', input))).toEqual(v1);
    const v2 = await h.ok(LEADER_G1, 'assessment', 'addManualItem', { ...input, requestId: rid(), category: 'complaint', points: -3, reason: '群众投诉走访不到位，属实' });
    const v3 = await h.ok(LEADER_G1, 'assessment', 'addManualItem', { ...input, requestId: rid(), category: 'other', points: 4, reason: '临时加分，稍后撤回' });
    // 46 + 5 − 3 + 4 = 52
    expect(line(v3)).toMatchObject({ autoPoints: 46, manualPoints: 6, total: 52 });
    const v4 = await h.ok(LEADER_G1, 'assessment', 'removeManualItem', { gridId: G1, month: OCT, itemId: line(v3).manualItems[2].id });
    // 46 + 5 − 3 = 48
    expect(line(v4)).toMatchObject({ manualPoints: 2, total: 48 });
    expect(v4.history.map((x) => x.action)).toEqual(['open', 'add_item', 'add_item', 'add_item', 'remove_item']);
    expect(v2.history[2]).toMatchObject({ actorId: 'h-qs-1-02-m1', note: expect.stringContaining('群众投诉') });
  });

  it('a draft is the leader’s: the grid’s worker, the village and the town see nothing yet', async () => {
    for (const who of [WORKER_G1, ADMIN, TOWN]) expectRefused(await h.call(who, 'assessment', 'get', { gridId: G1, month: OCT }), 'NOT_FOUND', /尚未发布/);
    expect((await h.ok(LEADER_G1, 'assessment', 'get', { gridId: G1, month: OCT })).status).toBe('draft');
    expect((await h.ok(WORKER_G1, 'assessment', 'mine', {})).rows).toEqual([]);
  });

  it.each([
    ['a 表彰 with minus points', { category: 'commendation', points: -5 }, 'BAD_INPUT', /只能加分/],
    ['a 投诉 with plus points', { category: 'complaint', points: 5 }, 'BAD_INPUT', /只能扣分/],
    ['zero points', { points: 0 }, 'BAD_INPUT', /不能为 0/],
    ['too many points', { points: 101 }, 'BAD_INPUT', /不超过 100/],
    ['fractional points', { points: 1.5 }, 'BAD_INPUT', /整数/],
    ['no reason', { reason: ' ' }, 'BAD_INPUT', /理由/],
    ['an unknown category', { category: 'bonus' }, 'BAD_INPUT', /类别/],
    ['the leader as the worker', { workerId: 'h-qs-1-02-m1' }, 'NOT_FOUND', /不是本网格的网格员/],
    ['another grid’s worker', { workerId: W2 }, 'NOT_FOUND', /不是本网格的网格员/],
    ['a bad request id', { requestId: 'x' }, 'BAD_INPUT', /请求编号/],
  ])('refuses %s, nothing written', async (_what, patch, code, message) => {
    const input = { requestId: rid(), gridId: G1, month: OCT, workerId: W, category: 'commendation', points: 5, reason: '获镇表彰', ...patch };
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'addManualItem', input)), code, message);
  });

  it.each([WORKER_G1, WORKER_G2, ADMIN, TOWN, VILLAGER, 'demo-gridleader-1-2'])('%s may not add, remove or publish', async (who) => {
    await expectNoWrite(async () => {
      expectRefused(await h.call(who, 'assessment', 'addManualItem', { requestId: rid(), gridId: G1, month: OCT, workerId: W, category: 'commendation', points: 5, reason: '获镇表彰' }), 'FORBIDDEN');
      expectRefused(await h.call(who, 'assessment', 'removeManualItem', { gridId: G1, month: OCT, itemId: commendation }), 'FORBIDDEN');
      expectRefused(await h.call(who, 'assessment', 'publish', { gridId: G1, month: OCT }), 'FORBIDDEN');
    });
  });

  it('the current month cannot be published before it ends', async () => {
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'publish', { gridId: G1, month: '2026-11' })), 'MONTH_NOT_ENDED');
  });

  it('no correction on a draft', async () => {
    expectRefused(
      await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'correct', { requestId: rid(), gridId: G1, month: OCT, workerId: W, points: 1, reason: '草稿不能更正' })),
      'INVALID_TRANSITION',
    );
  });

  it('publishes once: the figures freeze and the 台账 row appears', async () => {
    const v = await h.ok(LEADER_G1, 'assessment', 'publish', { gridId: G1, month: OCT });
    expect(v.status).toBe('published');
    expect(line(v)).toMatchObject({ autoPoints: 46, manualPoints: 2, correctionPoints: 0, total: 48 });
    // A record arriving later does not change a published month.
    await patrol('t-p-late', G1, W, cst('2026-10-20T09:00:00'));
    expect(line(await h.ok(LEADER_G1, 'assessment', 'get', { gridId: G1, month: OCT })).counts.patrolDay).toBe(3);
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'publish', { gridId: G1, month: OCT })), 'ASSESSMENT_PUBLISHED');
    expectRefused(
      await expectNoWrite(() =>
        h.call(LEADER_G1, 'assessment', 'addManualItem', { requestId: rid(), gridId: G1, month: OCT, workerId: W, category: 'commendation', points: 1, reason: '发布后补加' }),
      ),
      'ASSESSMENT_PUBLISHED',
    );
    expectRefused(await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'removeManualItem', { gridId: G1, month: OCT, itemId: commendation })), 'ASSESSMENT_PUBLISHED');
  });

  it('the published result is seen by the grid’s worker (张榜), the village admin and the town — nobody else', async () => {
    for (const who of [WORKER_G1, ADMIN, TOWN]) expect(line(await h.ok(who, 'assessment', 'get', { gridId: G1, month: OCT })).total).toBe(48);
    expect((await h.ok(WORKER_G1, 'assessment', 'get', { gridId: G1, month: OCT })).canEdit).toBe(false);
    for (const who of [WORKER_G2, WORKER_OTHER_VILLAGE, ADMIN_OTHER_VILLAGE, VILLAGER, HEAD, REVIEWER]) {
      expectRefused(await h.call(who, 'assessment', 'get', { gridId: G1, month: OCT }), 'FORBIDDEN');
    }
    const mine = await h.ok(WORKER_G1, 'assessment', 'mine', {});
    expect(mine.rows).toEqual([expect.objectContaining({ month: OCT, gridId: G1, workerId: W, total: 48 })]);
    expect((await h.ok(WORKER_G2, 'assessment', 'mine', {})).rows).toEqual([]);
    expectRefused(await h.call(VILLAGER, 'assessment', 'mine', {}), 'FORBIDDEN');
  });

  it('a correction is appended with a reason; the original figures stay; a retry adds nothing', async () => {
    const before = await h.ok(LEADER_G1, 'assessment', 'get', { gridId: G1, month: OCT });
    const input = { requestId: rid(), gridId: G1, month: OCT, workerId: W, points: 2, reason: '漏记一次入户走访，经核实补记' };
    const v = await h.ok(LEADER_G1, 'assessment', 'correct', input);
    // 48 + 2 = 50
    expect(line(v)).toMatchObject({ autoPoints: 46, manualPoints: 2, correctionPoints: 2, total: 50 });
    expect(line(v).items).toEqual(line(before).items);
    expect(line(v).manualItems).toEqual(line(before).manualItems);
    expect(line(v).corrections).toEqual([expect.objectContaining({ points: 2, reason: input.reason, byId: 'h-qs-1-02-m1' })]);
    expect(await expectNoWrite(() => h.ok(LEADER_G1, 'assessment', 'correct', input))).toEqual(v);
    // The village admin may correct too (e.g. after an appeal); 50 − 1 = 49
    const v2 = await h.ok(ADMIN, 'assessment', 'correct', { ...input, requestId: rid(), points: -1, reason: '申诉复核后调整' });
    expect(line(v2).total).toBe(49);
    expect(v2.history.map((x) => x.action).slice(-3)).toEqual(['publish', 'correct', 'correct']);
    expect((await h.ok(WORKER_G1, 'assessment', 'mine', {})).rows[0]).toMatchObject({ correctionPoints: 1, total: 49 });
  });

  it.each([
    [WORKER_G1, 'FORBIDDEN'],
    [ADMIN_OTHER_VILLAGE, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
    [VILLAGER, 'FORBIDDEN'],
    ['demo-gridleader-1-2', 'FORBIDDEN'],
  ])('%s may not correct', async (who, code) => {
    const r = await expectNoWrite(() => h.call(who, 'assessment', 'correct', { requestId: rid(), gridId: G1, month: OCT, workerId: W, points: 1, reason: '无权更正' }));
    expectRefused(r, code);
  });

  it.each([
    ['no reason', { reason: '' }, 'BAD_INPUT'],
    ['zero', { points: 0 }, 'BAD_INPUT'],
    ['someone not assessed', { workerId: 'h-qs-1-02-m1' }, 'NOT_FOUND'],
    ['a month never assessed', { month: '2026-09' }, 'NOT_FOUND'],
  ])('refuses a correction with %s, nothing written', async (_what, patch, code) => {
    const r = await expectNoWrite(() => h.call(LEADER_G1, 'assessment', 'correct', { requestId: rid(), gridId: G1, month: OCT, workerId: W, points: 1, reason: '理由', ...patch }));
    expectRefused(r, code);
  });

  it('nobody corrects their own line: a village admin who also works the grid is refused on theirs, nothing written', async () => {
    // 村两委 members often serve as grid workers too; the worker of 一组 is made the village admin.
    const p = (await h.db.collection<Person>(C.people).doc(W).get()).data[0];
    await h.db.collection<Person>(C.people).doc(W).update({ roles: [...p.roles, { role: 'village_admin', scope: 'village', scopeId: 'v-qingshan' }] });
    try {
      const r = await expectNoWrite(() => h.call(WORKER_G1, 'assessment', 'correct', { requestId: rid(), gridId: G1, month: OCT, workerId: W, points: 10, reason: '给自己加分' }));
      expectRefused(r, 'FORBIDDEN', /自己/);
    } finally {
      await h.db.collection<Person>(C.people).doc(W).update({ roles: p.roles });
    }
  });
});

describe('at the same time', () => {
  const SEP = '2026-09';
  it('three publishes of one grid-month: one publication, the others refused', async () => {
    const rs = await Promise.all([1, 2, 3].map(() => h.call('demo-gridleader-1-3', 'assessment', 'publish', { gridId: 'g-qs-3', month: SEP })));
    expect(rs.filter((r) => r.ok)).toHaveLength(1);
    for (const r of rs.filter((x) => !x.ok)) expect(['ASSESSMENT_PUBLISHED', 'CONFLICT']).toContain(r.ok ? '' : r.code);
    const v = await h.ok('demo-gridleader-1-3', 'assessment', 'get', { gridId: 'g-qs-3', month: SEP });
    expect(v.history.filter((x) => x.action === 'publish')).toHaveLength(1);
  });

  it('one requestId sent three times at once adds one item', async () => {
    const input = { requestId: rid(), gridId: G2, month: SEP, workerId: W2, category: 'commendation' as const, points: 3, reason: '同时提交三次' };
    const rs = await Promise.all([1, 2, 3].map(() => h.call('demo-gridleader-1-2', 'assessment', 'addManualItem', input)));
    expect(rs.some((r) => r.ok)).toBe(true);
    const v = await h.ok('demo-gridleader-1-2', 'assessment', 'get', { gridId: G2, month: SEP });
    expect(line(v, W2).manualItems).toHaveLength(1);
  });
});

describe('网格员积分评定台账 and the town overview', () => {
  beforeAll(async () => {
    // g-qs-2's leader publishes October with nothing recorded: 4 missed weeks → 4×(−5) = −20.
    await h.ok('demo-gridleader-1-2', 'assessment', 'publish', { gridId: G2, month: OCT });
  });

  it('the village admin pages through their village’s ledger', async () => {
    const p = await h.ok(ADMIN, 'assessment', 'ledger', { month: OCT });
    expect(p).toMatchObject({ total: 2, page: 0, scopeName: '青山村' });
    expect(p.rows.map((r) => [r.gridId, r.workerId, r.total])).toEqual([
      [G1, W, 49],
      // g-qs-2: W2's one visit in week 8–14 (+1) and four weeks short of 20 households (4×(−5) = −20) → −19
      [G2, W2, -19],
    ]);
    const page1 = await h.ok(ADMIN, 'assessment', 'ledger', { month: OCT, page: 1, pageSize: 1 });
    expect(page1.rows.map((r) => r.gridId)).toEqual([G2]);
    expectRefused(await h.call(ADMIN, 'assessment', 'ledger', { month: OCT, villageId: 'v-liuxi' }), 'FORBIDDEN');
    expect((await h.ok(ADMIN_OTHER_VILLAGE, 'assessment', 'ledger', { month: OCT })).total).toBe(0);
  });

  it('the town sees every village or one; others see nothing', async () => {
    expect((await h.ok(TOWN, 'assessment', 'ledger', { month: OCT })).total).toBe(2);
    expect((await h.ok(TOWN, 'assessment', 'ledger', { month: OCT, villageId: 'v-liuxi' })).total).toBe(0);
    expectRefused(await h.call(TOWN, 'assessment', 'ledger', { month: OCT, villageId: 'v-nowhere' }), 'NOT_FOUND');
    for (const who of [LEADER_G1, WORKER_G1, VILLAGER, REVIEWER]) expectRefused(await h.call(who, 'assessment', 'ledger', { month: OCT }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'assessment', 'ledger', { month: OCT, pageSize: 101 }), 'BAD_INPUT');
  });

  it('exports the ledger as CSV', async () => {
    const f = await h.ok(ADMIN, 'assessment', 'export', { month: OCT });
    expect(f).toMatchObject({ filename: '青山村-网格员积分评定台账-2026-10.csv', mime: 'text/csv' });
    const lines = f.content.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('月份,村,网格,网格员,巡查天数,走访户次,上报事件,解决事件,逾期事件,未完成走访周数,计算得分,加减分,更正,合计');
    expect(lines[1]).toMatch(/^2026-10,青山村,青山村一组,.+,3,45,2,2,1,2,46,2,1,49$/);
    expect(lines).toHaveLength(3);
    const town = await h.ok(TOWN, 'assessment', 'export', { month: OCT });
    expect(town.filename).toBe('清河镇-网格员积分评定台账-2026-10.csv');
    for (const who of [LEADER_G1, VILLAGER]) expectRefused(await h.call(who, 'assessment', 'export', { month: OCT }), 'FORBIDDEN');
  });

  it('town overview: per village, grids published, workers, total and average', async () => {
    const o = await h.ok(TOWN, 'assessment', 'townOverview', { month: OCT });
    expect(o.villages).toEqual([
      { villageId: 'v-liuxi', villageName: '柳溪村', grids: 3, gridsPublished: 0, workers: 0, total: 0, average: null },
      // 49 + (−19) = 30 over 2 workers → 15
      { villageId: 'v-qingshan', villageName: '青山村', grids: 3, gridsPublished: 2, workers: 2, total: 30, average: 15 },
    ]);
    for (const who of [ADMIN, LEADER_G1, VILLAGER]) expectRefused(await h.call(who, 'assessment', 'townOverview', { month: OCT }), 'FORBIDDEN');
  });
});

describe('who is assessed', () => {
  it('a worker living outside the grid who recorded nothing is assessed from the grid’s staff list (and misses every week)', async () => {
    // 二组10号's head becomes a worker of 三组, as grid.setRole does: the role and the grid's staff list.
    const outsider = 'h-qs-2-10-m1';
    const p = (await h.db.collection<Person>(C.people).doc(outsider).get()).data[0];
    await h.db.collection<Person>(C.people).doc(outsider).update({ roles: [...p.roles, { role: 'grid_worker', scope: 'grid', scopeId: 'g-qs-3' }] });
    const g = (await h.db.collection<Grid>(C.grids).doc('g-qs-3').get()).data[0];
    await h.db.collection<Grid>(C.grids).doc('g-qs-3').update({ staff: [...(g.staff ?? []), { personId: outsider, name: p.name, role: 'grid_worker' }] });
    const v = await h.ok('demo-gridleader-1-3', 'assessment', 'compute', { gridId: 'g-qs-3', month: '2026-08' });
    expect(v.lines.map((l) => l.workerId)).toEqual([outsider, 'h-qs-3-01-m1']);
    // two workers share 20 households: 10 a week each; August has four full weeks, all missed → 4×(−5) = −20
    expect(line(v, outsider)).toMatchObject({ autoPoints: -20, total: -20 });
  });
});

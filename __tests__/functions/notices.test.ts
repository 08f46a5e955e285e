import { C } from '@backend/repos/collections';
import { JPEG, NOW, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, HEAD, LEADER_G1, OTHER_HOUSEHOLD, REVIEWER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE, WORKER_G1, WORKER_G2, WORKER_OTHER_VILLAGE } from '../support/people';
import { Q, closeMonths } from './publicity.fixture';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const rid = () => `req-${Date.now().toString(36)}-${++seq}`;
const deed = async (extra: Record<string, unknown> = {}) => ({ requestId: rid(), itemCode: 'RB-06', deedDate: '2026-11-18', place: '一组 3 号门前', description: '打扫房前屋后', photos: [await upload(h, JPEG)], ...extra });

async function inbox(openid: string) {
  return h.ok(openid, 'notices', 'list', { limit: 50 });
}
async function kindsOf(openid: string): Promise<string[]> {
  return (await inbox(openid)).items.map((n) => n.kind);
}
async function count(openid: string, kind: string): Promise<number> {
  return (await kindsOf(openid)).filter((k) => k === kind).length;
}
const DAY = 24 * 3600_000;
const REVIEWER_2 = 'demo-reviewer-1-2';
const SUPERVISOR_2 = 'demo-supervisor-1-2';

describe('application notices', () => {
  it('a villager submits: the grid workers of that grid are told (once), nobody else', async () => {
    const before = await Promise.all([WORKER_G1, LEADER_G1, WORKER_G2, REVIEWER, HEAD, OTHER_HOUSEHOLD].map((o) => h.ok(o, 'notices', 'unreadCount', {})));
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    const after = await Promise.all([WORKER_G1, LEADER_G1, WORKER_G2, REVIEWER, HEAD, OTHER_HOUSEHOLD].map((o) => h.ok(o, 'notices', 'unreadCount', {})));
    expect(after.map((a, i) => a.unread - before[i].unread)).toEqual([1, 1, 0, 0, 0, 0]);
    const [n] = (await inbox(WORKER_G1)).items;
    expect(n).toMatchObject({ kind: 'application_submitted', title: '有新的申报待初审', page: 'pkg-grid/grid/index', read: false });
    expect(n.body).not.toContain('张');
    expect(app.status).toBe('submitted');
  });

  it('初审 passes: every member of the household is told, with the page of the application; no other household', async () => {
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    for (const member of [VILLAGER, HEAD]) {
      const mine = (await inbox(member)).items.filter((n) => n.page === `pages/application/index?id=${app._id}`);
      expect(mine).toHaveLength(1);
      expect(mine[0]).toMatchObject({ kind: 'application_first_reviewed', title: '申报已通过初审' });
    }
    for (const other of [OTHER_HOUSEHOLD, WORKER_G2, REVIEWER, VILLAGER_OTHER_VILLAGE]) {
      expect((await inbox(other)).items.some((n) => n.page.includes(app._id))).toBe(false);
    }
    // The reviewer who acted is not told of their own act.
    expect((await inbox(WORKER_G1)).items.some((n) => n.page.includes(app._id))).toBe(false);
  });

  it('returned: the household reads the reason; a second review attempt adds nothing', async () => {
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'return', reason: '照片看不清' });
    const again = await h.call(LEADER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'return', reason: '再退一次' });
    expect(again.ok).toBe(false);
    const mine = (await inbox(VILLAGER)).items.filter((n) => n.page.includes(app._id));
    expect(mine).toHaveLength(1);
    expect(mine[0].body).toContain('照片看不清');
  });
});

describe('audit notices', () => {
  it('the decision taking effect at quorum tells the household once; reviewers are not told', async () => {
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    for (const r of ['demo-reviewer-1-2', 'demo-reviewer-1-3']) await h.ok(r, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    expect((await inbox(HEAD)).items.filter((n) => n.kind === 'audit_decided' && n.page.includes(app._id))).toHaveLength(0);
    await h.ok('demo-reviewer-1-4', 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    for (const member of [VILLAGER, HEAD]) {
      const got = (await inbox(member)).items.filter((n) => n.kind === 'audit_decided' && n.page.includes(app._id));
      expect(got).toHaveLength(1);
      expect(got[0].body).toContain('评议通过');
    }
    for (const other of [OTHER_HOUSEHOLD, 'demo-reviewer-1-2', SUPERVISOR]) expect((await inbox(other)).items.some((n) => n.kind === 'audit_decided' && n.page.includes(app._id))).toBe(false);
  });
});

describe('inbox', () => {
  it('newest first, paged, mark one read and all read', async () => {
    for (let i = 0; i < 3; i++) {
      h.advance(1000);
      const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
      h.advance(1000);
      await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    }
    const first = await h.ok(HEAD, 'notices', 'list', { limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.items[0].createdAt).toBeGreaterThanOrEqual(first.items[1].createdAt);
    expect(first.nextBeforeAt).toBe(first.items[1].createdAt);
    const second = await h.ok(HEAD, 'notices', 'list', { limit: 2, beforeAt: first.nextBeforeAt! });
    expect(second.items[0].createdAt).toBeLessThan(first.items[1].createdAt);
    expect(second.items.map((n) => n.id)).not.toContain(first.items[0].id);

    const unread = first.unread;
    const r = await h.ok(HEAD, 'notices', 'markRead', { noticeId: first.items[0].id });
    expect(r.unread).toBe(unread - 1);
    expect((await h.ok(HEAD, 'notices', 'list', { limit: 1 })).items[0].read).toBe(true);
    // The same notice belongs to one person only: the villager's copy is still unread.
    expect((await h.ok(VILLAGER, 'notices', 'list', { limit: 1 })).items[0].read).toBe(false);
    expect((await h.ok(HEAD, 'notices', 'markRead', {})).unread).toBe(0);
  });

  it("nobody reads or marks another person's notice", async () => {
    const [n] = (await inbox(VILLAGER)).items;
    const r = await h.call(OTHER_HOUSEHOLD, 'notices', 'markRead', { noticeId: n.id });
    expect(r).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect((await h.call('stranger-openid', 'notices', 'list', {})).ok).toBe(false);
  });
});

describe('publicity, objections and the town review', () => {
  let objectionId: string;
  beforeAll(async () => {
    h.setNow(NOW);
    await closeMonths(h.db, 'v-qingshan', Q);
  });

  it('publishing tells every household of the village once (one notice for the village), not the other village', async () => {
    await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    await h.ok(ADMIN, 'publicity', 'open', { quarter: Q }); // a retry
    for (const who of [VILLAGER, HEAD, OTHER_HOUSEHOLD, REVIEWER]) expect(await count(who, 'publicity_opened')).toBe(1);
    for (const who of [VILLAGER_OTHER_VILLAGE, TOWN, ADMIN_OTHER_VILLAGE]) expect(await count(who, 'publicity_opened')).toBe(0);
    const n = (await inbox(OTHER_HOUSEHOLD)).items.find((x) => x.kind === 'publicity_opened')!;
    expect(n.page).toBe(`pkg-villager/publicity/index?villageId=v-qingshan&quarter=${Q}`);
    // One reader marking it read does not mark it for another.
    await h.ok(OTHER_HOUSEHOLD, 'notices', 'markRead', { noticeId: n.id });
    expect((await inbox(OTHER_HOUSEHOLD)).items.find((x) => x.id === n.id)?.read).toBe(true);
    expect((await inbox(VILLAGER)).items.find((x) => x.id === n.id)?.read).toBe(false);
    expect(await h.call(VILLAGER_OTHER_VILLAGE, 'notices', 'markRead', { noticeId: n.id })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('an objection reaches the reviewers and supervisors only; its decision reaches the objector only', async () => {
    const before = await Promise.all([REVIEWER, SUPERVISOR, ADMIN, VILLAGER].map((o) => count(o, 'objection_filed')));
    const o = await h.ok(OTHER_HOUSEHOLD, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '七月的志愿服务漏记了', photos: [] });
    objectionId = o._id;
    const after = await Promise.all([REVIEWER, SUPERVISOR, ADMIN, VILLAGER].map((x) => count(x, 'objection_filed')));
    expect(after.map((a, i) => a - before[i])).toEqual([1, 1, 0, 0]);
    expect((await inbox(REVIEWER)).items.find((x) => x.kind === 'objection_filed')?.body).not.toMatch(/一组|3号|张/);

    await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId, outcome: 'dismiss', reason: '核实无误' });
    expect(await count(OTHER_HOUSEHOLD, 'objection_decided')).toBe(0); // proposed, not yet decided
    await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId, outcome: 'dismiss', reason: '同意' });
    expect(await count(OTHER_HOUSEHOLD, 'objection_decided')).toBe(1);
    expect((await inbox(OTHER_HOUSEHOLD)).items.find((x) => x.kind === 'objection_decided')?.body).toContain('异议不成立');
    for (const who of [VILLAGER, HEAD, REVIEWER_2]) expect(await count(who, 'objection_decided')).toBe(0);
  });

  it('closing sends it to the town admin; approval tells the village admin and every household', async () => {
    h.setNow(NOW + 6 * DAY);
    await h.ok(ADMIN, 'publicity', 'close', { quarter: Q });
    expect(await count(TOWN, 'quarter_sent')).toBe(1);
    expect(await count(ADMIN, 'quarter_sent')).toBe(0);
    expect((await inbox(TOWN)).items[0].page).toBe(`pkg-town/town-review/index?quarter=${Q}`);
    await h.ok(TOWN, 'publicity', 'townDecide', { villageId: 'v-qingshan', quarter: Q, decision: 'approve' });
    expect(await count(ADMIN, 'quarter_approved')).toBe(1);
    expect(await count(ADMIN_OTHER_VILLAGE, 'quarter_approved')).toBe(0);
    for (const who of [VILLAGER, OTHER_HOUSEHOLD]) expect(await count(who, 'points_redeemable')).toBe(1);
    expect(await count(VILLAGER_OTHER_VILLAGE, 'points_redeemable')).toBe(0);
    h.setNow(NOW);
  });
});

describe('veto, receipts, events, join requests', () => {
  it('a recorded veto waits for the supervisors (not the reviewers, not the household)', async () => {
    await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-2-05', item: '违法违纪', description: '参与聚众赌博', eventDate: '2026-11-15' });
    expect(await count(SUPERVISOR, 'veto_waiting')).toBe(1);
    expect(await count(SUPERVISOR_2, 'veto_waiting')).toBe(1);
    for (const who of [REVIEWER, REVIEWER_2, OTHER_HOUSEHOLD, ADMIN]) expect(await count(who, 'veto_waiting')).toBe(0);
  });

  it('committee recipients come from the role index, not from reading the village\'s people: an appointed supervisor is told, a removed one no longer', async () => {
    const personOf = async (openid: string) => (await h.db.collection<{ _id: string; personId: string }>(C.identities).doc(openid).get()).data[0].personId;
    const head = await personOf(HEAD);
    await h.ok(ADMIN, 'org', 'appoint', { personId: head, role: 'supervisor', assigned: true });
    expect((await h.db.collection(C.roleHolders).doc(`v-qingshan~supervisor~${head}`).get()).data).toHaveLength(1);
    // Record every query on people while the veto's notice finds its recipients.
    const realCollection = h.db.collection.bind(h.db);
    const peopleQueries: unknown[] = [];
    const spy = jest.spyOn(h.db, 'collection').mockImplementation(((name: string) => {
      const c = realCollection(name);
      if (name !== C.people) return c;
      const where = c.where.bind(c);
      return Object.assign(Object.create(c) as object, { where: (q: unknown) => (peopleQueries.push(q), where(q as never)) });
    }) as never);
    try {
      await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-2-06', item: '违法违纪', description: '参与聚众赌博', eventDate: '2026-11-16' });
    } finally {
      spy.mockRestore();
    }
    expect(await count(HEAD, 'veto_waiting')).toBe(1);
    expect(peopleQueries.length).toBeGreaterThan(0); // the recipients themselves, by id
    expect(JSON.stringify(peopleQueries)).not.toContain('villageId');
    await h.ok(ADMIN, 'org', 'appoint', { personId: head, role: 'supervisor', assigned: false });
    expect((await h.db.collection(C.roleHolders).doc(`v-qingshan~supervisor~${head}`).get()).data).toHaveLength(0);
    await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-2-07', item: '违法违纪', description: '参与聚众赌博', eventDate: '2026-11-17' });
    expect(await count(HEAD, 'veto_waiting')).toBe(1);
    expect(await count(SUPERVISOR, 'veto_waiting')).toBe(3);
  });

  it('a redemption gives the household a receipt notice; a retried confirm adds nothing', async () => {
    const { code } = await h.ok(VILLAGER, 'shop', 'myCode', {});
    const input = { requestId: rid(), code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] };
    await h.ok(CLERK, 'shop', 'redeem', input);
    await h.ok(CLERK, 'shop', 'redeem', input);
    expect(await count(VILLAGER, 'redemption_receipt')).toBe(1);
    expect(await count(HEAD, 'redemption_receipt')).toBe(1);
    expect(await count(CLERK, 'redemption_receipt')).toBe(0);
    expect(await count(OTHER_HOUSEHOLD, 'redemption_receipt')).toBe(0);
  });

  it('dispatch tells the handler; closing tells the reporter', async () => {
    const e = await h.ok(VILLAGER, 'events', 'report', { requestId: rid(), category: 'hazard', place: '桥头', description: '护栏松动', photos: [] } as never);
    const { items } = await h.ok(WORKER_G1, 'events', 'handlers', { eventId: e._id });
    const handler = { personId: items.find((c) => c.id !== undefined)!.id };
    await h.ok(WORKER_G1, 'events', 'dispatch', { eventId: e._id, handlerId: handler.personId });
    const { data } = await h.db.collection<{ _id: string; personId: string }>(C.identities).where({ personId: handler.personId }).limit(1).get();
    const handlerOpenid = data[0]._id;
    expect(await count(handlerOpenid, 'event_dispatched')).toBe(1);
    expect((await inbox(handlerOpenid)).items.find((x) => x.kind === 'event_dispatched')?.page).toBe(`pkg-grid/event/index?id=${e._id}`);
    for (const who of [VILLAGER, WORKER_G2]) expect(await count(who, 'event_dispatched')).toBe(0);
    await h.ok(handlerOpenid, 'events', 'handle', { eventId: e._id, handling: '已加固护栏' });
    await h.ok(WORKER_G1, 'events', 'close', { eventId: e._id, closingNote: '现场核验已加固' });
    expect(await count(VILLAGER, 'event_closed')).toBe(1);
    expect(await count(HEAD, 'event_closed')).toBe(0);
  });

  it('a join request reaches the head and the grid workers of that household, not other heads', async () => {
    const cards = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    const code = cards.items.find((c) => c.householdId === 'h-qs-1-03')?.code as string;
    await h.ok('wx-new-notice-1', 'org', 'requestJoin', { code, name: '新媳妇', relation: '儿媳' });
    expect(await count(HEAD, 'join_request')).toBe(1);
    expect(await count(WORKER_G1, 'join_request')).toBe(1);
    expect(await count(VILLAGER, 'join_request')).toBe(0);
    expect(await count(WORKER_G2, 'join_request')).toBe(0);
    expect(await count(WORKER_OTHER_VILLAGE, 'join_request')).toBe(0);
  });
});

describe('订阅消息: grants, the outbox and the sender', () => {
  const pushLogOf = async (openid: string) => (await h.db.collection<{ _id: string; touser: string; templateId: string; page: string }>(C.pushLog).where({ touser: openid }).limit(100).get()).data;
  const passOne = async () => {
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    return app;
  };

  it('the templates of each ask come from configuration; unknown ids are not granted', async () => {
    const t = await h.ok(VILLAGER, 'notices', 'templates', {});
    expect(t.asks).toEqual({ submit: ['local-review-result'], audit: ['local-todo'], objection: ['local-objection-result'] });
    expect(await h.ok(VILLAGER, 'notices', 'grant', { accepted: ['someone-elses-template'] })).toEqual({ granted: [] });
    expect((await h.call(VILLAGER, 'notices', 'grant', { accepted: ['a', 'b', 'c', 'd'] })).ok).toBe(false);
  });

  it('a grant is used once: the first notice is pushed, the next stays in the inbox only', async () => {
    expect(await h.ok(VILLAGER, 'notices', 'grant', { accepted: ['local-review-result'] })).toEqual({ granted: ['review_result'] });
    const before = (await pushLogOf(VILLAGER)).length;
    const first = await passOne();
    const log = await pushLogOf(VILLAGER);
    expect(log.length - before).toBe(1);
    expect(log[log.length - 1]).toMatchObject({ templateId: 'local-review-result', page: `pages/application/index?id=${first._id}` });
    // The head, a member of the same household without a grant, is not pushed to.
    expect(await pushLogOf(HEAD)).toHaveLength(0);
    await passOne();
    expect((await pushLogOf(VILLAGER)).length - before).toBe(1);
    const outbox = (await h.db.collection<{ _id: string; status: string }>(C.pushOutbox).where({ status: 'sent' }).get()).data;
    expect(outbox).toHaveLength(1);
  });

  it('a failing sender is retried with backoff, every attempt recorded, until it succeeds; the grant is consumed once', async () => {
    const real = h.deps.push!;
    let calls = 0;
    h.deps.push = { templates: real.templates, send: async (req) => (++calls <= 2 ? { ok: false, code: '-1', message: 'system busy' } : real.send(req)) };
    try {
      await h.ok(VILLAGER, 'notices', 'grant', { accepted: ['local-review-result'] });
      const app = await passOne();
      const id = `application_first_reviewed:${app._id}:2026-11-20:`;
      const me = (await h.db.collection<{ _id: string; personId: string }>(C.identities).doc(VILLAGER).get()).data[0].personId;
      const item = async () => (await h.db.collection<{ _id: string; status: string; attempts: { ok: boolean; code: string }[]; nextAttemptAt: number }>(C.pushOutbox).where({ personId: me }).limit(100).get()).data.find((x) => x._id.startsWith(id));
      let it1 = await item();
      expect(it1).toMatchObject({ status: 'pending', attempts: [{ ok: false, code: '-1' }] });
      const { flushOutbox } = await import('@backend/notices/push');
      expect(await flushOutbox(h.deps)).toEqual({ sent: 0, failed: 0, retrying: 0 }); // not due yet
      h.advance(61_000);
      expect(await flushOutbox(h.deps)).toMatchObject({ retrying: 1 });
      h.advance(121_000);
      expect(await flushOutbox(h.deps)).toMatchObject({ sent: 1 });
      it1 = await item();
      expect(it1?.status).toBe('sent');
      expect(it1?.attempts.map((a) => a.ok)).toEqual([false, false, true]);
      const grant = (await h.db.collection<{ _id: string; count: number }>(C.subscribeGrants).doc(`${me}_review_result`).get()).data[0];
      expect(grant.count).toBe(0);
    } finally {
      h.deps.push = real;
      h.setNow(NOW);
    }
  });

  it('no template ids configured: the notice lands in the inbox and a log line says why nothing was pushed', async () => {
    const real = h.deps.push!;
    h.deps.push = { templates: {}, send: real.send };
    const info = jest.spyOn(console, 'info').mockImplementation(() => undefined);
    try {
      await h.ok(VILLAGER, 'notices', 'grant', { accepted: ['local-review-result'] }); // not granted: no template
      const before = (await pushLogOf(VILLAGER)).length;
      const app = await passOne();
      expect((await inbox(VILLAGER)).items.some((n) => n.page.includes(app._id))).toBe(true);
      expect((await pushLogOf(VILLAGER)).length).toBe(before);
      expect(info.mock.calls.map((c) => String(c[0])).join('\n')).toMatch(/no 订阅消息 template configured for "review_result".*XIANGYUE_TEMPLATE_REVIEW_RESULT/);
    } finally {
      info.mockRestore();
      h.deps.push = real;
    }
  });
});

describe('daily reminders (jobs: dailyReminders)', () => {
  let run: typeof import('@backend/jobs/dailyReminders').runDailyReminders;
  beforeAll(async () => {
    ({ runDailyReminders: run } = await import('@backend/jobs/dailyReminders'));
    h.setNow(NOW);
  });
  afterAll(() => h.setNow(NOW));

  it('an event near its deadline reminds the grid staff, past it the grid leader too; a re-run sends nothing twice', async () => {
    const e = await h.ok(VILLAGER, 'events', 'report', { requestId: rid(), category: 'hazard', place: '村口', description: '路灯坏了', photos: [] } as never);
    const near0 = await count(WORKER_G1, 'event_near_deadline');
    const r1 = await run(h.deps);
    expect(r1.eventNear).toBeGreaterThan(0);
    expect(await count(WORKER_G1, 'event_near_deadline')).toBe(near0 + 1);
    expect(await count(VILLAGER, 'event_near_deadline')).toBe(0);
    const again = await run(h.deps);
    expect(again).toMatchObject({ eventNear: 0, eventOverdue: 0, auditDue: 0, publicityClosing: 0 });
    expect(await count(WORKER_G1, 'event_near_deadline')).toBe(near0 + 1);

    h.setNow(e.deadlineAt + 3600_000);
    const historyOf = async () => (await h.db.collection<{ _id: string; history: { action: string; actorName: string; note: string | null }[] }>(C.gridEvents).doc(e._id).get()).data[0].history;
    expect((await historyOf()).filter((x) => x.action === 'overdue')).toHaveLength(0);
    const r2 = await run(h.deps);
    expect(r2.eventOverdue).toBeGreaterThan(0);
    // Overdue goes into the event's history by itself (nobody pressed 督办), once.
    expect(r2.eventsFlagged).toBeGreaterThan(0);
    const flagged = (await historyOf()).filter((x) => x.action === 'overdue');
    expect(flagged).toEqual([expect.objectContaining({ actorName: '系统', note: expect.stringContaining('超过办结时限') })]);
    const rerun = await run(h.deps);
    expect(rerun).toMatchObject({ eventOverdue: 0, eventsFlagged: 0 });
    expect((await historyOf()).filter((x) => x.action === 'overdue')).toHaveLength(1);
    expect((await inbox(LEADER_G1)).items.filter((n) => n.kind === 'event_overdue' && n.page === `pkg-grid/event/index?id=${e._id}`)).toHaveLength(1);
    expect(await count(WORKER_G2, 'event_overdue')).toBe(0);
    // The next day it is still overdue, but that deadline was already told.
    h.advance(DAY);
    expect((await run(h.deps)).eventOverdue).toBe(0);
    h.setNow(NOW);
  });

  it('an open audit month reminds the reviewers from two days before the close day, once a day', async () => {
    h.setNow(Date.parse('2026-12-07T09:00:00+08:00'));
    expect((await run(h.deps)).auditDue).toBe(0);
    h.setNow(Date.parse('2026-12-08T09:00:00+08:00'));
    const r = await run(h.deps);
    expect(r.auditDue).toBeGreaterThan(0);
    const mine = (await inbox(REVIEWER)).items.filter((n) => n.kind === 'audit_due');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '青山村11月积分评议待签', page: 'pkg-review/audit/index?villageId=v-qingshan&month=2026-11' });
    expect(mine[0].body).toContain('12月10日前');
    for (const who of [SUPERVISOR, ADMIN, VILLAGER, 'demo-reviewer-2-1']) expect(await count(who, 'audit_due')).toBe(0);
    expect((await run(h.deps)).auditDue).toBe(0);
    h.setNow(Date.parse('2026-12-09T09:00:00+08:00'));
    expect((await run(h.deps)).auditDue).toBe(r.auditDue);
    h.setNow(NOW);
  });
});

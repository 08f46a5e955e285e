import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, HEAD, LEADER_G1, OTHER_HOUSEHOLD, REVIEWER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE, WORKER_G1, WORKER_G2, WORKER_OTHER_VILLAGE } from '../support/people';

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

describe('application notices', () => {
  it('a villager submits: the grid workers of that grid are told (once), nobody else', async () => {
    const before = await Promise.all([WORKER_G1, LEADER_G1, WORKER_G2, REVIEWER, HEAD, OTHER_HOUSEHOLD].map((o) => h.ok(o, 'notices', 'unreadCount', {})));
    const app = await h.ok(VILLAGER, 'points', 'submit', await deed());
    const after = await Promise.all([WORKER_G1, LEADER_G1, WORKER_G2, REVIEWER, HEAD, OTHER_HOUSEHOLD].map((o) => h.ok(o, 'notices', 'unreadCount', {})));
    expect(after.map((a, i) => a.unread - before[i].unread)).toEqual([1, 1, 0, 0, 0, 0]);
    const [n] = (await inbox(WORKER_G1)).items;
    expect(n).toMatchObject({ kind: 'application_submitted', title: '有新的申报待初审', page: 'pages/grid/index', read: false });
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

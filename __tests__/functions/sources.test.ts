/**
 * Issue 13 parts 3–5 (points side): the five application sources (SPEC §4), the member each
 * application is about with per-member contributions, and a negative-list item approved in the
 * audit opening a veto record for the committee.
 */
import { C } from '@backend/repos/collections';
import type { Veto } from '@domain/veto/types';
import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';
import { ADMIN, CLERK, HEAD, OTHER_HOUSEHOLD, REVIEWER, REVIEWER_OTHER_VILLAGE, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE, WORKER_G1, WORKER_G2 } from '../support/people';

jest.setTimeout(30_000);

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const rid = () => `src-${Date.now().toString(36)}-${++seq}`;
const deed = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  itemCode: 'RP-06',
  deedDate: '2026-11-18',
  place: '村委会门口',
  description: '帮助邻居搬运物资',
  photos: [] as string[],
  ...extra,
});

/** Applications, cap counters, notices and vetoes: nothing of these changes on a refusal. */
async function counts(): Promise<number[]> {
  return Promise.all([C.applications, C.capCounters, C.vetoes, C.notices].map((c) => h.count(c)));
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await counts();
  const r = await fn();
  expect(await counts()).toEqual(before);
  return r;
}

describe('他人举报/推荐 (points.report)', () => {
  it('a villager reports another household: it waits for that household\'s grid worker, the household is told, the reporter follows it', async () => {
    const app = await h.ok(VILLAGER, 'points', 'report', { ...deed({ photos: [await upload(h, JPEG)] }), householdId: 'h-qs-2-05' });
    expect(app).toMatchObject({ householdId: 'h-qs-2-05', gridId: 'g-qs-2', source: 'villager_report', status: 'submitted', memberId: 'h-qs-2-05-m1' });
    expect(app.history[0].action).toBe('report');
    expect((await h.ok(WORKER_G2, 'points', 'gridQueue', {})).items.map((a) => a._id)).toContain(app._id);
    expect((await h.ok(WORKER_G1, 'points', 'gridQueue', {})).items.map((a) => a._id)).not.toContain(app._id);
    const inbox = await h.ok(OTHER_HOUSEHOLD, 'notices', 'list', {});
    expect(inbox.items.some((n) => n.kind === 'application_reported' && n.page.includes(app._id))).toBe(true);
    // the reporter may read it; the subject household sees it among its own
    expect((await h.ok(VILLAGER, 'points', 'get', { applicationId: app._id })).source).toBe('villager_report');
    expect((await h.ok(OTHER_HOUSEHOLD, 'points', 'mine', {})).items.map((a) => a._id)).toContain(app._id);
    // the grid worker first-reviews it like any other
    expect((await h.ok(WORKER_G2, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' })).status).toBe('first_reviewed');
  });

  it('names the member it is about when asked', async () => {
    const app = await h.ok(VILLAGER, 'points', 'report', { ...deed({ memberId: 'h-qs-2-05-m2' }), householdId: 'h-qs-2-05' });
    expect(app).toMatchObject({ memberId: 'h-qs-2-05-m2' });
  });

  it.each([
    ['own household as "another villager"', VILLAGER, { householdId: 'h-qs-1-03' }, 'OWN_HOUSEHOLD_REPORT'],
    ['another village\'s household', VILLAGER, { householdId: 'h-lx-1-05' }, 'NOT_FOUND'],
    ['an unknown household', VILLAGER, { householdId: 'h-none' }, 'NOT_FOUND'],
    ['a member of another household', VILLAGER, { householdId: 'h-qs-2-05', memberId: 'h-qs-1-03-m1' }, 'MEMBER_NOT_IN_HOUSEHOLD'],
    ['a unit item', VILLAGER, { householdId: 'h-qs-2-05', itemCode: 'UN-02' }, 'UNIT_ITEM'],
    ['a committee-only item', VILLAGER, { householdId: 'h-qs-2-05', itemCode: 'PV-01' }, 'FORBIDDEN'],
    ['the veto item', VILLAGER, { householdId: 'h-qs-2-05', itemCode: 'RP-14' }, 'FORBIDDEN'],
    ['the town admin (no household)', TOWN, { householdId: 'h-qs-2-05' }, 'FORBIDDEN'],
    ['a villager of the other village', VILLAGER_OTHER_VILLAGE, { householdId: 'h-qs-2-05' }, 'NOT_FOUND'],
    ['an unbound WeChat user', 'stranger-openid', { householdId: 'h-qs-2-05' }, 'NOT_REGISTERED'],
  ])('refuses %s and writes nothing', async (_name, who, extra, code) => {
    const r = await expectNoWrite(() => h.call(who, 'points', 'report', { ...deed(extra) }));
    expectRefused(r, code);
  });

  it('a report of a deduction item needs evidence', async () => {
    // The seed catalogue has no negative item: the village files one (a deduction, self-report off).
    const versions = await h.db.collection<{ _id: string; categories: { items: { code: string; points: number; selfReport: boolean; evidenceRequired: boolean }[] }[] }>(C.catalogueVersions).where({ villageId: 'v-qingshan' }).get();
    const v = versions.data[0];
    const categories = v.categories.map((c, i) => (i === 0 ? { ...c, items: [...c.items, { ...c.items[0], code: 'SA-99', name: '乱扔垃圾', points: -5, selfReport: false, evidenceRequired: false, cap: null }] } : c));
    await h.db.collection(C.catalogueVersions).doc(v._id).update({ categories });
    const r = await expectNoWrite(() => h.call(VILLAGER, 'points', 'report', { ...deed({ itemCode: 'SA-99' }), householdId: 'h-qs-2-05' }));
    expectRefused(r, 'EVIDENCE_REQUIRED', /照片/);
    const app = await h.ok(VILLAGER, 'points', 'report', { ...deed({ itemCode: 'SA-99', photos: [await upload(h, JPEG)] }), householdId: 'h-qs-2-05' });
    expect(app.points).toBe(-5);
    // the household itself still may not claim it
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'points', 'submit', deed({ itemCode: 'SA-99', photos: [await upload(h, JPEG, OTHER_HOUSEHOLD)] })), 'FORBIDDEN');
  });

  it('reportTargets lists the village\'s households (masked), never my own', async () => {
    const t = await h.ok(VILLAGER, 'points', 'reportTargets', { gridId: 'g-qs-1' });
    expect(t.grids.map((g) => g.id)).toEqual(expect.arrayContaining(['g-qs-1', 'g-qs-2', 'g-qs-3']));
    expect(t.items.map((i) => i.id)).not.toContain('h-qs-1-03');
    expect(t.items.every((i) => i.headName.includes('*'))).toBe(true);
    expectRefused(await h.call(VILLAGER, 'points', 'reportTargets', { gridId: 'g-lx-1' }), 'NOT_FOUND');
    // the town admin picks among the town's villages; a reviewer in their village
    const town = await h.ok(TOWN, 'points', 'reportTargets', { villageId: 'v-liuxi' });
    expect(town.villages.map((v) => v.id)).toEqual(expect.arrayContaining(['v-qingshan', 'v-liuxi']));
    expect(town.items.every((i) => i.id.startsWith('h-lx-'))).toBe(true);
    expectRefused(await h.call(VILLAGER, 'points', 'reportTargets', { villageId: 'v-liuxi' }), 'NOT_FOUND');
    expectRefused(await h.call('stranger-openid', 'points', 'reportTargets', {}), 'NOT_REGISTERED');
  });

  it('catalogue.current of a named village: the town admin for an inspection, a reviewer there; others NOT_FOUND', async () => {
    // The town has no catalogue of its own: it reads the village's it records in.
    expectRefused(await h.call(TOWN, 'catalogue', 'current', {}), 'FORBIDDEN');
    const town = await h.ok(TOWN, 'catalogue', 'current', { villageId: 'v-liuxi', date: '2026-11-18' });
    expect(town.villageId).toBe('v-liuxi');
    expect(town.categories.length).toBeGreaterThan(0);
    expect((await h.ok(REVIEWER, 'catalogue', 'current', { villageId: 'v-qingshan' })).villageId).toBe('v-qingshan');
    expect((await h.ok(VILLAGER, 'catalogue', 'current', { villageId: 'v-qingshan' })).villageId).toBe('v-qingshan');
    expectRefused(await h.call(VILLAGER, 'catalogue', 'current', { villageId: 'v-liuxi' }), 'NOT_FOUND', /找不到该村/);
    expectRefused(await h.call(REVIEWER, 'catalogue', 'current', { villageId: 'v-liuxi' }), 'NOT_FOUND');
    expectRefused(await h.call(TOWN, 'catalogue', 'current', { villageId: 'v-nowhere' }), 'NOT_FOUND');
  });
});

describe('评议小组走访 and 上级检查: straight into the month audit, still the quorum', () => {
  it('a reviewer records a visit: first_reviewed in the month audit, no 初审, signed by the committee', async () => {
    const app = await h.ok(REVIEWER, 'points', 'recordVisit', { ...deed({ itemCode: 'PV-01' }), householdId: 'h-qs-3-06' });
    expect(app).toMatchObject({ source: 'committee_visit', status: 'first_reviewed', auditMonth: '2026-11', memberId: 'h-qs-3-06-m1' });
    expect(app.history.map((e) => e.action)).toEqual(['record_visit']);
    expect((await h.ok(WORKER_G1, 'points', 'gridQueue', { gridId: 'g-qs-1' })).items.map((a) => a._id)).not.toContain(app._id);
    const month = await h.ok(REVIEWER, 'audit', 'month', { month: '2026-11' });
    const row = month.items.find((a) => a._id === app._id);
    expect(row).toMatchObject({ source: 'committee_visit', canSign: true });
    // one signature decides nothing: the quorum (3) still applies
    const signed = await h.ok(REVIEWER, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    expect(signed.status).toBe('first_reviewed');
  });

  it('the town admin records an inspection for any village of the town', async () => {
    const a = await h.ok(TOWN, 'points', 'recordInspection', { ...deed(), householdId: 'h-qs-1-08' });
    expect(a).toMatchObject({ source: 'inspection', status: 'first_reviewed', villageId: 'v-qingshan' });
    const b = await h.ok(TOWN, 'points', 'recordInspection', { ...deed(), householdId: 'h-lx-1-08' });
    expect(b).toMatchObject({ source: 'inspection', villageId: 'v-liuxi', history: [expect.objectContaining({ action: 'record_inspection' })] });
  });

  it.each([
    ['recordVisit', REVIEWER, 'h-qs-1-11', 'OWN_HOUSEHOLD_REVIEW'],
    ['recordVisit', REVIEWER_OTHER_VILLAGE, 'h-qs-1-06', 'NOT_FOUND'],
    ['recordVisit', WORKER_G1, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordVisit', SUPERVISOR, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordVisit', ADMIN, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordVisit', VILLAGER, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordVisit', TOWN, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordInspection', REVIEWER, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordInspection', ADMIN, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordInspection', CLERK, 'h-qs-1-06', 'FORBIDDEN'],
    ['recordInspection', TOWN, 'h-none', 'NOT_FOUND'],
    ['recordInspection', null, 'h-qs-1-06', 'NOT_REGISTERED'],
  ] as const)('%s by %s on %s is refused (%s) and writes nothing', async (act, who, householdId, code) => {
    const r = await expectNoWrite(() => h.call(who, 'points', act, { ...deed(), householdId }));
    expectRefused(r, code);
  });

  it('bad input: a unit item, a fraud item, a future date, a missing household', async () => {
    expectRefused(await expectNoWrite(() => h.call(REVIEWER, 'points', 'recordVisit', { ...deed({ itemCode: 'UN-03' }), householdId: 'h-qs-1-06' })), 'UNIT_ITEM');
    expectRefused(await expectNoWrite(() => h.call(REVIEWER, 'points', 'recordVisit', { ...deed({ itemCode: 'RP-13' }), householdId: 'h-qs-1-06' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'points', 'recordInspection', { ...deed({ deedDate: '2026-12-01' }), householdId: 'h-qs-1-06' })), 'DATE_IN_FUTURE');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'points', 'recordInspection', deed())), 'BAD_INPUT');
  });
});

describe('a negative-list item approved in the audit opens a veto record (never silently)', () => {
  it('three reviewers approve RP-14 found on a visit: a recorded veto waits for a supervisor, who countersigns it', async () => {
    const app = await h.ok(REVIEWER, 'points', 'recordVisit', { ...deed({ itemCode: 'RP-14', description: '违规占用耕地建房' }), householdId: 'h-qs-3-07' });
    expect(app.negativeList).toBe(true);
    for (const r of ['demo-reviewer-1-1', 'demo-reviewer-1-2']) await h.ok(r, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    const vetoesOf = async () => (await h.db.collection<Veto>(C.vetoes).where({ householdId: 'h-qs-3-07' }).get()).data;
    expect(await vetoesOf()).toHaveLength(0);
    const decided = await h.ok('demo-reviewer-1-4', 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    expect(decided.status).toBe('approved');
    const { data } = await h.db.collection<Veto>(C.vetoes).where({ householdId: 'h-qs-3-07' }).get();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ status: 'recorded', eventDate: '2026-11-18', history: [expect.objectContaining({ action: 'record', actorName: expect.any(String) })] });
    expect(data[0].item).toContain('RP-14');
    // the supervisors are asked to countersign
    const inbox = await h.ok(SUPERVISOR, 'notices', 'list', {});
    expect(inbox.items.some((n) => n.kind === 'veto_waiting')).toBe(true);
    const v = await h.ok(SUPERVISOR, 'veto', 'countersign', { vetoId: data[0]._id });
    expect(v.status).toBe('effective');
    // a fourth signature changes nothing and opens no second veto
    expect(await h.call('demo-reviewer-1-5', 'audit', 'sign', { applicationId: app._id, decision: 'approve' })).toMatchObject({ ok: false });
    expect(await vetoesOf()).toHaveLength(1);
  });

  it('a rejected negative-list application opens no veto', async () => {
    const app = await h.ok(TOWN, 'points', 'recordInspection', { ...deed({ itemCode: 'RP-14' }), householdId: 'h-qs-3-08' });
    for (const r of ['demo-reviewer-1-1', 'demo-reviewer-1-2', 'demo-reviewer-1-4']) await h.ok(r, 'audit', 'sign', { applicationId: app._id, decision: 'reject', reason: '查无实据' });
    expect((await h.db.collection(C.vetoes).where({ householdId: 'h-qs-3-08' }).get()).data).toHaveLength(0);
  });
});

describe('people inside the household: the member of each application and their contribution', () => {
  it('the submitter is the default member; another member can be named; someone outside the household cannot', async () => {
    const mine = await h.ok(VILLAGER, 'points', 'submit', deed({ itemCode: 'PV-05', photos: [await upload(h, JPEG)] }));
    expect(mine).toMatchObject({ memberId: 'h-qs-1-03-m2' });
    const head = await h.ok(VILLAGER, 'points', 'submit', deed({ itemCode: 'PV-05', memberId: 'h-qs-1-03-m1', photos: [await upload(h, JPEG)] }));
    expect(head.memberId).toBe('h-qs-1-03-m1');
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'points', 'submit', deed({ memberId: 'h-qs-2-05-m1', photos: [] }))), 'MEMBER_NOT_IN_HOUSEHOLD');
    // 代申报 without a member: the head
    const behalf = await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed(), householdId: 'h-qs-1-09' });
    expect(behalf.memberId).toBe('h-qs-1-09-m1');
  });

  it('points.members sums each member\'s decided points of the year; the household stays the unit', async () => {
    const byHead = await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'RP-05', memberId: 'h-qs-1-10-m1' }), householdId: 'h-qs-1-10' });
    const byOther = await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'RP-05', memberId: 'h-qs-1-10-m2' }), householdId: 'h-qs-1-10' });
    for (const app of [byHead, byOther]) {
      await h.ok('demo-gridleader-1-1', 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
      for (const r of ['demo-reviewer-1-2', 'demo-reviewer-1-3', 'demo-reviewer-1-5']) {
        await h.ok(r, 'audit', 'sign', app === byHead ? { applicationId: app._id, decision: 'approve' } : { applicationId: app._id, decision: 'adjust', points: 2, reason: '参与时间较短' });
      }
    }
    const m = await h.ok(ADMIN, 'points', 'members', { householdId: 'h-qs-1-10' });
    expect(m.year).toBe(2026);
    const row = (id: string) => m.members.find((x) => x.personId === id);
    expect(row('h-qs-1-10-m1')).toMatchObject({ points: byHead.points, approved: 1 });
    expect(row('h-qs-1-10-m2')).toMatchObject({ points: 2, approved: 1 });
    expect((await h.ok(ADMIN, 'points', 'members', { householdId: 'h-qs-1-10', year: 2025 })).members.every((x) => x.points === 0)).toBe(true);
    // the household's own members see theirs by default
    const own = await h.ok(VILLAGER, 'points', 'members', {});
    expect(own.householdId).toBe('h-qs-1-03');
    expect(own.people.map((p) => p.id)).toContain('h-qs-1-03-m1');
  });

  it.each([
    [OTHER_HOUSEHOLD, 'NOT_FOUND'],
    [WORKER_G2, 'NOT_FOUND'],
    [VILLAGER_OTHER_VILLAGE, 'NOT_FOUND'],
    ['stranger-openid', 'NOT_REGISTERED'],
  ])('%s may not read another household\'s members (%s)', async (who, code) => {
    expectRefused(await h.call(who, 'points', 'members', { householdId: 'h-qs-1-03' }), code);
  });

  it.each([HEAD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, TOWN])('%s may read 一组3号\'s members', async (who) => {
    expect((await h.ok(who, 'points', 'members', { householdId: 'h-qs-1-03' })).householdId).toBe('h-qs-1-03');
  });

  it('bad input: a year out of range', async () => {
    expectRefused(await h.call(VILLAGER, 'points', 'members', { year: 1900 }), 'BAD_INPUT', /年份/);
  });
});

import { C } from '@backend/repos/collections';
import type { ApplicationView } from '@domain/api';
import { JPEG, NOW, openHarness, PDF, upload, type Harness } from '../support/harness';
import { ADMIN, CLERK, HEAD, LEADER_G1, OTHER_HOUSEHOLD, REVIEWER, REVIEWER_OTHER_VILLAGE, SUPERVISOR, TOWN, VILLAGER, WORKER_G1, WORKER_G2, WORKER_OTHER_VILLAGE } from '../support/people';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const rid = () => `req-${Date.now().toString(36)}-${++seq}`;
const deed = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  itemCode: 'FM-08',
  deedDate: '2026-11-18',
  place: '一组 3 号门前',
  description: '打扫房前屋后，清理垃圾',
  photos: [] as string[],
  ...extra,
});


async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = [await h.count(C.applications), await h.count(C.capCounters)];
  const r = await fn();
  expect([await h.count(C.applications), await h.count(C.capCounters)]).toEqual(before);
  return r;
}

describe('points.submit', () => {
  it('a villager submits for their own household; it is pending first review with its history', async () => {
    const photo = await upload(h, JPEG);
    const app = await h.ok(VILLAGER, 'points', 'submit', deed({ itemCode: 'RB-06', photos: [photo] }));
    expect(app).toMatchObject({ householdId: 'h-qs-1-03', gridId: 'g-qs-1', status: 'submitted', points: 5, source: 'self' });
    expect(app.itemName).toContain('义务劳动');
    expect(app.history).toEqual([expect.objectContaining({ action: 'submit', at: NOW, note: null })]);
    expect(app.photos[0]).toEqual({ fileId: photo, url: expect.stringMatching(/^\/api\/files\/[0-9a-f]{32}\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/) });
  });

  it.each([HEAD, WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, CLERK])('%s (also a villager) may submit for their own household', async (who) => {
    const app = await h.ok(who, 'points', 'submit', deed({ itemCode: 'PV-05', photos: [await upload(h, JPEG, who)] }));
    expect(app.source).toBe('self');
  });

  it.each([
    [TOWN, 'NOT_OWN_HOUSEHOLD'],
    ['stranger-openid', 'NOT_REGISTERED'],
    [null, 'NOT_REGISTERED'],
  ])('%s is refused with %s and nothing is written', async (who, code) => {
    const r = await expectNoWrite(() => h.call(who, 'points', 'submit', deed()));
    expect(r).toMatchObject({ ok: false, code });
    if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('a retried submit with the same requestId returns the same application and writes nothing more', async () => {
    const input = deed({ itemCode: 'SA-07', photos: [await upload(h, JPEG)] });
    const first = await h.ok(VILLAGER, 'points', 'submit', input);
    const again = await expectNoWrite(() => h.ok(VILLAGER, 'points', 'submit', input));
    expect(again._id).toBe(first._id);
    const twice = await Promise.all([1, 2, 3].map(() => h.ok(VILLAGER, 'points', 'submit', { ...input, requestId: 'same-req-concurrent' })));
    expect(new Set(twice.map((a) => a._id)).size).toBe(1);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    // Every row has four cells: jest passes `done` to a callback with more parameters than cells.
    const cases: [string, () => Promise<Record<string, unknown>>, string, RegExp | null][] = [
      ['wrong type', async () => deed({ place: 123 }), 'BAD_INPUT', /地点/],
      ['missing field', async () => { const d: Record<string, unknown> = deed(); delete d.description; return d; }, 'BAD_INPUT', /事情经过/],
      ['oversized text', async () => deed({ description: '好'.repeat(501) }), 'BAD_INPUT', /500/],
      ['blank place', async () => deed({ place: '   ' }), 'BAD_INPUT', /地点/],
      ['bad requestId', async () => deed({ requestId: 'x' }), 'BAD_INPUT', null],
      ['bad date', async () => deed({ deedDate: '2026-02-30' }), 'BAD_INPUT', null],
      ['future date', async () => deed({ deedDate: '2026-11-21' }), 'DATE_IN_FUTURE', null],
      ['too old', async () => deed({ deedDate: '2026-09-30' }), 'DATE_TOO_OLD', /本月或上月/],
      ['unknown item', async () => deed({ itemCode: 'XX-99' }), 'ITEM_NOT_IN_CATALOGUE', null],
      ['committee-only item', async () => deed({ itemCode: 'PV-01' }), 'FORBIDDEN', null],
      ['unit item', async () => deed({ itemCode: 'UN-01', photos: [] }), 'UNIT_ITEM', null],
      ['evidence missing', async () => deed({ itemCode: 'SA-01' }), 'EVIDENCE_REQUIRED', null],
      ['non-image file', async () => deed({ itemCode: 'SA-01', photos: [await upload(h, PDF)] }), 'PHOTO_NOT_IMAGE', null],
      ['four photos', async () => deed({ itemCode: 'SA-01', photos: await Promise.all([1, 2, 3, 4].map(() => upload(h, JPEG))) }), 'BAD_INPUT', /3 张/],
      ['unknown photo id', async () => deed({ itemCode: 'SA-01', photos: ['local/0123456789abcdef0123456789abcdef'] }), 'BAD_INPUT', /照片/],
      ['someone else\'s household', async () => deed({ householdId: 'h-qs-2-05' }), 'BAD_INPUT', null],
      ['identity in the body', async () => deed({ openid: WORKER_G1 }), 'BAD_INPUT', null],
    ];
    it.each(cases)('%s', async (_name, make, code, message) => {
      const input = await make();
      const r = await expectNoWrite(() => h.call(VILLAGER, 'points', 'submit', input));
      expect(r).toMatchObject({ ok: false, code });
      if (!r.ok) {
        expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
        if (message) expect(r.message).toMatch(message);
        expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
      }
    });

    it('an oversized photo is refused', async () => {
      const big = new Uint8Array(2 * 1024 * 1024 + 1);
      big.set(JPEG.subarray(0, 4));
      const r = await expectNoWrite(async () => h.call(VILLAGER, 'points', 'submit', deed({ itemCode: 'SA-01', photos: [await upload(h, big)] })));
      expect(r).toMatchObject({ ok: false, code: 'PHOTO_TOO_LARGE' });
    });

    it('an unknown action is refused', async () => {
      expect(await h.call(VILLAGER, 'points', 'delete' as 'get', {})).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
    });
  });

  it('a per-month item is capped at once a month per household, whoever submits', async () => {
    await h.ok(OTHER_HOUSEHOLD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-10-05' }));
    const r = await expectNoWrite(() => h.call(OTHER_HOUSEHOLD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-10-20' })));
    expect(r).toMatchObject({ ok: false, code: 'CAP_REACHED' });
    const worker = await expectNoWrite(() => h.call(WORKER_G2, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'FM-08', deedDate: '2026-10-21' }), householdId: 'h-qs-2-05' }));
    expect(worker).toMatchObject({ ok: false, code: 'CAP_REACHED' });
    // another month is another period
    await h.ok(OTHER_HOUSEHOLD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-11-02' }));
  });
});

describe('points.submitOnBehalf (代申报)', () => {
  it.each([WORKER_G1, LEADER_G1])('%s submits for a household of their grid', async (who) => {
    const app = await h.ok(who, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'PV-05', photos: [await upload(h, JPEG, who)] }), householdId: 'h-qs-1-05' });
    expect(app).toMatchObject({ householdId: 'h-qs-1-05', source: 'grid_worker', status: 'submitted' });
    expect(app.history[0].action).toBe('submit_on_behalf');
  });

  it('may report an item the household cannot self-report (the annual base), but never the veto or the fraud penalty', async () => {
    const honour = await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'PV-01' }), householdId: 'h-qs-1-06' });
    expect(honour.points).toBe(100);
    expect(await h.call(VILLAGER, 'points', 'submit', deed({ itemCode: 'PV-01' }))).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    for (const itemCode of ['RP-13', 'RP-14']) {
      const r = await expectNoWrite(() => h.call(WORKER_G1, 'points', 'submitOnBehalf', { ...deed({ itemCode }), householdId: 'h-qs-1-06' }));
      expect(r).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it.each([
    [WORKER_G2, 'NOT_IN_GRID'],
    [WORKER_OTHER_VILLAGE, 'NOT_IN_GRID'],
    [VILLAGER, 'FORBIDDEN'],
    [REVIEWER, 'FORBIDDEN'],
    [ADMIN, 'FORBIDDEN'],
    [CLERK, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
    ['stranger-openid', 'NOT_REGISTERED'],
  ])('%s is refused (%s) and nothing is written', async (who, code) => {
    const r = await expectNoWrite(() => h.call(who, 'points', 'submitOnBehalf', { ...deed(), householdId: 'h-qs-1-05' }));
    expect(r).toMatchObject({ ok: false, code });
  });

  it('an unknown household is refused', async () => {
    const r = await expectNoWrite(() => h.call(WORKER_G1, 'points', 'submitOnBehalf', { ...deed(), householdId: 'h-none' }));
    expect(r).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('first review (初审) and what each role sees', () => {
  let app: ApplicationView;
  beforeAll(async () => {
    app = await h.ok(VILLAGER, 'points', 'submit', deed({ itemCode: 'PV-04', photos: [await upload(h, JPEG)] }));
  });

  it('the grid worker sees it in the queue; other grids and villagers do not', async () => {
    const q = await h.ok(WORKER_G1, 'points', 'gridQueue', {});
    expect(q.items.map((a) => a._id)).toContain(app._id);
    expect(q.items.every((a) => a.status === 'submitted' && a.gridId === 'g-qs-1')).toBe(true);
    expect((await h.ok(WORKER_G2, 'points', 'gridQueue', {})).items.map((a) => a._id)).not.toContain(app._id);
    expect(await h.call(VILLAGER, 'points', 'gridQueue', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await h.call(REVIEWER, 'points', 'gridQueue', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await h.call(WORKER_G2, 'points', 'gridQueue', { gridId: 'g-qs-1' })).toMatchObject({ ok: false, code: 'NOT_IN_GRID' });
  });

  it.each([
    [WORKER_G2, 'NOT_IN_GRID'],
    [WORKER_OTHER_VILLAGE, 'NOT_IN_GRID'],
    [VILLAGER, 'FORBIDDEN'],
    [HEAD, 'FORBIDDEN'],
    [REVIEWER, 'FORBIDDEN'],
    [SUPERVISOR, 'FORBIDDEN'],
    [ADMIN, 'FORBIDDEN'],
    [CLERK, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
  ])('%s may not first-review it (%s)', async (who, code) => {
    const r = await expectNoWrite(() => h.call(who, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' }));
    expect(r).toMatchObject({ ok: false, code });
    expect((await h.ok(VILLAGER, 'points', 'get', { applicationId: app._id })).status).toBe('submitted');
  });

  it('returning needs a reason', async () => {
    const r = await h.call(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'return', reason: '  ' });
    expect(r).toMatchObject({ ok: false, code: 'REASON_REQUIRED' });
  });

  it('nobody first-reviews their own household', async () => {
    const own = await h.ok(WORKER_G1, 'points', 'submit', deed({ itemCode: 'PV-05', photos: [await upload(h, JPEG, WORKER_G1)] }));
    const r = await h.call(WORKER_G1, 'points', 'firstReview', { applicationId: own._id, decision: 'pass' });
    expect(r).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_REVIEW' });
    // the grid leader of the same grid may
    expect((await h.ok(LEADER_G1, 'points', 'firstReview', { applicationId: own._id, decision: 'pass' })).status).toBe('first_reviewed');
  });

  it('nobody first-reviews an application they submitted on behalf of a household (four eyes)', async () => {
    const onBehalf = await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed({ itemCode: 'PV-05', photos: [await upload(h, JPEG, WORKER_G1)] }), householdId: 'h-qs-1-04' });
    // It waits in the grid's queue, where the page asks the same policy before offering the buttons.
    expect((await h.ok(WORKER_G1, 'points', 'gridQueue', {})).items.map((a) => a._id)).toContain(onBehalf._id);
    for (const decision of ['pass', 'return'] as const) {
      const r = await expectNoWrite(() => h.call(WORKER_G1, 'points', 'firstReview', { applicationId: onBehalf._id, decision, reason: '自己审自己' }));
      expect(r).toMatchObject({ ok: false, code: 'OWN_WORK_REVIEW', message: expect.stringContaining('其他网格员') });
    }
    const untouched = await h.ok(WORKER_G1, 'points', 'get', { applicationId: onBehalf._id });
    expect(untouched).toMatchObject({ status: 'submitted', updatedAt: onBehalf.updatedAt });
    expect(untouched.history.map((e) => e.action)).toEqual(['submit_on_behalf']);
    // Another worker of the grid (its leader) reviews it.
    expect((await h.ok(LEADER_G1, 'points', 'firstReview', { applicationId: onBehalf._id, decision: 'pass' })).status).toBe('first_reviewed');
  });

  it('the grid worker passes it to the committee; the villager sees the new status and history', async () => {
    const done = await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    expect(done.status).toBe('first_reviewed');
    const seen = await h.ok(VILLAGER, 'points', 'get', { applicationId: app._id });
    expect(seen.history.map((e) => e.action)).toEqual(['submit', 'first_review_pass']);
    expect(seen.history[1].actorName).toBeTruthy();
    const mine = await h.ok(HEAD, 'points', 'mine', {});
    expect(mine.items.find((a) => a._id === app._id)?.status).toBe('first_reviewed');
    const again = await expectNoWrite(() => h.call(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'return', reason: '重复' }));
    expect(again).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('a returned application frees its cap slot so the villager can resubmit', async () => {
    const first = await h.ok(HEAD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-10-03' }));
    expect(await h.call(HEAD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-10-04' }))).toMatchObject({ code: 'CAP_REACHED' });
    const back = await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: first._id, decision: 'return', reason: '请补充照片' });
    expect(back.status).toBe('returned');
    expect(back.history.at(-1)).toMatchObject({ action: 'first_review_return', note: '请补充照片' });
    await h.ok(HEAD, 'points', 'submit', deed({ itemCode: 'FM-08', deedDate: '2026-10-04' }));
  });

  it('get: household, its grid worker, the village committee and the town see it; others get NOT_FOUND', async () => {
    for (const who of [VILLAGER, HEAD, WORKER_G1, LEADER_G1, REVIEWER, SUPERVISOR, ADMIN, TOWN]) {
      expect((await h.ok(who, 'points', 'get', { applicationId: app._id }))._id).toBe(app._id);
    }
    for (const who of [OTHER_HOUSEHOLD, WORKER_G2, REVIEWER_OTHER_VILLAGE, CLERK, 'stranger-openid']) {
      const r = await h.call(who, 'points', 'get', { applicationId: app._id });
      expect(r.ok).toBe(false);
    }
    expect(await h.call(VILLAGER, 'points', 'get', { applicationId: 'nope' })).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('mine: only my household’s applications', async () => {
    const mine = await h.ok(OTHER_HOUSEHOLD, 'points', 'mine', {});
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.items.every((a) => a.householdId === 'h-qs-2-05')).toBe(true);
    expect((await h.ok(TOWN, 'points', 'mine', {})).items).toEqual([]);
    expect(await h.call('stranger-openid', 'points', 'mine', {})).toMatchObject({ code: 'NOT_REGISTERED' });
  });
});

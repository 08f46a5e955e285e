/**
 * fund.dashboard (镇看板): every village's figures for a month, quarter and year equal the
 * figures recomputed here from the ledger's entries, the households and the bound people —
 * although the read itself never touches the entries (it sums the totals shards' counters).
 */
import { C } from '@backend/repos/collections';
import type { LedgerEntry } from '@domain/ledger/types';
import type { Household, Person } from '@domain/org/types';
import { ISSUING_KINDS, keysOfPeriod } from '@domain/dashboard/activity';
import { OPEN_STATUSES, PENDING_STATUSES } from '@domain/grid/deadlines';
import type { GridEvent } from '@domain/grid/records';
import { cstDate, monthOf, quarterOf, yearOf } from '@domain/shared/time';
import { readAll } from '../support/invariants';
import { JPEG, NOW, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, CLERK, REVIEWER, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectRefused } from '../support/refusals';

let h: Harness;
const R = [1, 2, 3, 4].map((i) => `demo-reviewer-1-${i}`);

beforeAll(async () => {
  h = await openHarness({ demoPublicity: true });
  // A November deed approved and closed in December, and a redemption on the 20th of November.
  const app = await h.ok(VILLAGER, 'points', 'submit', {
    requestId: 'dash-test-app-1',
    itemCode: 'PV-05',
    deedDate: '2026-11-18',
    place: '村委会',
    description: '参加志愿服务',
    photos: [await upload(h, JPEG, VILLAGER)],
  });
  await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
  for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
  const { code } = await h.ok(VILLAGER, 'shop', 'myCode', {});
  await h.ok(CLERK, 'shop', 'redeem', { requestId: 'dash-redeem-0001', code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
  h.setNow(Date.parse('2026-12-05T09:00:00+08:00'));
  try {
    await h.ok(R[0], 'audit', 'close', { month: '2026-11' });
  } finally {
    h.setNow(NOW);
  }
}, 120_000);
afterAll(async () => h?.close());

/** The figures of one village and period, the slow way: from every entry of the ledger. */
async function recomputed(villageId: string, period: string) {
  const [entries, households, people] = await Promise.all([
    readAll<LedgerEntry>(h.db, C.ledgerEntries),
    readAll<Household>(h.db, C.households),
    readAll<Person & { openid?: string | null }>(h.db, C.people),
  ]);
  const mine = entries.filter((e) => e.villageId === villageId);
  const at = (e: LedgerEntry) => [monthOf(cstDate(e.at)), quarterOf(cstDate(e.at)), yearOf(cstDate(e.at))];
  const spent = (e: LedgerEntry) => (e.kind === 'redemption' || e.reversedKind === 'redemption' ? -e.delta : 0);
  const issuedIn = mine.filter((e) => ISSUING_KINDS.includes(e.kind) && e.period && keysOfPeriod(e.period).includes(period));
  const spentIn = mine.filter((e) => spent(e) !== 0 && at(e).includes(period));
  const hh = households.filter((x) => x.villageId === villageId);
  return {
    households: hh.length,
    boundHouseholds: new Set(people.filter((p) => p.villageId === villageId && p.openid && p.householdId).map((p) => p.householdId)).size,
    issued: issuedIn.reduce((s, e) => s + e.delta, 0),
    redeemed: spentIn.reduce((s, e) => s + spent(e), 0),
    approvedHouseholds: new Set(issuedIn.filter((e) => e.kind === 'application' && e.delta > 0).map((e) => e.householdId)).size,
    redeemingHouseholds: new Set(spentIn.filter((e) => e.kind === 'redemption').map((e) => e.householdId)).size,
  };
}

describe('fund.dashboard', () => {
  it.each(['2026-11', '2026-Q4', '2026', '2026-10', '2026-12'])('the town admin sees every village for %s, each equal to its ledger', async (period) => {
    const d = await h.ok(TOWN, 'fund', 'dashboard', { period });
    expect(d.villages.map((v) => v.villageName).sort()).toEqual(['柳溪村', '青山村'].sort());
    for (const row of d.villages) {
      const want = await recomputed(row.villageId, period);
      expect(row).toMatchObject(want);
      expect(row.participation.percent).toBe(Math.floor((want.redeemingHouseholds * 100) / want.households));
      expect(row.participation.belowTarget).toBe(row.participation.percent! < 30);
    }
    expect(d.total).toMatchObject({ households: d.villages.reduce((s, v) => s + v.households, 0), issued: d.villages.reduce((s, v) => s + v.issued, 0) });
  }, 60_000);

  it('the November close and redemption show in November: the household approved and redeeming', async () => {
    const d = await h.ok(TOWN, 'fund', 'dashboard', { period: '2026-11', villageId: 'v-qingshan' });
    expect(d.villages).toHaveLength(1);
    const row = d.villages[0];
    expect(row.approvedHouseholds).toBeGreaterThanOrEqual(1);
    expect(row.redeemingHouseholds).toBeGreaterThanOrEqual(1);
    expect(row.redeemed).toBeGreaterThan(0);
    // 60 households, a handful redeeming: below the town's 30% target.
    expect(row.participation.belowTarget).toBe(true);
    expect(row.publicity.quarter).toBe('2026-Q4');
    expect(typeof row.eventsOpen).toBe('number');
  }, 60_000);

  it('the current totals equal the balances: pending and redeemable now', async () => {
    const d = await h.ok(ADMIN, 'fund', 'dashboard', { period: '2026' });
    expect(d.villages.map((v) => v.villageId)).toEqual(['v-qingshan']);
    expect(d.total).toBeNull();
    const balances = (await readAll<{ _id: string; villageId: string; pending: number; redeemable: number }>(h.db, C.balances)).filter((b) => b.villageId === 'v-qingshan');
    expect(d.villages[0]).toMatchObject({
      pending: balances.reduce((s, b) => s + b.pending, 0),
      redeemable: balances.reduce((s, b) => s + b.redeemable, 0),
    });
  }, 60_000);

  it('a year nothing happened in is all zeros, flagged below the target', async () => {
    const d = await h.ok(TOWN, 'fund', 'dashboard', { period: '2025' });
    for (const row of d.villages) {
      expect(row).toMatchObject({ issued: 0, redeemed: 0, approvedHouseholds: 0, redeemingHouseholds: 0, approvedPercent: 0 });
      expect(row.participation).toEqual({ percent: 0, belowTarget: true });
    }
  }, 60_000);

  it('a village with no households (just set up): no percentage, not flagged, counted in the town line without skewing it', async () => {
    const { data } = await h.db.collection<{ _id: string; townId: string }>(C.villages).doc('v-qingshan').get();
    await h.db.collection(C.villages).doc('v-new-empty').set({ townId: data[0].townId, name: '新建村' });
    try {
      const d = await h.ok(TOWN, 'fund', 'dashboard', { period: '2026-Q4' });
      const empty = d.villages.find((v) => v.villageId === 'v-new-empty')!;
      expect(empty).toMatchObject({ households: 0, boundHouseholds: 0, issued: 0, redeemed: 0, approvedPercent: null, participation: { percent: null, belowTarget: false } });
      const others = d.villages.filter((v) => v.villageId !== 'v-new-empty');
      const households = others.reduce((s, v) => s + v.households, 0);
      const redeeming = others.reduce((s, v) => s + v.redeemingHouseholds, 0);
      // The town's percentage is over the households that exist: the empty village adds nothing to either side.
      expect(d.total?.participation.percent).toBe(Math.floor((redeeming * 100) / households));
      expect(d.total?.households).toBe(households);
      // Asked for alone it is the same line.
      expect((await h.ok(TOWN, 'fund', 'dashboard', { period: '2026-Q4', villageId: 'v-new-empty' })).villages[0].participation).toEqual({ percent: null, belowTarget: false });
    } finally {
      await h.db.collection(C.villages).doc('v-new-empty').remove();
    }
  }, 60_000);

  it('events open and overdue now equal the village\'s events counted the slow way', async () => {
    const d = await h.ok(TOWN, 'fund', 'dashboard', { period: '2026-11' });
    const events = await readAll<GridEvent>(h.db, C.gridEvents);
    expect(events.length).toBeGreaterThan(0); // the demo's events
    for (const row of d.villages) {
      const mine = events.filter((e) => e.villageId === row.villageId);
      const open = mine.filter((e) => OPEN_STATUSES.includes(e.status));
      const overdue = mine.filter((e) => PENDING_STATUSES.includes(e.status) && e.deadlineAt < NOW);
      expect([row.villageId, row.eventsOpen, row.eventsOverdue]).toEqual([row.villageId, open.length, overdue.length]);
    }
  }, 60_000);

  it('the fund pool against the points owed equals the 基金池 page; the publicity status equals the quarter\'s publicity', async () => {
    const d = await h.ok(TOWN, 'fund', 'dashboard', { period: '2026-Q4' });
    const pools = (await h.ok(TOWN, 'fund', 'town', {})).villages;
    for (const row of d.villages) {
      const pool = pools.find((p) => p.villageId === row.villageId)!;
      expect({ id: row.villageId, poolFen: row.poolFen, stockValueFen: row.stockValueFen, liabilityFen: row.liabilityFen, warning: row.fundWarning, redeemable: row.redeemable }).toEqual({
        id: pool.villageId,
        poolFen: pool.poolFen,
        stockValueFen: pool.stockValueFen,
        liabilityFen: pool.liabilityFen,
        warning: pool.warning,
        redeemable: pool.outstandingPoints,
      });
      const { data } = await h.db.collection<{ _id: string; status: string }>(C.publicities).doc(`${row.villageId}_${row.publicity.quarter}`).get();
      expect([row.villageId, row.publicity.status]).toEqual([row.villageId, data[0]?.status ?? 'none']);
    }
  }, 60_000);

  it('refuses others: a village admin asking for another village, a reviewer, a bad period', async () => {
    expectRefused(await h.call(ADMIN, 'fund', 'dashboard', { period: '2026', villageId: 'v-liuxi' }), 'NOT_FOUND');
    expectRefused(await h.call(REVIEWER, 'fund', 'dashboard', { period: '2026' }), 'FORBIDDEN', /镇管理员和村两委/);
    expectRefused(await h.call(TOWN, 'fund', 'dashboard', { period: '2026-13' }), 'BAD_INPUT');
    expectRefused(await h.call(TOWN, 'fund', 'dashboard', { period: '2026', villageId: 'v-elsewhere' }), 'NOT_FOUND');
  }, 60_000);
});

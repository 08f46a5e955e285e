/**
 * Optimistic concurrency on the CloudBase stand-in (the real node SDK through the production
 * binding; MongoDB's snapshot reads and first-writer-wins): interleavings that PostgreSQL's row
 * locks make impossible must still keep the product's rules.
 */
import { EJSON } from 'bson';
import { C } from '@backend/repos/collections';
import { closeMonth } from '@backend/audit/close';
import type { Household, Person } from '@domain/org/types';
import { dispatch } from '@backend/runtime/handler';
import type { Database, Transaction, TxDocRef, Doc } from '@backend/db/types';
import type { Deps } from '@backend/runtime/deps';
import type { AuditMonth } from '@domain/audit/types';
import type { Application } from '@domain/points/application';
import type { ApiResult } from '@domain/shared/result';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { JPEG, NOW, openHarness, upload, type Harness } from '../support/harness';
import { signal } from '../db/backends';
import { ledgerViolations, readAll, villageTotals } from '../support/invariants';
import { shopRepo } from '@backend/repos/shop';
import type { StockShard } from '@domain/shop/stockShards';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ backend: 'tcb-standin' });
}, 120_000);
afterAll(async () => h?.close());

const at = (iso: string) => Date.parse(`${iso}+08:00`);
let seq = 0;
const rid = () => `cb-${Date.now().toString(36)}-${++seq}`;

/**
 * `db`, whose transactions pause once right after reading `collection/id` (the first time any
 * transaction does): `reached` fires there and the transaction waits for `go`.
 */
function pauseAfterRead(db: Database, collection: string, id: string) {
  const reached = signal();
  const go = signal();
  let armed = true;
  const wrapDoc = <T extends Doc>(name: string, docId: string, ref: TxDocRef<T>): TxDocRef<T> => ({
    async get() {
      const r = await ref.get();
      if (armed && name === collection && docId === id) {
        armed = false;
        reached.fire();
        await go.promise;
      }
      return r;
    },
    set: (d) => ref.set(d),
    update: (d) => ref.update(d),
    delete: () => ref.delete(),
  });
  const wrapTx = (tx: Transaction): Transaction => ({
    collection: <T extends Doc = Doc>(name: string) => ({ doc: (docId: string) => wrapDoc<T>(name, docId, tx.collection<T>(name).doc(docId)) }),
  });
  const wrapped: Database = {
    collection: (name) => db.collection(name),
    command: db.command,
    runTransaction: (fn, attempts) => db.runTransaction((tx) => fn(wrapTx(tx)), attempts),
  };
  return { db: wrapped, reached, go };
}

function callWith(deps: Deps, openid: string, fn: keyof typeof FUNCTIONS, action: string, input: Record<string, unknown>): Promise<ApiResult<unknown>> {
  return dispatch(FUNCTIONS[fn] as never, { action, ...input }, { openid }, deps) as Promise<ApiResult<unknown>>;
}

describe('write skew is impossible (every document a decision reads is written)', () => {
  it('a first review that read the month open, then the leader closes it: the application joins an open month', async () => {
    h.setNow(at('2026-12-03T09:00:00'));
    try {
      const submit = async (householdId: string) =>
        h.ok('demo-gridleader-2-1', 'points', 'submitOnBehalf', {
          requestId: rid(), householdId, itemCode: 'PV-05', deedDate: '2026-11-18', place: '村委会', description: '志愿服务', photos: [await upload(h, JPEG, 'demo-gridleader-2-1')],
        });
      // November is open (one application in it, decided), then another is submitted.
      const first = await submit('h-lx-1-05');
      await h.ok('demo-gridworker-2-1', 'points', 'firstReview', { applicationId: first._id, decision: 'pass' });
      for (const rv of [2, 3, 4].map((k) => `demo-reviewer-2-${k}`)) await h.ok(rv, 'audit', 'sign', { applicationId: first._id, decision: 'approve' });
      const app = await submit('h-lx-1-04');
      const paused = pauseAfterRead(h.db, C.auditMonths, 'v-liuxi_2026-11');
      const review = callWith({ ...h.deps, db: paused.db }, 'demo-gridworker-2-1', 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
      await paused.reached.promise;
      // While the first review waits (having read November open), the leader closes November.
      const closed = await h.ok('demo-reviewer-2-1', 'audit', 'close', { month: '2026-11' });
      expect(closed.summary.status).toBe('closed');
      paused.go.fire();
      const r = await review;
      expect(r.ok).toBe(true);
      const stored = (await h.db.collection<Application>(C.applications).doc(app._id).get()).data[0];
      expect(stored.status).toBe('first_reviewed');
      const month = (await h.db.collection<AuditMonth>(C.auditMonths).doc(`v-liuxi_${stored.auditMonth}`).get()).data[0];
      expect(month.status).toBe('open');
      // … so the committee can still decide it.
      for (const rv of [2, 3, 4].map((k) => `demo-reviewer-2-${k}`)) await h.ok(rv, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
    } finally {
      h.setNow(NOW);
    }
  }, 60_000);

  it('a redemption that read the household unbarred keeps a veto out until it commits: the veto lands after it, never in between', async () => {
    await h.ok('demo-admin-1', 'catalogue', 'setRules', { veto: { mode: 'bar_months', barMonths: 3 } });
    const HH = 'h-qs-2-05'; // 二组5号, 120 points
    const before = await h.ok('demo-admin-1', 'ledger', 'balance', { householdId: HH });
    const { code } = await h.ok('demo-villager-b-1', 'shop', 'myCode', {});
    const paused = pauseAfterRead(h.db, C.households, HH);
    const redeem = callWith({ ...h.deps, db: paused.db }, 'demo-clerk-1', 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
    await paused.reached.promise;
    // While the redemption waits (having read no bar), a veto is recorded and countersigned:
    // the countersign writes the household the redemption holds, so it conflicts and retries.
    const v = await h.ok('demo-reviewer-1-1', 'veto', 'record', { requestId: rid(), householdId: HH, item: '违法违纪', description: '酒后驾驶被交警处罚', eventDate: '2026-11-10' });
    const store = h.standinStore;
    if (!store) throw new Error('not on the stand-in');
    const conflicts = store.stats.conflicts;
    let signedAt = 0;
    const countersign = h.call('demo-supervisor-1-2', 'veto', 'countersign', { vetoId: v._id }).then((r) => {
      signedAt = performance.now();
      return r;
    });
    while (store.stats.conflicts === conflicts) await new Promise((r) => setTimeout(r, 5));
    expect(signedAt).toBe(0);
    const releasedAt = performance.now();
    paused.go.fire();
    const r = await redeem;
    expect(r).toMatchObject({ ok: true });
    expect(await countersign).toMatchObject({ ok: true, data: { status: 'effective' } });
    // The veto committed only after the redemption was let go.
    expect(signedAt).toBeGreaterThan(releasedAt);
    expect((await h.ok('demo-admin-1', 'ledger', 'balance', { householdId: HH })).redeemable).toBe(before.redeemable - 5);
    // And from now on the bar holds.
    const { code: next } = await h.ok('demo-villager-b-1', 'shop', 'myCode', {});
    expect(await h.call('demo-clerk-1', 'shop', 'redeem', { requestId: rid(), code: next, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] })).toMatchObject({ ok: false, code: 'NOT_ELIGIBLE' });
  }, 60_000);
});

describe('no hot document: postings of one village do not collide', () => {
  const CLERK = 'demo-clerk-1';
  const ADMIN = 'demo-admin-1';

  async function member(householdId: string, points: number): Promise<string> {
    const openid = `cb-${householdId}`;
    await h.db.collection(C.identities).doc(openid).set({ personId: `${householdId}-m1`, boundAt: NOW });
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: `cb-grant-${householdId}`, householdId, points, reason: '并发测试发放' });
    return openid;
  }

  it('8 simultaneous redemptions for 8 households of one village: none fails, the totals add up', async () => {
    await h.ok(ADMIN, 'catalogue', 'setRules', { veto: { mode: 'clear_and_bar_year', barMonths: 12 } });
    const hids = [1, 2, 4, 6, 7, 8, 9, 10].map((n) => `h-qs-3-${String(n).padStart(2, '0')}`);
    const codes: string[] = [];
    for (const hid of hids) codes.push((await h.ok(await member(hid, 50), 'shop', 'myCode', {})).code);
    const before = await villageTotals(h.db, 'v-qingshan');
    const rs = await Promise.all(codes.map((code, i) => h.call(CLERK, 'shop', 'redeem', { requestId: `cb-eight-${i}`, code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] })));
    expect(rs.filter((r) => !r.ok)).toEqual([]);
    const after = await villageTotals(h.db, 'v-qingshan');
    expect(after.spentPoints - before.spentPoints).toBe(8 * 5);
    expect(await ledgerViolations(h.db)).toEqual([]);
  }, 60_000);

  it('24 simultaneous redemptions of one goods for 24 households: none fails, they take from many stock shards, stock and totals add up', async () => {
    const GOODS = 'goods_qs-05';
    await h.ok(ADMIN, 'shop', 'stockIn', { requestId: 'cb-hot-goods-in', goodsId: GOODS, quantity: 200, costYuan: 200 });
    // Households of grids 1–2 that no veto bars (the seed may bar some).
    const hids = (await readAll<Household & { vetoedUntil?: string | null }>(h.db, C.households))
      .filter((x) => /^h-qs-[12]-/.test(x._id) && !x.vetoedUntil)
      .map((x) => x._id)
      .slice(0, 24);
    expect(hids).toHaveLength(24);
    const codes: string[] = [];
    for (const hid of hids) codes.push((await h.ok(await member(hid, 100), 'shop', 'myCode', {})).code);
    const shardsBefore = (await readAll<StockShard>(h.db, C.stockShards)).filter((x) => x.goodsId === GOODS);
    const stockBefore = (await shopRepo.goods(h.db, GOODS))?.stock ?? 0;
    const rs = await Promise.all(codes.map((code, i) => h.call(CLERK, 'shop', 'redeem', { requestId: `cb-hot-${i}`, code, lines: [{ goodsId: GOODS, quantity: 1 }] })));
    expect(rs.filter((r) => !r.ok)).toEqual([]);
    expect((await shopRepo.goods(h.db, GOODS))?.stock).toBe(stockBefore - 24);
    // One stock document would have been written by every one of them (each waiting for the last):
    // the shards taken from are many.
    const shardsAfter = (await readAll<StockShard>(h.db, C.stockShards)).filter((x) => x.goodsId === GOODS);
    const touched = shardsAfter.filter((x) => x.stock < (shardsBefore.find((b) => b._id === x._id)?.stock ?? 0));
    expect(touched.length).toBeGreaterThanOrEqual(6);
    expect(await ledgerViolations(h.db)).toEqual([]);
  }, 90_000);

  it('200 confirms of one code with one requestId: one charge, no error shown to the clerk', async () => {
    const who = await member('h-qs-3-11', 100);
    const { code } = await h.ok(who, 'shop', 'myCode', {});
    const before = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-11' });
    const input = { requestId: 'cb-same-request', code, lines: [{ goodsId: 'goods_qs-06', quantity: 2 }] };
    const rs = await Promise.all(Array.from({ length: 200 }, () => h.call(CLERK, 'shop', 'redeem', input)));
    expect(rs.filter((r) => !r.ok)).toEqual([]);
    expect(new Set(rs.map((r) => (r.ok ? (r.data as { _id: string })._id : null))).size).toBe(1);
    const after = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-11' });
    expect(after.redeemable).toBe(before.redeemable - 30);
    expect(after.seq).toBe(before.seq + 1);
  }, 60_000);
});

describe('batches fit CloudBase (≤ 100 operations per transaction)', () => {
  it('a month close of 60 households posts them in transactions of at most 100 operations', async () => {
    const store = h.standinStore;
    if (!store) throw new Error('not on the stand-in');
    const hids = Array.from({ length: 60 }, (_, i) => `h-bulk-${String(i).padStart(3, '0')}`);
    const apps = hids.map((householdId, i) => ({
      _id: `app-bulk-${i}`, townId: 't-demo', villageId: 'v-liuxi', householdId, auditMonth: '2026-08', deedDate: '2026-08-10', status: 'approved', audit: { points: 5 },
    }));
    store.load(EJSON.stringify({ [C.applications]: apps }, { relaxed: false }));
    const leader = (await h.db.collection<Person>(C.people).doc('h-lx-1-11-m1').get()).data[0];
    store.stats.maxTxOps = 0;
    const done = await closeMonth(h.deps, leader, 'v-liuxi', '2026-08');
    expect(done).toMatchObject({ status: 'closed', postedHouseholds: 60, postedPoints: 300 });
    expect(store.stats.maxTxOps).toBeGreaterThan(50);
    expect(store.stats.maxTxOps).toBeLessThanOrEqual(100);
    expect(await ledgerViolations(h.db)).toEqual([]);
  }, 60_000);
});

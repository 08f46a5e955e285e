/**
 * 一月一审核 through the audit function: quorum sign-off, conflict of interest, supervisors'
 * freeze, the leader's close into the ledger (idempotent, resumable after a crash), late months,
 * and the base score with its shop gate.
 */
import { C } from '@backend/repos/collections';
import { closeMonth } from '@backend/audit/close';
import { baseScoresRepo } from '@backend/repos/baseScores';
import type { Database, Transaction } from '@backend/db/types';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { Person } from '@domain/org/types';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { JPEG, NOW, openHarness, upload, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';
import { ADMIN, CLERK, REVIEWER, REVIEWER_OTHER_VILLAGE, SUPERVISOR, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { readAll, villageTotals } from '../support/invariants';
import { metered } from '../support/metered';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const R = [1, 2, 3, 4, 5].map((i) => `demo-reviewer-1-${i}`); // 一组11号, 二组12号, 三组13号, 一组14号, 二组15号
const LEADER = R[0];
const SUPERVISOR_2 = 'demo-supervisor-1-2';
const at = (iso: string) => Date.parse(`${iso}+08:00`);
let seq = 0;
const rid = () => `aud-${Date.now().toString(36)}-${++seq}`;

/** A villager's application that passed first review (first review as the grid's worker or leader). */
async function work(opts: { who?: string; worker?: string; item?: string; date?: string } = {}): Promise<string> {
  const who = opts.who ?? VILLAGER;
  const app = await h.ok(who, 'points', 'submit', {
    requestId: rid(),
    itemCode: opts.item ?? 'PV-05',
    deedDate: opts.date ?? '2026-11-18',
    place: '村委会',
    description: '参加志愿服务',
    photos: [await upload(h, JPEG, who)],
  });
  await h.ok(opts.worker ?? WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
  return app._id;
}

const sign = (who: string, applicationId: string, decision: 'approve' | 'reject' | 'adjust' | 'fraud', extra: { points?: number; reason?: string } = {}) =>
  h.call(who, 'audit', 'sign', { applicationId, decision, ...extra });
const status = async (id: string) => (await h.ok(REVIEWER, 'points', 'get', { applicationId: id })).status;

async function auditCount(): Promise<number[]> {
  return [await h.count(C.applications), await h.count(C.ledgerEntries), await h.count(C.auditMonths), await h.count(C.baseScores)];
}
async function appDoc(id: string) {
  return (await h.ok(SUPERVISOR, 'points', 'get', { applicationId: id }));
}

describe('first review joins the audit month', () => {
  it('a pass stores auditMonth (the deed month) and opens that month', async () => {
    const id = await work();
    const app = await appDoc(id);
    expect(app).toMatchObject({ status: 'first_reviewed', auditMonth: '2026-11' });
    const month = await h.ok(REVIEWER, 'audit', 'month', { month: '2026-11' });
    expect(month.summary).toMatchObject({ villageId: 'v-qingshan', status: 'open', closeBy: '2026-12-10', late: false });
    expect(month.items.map((i) => i._id)).toContain(id);
    expect(month.quorum).toBe(3);
    // Settle it so the month can close later.
    for (const r of R.slice(1, 4)) await h.ok(r, 'audit', 'sign', { applicationId: id, decision: 'approve' });
  });
});

describe('audit.sign — the quorum', () => {
  it('2 of 5 are not enough; the 3rd agreeing signature takes effect', async () => {
    const id = await work();
    await h.ok(R[1], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    const two = await h.ok(R[2], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expect(two).toMatchObject({ status: 'first_reviewed', audit: { decision: null } });
    expect(two.audit?.signatures.map((s) => s.reviewerName)).toHaveLength(2);
    const three = await h.ok(R[3], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expect(three).toMatchObject({ status: 'approved', audit: { decision: 'approve', points: 5 }, canSign: false });
    expect(three.history.map((x) => x.action).slice(-4)).toEqual(['audit_sign', 'audit_sign', 'audit_sign', 'audit_decide']);
    // Decided: nobody signs again.
    expectRefused(await sign(R[4], id, 'reject', { reason: '晚了' }), 'INVALID_TRANSITION');
  });

  it('a 2/2/1 split stays pending; a reviewer changes their signature and the quorum forms', async () => {
    const id = await work();
    await h.ok(R[1], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    await h.ok(R[2], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    await h.ok(R[3], 'audit', 'sign', { applicationId: id, decision: 'reject', reason: '证据不足' });
    await h.ok(R[4], 'audit', 'sign', { applicationId: id, decision: 'reject', reason: '照片不清' });
    const split = await h.ok(LEADER, 'audit', 'sign', { applicationId: id, decision: 'adjust', points: 3, reason: '部分参与' });
    expect(split.status).toBe('first_reviewed');
    expect(split.audit?.signatures).toHaveLength(5);
    expect(split.mySignature).toMatchObject({ decision: 'adjust', points: 3, reason: '部分参与' });
    // The screen shows who signed what.
    const month = await h.ok(SUPERVISOR, 'audit', 'month', { month: '2026-11' });
    const item = month.items.find((i) => i._id === id)!;
    expect(item.audit?.signatures.map((s) => [s.reviewerName.length > 0, s.decision]).sort()).toEqual(
      [[true, 'adjust'], [true, 'approve'], [true, 'approve'], [true, 'reject'], [true, 'reject']].sort(),
    );
    const changed = await h.ok(R[3], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expect(changed).toMatchObject({ status: 'approved', audit: { decision: 'approve', points: 5 } });
    expect(changed.audit?.signatures).toHaveLength(5);
    expect(changed.history.map((x) => x.action)).toContain('audit_resign');
  });

  it('an adjustment takes effect only when 3 agree on the same points, within the item', async () => {
    const id = await work();
    await h.ok(R[1], 'audit', 'sign', { applicationId: id, decision: 'adjust', points: 3, reason: '部分完成' });
    await h.ok(R[2], 'audit', 'sign', { applicationId: id, decision: 'adjust', points: 2, reason: '部分完成' });
    expect((await h.ok(R[3], 'audit', 'sign', { applicationId: id, decision: 'adjust', points: 3, reason: '部分完成' })).status).toBe('first_reviewed');
    const before = await auditCount();
    expectRefused(await sign(R[4], id, 'adjust', { points: 6, reason: '多给' }), 'ADJUST_OUT_OF_RANGE');
    expectRefused(await sign(R[4], id, 'adjust', { points: 0, reason: '零' }), 'ADJUST_OUT_OF_RANGE');
    expectRefused(await sign(R[4], id, 'adjust', { points: -2, reason: '负' }), 'ADJUST_OUT_OF_RANGE');
    expectRefused(await sign(R[4], id, 'adjust', { reason: '没写分' }), 'BAD_INPUT');
    expectRefused(await sign(R[4], id, 'adjust', { points: 3 }), 'REASON_REQUIRED');
    expectRefused(await sign(R[4], id, 'reject'), 'REASON_REQUIRED');
    expectRefused(await sign(R[4], id, 'fraud', { reason: '  ' }), 'REASON_REQUIRED');
    expectRefused(await h.call(R[4], 'audit', 'sign', { applicationId: id, decision: 'maybe' }), 'BAD_INPUT');
    expectRefused(await h.call(R[4], 'audit', 'sign', { applicationId: id, decision: 'approve', reason: '好'.repeat(201) }), 'BAD_INPUT');
    expect(await auditCount()).toEqual(before);
    expect((await appDoc(id)).audit?.signatures).toHaveLength(3);
    const done = await h.ok(R[2], 'audit', 'sign', { applicationId: id, decision: 'adjust', points: 3, reason: '同意 3 分' });
    expect(done).toMatchObject({ status: 'approved', points: 5, audit: { decision: 'adjust', points: 3 } });
  });

  it('nobody signs on their own household’s application (OWN_HOUSEHOLD_REVIEW); the page says so', async () => {
    const id = await work({ who: LEADER }); // the leader lives in 一组11号
    const r = await sign(LEADER, id, 'approve');
    expectRefused(r, 'OWN_HOUSEHOLD_REVIEW');
    const month = await h.ok(LEADER, 'audit', 'month', { month: '2026-11' });
    expect(month.items.find((i) => i._id === id)).toMatchObject({ canSign: false });
    expect(month.items.find((i) => i._id !== id && i.status === 'first_reviewed')?.canSign ?? true).toBe(true);
    for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expect(await status(id)).toBe('approved');
  });

  it('refuses people outside the village committee', async () => {
    const id = await work();
    const before = await auditCount();
    expectRefused(await sign(REVIEWER_OTHER_VILLAGE, id, 'approve'), 'NOT_FOUND');
    for (const who of [VILLAGER, WORKER_G1, ADMIN, TOWN, CLERK, SUPERVISOR]) expectRefused(await sign(who, id, 'approve'), 'FORBIDDEN');
    expectRefused(await sign('stranger-openid', id, 'approve'), 'NOT_REGISTERED');
    expectRefused(await sign(R[1], 'no-such-application', 'approve'), 'NOT_FOUND');
    expect(await auditCount()).toEqual(before);
    for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: id, decision: 'reject', reason: '不符合' });
    expect(await status(id)).toBe('rejected');
  });

  it('a submitted application (not yet first-reviewed) cannot be signed', async () => {
    const app = await h.ok(VILLAGER, 'points', 'submit', { requestId: rid(), itemCode: 'PV-05', deedDate: '2026-11-18', place: '村委会', description: '志愿', photos: [await upload(h, JPEG)] });
    expectRefused(await sign(R[1], app._id, 'approve'), 'INVALID_TRANSITION');
    await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'return', reason: '请补充' });
  });
});

describe('audit.month — who reads', () => {
  it('the committee, supervisors, the village admin and the town admin read; others do not', async () => {
    for (const who of [R[1], SUPERVISOR, ADMIN]) expect((await h.ok(who, 'audit', 'month', { month: '2026-11' })).summary.villageId).toBe('v-qingshan');
    expect((await h.ok(TOWN, 'audit', 'month', { month: '2026-11', villageId: 'v-qingshan' })).items.length).toBeGreaterThan(0);
    const sup = await h.ok(SUPERVISOR, 'audit', 'month', { month: '2026-11' });
    expect(sup.role).toEqual({ reviewer: false, leader: false, supervisor: true });
    expect(sup.items.every((i) => !i.canSign)).toBe(true);
    expect((await h.ok(LEADER, 'audit', 'month', { month: '2026-11' })).role.leader).toBe(true);
    for (const who of [VILLAGER, WORKER_G1, CLERK]) expectRefused(await h.call(who, 'audit', 'month', { month: '2026-11' }), 'FORBIDDEN');
    expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'audit', 'month', { month: '2026-11', villageId: 'v-qingshan' }), 'NOT_FOUND');
    expect((await h.ok(REVIEWER_OTHER_VILLAGE, 'audit', 'month', { month: '2026-11' })).items).toEqual([]);
    expectRefused(await h.call(R[1], 'audit', 'month', { month: '2026-13' }), 'BAD_INPUT');
    expectRefused(await h.call(R[1], 'audit', 'month', { month: '2026-11', limit: 101 }), 'BAD_INPUT');
  });

  it('pages by id', async () => {
    const all = await h.ok(R[1], 'audit', 'month', { month: '2026-11', limit: 100 });
    const first = await h.ok(R[1], 'audit', 'month', { month: '2026-11', limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await h.ok(R[1], 'audit', 'month', { month: '2026-11', limit: 2, afterId: first.nextAfterId! });
    expect([...first.items, ...second.items].map((i) => i._id)).toEqual(all.items.slice(0, 4).map((i) => i._id));
  });
});

describe('audit.freeze / unfreeze (监督小组)', () => {
  let id: string;
  it('a supervisor freezes an undecided application: it cannot be signed', async () => {
    id = await work();
    await h.ok(R[1], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expectRefused(await h.call(SUPERVISOR, 'audit', 'freeze', { applicationId: id, reason: '' }), 'BAD_INPUT');
    for (const who of [R[1], VILLAGER, ADMIN]) expectRefused(await h.call(who, 'audit', 'freeze', { applicationId: id, reason: '需核实' }), 'FORBIDDEN');
    expectRefused(await h.call('demo-supervisor-2-1', 'audit', 'freeze', { applicationId: id, reason: '需核实' }), 'NOT_FOUND');
    const frozen = await h.ok(SUPERVISOR, 'audit', 'freeze', { applicationId: id, reason: '照片与事由不符' });
    expect(frozen).toMatchObject({ status: 'first_reviewed', audit: { frozen: { reason: '照片与事由不符' } }, canFreeze: false, canUnfreeze: true, canSign: false });
    expect(frozen.history[frozen.history.length - 1]).toMatchObject({ action: 'audit_freeze', note: '照片与事由不符' });
    expectRefused(await sign(R[2], id, 'approve'), 'FROZEN', /冻结/);
    expectRefused(await h.call(SUPERVISOR_2, 'audit', 'freeze', { applicationId: id, reason: '再冻' }), 'INVALID_TRANSITION');
    const month = await h.ok(R[2], 'audit', 'month', { month: '2026-11' });
    expect(month.summary.frozen).toBeGreaterThanOrEqual(1);
  });

  it('the month cannot close while something is frozen', async () => {
    h.setNow(at('2026-12-02T09:00:00'));
    try {
      expectRefused(await h.call(LEADER, 'audit', 'close', { month: '2026-11' }), 'FROZEN');
      expect((await h.ok(LEADER, 'audit', 'month', { month: '2026-11' })).summary.status).toBe('open');
    } finally {
      h.setNow(NOW);
    }
  });

  it('another supervisor unfreezes; signing resumes', async () => {
    expectRefused(await h.call(R[1], 'audit', 'unfreeze', { applicationId: id }), 'FORBIDDEN');
    const open = await h.ok(SUPERVISOR_2, 'audit', 'unfreeze', { applicationId: id, reason: '已核实' });
    expect(open).toMatchObject({ audit: { frozen: null }, canSign: false, canFreeze: true });
    expectRefused(await h.call(SUPERVISOR_2, 'audit', 'unfreeze', { applicationId: id }), 'INVALID_TRANSITION');
    await h.ok(R[2], 'audit', 'sign', { applicationId: id, decision: 'approve' });
    expect((await h.ok(R[3], 'audit', 'sign', { applicationId: id, decision: 'approve' })).status).toBe('approved');
    expect((await appDoc(id)).history.map((x) => x.action)).toEqual(expect.arrayContaining(['audit_freeze', 'audit_unfreeze']));
  });
});

describe('audit.close — November: points into pending, fraud costs double', () => {
  let fraudId: string;
  let undecidedId: string;
  const entryId = (hid: string) => `aud-v-qingshan-2026-11-${hid}`;

  it('fraud is decided like any other decision; an undecided one blocks the close', async () => {
    fraudId = await work({ who: 'demo-villager-b-1', worker: 'demo-gridworker-1-2', item: 'RB-06' }); // 二组5号
    for (const rv of [R[0], R[2], R[3]]) await h.ok(rv, 'audit', 'sign', { applicationId: fraudId, decision: 'fraud', reason: '照片系网上下载' });
    expect(await appDoc(fraudId)).toMatchObject({ status: 'fraud', audit: { decision: 'fraud', points: -10 } });
    undecidedId = await work();
    h.setNow(at('2026-12-05T09:00:00'));
    try {
      const r = await h.call(LEADER, 'audit', 'close', { month: '2026-11' });
      expectRefused(r, 'UNDECIDED', /1 件/);
      expect((await h.ok(LEADER, 'audit', 'month', { month: '2026-11' })).canClose).toBe(false);
    } finally {
      h.setNow(NOW);
    }
  });

  it('only the leader closes, and only a month that is over', async () => {
    for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: undecidedId, decision: 'approve' });
    const before = await auditCount();
    expectRefused(await h.call(LEADER, 'audit', 'close', { month: '2026-11' }), 'MONTH_NOT_OVER');
    for (const who of [R[1], SUPERVISOR, ADMIN, TOWN, VILLAGER]) expectRefused(await h.call(who, 'audit', 'close', { month: '2026-11' }), 'FORBIDDEN');
    expectRefused(await h.call(LEADER, 'audit', 'close', { month: 'Nov' }), 'BAD_INPUT');
    expect(await auditCount()).toEqual(before);
  });

  it('closing posts ONE pending entry per household with its net; a rerun posts nothing', async () => {
    h.setNow(at('2026-12-05T09:00:00'));
    try {
      const balanceBefore = (await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-1-03' })) ;
      const bBefore = (await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-2-05' }));
      expect((await h.ok(LEADER, 'audit', 'month', { month: '2026-11' })).canClose).toBe(true);
      const { summary } = await h.ok(LEADER, 'audit', 'close', { month: '2026-11' });
      expect(summary).toMatchObject({ status: 'closed', late: false, undecided: 0, closedByName: expect.any(String) });
      // 一组3号: approved 5 + 5 + 5 (changed signature) + 3 (adjusted) + 5 (unfrozen) + 5 (undecided, now approved); rejected 0.
      const e = (await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(entryId('h-qs-1-03')).get()).data[0];
      expect(e).toMatchObject({
        kind: 'application',
        bucket: 'pending',
        delta: 28,
        period: '2026-11',
        sourceId: 'v-qingshan_2026-11',
        label: '2026年11月评议入账',
        actorId: 'h-qs-1-11-m1',
      });
      const f = (await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(entryId('h-qs-2-05')).get()).data[0];
      expect(f).toMatchObject({ delta: -10, bucket: 'pending' });
      const after = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-1-03' });
      expect(after).toMatchObject({ pending: balanceBefore.pending + 28, redeemable: balanceBefore.redeemable });
      const b = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-2-05' });
      expect(b).toMatchObject({ pending: bBefore.pending - 10, redeemable: bBefore.redeemable });
      // The leader's own household (一组11号): approved 5 without their signature.
      expect((await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(entryId('h-qs-1-11')).get()).data[0]?.delta).toBe(5);
      expect(summary).toMatchObject({ postedHouseholds: 3, postedPoints: 23 });

      const entries = await h.count(C.ledgerEntries);
      const again = await h.ok(LEADER, 'audit', 'close', { month: '2026-11' });
      expect(again.summary).toEqual(summary);
      expect(await h.count(C.ledgerEntries)).toBe(entries);
      // Decided applications are not rewritten at close: 入账 follows from the month.
      expect((await appDoc(fraudId)).status).toBe('fraud');
      const month = (await h.db.collection<AuditMonth>(C.auditMonths).doc('v-qingshan_2026-11').get()).data[0];
      expect(month.history.map((x) => x.action)).toEqual(['open', 'close_start', 'close']);
      expect(month.history[0].actorName).toBeTruthy(); // the grid worker whose first review opened it
      const totals = (await villageTotals(h.db, 'v-qingshan'));
      const balances = (await h.db.collection<Balance>(C.balances).where({ villageId: 'v-qingshan' }).limit(1000).get()).data;
      expect(totals.pendingPoints).toBe(balances.reduce((s, x) => s + x.pending, 0));
    } finally {
      h.setNow(NOW);
    }
  });

  it('after the close a new first review of a November deed joins December', async () => {
    h.setNow(at('2026-12-06T09:00:00'));
    try {
      const id = await work({ date: '2026-11-28' });
      expect((await appDoc(id)).auditMonth).toBe('2026-12');
      const months = await h.ok(ADMIN, 'audit', 'months', {});
      expect(months.items.map((m) => [m.month, m.status])).toEqual(expect.arrayContaining([['2026-12', 'open'], ['2026-11', 'closed']]));
    } finally {
      h.setNow(NOW);
    }
  });
});

describe('late months (每月10日前)', () => {
  it('October still open on 11 November shows late to the village and the town; closing then stays late', async () => {
    h.setNow(at('2026-11-11T09:00:00'));
    try {
      const id = await work({ date: '2026-10-30' });
      expect((await appDoc(id)).auditMonth).toBe('2026-10');
      for (const rv of R.slice(1, 4)) await h.ok(rv, 'audit', 'sign', { applicationId: id, decision: 'approve' });
      const town = await h.ok(TOWN, 'audit', 'months', {});
      expect(town.items.find((m) => m.villageId === 'v-qingshan' && m.month === '2026-10')).toMatchObject({ late: true, status: 'open', closeBy: '2026-11-10' });
      expect((await h.ok(SUPERVISOR, 'audit', 'months', {})).items.find((m) => m.month === '2026-10')?.late).toBe(true);
      expectRefused(await h.call(VILLAGER, 'audit', 'months', {}), 'FORBIDDEN');
      expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'audit', 'months', { villageId: 'v-qingshan' }), 'NOT_FOUND');
      const { summary } = await h.ok(LEADER, 'audit', 'close', { month: '2026-10' });
      expect(summary).toMatchObject({ status: 'closed', late: true, postedHouseholds: 1, postedPoints: 5 });
      h.setNow(NOW);
      expect((await h.ok(TOWN, 'audit', 'months', {})).items.find((m) => m.month === '2026-10' && m.villageId === 'v-qingshan')).toMatchObject({ late: true, status: 'closed' });
    } finally {
      h.setNow(NOW);
    }
  });

  it('closing on the 10th is on time', async () => {
    h.setNow(at('2026-11-10T20:00:00'));
    try {
      // 柳溪村's October: nothing in it; the leader closes on the last day.
      const { summary } = await h.ok('demo-reviewer-2-1', 'audit', 'close', { month: '2026-10' });
      expect(summary).toMatchObject({ status: 'closed', late: false, postedHouseholds: 0 });
    } finally {
      h.setNow(NOW);
    }
  });
});

describe('close is idempotent across a crash', () => {
  /** A database whose transactions fail (roll back) from the n-th on: a crash mid-close. */
  function crashing(db: Database, n: number): Database {
    let count = 0;
    return new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === 'runTransaction') {
          return <R>(fn: (tx: Transaction) => Promise<R>, attempts?: number) =>
            target.runTransaction(async (tx) => {
              const r = await fn(tx);
              if (++count >= n) throw new Error('simulated crash');
              return r;
            }, attempts);
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
  }

  it('a crash after some batches, then a rerun: every household once, the same ledger', async () => {
    // 柳溪村 November: 6 households of 一组 (4…9号), decided by its committee (the last one: fraud).
    const hids = [4, 5, 6, 7, 8, 9].map((n) => `h-lx-1-0${n}`);
    for (const [i, hid] of hids.entries()) {
      const app = await h.ok('demo-gridleader-2-1', 'points', 'submitOnBehalf', {
        requestId: rid(), householdId: hid, itemCode: 'PV-05', deedDate: '2026-11-1' + String(i), place: '村委会', description: '志愿服务', photos: [await upload(h, JPEG, 'demo-gridleader-2-1')],
      });
      await h.ok('demo-gridworker-2-1', 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
      const decision = i === 5 ? 'fraud' : 'approve';
      for (const rv of [2, 3, 4].map((k) => `demo-reviewer-2-${k}`)) await h.ok(rv, 'audit', 'sign', { applicationId: app._id, decision, reason: '核实' });
    }
    const leader = (await h.db.collection<Person>(C.people).doc('h-lx-1-11-m1').get()).data[0];
    const before = new Map<string, Balance>();
    for (const hid of hids) before.set(hid, (await h.db.collection<Balance>(C.balances).doc(hid).get()).data[0]);
    h.setNow(at('2026-12-03T09:00:00'));
    try {
      // Transactions: 1 = start, 2.. = batches of 2 households; the 3rd transaction (2nd batch) crashes.
      await expect(closeMonth({ ...h.deps, db: crashing(h.db, 3) }, leader, 'v-liuxi', '2026-11', { batch: 2 })).rejects.toThrow('simulated crash');
      const mid = (await h.db.collection<AuditMonth>(C.auditMonths).doc('v-liuxi_2026-11').get()).data[0];
      expect(mid).toMatchObject({ status: 'closing', closeCursor: hids[1] });
      const posted = async () => (await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ villageId: 'v-liuxi', period: '2026-11' }).limit(100).get()).data;
      expect((await posted()).map((e) => e.householdId).sort()).toEqual(hids.slice(0, 2));
      // Rerun (as the leader would press again): resumes after the last committed batch.
      const done = await closeMonth(h.deps, leader, 'v-liuxi', '2026-11', { batch: 2 });
      expect(done).toMatchObject({ status: 'closed', postedHouseholds: 6, postedPoints: 5 * 5 - 10 });
      const entries = await posted();
      expect(entries.map((e) => e.householdId).sort()).toEqual(hids);
      expect(new Set(entries.map((e) => e._id)).size).toBe(6);
      for (const hid of hids) {
        const b = (await h.db.collection<Balance>(C.balances).doc(hid).get()).data[0];
        const was = before.get(hid);
        expect(b.pending - (was?.pending ?? 0)).toBe(hid === hids[5] ? -10 : 5);
        expect(b.seq - (was?.seq ?? 0)).toBe(1);
      }
      // Yet another rerun and a concurrent pair change nothing.
      const count = await h.count(C.ledgerEntries);
      await Promise.all([closeMonth(h.deps, leader, 'v-liuxi', '2026-11'), h.ok('demo-reviewer-2-1', 'audit', 'close', { month: '2026-11' })]);
      expect(await h.count(C.ledgerEntries)).toBe(count);
      const m = (await h.db.collection<AuditMonth>(C.auditMonths).doc('v-liuxi_2026-11').get()).data[0];
      expect(m.history.map((x) => x.action)).toEqual(['open', 'close_start', 'close_resume', 'close']);
    } finally {
      h.setNow(NOW);
    }
  });
});

describe('close within a time budget', () => {
  it('stops after a batch when the budget is spent, stays closing, and the next call continues', async () => {
    // 柳溪村 September: 5 households of 二组, all approved.
    const hids = [4, 5, 6, 7, 8].map((n) => `h-lx-2-0${n}`);
    h.setNow(at('2026-10-05T09:00:00'));
    try {
      for (const hid of hids) {
        const app = await h.ok('demo-gridleader-2-2', 'points', 'submitOnBehalf', {
          requestId: rid(), householdId: hid, itemCode: 'PV-05', deedDate: '2026-09-20', place: '村委会', description: '志愿服务', photos: [await upload(h, JPEG, 'demo-gridleader-2-2')],
        });
        await h.ok('demo-gridworker-2-2', 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
        for (const rv of [2, 3, 4].map((k) => `demo-reviewer-2-${k}`)) await h.ok(rv, 'audit', 'sign', { applicationId: app._id, decision: 'approve' });
      }
      const leader = (await h.db.collection<Person>(C.people).doc('h-lx-1-11-m1').get()).data[0];
      const first = await closeMonth(h.deps, leader, 'v-liuxi', '2026-09', { batch: 2, budgetMs: 0 });
      expect(first).toMatchObject({ status: 'closing', closeCursor: hids[1] });
      const second = await closeMonth(h.deps, leader, 'v-liuxi', '2026-09', { batch: 2, budgetMs: 0 });
      expect(second).toMatchObject({ status: 'closing', closeCursor: hids[3] });
      const last = await closeMonth(h.deps, leader, 'v-liuxi', '2026-09', { batch: 2, budgetMs: 0 });
      expect(last).toMatchObject({ status: 'closed', postedHouseholds: 5, postedPoints: 25, late: false });
      const entries = (await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ villageId: 'v-liuxi', period: '2026-09' }).limit(100).get()).data;
      expect(entries.map((e) => e.householdId).sort()).toEqual(hids);
    } finally {
      h.setNow(NOW);
    }
  });
});

describe('close of a big month: each call works for its batches, not the month', () => {
  it('60 households in batches of 2 on a budget of 100 ticks: every call within it, the month posted once', async () => {
    const V = 'v-close-budget';
    const MONTH = '2026-09';
    await h.db.collection(C.villages).doc(V).set({ townId: 'town-qinghe', name: '预算村', policy: {} });
    const hid = (i: number) => `${V}-h${String(i).padStart(3, '0')}`;
    const app = (householdId: string, n: number, points: number, legacy = false) =>
      h.db.collection(C.applications).doc(`${householdId}-a${n}`).set({
        townId: 'town-qinghe', villageId: V, householdId, status: points < 0 ? 'fraud' : 'approved', deedDate: `${MONTH}-10`,
        ...(legacy ? {} : { auditMonth: MONTH }), audit: { signatures: [], frozen: null, decision: points < 0 ? 'fraud' : 'approve', points, decidedAt: NOW },
      });
    for (let i = 0; i < 60; i++) for (let n = 0; n < 2; n++) await app(hid(i), n, i % 10 === 0 && n === 1 ? -10 : 5);
    // One household with more applications than a batch's page, one only from before the audit.
    for (let n = 2; n < 14; n++) await app(hid(7), n, 1);
    await app(hid(60), 0, 4, true);
    const leader: Person = { _id: 'p-close-budget-leader', townId: 'town-qinghe', villageId: null, householdId: null, name: '组长', relation: null, roles: [{ role: 'reviewer', scope: 'village', scopeId: V, lead: true }] };
    const clock = { t: 0 };
    const deps = { ...h.deps, db: metered(h.db, clock) };
    const calls: number[] = [];
    let m: AuditMonth;
    do {
      const t0 = clock.t;
      m = await closeMonth(deps, leader, V, MONTH, { batch: 2, budgetMs: 100, clock: () => clock.t });
      calls.push(clock.t - t0);
      expect(calls.length).toBeLessThan(100);
    } while (m.status !== 'closed');
    // The month has 133 decided applications: a call reading them all would be over budget.
    expect(Math.max(...calls)).toBeLessThanOrEqual(100);
    expect(calls.length).toBeGreaterThan(1);
    const points = 60 * 10 - 6 * 15 + 12 + 4;
    expect(m).toMatchObject({ status: 'closed', postedHouseholds: 61, postedPoints: points });
    const entries = await readAll<LedgerEntry>(h.db, C.ledgerEntries);
    const mine = entries.filter((e) => e.sourceId === auditMonthId(V, MONTH));
    expect(mine).toHaveLength(61);
    expect(mine.reduce((s, e) => s + e.delta, 0)).toBe(points);
    expect(mine.find((e) => e.householdId === hid(7))?.delta).toBe(22);
    expect(mine.find((e) => e.householdId === hid(60))?.delta).toBe(4);
  });
});

describe('first review never joins a closed month', () => {
  it('with the deed month and (clocks disagreeing) the current month closed, the next open month', async () => {
    // 柳溪村 October and November are closed by the tests above; the clock goes back to 5 November.
    h.setNow(at('2026-11-05T09:00:00'));
    try {
      const app = await h.ok('demo-gridleader-2-2', 'points', 'submitOnBehalf', {
        requestId: rid(), householdId: 'h-lx-2-09', itemCode: 'PV-05', deedDate: '2026-10-28', place: '村委会', description: '志愿服务', photos: [await upload(h, JPEG, 'demo-gridleader-2-2')],
      });
      await h.ok('demo-gridworker-2-2', 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
      expect((await h.ok('demo-reviewer-2-2', 'points', 'get', { applicationId: app._id })).auditMonth).toBe('2026-12');
    } finally {
      h.setNow(NOW);
    }
  });
});

describe('base score (基础评分) and the shop gate', () => {
  const HH = 'h-qs-1-03';
  const record = (who: string, input: Record<string, unknown>) => h.call(who, 'audit', 'recordBaseScore', { requestId: rid(), householdId: HH, date: '2026-11-15', score: 90, ...input });

  it('refuses bad input and people who may not score, writing nothing', async () => {
    const before = await auditCount();
    expectRefused(await record(R[1], { score: 101 }), 'BAD_INPUT', /0～100/);
    expectRefused(await record(R[1], { score: 88.5 }), 'BAD_INPUT');
    expectRefused(await record(R[1], { date: '2026-11-21' }), 'DATE_IN_FUTURE');
    expectRefused(await record(R[1], { date: '2026-06-30' }), 'DATE_TOO_OLD');
    expectRefused(await record(R[1], { date: '2026-13-01' }), 'BAD_INPUT');
    for (const who of [VILLAGER, WORKER_G1, SUPERVISOR, ADMIN]) expectRefused(await record(who, {}), 'FORBIDDEN');
    expectRefused(await record(REVIEWER_OTHER_VILLAGE, {}), 'NOT_FOUND');
    expectRefused(await h.call(LEADER, 'audit', 'recordBaseScore', { requestId: rid(), householdId: 'h-qs-1-11', date: '2026-11-15', score: 90 }), 'OWN_HOUSEHOLD_REVIEW');
    expect(await auditCount()).toEqual(before);
  });

  it('one quarter ≥ 85 is not enough: the gate closes and the shop refuses', async () => {
    const row = await h.ok(R[1], 'audit', 'recordBaseScore', { requestId: 'bs-q4-first', householdId: HH, date: '2026-11-15', score: 90, note: '整洁' });
    expect(row).toMatchObject({ householdId: HH, baseScoreOk: false, record: { quarter: '2026-Q4', average: 90, points: 9 } });
    // A retry adds nothing.
    const again = await h.ok(R[1], 'audit', 'recordBaseScore', { requestId: 'bs-q4-first', householdId: HH, date: '2026-11-15', score: 90 });
    expect(again.record?.inspections).toHaveLength(1);
    const code = await h.ok(VILLAGER, 'shop', 'myCode', {});
    expect(code.eligibility).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/基础评分/)] });
    const r = await h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code: code.code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
    expectRefused(r, 'NOT_ELIGIBLE', /基础评分/);
  });

  it('two consecutive quarters ≥ 85 open it; a low inspection closes it again', async () => {
    const q3 = await h.ok(R[2], 'audit', 'recordBaseScore', { requestId: rid(), householdId: HH, date: '2026-09-20', score: 86 });
    expect(q3).toMatchObject({ baseScoreOk: true, record: { quarter: '2026-Q3', average: 86 } });
    const code = await h.ok(VILLAGER, 'shop', 'myCode', {});
    expect(code.eligibility.allowed).toBe(true);
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code: code.code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
    expect(receipt).toBeTruthy();
    const low = await h.ok(R[3], 'audit', 'recordBaseScore', { requestId: rid(), householdId: HH, date: '2026-11-19', score: 70 });
    expect(low).toMatchObject({ baseScoreOk: false, record: { average: 80, points: 8 } });
    expect(low.record?.inspections.map((i) => i.score)).toEqual([90, 70]);
    expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).eligibility.allowed).toBe(false);
    await h.ok(R[3], 'audit', 'recordBaseScore', { requestId: rid(), householdId: HH, date: '2026-11-20', score: 100 });
    expect((await h.ok(VILLAGER, 'shop', 'myCode', {})).eligibility.allowed).toBe(true); // (90+70+100)/3 = 86.7
  });

  it('the grid view and the publicity read of a quarter', async () => {
    const view = await h.ok(SUPERVISOR, 'audit', 'baseScores', { gridId: 'g-qs-1', quarter: '2026-Q4' });
    expect(view.items).toHaveLength(20);
    expect(view.items.slice(0, 3).map((i) => i.doorNo)).toEqual(['一组1号', '一组2号', '一组3号']);
    expect(view.items.find((i) => i.householdId === HH)).toMatchObject({ baseScoreOk: true, record: { average: 86.7, points: 9 } });
    expect(view.items.find((i) => i.householdId === HH)?.headName).toMatch(/\*/);
    expectRefused(await h.call(VILLAGER, 'audit', 'baseScores', { gridId: 'g-qs-1', quarter: '2026-Q4' }), 'FORBIDDEN');
    expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'audit', 'baseScores', { gridId: 'g-qs-1', quarter: '2026-Q4' }), 'NOT_FOUND');
    expectRefused(await h.call(R[1], 'audit', 'baseScores', { gridId: 'g-qs-1', quarter: '2026-Q5' }), 'BAD_INPUT');
    const all = await baseScoresRepo.ofVillageQuarter(h.db, 'v-qingshan', '2026-Q4');
    expect(all.map((r) => r._id)).toEqual([`${HH}_2026-Q4`]);
  });
});

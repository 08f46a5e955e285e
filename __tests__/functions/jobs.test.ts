import { C } from '@backend/repos/collections';
import type { Database } from '@backend/db/types';
import { postToLedger } from '@backend/ledger/post';
import { orgRepo } from '@backend/repos/org';
import { runYearEnd } from '@backend/jobs/yearEnd';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import { isTimerEvent } from '@backend/runtime/cloudbaseEntry';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { YearEndRun } from '@domain/jobs/yearEnd';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, REVIEWER, TOWN, VILLAGER } from '../support/people';
import { expectRefused } from '../support/refusals';
import { villageTotals } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const NEW_YEAR = Date.parse('2027-01-01T00:05:00+08:00');
const HH = 'h-qs-1-03';

/** A database whose transactions fail after `n` of them: the job "crashes" mid-run. */
function crashingAfter(db: Database, n: number): Database {
  let count = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'runTransaction') {
        return (fn: Parameters<Database['runTransaction']>[0], attempts?: number) => {
          count += 1;
          if (count > n) return Promise.reject(new Error('simulated crash'));
          return target.runTransaction(fn, attempts);
        };
      }
      const v: unknown = Reflect.get(target, prop);
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

async function balances(villageId: string): Promise<Balance[]> {
  return (await h.db.collection<Balance>(C.balances).where({ villageId }).orderBy('_id', 'asc').limit(1000).get()).data;
}
async function yearEndEntries(villageId: string): Promise<LedgerEntry[]> {
  return (await h.db.collection<LedgerEntry>(C.ledgerEntries).where({ villageId, kind: 'year_end' }).orderBy('_id', 'asc').limit(1000).get()).data;
}

describe('jobs.yearEnd', () => {
  let before: Balance[];

  beforeAll(async () => {
    // 青山村 clears at year end (seed 000); 柳溪村 keeps the default, rollover (seed 003).
    await h.ok(ADMIN, 'catalogue', 'setRules', { yearEnd: 'clear' });
    // The test household spends 10 points at the shop, and has 15 pending points (Q4 in publicity).
    const { code } = await h.ok(VILLAGER, 'shop', 'myCode', {});
    await h.ok(CLERK, 'shop', 'redeem', { requestId: 'ye-redeem-0001', code, lines: [{ goodsId: 'goods_qs-01', quantity: 2 }] });
    await h.db.runTransaction((tx) =>
      postToLedger(
        tx,
        { _id: 'ye-test-pending', householdId: HH, kind: 'application', bucket: 'pending', delta: 15, sourceId: 'ye-test', label: '十二月评议', actorId: 't', actorName: '测试', reason: null, reverses: null, reversedKind: null, at: NOW, period: '2026-12' },
        { townId: 'town-qinghe', villageId: 'v-qingshan' },
      ),
    );
    before = await balances('v-qingshan');
  });

  it('is refused before the year has ended, and outside January', async () => {
    expectRefused(await h.call(ADMIN, 'jobs', 'yearEnd', { year: 2026 }), 'BAD_INPUT', /尚未结束/);
    expectRefused(await h.call(ADMIN, 'jobs', 'yearEnd', {}), 'BAD_INPUT', /1 月/);
    h.setNow(NEW_YEAR);
    expectRefused(await h.call(ADMIN, 'jobs', 'yearEnd', { year: 2025 }), 'BAD_INPUT', /刚结束/);
    expect(await h.count(C.jobRuns)).toBe(0);
    h.setNow(NOW);
  });

  it.each([
    [VILLAGER, {}, 'FORBIDDEN'],
    [REVIEWER, {}, 'FORBIDDEN'],
    [CLERK, {}, 'FORBIDDEN'],
    [ADMIN, { villageId: 'v-liuxi' }, 'NOT_FOUND'],
    [ADMIN_OTHER_VILLAGE, { villageId: 'v-qingshan' }, 'NOT_FOUND'],
  ])('%s %j is refused with %s', async (who, input, code) => {
    h.setNow(NEW_YEAR);
    expectRefused(await h.call(who, 'jobs', 'yearEnd', input), code);
    expect(await h.count(C.jobRuns)).toBe(0);
    h.setNow(NOW);
  });

  it('crashes mid-run, then a re-run finishes with the same ledger as one clean run, and again writes nothing', async () => {
    h.setNow(NEW_YEAR);
    const village = (await orgRepo.village(h.db, 'v-qingshan'))!;
    const crashing = { db: crashingAfter(h.db, 4), now: h.deps.now };
    // start + 3 batches of 7 households, then the crash.
    await expect(runYearEnd(crashing, village, 2026, { id: 'system', name: '系统' }, { batchSize: 7 })).rejects.toThrow('simulated crash');
    const halfway = (await h.db.collection<YearEndRun>(C.jobRuns).doc('ye-2026-v-qingshan').get()).data[0];
    expect(halfway).toMatchObject({ status: 'running', householdsSeen: 21, cursor: 'h-qs-2-01' });
    expect((await yearEndEntries('v-qingshan')).length).toBeGreaterThan(0);

    // The town admin runs it for every village of the town: 青山村 resumes, 柳溪村 rolls over.
    const { runs } = await h.ok(TOWN, 'jobs', 'yearEnd', {});
    const qs = runs.find((r) => r.villageId === 'v-qingshan')!;
    const lx = runs.find((r) => r.villageId === 'v-liuxi')!;
    expect(qs).toMatchObject({ status: 'done', mode: 'clear', year: 2026, householdsSeen: 60 });
    expect(qs.history.map((x) => x.action)).toEqual(['start', 'resume', 'finish']);
    expect(lx).toMatchObject({ status: 'done', mode: 'rollover', householdsCleared: 0, pointsCleared: 0 });
    expect(await yearEndEntries('v-liuxi')).toEqual([]);

    // Exactly one entry per household that had redeemable points, clearing exactly those points.
    const withPoints = before.filter((b) => b.redeemable > 0);
    const entries = await yearEndEntries('v-qingshan');
    expect(entries.map((e) => e._id)).toEqual(withPoints.map((b) => `ye-2026-${b._id}-r`).sort());
    expect(entries.map((e) => e.delta).sort()).toEqual(withPoints.map((b) => -b.redeemable).sort());
    expect(qs.householdsCleared).toBe(withPoints.length);
    expect(qs.pointsCleared).toBe(withPoints.reduce((s, b) => s + b.redeemable, 0));
    const after = new Map((await balances('v-qingshan')).map((b) => [b._id, b]));
    for (const b of before) {
      // Redeemable cleared; pending (Q4 still in publicity) and spent untouched.
      expect(after.get(b._id)).toMatchObject({ redeemable: 0, pending: b.pending, spent: b.spent });
    }
    expect(after.get(HH)).toMatchObject({ redeemable: 0, pending: 15, spent: 10 });
    const totals = (await villageTotals(h.db, 'v-qingshan')) as unknown as { outstandingPoints: number };
    expect(totals.outstandingPoints).toBe(0);

    // Again (the timer, a second admin): nothing more is written.
    const count = await h.count(C.ledgerEntries);
    const again = await h.ok(ADMIN, 'jobs', 'yearEnd', {});
    expect(again.runs).toEqual([qs]);
    expect(await runScheduledYearEnd(h.deps)).toMatchObject({ year: 2026 });
    expect(await h.count(C.ledgerEntries)).toBe(count);
    h.setNow(NOW);
  });

  it('runs: the village admin sees their village, the town admin every village', async () => {
    expect((await h.ok(ADMIN, 'jobs', 'runs', {})).items.map((r) => r._id)).toEqual(['ye-2026-v-qingshan']);
    expect((await h.ok(TOWN, 'jobs', 'runs', { year: 2026 })).items.map((r) => r._id).sort()).toEqual(['ye-2026-v-liuxi', 'ye-2026-v-qingshan']);
    expectRefused(await h.call(VILLAGER, 'jobs', 'runs', {}), 'FORBIDDEN');
  });
});

describe('the timer', () => {
  it('does nothing outside January', async () => {
    h.setNow(Date.parse('2027-02-01T00:05:00+08:00'));
    expect(await runScheduledYearEnd(h.deps)).toBeNull();
    h.setNow(NOW);
  });

  it('a timer event is recognised only without a user and without an action', () => {
    const timer = { Type: 'Timer', TriggerName: 'yearEnd', Time: '2026-12-31T16:05:00Z' };
    expect(isTimerEvent(timer, null)).toBe(true);
    expect(isTimerEvent({ Type: 'timer', TriggerName: 'yearEnd' }, null)).toBe(true);
    expect(isTimerEvent(timer, 'demo-admin-1')).toBe(false);
    expect(isTimerEvent({ ...timer, action: 'yearEnd' }, null)).toBe(false);
    expect(isTimerEvent({ action: 'runs' }, null)).toBe(false);
  });
});

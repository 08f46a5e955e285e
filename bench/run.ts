/**
 * `npm run bench`: figures, one line each, on the embedded database (PGlite in memory).
 * Not a test: it prints what it measured so that changes can be compared.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@backend/db/open';
import { dispatch } from '@backend/runtime/handler';
import { cstDate } from '@domain/shared/time';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { seedDemoTown } from '../server/demo/seed';
import { localDeps } from '../server/deps';

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function timed(n: number, concurrency: number, op: (i: number) => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const t0 = performance.now();
        await op(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

function line(name: string, times: number[]): void {
  console.log(`${name}: n=${times.length} p50=${percentile(times, 50).toFixed(1)}ms p99=${percentile(times, 99).toFixed(1)}ms`);
}

async function main(): Promise<void> {
  const { db, close } = await openDatabase({ memory: true });
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-')));
  await seedDemoTown(db, deps.now());
  const today = cstDate(deps.now());
  const ids: string[] = [];
  const submit = await timed(400, 20, async (i) => {
    const r = await dispatch(
      FUNCTIONS.points,
      { action: 'submitOnBehalf', requestId: `bench-${i}-${Date.now()}`, householdId: `h-qs-1-${String((i % 18) + 3).padStart(2, '0')}`, itemCode: 'PV-05', deedDate: today, place: '村委会', description: '志愿服务', photos: [] },
      { openid: 'demo-gridleader-1-1' },
      deps,
    );
    if (!r.ok) throw new Error(`${r.code} ${r.message}`);
    ids.push((r.data as { _id: string })._id);
  });
  line('points.submitOnBehalf latency at 20 concurrent', submit);
  const review = await timed(ids.length, 20, async (i) => {
    const r = await dispatch(FUNCTIONS.points, { action: 'firstReview', applicationId: ids[i], decision: 'pass' }, { openid: 'demo-gridworker-1-1' }, deps);
    if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  });
  line('points.firstReview latency at 20 concurrent', review);
  const mine = await timed(100, 10, async () => {
    const r = await dispatch(FUNCTIONS.points, { action: 'gridQueue' }, { openid: 'demo-gridworker-1-2' }, deps);
    if (!r.ok) throw new Error(`${r.code} ${r.message}`);
  });
  line('points.gridQueue latency at 10 concurrent', mine);
  await close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

/**
 * `npm run bench` (from bench/run.ts), or alone: `npx tsx bench/cloudbase.ts [households]`.
 * The CloudBase-faithful mode: the real node SDK through the production binding against the
 * local stand-in (backend/db/standin: snapshot reads, first writer wins), every request
 * answered after 10 ms. The stand-in runs in its own process, as CloudBase's database is its
 * own machine; the "function instances" (every simultaneous call) share this one, so their
 * SDK work (signing, a connection per request) is serialised on one core, as it never is on
 * CloudBase. Seeding goes in at 0 ms (the demo town through the SDK, the big villages loaded
 * straight into the stand-in's store); only the figures are measured at 10 ms.
 *
 * Goals: 50 simultaneous redemptions for 50 households of one village → 0 failed, p99 < 500 ms;
 * 200 confirms of one code with one requestId → one charge, 0 errors; month close and
 * publicity approval → every transaction ≤ 100 operations, every call within the 8 s budget.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { EJSON } from 'bson';
import { INDEXES, indexedCollections } from '@backend/db/indexes';
import { closeMonth } from '@backend/audit/close';
import { C } from '@backend/repos/collections';
import { dispatch } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import type { FunctionName } from '@domain/api';
import type { Household, Person } from '@domain/org/types';
import type { ApiResult } from '@domain/shared/result';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { seedDemoTown } from '../server/demo/seed';
import { localDeps } from '../server/deps';
import { application } from './auditClose';
import { startFunctionInstances } from './functionInstances';
import { villageDocs } from './publicity';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const LATENCY_MS = 10;
/** Redemptions each function instance serves before the measured one (XIANGYUE_BENCH_WARM_CALLS; default 5). */
const WARM_CALLS = Number(process.env.XIANGYUE_BENCH_WARM_CALLS ?? 5);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

function callRaw(deps: Deps, openid: string, fn: FunctionName, action: string, input: Record<string, unknown> = {}): Promise<ApiResult<unknown>> {
  return dispatch(FUNCTIONS[fn] as never, { action, ...input }, { openid }, deps) as Promise<ApiResult<unknown>>;
}

async function call(deps: Deps, openid: string, fn: FunctionName, action: string, input: Record<string, unknown> = {}): Promise<unknown> {
  const r = await callRaw(deps, openid, fn, action, input);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data;
}

/** Calls until `done` says so (each call a function run within its budget); the calls' times. */
async function repeatCalls(op: () => Promise<unknown>, done: (r: unknown) => boolean): Promise<{ calls: number[]; total: number }> {
  const calls: number[] = [];
  const t0 = performance.now();
  for (;;) {
    const t = performance.now();
    const r = await op();
    calls.push(performance.now() - t);
    if (done(r)) return { calls, total: performance.now() - t0 };
    if (calls.length > 500) throw new Error('no progress');
  }
}

/** "0 errors to the clerk", or how many and which codes. */
function codesOf(results: ApiResult<unknown>[]): string {
  const failed = results.filter((r) => !r.ok);
  if (failed.length === 0) return '0 errors to the clerk,';
  return `${failed.length} errors to the clerk (${[...new Set(failed.map((r) => (r.ok ? '' : r.code)))].join(', ')}),`;
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** A function's timeout on CloudBase, from its cloudfunctions/<fn>/config.json (CloudBase's default: 3 s). */
function timeoutOf(fn: FunctionName): string {
  const file = join(__dirname, '..', 'cloudfunctions', fn, 'config.json');
  const t = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { timeout?: number }).timeout : undefined;
  return `${t ?? 3} s`;
}

/**
 * CloudBase's database is another machine: where there are CPUs enough, the stand-in gets one of
 * its own and the function instances the others (what the instances wait for a CPU among
 * themselves is measured and taken out of "with a CPU each"; the stand-in's wait was not).
 */
function cpuSplit(): { standin: { cpus?: number[] }; instances?: number[] } {
  const n = availableParallelism();
  if (n < 2) return { standin: {} };
  return { standin: { cpus: [n - 1] }, instances: Array.from({ length: n - 1 }, (_, i) => i) };
}

export async function benchCloudbase(households = 2000): Promise<void> {
  const split = cpuSplit();
  const { startStandinProcess, connectToStandin, disconnectFromStandin } = await import('@backend/db/standin');
  const standin = await startStandinProcess({ collections: [...new Set([...indexedCollections(INDEXES), ...Object.values(C)])], latencyMs: 0, priority: -10, ...split.standin });
  const db = connectToStandin(standin.url);
  const conflictsNow = async () => (await standin.stats()).conflicts;
  let offset = 0;
  // The clock runs (the budgets of publicity calls are judged on it), from the demo town's "now".
  const start = Date.now();
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-cb-')), { now: () => NOW + offset + (Date.now() - start) });
  const tag = `CloudBase stand-in, ${LATENCY_MS} ms per request`;
  try {
    await seedDemoTown(db, NOW);

    // ------------------------------------------------ 50 simultaneous redemptions, 50 households
    // 51: one redeems alone first, then 50 at once, each call in a function instance of its own
    // (a process running the deployed shop bundle), on the real clock as a deployment runs.
    const live = { ...deps, now: () => Date.now() };
    const hhs = (await db.collection<Household>(C.households).where({ villageId: 'v-qingshan' }).orderBy('_id', 'asc').limit(51).get()).data;
    const goods = ['goods_qs-01', 'goods_qs-05', 'goods_qs-06'];
    for (const g of goods) await call(live, 'demo-admin-1', 'shop', 'stockIn', { requestId: `bench-cb-stock-${g}`, goodsId: g, quantity: 999, costYuan: 999 });
    for (const [i, hh] of hhs.entries()) {
      await db.collection(C.identities).doc(`bench-cb-member-${i}`).set({ personId: hh.headPersonId, boundAt: 0 });
      await call(live, 'demo-admin-1', 'ledger', 'adjust', { requestId: `bench-cb-grant-${hh._id}`, householdId: hh._id, points: 1000, reason: '压测发放' });
    }
    /** Each member's code to show the clerk now (a new one after each redemption). */
    const showCodes = () => Promise.all(hhs.map(async (_, i) => ((await call(live, `bench-cb-member-${i}`, 'shop', 'myCode')) as { code: string }).code));
    const redeemEvent = (code: string, requestId: string, goodsId: string) => ({ action: 'redeem', requestId, code, lines: [{ goodsId, quantity: 1 }] });
    const instances = await startFunctionInstances('shop', standin.url, hhs.length - 1, split.instances);
    try {
      // Warm instances, as a busy shop's are (their code compiled by use): each redeems a few
      // times first (nothing measured; a warming call that fails changes nothing here).
      for (let round = 0; round < WARM_CALLS; round++) {
        const warmCodes = await showCodes();
        await Promise.all(Array.from({ length: instances.size }, (_, i) => instances.call(i, 'demo-clerk-1', redeemEvent(warmCodes[i + 1], `bench-cb-warm-${round}-${i}`, goods[i % 3]))));
      }
      const [aloneCode, ...codes] = await showCodes();
      await standin.setLatencyMs(LATENCY_MS);
      // One alone first: what a redemption costs with nobody else about (its round trips).
      const alone = await instances.call(0, 'demo-clerk-1', { action: 'redeem', requestId: 'bench-cb-redeem-alone', code: aloneCode, lines: [{ goodsId: goods[0], quantity: 1 }] });
      if (!alone.result.ok) throw new Error(`shop.redeem: ${JSON.stringify(alone.result)}`);
      const before = await standin.stats();
      const results = await Promise.all(
        codes.map((code, i) => instances.call(i, 'demo-clerk-1', { action: 'redeem', requestId: `bench-cb-redeem-${i}`, code, lines: [{ goodsId: goods[i % 3], quantity: 1 }] })),
      );
      const after = await standin.stats();
      const times = results.map((r) => r.ms).sort((a, b) => a - b);
      const own = results.map((r) => Math.max(0, r.ms - r.queuedMs)).sort((a, b) => a - b);
      const failed = results.map((r) => r.result).filter((r) => !r.ok);
      const requests = Object.values(after.requests).reduce((a, b) => a + b, 0) - Object.values(before.requests).reduce((a, b) => a + b, 0);
      const instanceCpu = results.reduce((a, r) => a + r.cpuMs, 0);
      console.log(
        `shop.redeem, ${codes.length} simultaneous for ${codes.length} households of one village (${tag}, each call its own function instance: a process running the shop bundle): ` +
          `${failed.length} failed${failed.length ? ` (${[...new Set(failed.map((r) => (r.ok ? '' : r.code)))].join(', ')})` : ''}, ` +
          `p50=${percentile(own, 50).toFixed(0)}ms p99=${percentile(own, 99).toFixed(0)}ms with a CPU each (goal: 0 failed, p99 < 500 ms), ${after.conflicts - before.conflicts} conflicts retried; ` +
          `one alone ${(alone.ms - alone.queuedMs).toFixed(0)}ms. On this machine's ${availableParallelism()} shared cores (load ${loadavg()[0].toFixed(1)}) the calls also waited for a CPU: ` +
          `p50=${percentile(times, 50).toFixed(0)}ms p99=${percentile(times, 99).toFixed(0)}ms as measured; ${requests} database requests, ` +
          `CPU ${(instanceCpu / codes.length).toFixed(0)}ms a call in the instances, ${(after.cpuMs - before.cpuMs).toFixed(0)}ms in the stand-in for all`,
      );
    } finally {
      instances.close();
    }
    const fixed = { ...deps, now: () => NOW };

    // ------------------------------------------------ 200 confirms of one code, one requestId
    await standin.setLatencyMs(0);
    await db.collection(C.identities).doc('bench-cb-one').set({ personId: hhs[1].headPersonId, boundAt: 0 });
    const one = ((await call(fixed, 'bench-cb-one', 'shop', 'myCode')) as { code: string }).code;
    const receiptsBefore = (await db.collection(C.receipts).where({ householdId: hhs[1]._id }).count()).total;
    await standin.setLatencyMs(LATENCY_MS);
    const conflicts = await conflictsNow();
    const t200 = performance.now();
    const same = await Promise.all(
      Array.from({ length: 200 }, () => callRaw(fixed, 'demo-clerk-1', 'shop', 'redeem', { requestId: 'bench-cb-same-request', code: one, lines: [{ goodsId: 'goods_qs-06', quantity: 1 }] })),
    );
    const took = performance.now() - t200;
    await standin.setLatencyMs(0);
    const charges = (await db.collection(C.receipts).where({ householdId: hhs[1]._id }).count()).total - receiptsBefore;
    console.log(
      `shop.redeem, 200 simultaneous confirms of one code with one requestId (${tag}): ${charges} charge(s), ${codesOf(same)} ` +
        `${s(took)} for all, ${(await conflictsNow()) - conflicts} conflicts retried`,
    );

    if (households === 0) return;

    // ------------------------------------------------ month close of a big village
    const closeVillage = 'bv-cb-close';
    const apps: Record<string, unknown>[] = [];
    for (let i = 0; i < households; i++) {
      const hid = `${closeVillage}-h${String(i).padStart(5, '0')}`;
      for (let n = 0; n < 2; n++) apps.push(application(closeVillage, hid, n, NOW - 86_400_000 * 40));
    }
    await standin.load(EJSON.stringify({ [C.villages]: [{ _id: closeVillage, townId: 'bench-town', name: '压测村', policy: {} }], [C.applications]: apps }, { relaxed: false }));
    const leader: Person = { _id: 'bench-cb-leader', townId: 'bench-town', villageId: null, householdId: null, name: '组长', relation: null, roles: [{ role: 'reviewer', scope: 'village', scopeId: closeVillage, lead: true }] };
    await standin.setLatencyMs(LATENCY_MS);
    await standin.resetMaxTxOps();
    const close = await repeatCalls(
      () => closeMonth(deps, leader, closeVillage, '2026-10', { budgetMs: 8000 }),
      (m) => (m as { status: string }).status === 'closed',
    );
    console.log(
      `audit.close of a month, ${households.toLocaleString('en')} households (${tag}): ${s(close.total)} in ${close.calls.length} call(s), longest call ${s(Math.max(...close.calls))} (budget 8 s, timeout ${timeoutOf('audit')}), ` +
        `largest transaction ${(await standin.stats()).maxTxOps} operations (goal ≤ 100)`,
    );

    // ------------------------------------------------ publicity open + town approval of a big village
    await standin.setLatencyMs(0);
    const v = 'bv-cb-pub';
    const { [C.people]: people, ...rest } = villageDocs(v, households);
    await standin.load(EJSON.stringify({ ...rest, [C.people]: people }, { relaxed: false }));
    await standin.setLatencyMs(LATENCY_MS);
    await standin.resetMaxTxOps();
    const pubOpen = await repeatCalls(
      () => call(deps, `bench-admin-${v}`, 'publicity', 'open', { quarter: '2026-Q3' }),
      (p) => (p as { status: string }).status === 'open',
    );
    const openOps = (await standin.stats()).maxTxOps;
    offset += 7 * 86_400_000;
    await call(deps, `bench-admin-${v}`, 'publicity', 'close', { quarter: '2026-Q3' });
    await standin.resetMaxTxOps();
    const approve = await repeatCalls(
      () => call(deps, `bench-town-${v}`, 'publicity', 'townDecide', { villageId: v, quarter: '2026-Q3', decision: 'approve' }),
      (p) => (p as { status: string }).status === 'approved',
    );
    console.log(
      `publicity.open for ${households.toLocaleString('en')} households (${tag}): ${s(pubOpen.total)} in ${pubOpen.calls.length} call(s), longest ${s(Math.max(...pubOpen.calls))} (timeout ${timeoutOf('publicity')}), largest transaction ${openOps} operations; ` +
        `townDecide approve: ${s(approve.total)} in ${approve.calls.length} call(s), longest ${s(Math.max(...approve.calls))} (timeout ${timeoutOf('publicity')}), largest transaction ${(await standin.stats()).maxTxOps} operations (goal ≤ 100)`,
    );
  } finally {
    await standin.close();
    disconnectFromStandin();
  }
}

if (process.argv[1]?.endsWith('cloudbase.ts')) {
  benchCloudbase(Number(process.argv[2] ?? 2000)).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

import { existsSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@backend/db/open';
import { PostgresDatabase, createPgDriver, createPgliteDriver } from '@backend/db/postgres';
import { INDEXES, indexedCollections } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';
import type { Database } from '@backend/db/types';
import { dispatch } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@domain/api';
import type { ApiResult } from '@domain/shared/result';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { seedDemoTown } from '../../server/demo/seed';
import { localDeps } from '../../server/deps';

/** 2026-11-20 10:00 in China: the fixed "now" of the function tests. */
export const NOW = Date.parse('2026-11-20T10:00:00+08:00');

export interface Harness {
  db: Database;
  deps: Deps;
  filesDir: string;
  /** Calls a function as the person with this openid, exactly as the platform would. */
  call<F extends FunctionName, A extends ActionName<F>>(
    openid: string | null,
    fn: F,
    action: A,
    input: ActionInput<F, A> | Record<string, unknown>,
  ): Promise<ApiResult<ActionOutput<F, A>>>;
  /** Like call, but throws unless ok. */
  ok<F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    input: ActionInput<F, A>,
  ): Promise<ActionOutput<F, A>>;
  count(collection: string): Promise<number>;
  /** On the CloudBase stand-in: its storage (bulk loads, counters such as the largest transaction). */
  standinStore?: { stats: { maxTxOps: number; conflicts: number; started: number }; load(dump: string): void };
  /**
   * The harness clock (fixed at NOW unless realClock): move it to test expiry and ordering.
   * With realClock it keeps running; setNow/advance then shift it (e.g. a browser test jumping
   * past a month end or a publicity window).
   */
  setNow(epochMs: number): void;
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  realClock?: boolean;
  /**
   * Which engine: by default whatever openDatabase picks (DATABASE_URL, else PGlite), or the
   * CloudBase stand-in when XIANGYUE_DB=tcb-standin; 'pglite' forces the embedded one,
   * 'postgres' the server at DATABASE_URL, 'tcb-standin' the production binding over the real
   * node SDK talking to the local CloudBase stand-in (backend/db/standin).
   */
  backend?: HarnessBackend;
  /** Seed the publicity demo too (青山村 publishes the quarter that ended last; skipped under jest otherwise). */
  demoPublicity?: boolean;
}

export type HarnessBackend = 'pglite' | 'postgres' | 'tcb-standin';

/** XIANGYUE_DB=tcb-standin: every harness runs on the CloudBase stand-in (npm run test:cloudbase). */
export function cloudbaseMode(): boolean {
  return process.env.XIANGYUE_DB === 'tcb-standin';
}

/**
 * The engines to run a suite on: PGlite always, and the PostgreSQL server when DATABASE_URL is
 * set — or only the CloudBase stand-in when XIANGYUE_DB=tcb-standin.
 */
export function harnessBackends(): HarnessBackend[] {
  if (cloudbaseMode()) return ['tcb-standin'];
  const url = process.env.DATABASE_URL;
  return url !== undefined && url.trim() !== '' ? ['pglite', 'postgres'] : ['pglite'];
}

interface OpenedBackend {
  db: Database;
  close(): Promise<void>;
  /** Seeds the demo town its own way (default: seedDemoTown through `db`). */
  seed?: () => Promise<void>;
  standinStore?: Harness['standinStore'];
}

async function openBackend(backend: HarnessOptions['backend'], schema: string): Promise<OpenedBackend> {
  if (backend === 'tcb-standin' || (backend === undefined && cloudbaseMode())) {
    // A deploy (npm run deploy) creates every collection the repos name (backend/repos/collections.ts;
    // __tests__/deploy/deploy.test.ts holds it to that): so does the stand-in here.
    // Loaded only in this mode (it brings mingo and the SDK).
    const { openStandinDatabase } = await import('@backend/db/standin');
    const opened = await openStandinDatabase({ collections: [...new Set([...indexedCollections(INDEXES), ...Object.values(C)])] });
    return { ...opened, seed: () => seedStandin(opened.db, opened.standin.store), standinStore: opened.standin.store };
  }
  if (backend === undefined) return openDatabase({ memory: true, schema });
  const url = process.env.DATABASE_URL;
  if (backend === 'postgres' && (url === undefined || url.trim() === '')) throw new Error('backend postgres needs DATABASE_URL');
  const driver = backend === 'postgres' ? createPgDriver(url as string) : await createPgliteDriver();
  const db = new PostgresDatabase(driver, { schema });
  await db.ensureCollections();
  return { db, close: () => driver.close() };
}

/**
 * Seeds the demo town through the SDK and the stand-in — each request a real round trip, ~2,400
 * of them. With XIANGYUE_TCB_SEED_CACHE set (npm run test:cloudbase sets it, fresh per run) the
 * first harness of the run writes the seeded documents there and later ones restore them
 * straight into the stand-in, like restoring a backup: the tests' own calls still go the whole way.
 */
async function seedStandin(db: Database, store: { dump(): string; load(dump: string): void }): Promise<void> {
  // The demo with its publicity (HarnessOptions.demoPublicity) is another town: its own cache.
  const base = process.env.XIANGYUE_TCB_SEED_CACHE;
  const cache = base && process.env.XIANGYUE_DEMO_PUBLICITY ? `${base}.publicity` : base;
  if (cache !== undefined && cache !== '' && existsSync(cache)) {
    store.load(readFileSync(cache, 'utf8'));
    return;
  }
  await seedDemoTown(db, NOW);
  if (cache !== undefined && cache !== '') {
    const tmp = `${cache}.${process.pid}.tmp`;
    writeFileSync(tmp, store.dump());
    renameSync(tmp, cache);
  }
}

/** One in-memory PGlite per test file (or DATABASE_URL + a fresh schema), seeded with the demo town. */
export async function openHarness(opts: HarnessOptions = {}): Promise<Harness> {
  const schema = `t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const { db, close, seed, standinStore } = await openBackend(opts.backend, schema);
  if (opts.demoPublicity) process.env.XIANGYUE_DEMO_PUBLICITY = '1';
  try {
    await (seed ?? (() => seedDemoTown(db, NOW)))();
  } catch (e) {
    await close();
    throw e;
  } finally {
    if (opts.demoPublicity) delete process.env.XIANGYUE_DEMO_PUBLICITY;
  }
  const filesDir = mkdtempSync(join(tmpdir(), 'xiangyue-files-'));
  let clock = NOW;
  let offset = 0;
  const deps = localDeps(db, filesDir, { now: opts.realClock ? () => Date.now() + offset : () => clock });
  const h: Harness = {
    db,
    deps,
    filesDir,
    standinStore,
    call: (openid, fn, action, input) =>
      dispatch(FUNCTIONS[fn] as never, { action, ...(input as object) }, { openid }, deps) as never,
    async ok(openid, fn, action, input) {
      const r = await h.call(openid, fn, action, input);
      if (!r.ok) throw new Error(`${fn}.${action} as ${openid} failed: ${r.code} ${r.message}`);
      return r.data;
    },
    async count(collection) {
      return (await db.collection(collection).count()).total;
    },
    setNow(epochMs) {
      clock = epochMs;
      offset = epochMs - Date.now();
    },
    advance(ms) {
      clock += ms;
      offset += ms;
    },
    close,
  };
  return h;
}

/** Smallest valid JPEG/PNG headers: the file port sniffs bytes, not names. */
export const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);
export const PDF = new TextEncoder().encode('%PDF-1.4 not a photo');

export async function upload(h: Harness, bytes: Uint8Array, openid = 'demo-villager-1'): Promise<string> {
  return h.deps.files.put(bytes, openid);
}

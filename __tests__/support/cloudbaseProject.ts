/**
 * Setup of the `cloudbase` jest project (jest.config.js): the function and concurrency suites
 * again, with every harness on the CloudBase stand-in — the real node SDK through the
 * production binding, snapshot reads and first-writer-wins (backend/db/standin).
 *
 * The demo town is seeded through the SDK once per jest run and restored from a file after
 * that (XIANGYUE_TCB_SEED_CACHE, __tests__/support/harness.ts): workers share their parent's
 * pid, a run in band its own.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.XIANGYUE_DB = 'tcb-standin';
const run = process.env.JEST_WORKER_ID !== undefined ? process.ppid : process.pid;
process.env.XIANGYUE_TCB_SEED_CACHE ??= join(tmpdir(), `xiangyue-tcb-seed-${run}.ejson`);

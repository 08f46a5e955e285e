/**
 * `npm run test:cloudbase [-- <jest args>]`: the CloudBase-faithful run. The database suites'
 * conformance on the production binding (real node SDK → local CloudBase stand-in, every test
 * including those known to fail there), the deploy's collections, and every function and
 * concurrency suite with the harness on the stand-in (XIANGYUE_DB=tcb-standin).
 *
 * Failures here are the point: they list what would break on CloudBase. The default `npm test`
 * runs only the conformance tests that pass on the stand-in.
 *
 * XIANGYUE_TCB_LATENCY_MS=10 adds a round trip's latency to every database call.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SUITES = [
  '__tests__/db/conformance.cloudbase.test.ts',
  '__tests__/functions',
  '__tests__/concurrency',
];

const extra = process.argv.slice(2);
// Suites named on the command line replace the default list; other arguments go to jest.
const named = extra.filter((a) => a.startsWith('__tests__/'));
const cache = join(tmpdir(), `xiangyue-tcb-seed-${process.pid}.ejson`);
// Every database call is an HTTP round trip through the SDK: tests that make hundreds of them
// need more than jest's default 5 s (a test's own explicit timeout still applies).
const args = [
  ...(named.length > 0 ? named : SUITES),
  '--testTimeout=120000',
  ...extra.filter((a) => !a.startsWith('__tests__/')),
  '--selectProjects',
  'node',
];
const run = spawnSync('npx', ['jest', ...args], {
  stdio: 'inherit',
  env: {
    ...process.env,
    XIANGYUE_DB: 'tcb-standin',
    XIANGYUE_CONFORMANCE_ALL: '1',
    XIANGYUE_TCB_SEED_CACHE: cache,
  },
});
rmSync(cache, { force: true });
process.exit(run.status ?? 1);

/**
 * `npm run test:cloudbase [-- <suites> <jest args>]`: the CloudBase-faithful run alone — the
 * `cloudbase` jest project (every function and concurrency suite with the harness on the
 * stand-in: the real node SDK through the production binding; `npm test` runs it too, but for
 * three suites listed in jest.config.js), plus the
 * Database conformance suite on that binding with the tests known to fail there run as plain
 * tests (XIANGYUE_CONFORMANCE_ALL=1: their failures list what differs from our PostgreSQL
 * implementation; `npm test` expects them to fail).
 *
 * XIANGYUE_TCB_LATENCY_MS=10 adds a round trip's latency to every database call.
 */
import { spawnSync } from 'node:child_process';

const extra = process.argv.slice(2);
const named = extra.filter((a) => a.startsWith('__tests__/'));
const rest = extra.filter((a) => !a.startsWith('__tests__/'));

function jest(args: string[], env: Record<string, string> = {}): number {
  // Every function suite, including the three `npm test` runs on PostgreSQL only (jest.config.js).
  const run = spawnSync('npx', ['jest', ...args, ...rest], { stdio: 'inherit', env: { ...process.env, XIANGYUE_CLOUDBASE_ALL: '1', ...env } });
  return run.status ?? 1;
}

const suites = jest([...named, '--selectProjects', 'cloudbase']);
const conformance =
  named.length > 0 ? 0 : jest(['__tests__/db/conformance.cloudbase.test.ts', '--selectProjects', 'node', '--testTimeout=120000'], { XIANGYUE_CONFORMANCE_ALL: '1' });
process.exit(suites || conformance);

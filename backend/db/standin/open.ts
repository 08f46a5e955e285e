import { fromCloudbase, type CloudbaseApp } from '../cloudbase';
import type { Database } from '../types';
import { startStandin, type Standin, type StandinOptions } from './server';

/**
 * The production database path — `fromCloudbase(app)` over the real `@cloudbase/node-sdk` —
 * pointed at the local stand-in, with the SDK configured exactly as in a cloud function:
 * `init({ env: SYMBOL_CURRENT_ENV })` and the container's environment variables
 * (backend/runtime/cloudbaseEntry.ts does the same `init`).
 *
 * What a function container provides and the SDK reads (node-sdk 3.18 src/utils/tcbcontext.ts,
 * tcbapirequester.ts, cloudplatform.ts):
 * - `TENCENTCLOUD_RUNENV=SCF`: "in a function" — internal endpoint over http, no keep-alive,
 *   no probing of the Tencent Cloud metadata service;
 * - `SCF_NAMESPACE` / `TCB_ENV`: the environment id SYMBOL_CURRENT_ENV resolves to;
 * - `TENCENTCLOUD_SECRETID` / `TENCENTCLOUD_SECRETKEY` / `TENCENTCLOUD_SESSIONTOKEN`: the
 *   function role's temporary credentials (the SDK signs every request with them);
 * - `TENCENTCLOUD_REGION`;
 * - `TCB_CONTEXT_CNFG={"URL": …}`: the endpoint the platform injects; the SDK posts every
 *   call there instead of `https://<env>.tcb-api.tencentcloudapi.com/admin`. That is the
 *   seam the stand-in uses: nothing else in the SDK is replaced.
 *
 * The variables are process-wide, so one stand-in-backed SDK per process at a time.
 */

export const STANDIN_ENV_ID = 'xiangyue-standin';

let active: string | null = null;

export interface OpenedStandin {
  db: Database;
  standin: Standin;
  /**
   * Stops the stand-in. The container variables stay set (pointing at the closed port), on
   * purpose: a call that outlives the stand-in then fails with ECONNREFUSED on its own
   * promise. With the variables gone the SDK would probe the Tencent Cloud metadata service
   * and then raise an unhandled rejection (missing credentials), which kills Node.
   */
  close(): Promise<void>;
}

/**
 * The SDK warns on the console of every request slower than 3 s ("[TCB][WARN] … longer than 3s"),
 * from a timer. Against a local stand-in on a loaded test machine that says nothing about
 * CloudBase, and a timer firing after a test file has finished makes jest fail the run
 * ("Cannot log after tests are done"): those notices are dropped, every other warning kept.
 */
function quietSlowRequestNotices(): void {
  const warn = console.warn.bind(console);
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].startsWith('[TCB][WARN]')) return;
    warn(...args);
  };
}

/**
 * The variables a function container gives the SDK (see the top of this file), its database
 * endpoint at `url`: what a process needs to run a deployed function bundle against the stand-in.
 */
export function functionContainerEnv(url: string): Record<string, string> {
  return {
    TENCENTCLOUD_RUNENV: 'SCF',
    SCF_NAMESPACE: STANDIN_ENV_ID,
    TCB_ENV: STANDIN_ENV_ID,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'AKIDstandin',
    TENCENTCLOUD_SECRETKEY: 'standin-secret',
    TENCENTCLOUD_SESSIONTOKEN: 'standin-session-token',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: url }),
  };
}

/**
 * The production binding over the real SDK, configured as a function container configures it,
 * posting to `url` (a stand-in in this process or another).
 */
export function connectToStandin(url: string): Database {
  if (active !== null && active !== url) throw new Error(`a stand-in-backed CloudBase SDK is already open in this process (${active})`);
  quietSlowRequestNotices();
  active = url;
  Object.assign(process.env, functionContainerEnv(url));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@cloudbase/node-sdk') as { init(o: { env: unknown; timeout?: number }): CloudbaseApp; SYMBOL_CURRENT_ENV: unknown };
  // The one departure from a function's init: the SDK's 15 s request timeout becomes 60 s, so
  // that a starved test machine does not turn a slow local answer into a failure.
  const app = sdk.init({ env: sdk.SYMBOL_CURRENT_ENV, timeout: 60_000 });
  return fromCloudbase(app);
}

/** Releases the process-wide SDK configuration for another stand-in (the variables stay: see close()). */
export function disconnectFromStandin(): void {
  active = null;
}

export async function openStandinDatabase(opts: StandinOptions = {}): Promise<OpenedStandin> {
  if (active !== null) throw new Error(`a stand-in-backed CloudBase SDK is already open in this process (${active})`);
  const standin = await startStandin(opts);
  const db = connectToStandin(standin.url);
  return {
    db,
    standin,
    async close() {
      await standin.close();
      disconnectFromStandin();
    },
  };
}

/**
 * What `npm run deploy` deploys, read from the repository: cloudbaserc.json (environment, region,
 * runtime) and each cloudfunctions/<name>/config.json (timeout, memory, timer triggers).
 * Everything is validated before anything is built or called, so a bad file stops the deploy
 * with a message instead of half-deploying.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEMPLATE_KEYS } from '@domain/notices/subscribe';

/** Environment variables (process.env, or a test's own): Taro's ProcessEnv typing demands variables the deploy never reads. */
export type Env = Readonly<Record<string, string | undefined>>;

export interface TimerTrigger {
  name: string;
  type: 'timer';
  /** Seven-field cron (seconds first), as CloudBase timers take it. */
  config: string;
}

export interface FunctionConfig {
  /** Seconds, 1–900. Required: CloudBase's default (3 s) is too short for any of our functions. */
  timeout: number;
  /** MB. */
  memorySize: number;
  triggers: TimerTrigger[];
  envVariables: Record<string, string>;
}

export interface ProjectConfig {
  /** Null only when the variable is unset (allowed for --dry-run). */
  envId: string | null;
  /** The variable envId is read from (for messages). */
  envIdVariable: string;
  region: string;
  runtime: string;
  handler: string;
  /** Where `npm run build:functions` writes the bundles (relative to the repository). */
  functionRoot: string;
}

/** Node runtimes CloudBase offers that our bundles (esbuild target node16) run on. */
export const RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19'];

const ENV_TEMPLATE = /^\{\{\s*env\.([A-Z][A-Z0-9_]*)\s*\}\}$/;

/**
 * cloudbaserc.json: `envId` must be a `{{env.NAME}}` template (the environment id is never
 * committed); `region` may be overridden by TCB_REGION.
 */
export function loadProjectConfig(root: string, env: Env): ProjectConfig {
  const file = join(root, 'cloudbaserc.json');
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const m = typeof raw.envId === 'string' ? ENV_TEMPLATE.exec(raw.envId) : null;
  if (!m) throw new Error('cloudbaserc.json: envId must be "{{env.TCB_ENV_ID}}" (read from the environment, never written in the file)');
  const envIdVariable = m[1];
  const defaults = (raw.functionDefaults ?? {}) as Record<string, unknown>;
  const runtime = String(defaults.runtime ?? '');
  if (!RUNTIMES.includes(runtime)) throw new Error(`cloudbaserc.json: functionDefaults.runtime must be one of ${RUNTIMES.join(', ')}`);
  const handler = String(defaults.handler ?? '');
  if (handler !== 'index.main') throw new Error('cloudbaserc.json: functionDefaults.handler must be "index.main" (the bundles export main)');
  const region = env.TCB_REGION || String(raw.region ?? '');
  if (!/^[a-z]+-[a-z]+$/.test(region)) throw new Error(`cloudbaserc.json: region "${region}" is not a region like ap-shanghai`);
  const functionRoot = String(raw.functionRoot ?? '');
  if (!/^(\.\/)?[\w-]+$/.test(functionRoot)) throw new Error('cloudbaserc.json: functionRoot must be a folder of the repository, e.g. "./dist-functions"');
  const envId = env[envIdVariable]?.trim() || null;
  return { envId, envIdVariable, region, runtime, handler, functionRoot: functionRoot.replace(/^\.\//, '') };
}

/** Names no function may be given as a variable: secrets belong in no function config, demo mode in no deployment. */
const FORBIDDEN_VARIABLE = /SECRET|KEY|TOKEN|PASSWORD|CREDENTIAL|DATABASE_URL|DEMO/i;
const MEMORY_SIZES = [64, 128, 256, 512, 1024, 2048, 3072];

export function loadFunctionConfig(root: string, name: string): FunctionConfig {
  const file = join(root, 'cloudfunctions', name, 'config.json');
  const where = `cloudfunctions/${name}/config.json`;
  if (!existsSync(file)) throw new Error(`${where} is missing: every function declares its timeout and memory`);
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const timeout = raw.timeout;
  if (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 1 || timeout > 900) {
    throw new Error(`${where}: timeout must be a whole number of seconds, 1–900`);
  }
  const memorySize = raw.memorySize;
  if (typeof memorySize !== 'number' || !MEMORY_SIZES.includes(memorySize)) {
    throw new Error(`${where}: memorySize must be one of ${MEMORY_SIZES.join(', ')} (MB)`);
  }
  const triggers = ((raw.triggers ?? []) as Record<string, unknown>[]).map((t, i): TimerTrigger => {
    if (t.type !== 'timer') throw new Error(`${where}: triggers[${i}] must be a timer (the only kind CloudBase's BatchCreateTrigger takes)`);
    if (typeof t.name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,59}$/.test(t.name)) throw new Error(`${where}: triggers[${i}].name is not a valid trigger name`);
    if (typeof t.config !== 'string' || t.config.trim().split(/\s+/).length !== 7) throw new Error(`${where}: triggers[${i}].config must be a seven-field cron`);
    return { name: t.name, type: 'timer', config: t.config.trim() };
  });
  if (new Set(triggers.map((t) => t.name)).size !== triggers.length) throw new Error(`${where}: trigger names must be unique`);
  const envVariables: Record<string, string> = {};
  for (const [k, v] of Object.entries((raw.envVariables ?? {}) as Record<string, unknown>)) {
    if (FORBIDDEN_VARIABLE.test(k)) throw new Error(`${where}: envVariables.${k} is not allowed (no secrets, no demo switch in a deployed function)`);
    envVariables[k] = String(v);
  }
  return { timeout, memorySize, triggers, envVariables };
}

/** The 订阅消息 template variables every function reads (backend/notices/push.ts templatesFromEnv). */
export const TEMPLATE_VARIABLES: readonly string[] = TEMPLATE_KEYS.map((k) => `XIANGYUE_TEMPLATE_${k.toUpperCase()}`);

/** A template id as the WeChat console shows it (letters, digits, - and _). */
const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * The 订阅消息 template ids from the deployer's environment (`XIANGYUE_TEMPLATE_*`, set before
 * `npm run deploy`): set as variables of every function (any function may raise a notice), so
 * template ids are configuration of the deployment, not code. Returns the ones set and the ones
 * missing (those notices then stay in the 消息中心 only); a malformed id stops the deploy.
 */
export function templateVariables(env: Env): { set: Record<string, string>; missing: string[] } {
  const set: Record<string, string> = {};
  const missing: string[] = [];
  for (const name of TEMPLATE_VARIABLES) {
    const v = env[name]?.trim();
    if (!v) {
      missing.push(name);
      continue;
    }
    if (!TEMPLATE_ID.test(v)) throw new Error(`${name} is not a 订阅消息 template id (letters, digits, - and _, as the WeChat console shows it)`);
    set[name] = v;
  }
  return { set, missing };
}

/**
 * Credentials for the management API, from the environment only: TENCENTCLOUD_SECRETID /
 * TENCENTCLOUD_SECRETKEY (/ TENCENTCLOUD_SESSIONTOKEN), or TCB_SECRET_ID / TCB_SECRET_KEY
 * (/ TCB_TOKEN). Returns which variables were used, for the log (never the values).
 */
export function credentialsFrom(env: Env): { secretId: string; secretKey: string; token?: string; source: string } | null {
  if (env.TENCENTCLOUD_SECRETID && env.TENCENTCLOUD_SECRETKEY) {
    return { secretId: env.TENCENTCLOUD_SECRETID, secretKey: env.TENCENTCLOUD_SECRETKEY, token: env.TENCENTCLOUD_SESSIONTOKEN || undefined, source: 'TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY' };
  }
  if (env.TCB_SECRET_ID && env.TCB_SECRET_KEY) {
    return { secretId: env.TCB_SECRET_ID, secretKey: env.TCB_SECRET_KEY, token: env.TCB_TOKEN || undefined, source: 'TCB_SECRET_ID / TCB_SECRET_KEY' };
  }
  return null;
}

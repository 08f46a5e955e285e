/**
 * The deploy itself, against the management API port: database first (every collection, then
 * every declared index), then every function (code, config, timer triggers). Idempotent: what
 * exists and matches is left alone, a function that exists is updated, never recreated.
 */
import { cloudbaseIndexPayloads, type IndexSpec } from '@backend/db/indexes';
import type { TimerTrigger } from './config';
import type { ExistingIndex, ExistingTrigger, ManagerFunction, ManagerPort } from './port';

export interface FunctionPlan {
  name: string;
  /** Where the bundle was built (for messages). */
  source: string;
  /** The staged folder that is uploaded (./stage.ts): a clean copy of `files` from `source`. */
  dir: string;
  files: readonly string[];
  bytes: number;
  runtime: string;
  handler: string;
  timeout: number;
  memorySize: number;
  triggers: TimerTrigger[];
  envVariables: Record<string, string>;
}

export interface DeployPlan {
  envId: string | null;
  region: string;
  collections: string[];
  indexes: IndexSpec[];
  functions: FunctionPlan[];
}

export interface DeployReport {
  collectionsCreated: string[];
  /** `collection.indexName`. */
  indexesCreated: string[];
  indexesReplaced: string[];
  functionsCreated: string[];
  functionsUpdated: string[];
  /** `function.trigger`. */
  triggersCreated: string[];
  triggersDeleted: string[];
  warnings: string[];
}

export type Log = (line: string) => void;

const dirText = (d: 'asc' | 'desc') => (d === 'asc' ? 'asc' : 'desc');

export function describeIndex(i: IndexSpec): string {
  return `index ${i.collection}.${i.name}${i.unique ? ' UNIQUE' : ''} (${i.fields.map((f) => `${f.field} ${dirText(f.dir)}`).join(', ')})`;
}

function describeFunctionConfig(f: FunctionPlan): string {
  const env = Object.keys(f.envVariables);
  return `runtime ${f.runtime}, handler ${f.handler}, timeout ${f.timeout} s, memory ${f.memorySize} MB, install dependencies${env.length ? `, env ${env.join(', ')}` : ''}`;
}

function describeTriggers(f: FunctionPlan): string {
  return f.triggers.length ? f.triggers.map((t) => `${t.name} timer "${t.config}"`).join(', ') : 'none';
}

/** Every step a deploy takes, one line each: what --dry-run prints. */
export function describePlan(plan: DeployPlan): string[] {
  const lines: string[] = [];
  lines.push(`environment ${plan.envId ?? '(TCB_ENV_ID not set)'} in ${plan.region}`);
  for (const c of plan.collections) lines.push(`collection ${c}: create if missing`);
  for (const i of plan.indexes) lines.push(`${describeIndex(i)}: create if missing (stop if one of that name differs)`);
  for (const f of plan.functions) {
    lines.push(
      `function ${f.name}: upload ${f.files.join(' + ')} of ${f.source} (${Math.round(f.bytes / 1024)} KB, nothing else); ` +
        `create it, or update its code if it exists; ${describeFunctionConfig(f)}; ` +
        `timer triggers: ${describeTriggers(f)} (other timers removed)`,
    );
  }
  return lines;
}

function sameIndex(want: IndexSpec, have: ExistingIndex): boolean {
  const keys = have.Keys ?? [];
  return (
    have.Unique === (want.unique === true) &&
    keys.length === want.fields.length &&
    want.fields.every((f, n) => keys[n]?.Name === f.field && String(keys[n]?.Direction) === (f.dir === 'asc' ? '1' : '-1'))
  );
}

/** A timer's cron as GetFunction reports it: `{"cron":"…"}` (or the bare cron). */
export function timerCron(t: ExistingTrigger): string {
  try {
    const parsed = JSON.parse(t.TriggerDesc) as { cron?: unknown };
    if (parsed && typeof parsed.cron === 'string') return parsed.cron.trim();
  } catch {
    // not JSON: the bare cron
  }
  return String(t.TriggerDesc ?? '').trim();
}

async function applyDatabase(plan: DeployPlan, m: ManagerPort, log: Log, report: DeployReport, replaceIndexes: boolean): Promise<void> {
  for (const c of plan.collections) {
    const r = await m.database.createCollectionIfNotExists(c);
    if (r.IsCreated) report.collectionsCreated.push(c);
    log(`collection ${c}: ${r.IsCreated ? 'created' : 'exists'}`);
  }
  const mismatched: string[] = [];
  for (const collection of [...new Set(plan.indexes.map((i) => i.collection))]) {
    const wanted = plan.indexes.filter((i) => i.collection === collection);
    const existing = (await m.database.describeCollection(collection)).Indexes ?? [];
    const missing: IndexSpec[] = [];
    const replace: IndexSpec[] = [];
    for (const i of wanted) {
      const have = existing.find((e) => e.Name === i.name);
      if (!have) missing.push(i);
      else if (sameIndex(i, have)) log(`${describeIndex(i)}: exists`);
      else if (replaceIndexes) replace.push(i);
      else mismatched.push(`${describeIndex(i)} differs from the one in CloudBase (${JSON.stringify(have.Keys)}, unique ${have.Unique})`);
    }
    if (replace.length) {
      // Dropped first: UpdateTable cannot create an index under a name that is still taken.
      await m.database.updateCollection(collection, { DropIndexes: replace.map((i) => ({ IndexName: i.name })) });
      for (const i of replace) report.indexesReplaced.push(`${collection}.${i.name}`);
    }
    const create = [...replace, ...missing];
    if (create.length) {
      // One UpdateTable per collection, with the payload backend/db/indexes.ts renders.
      const [payload] = cloudbaseIndexPayloads(create);
      await m.database.updateCollection(collection, payload.options);
      for (const i of create) {
        report.indexesCreated.push(`${collection}.${i.name}`);
        log(`${describeIndex(i)}: ${replace.includes(i) ? 'replaced' : 'created'}`);
      }
    }
  }
  if (mismatched.length) {
    // A differing index (e.g. unique in the code, not unique in CloudBase) changes what the
    // database guarantees: stop before deploying functions that rely on it.
    throw new Error(`indexes differ from backend/db/indexes.ts (rerun with --replace-indexes to drop and recreate them):\n  ${mismatched.join('\n  ')}`);
  }
}

async function applyTriggers(f: FunctionPlan, m: ManagerPort, log: Log, report: DeployReport): Promise<void> {
  const detail = await m.functions.getFunctionDetail(f.name);
  const timers = (detail.Triggers ?? []).filter((t) => t.Type === 'timer');
  const create: TimerTrigger[] = [];
  for (const t of timers) {
    const want = f.triggers.find((w) => w.name === t.TriggerName);
    if (want && timerCron(t) === want.config) {
      log(`function ${f.name}: trigger ${t.TriggerName} unchanged`);
      continue;
    }
    // Undeclared timers are removed: config.json is the whole truth about when a function runs.
    await m.functions.deleteFunctionTrigger(f.name, t.TriggerName);
    report.triggersDeleted.push(`${f.name}.${t.TriggerName}`);
    log(`function ${f.name}: trigger ${t.TriggerName} removed${want ? ' (schedule changed)' : ' (not declared)'}`);
  }
  for (const w of f.triggers) {
    const kept = timers.some((t) => t.TriggerName === w.name && timerCron(t) === w.config);
    if (!kept) create.push(w);
  }
  if (create.length) {
    await m.functions.createFunctionTriggers(f.name, create);
    for (const t of create) {
      report.triggersCreated.push(`${f.name}.${t.name}`);
      log(`function ${f.name}: trigger ${t.name} created ("${t.config}")`);
    }
  }
}

function managerFunction(f: FunctionPlan): ManagerFunction {
  return {
    name: f.name,
    runtime: f.runtime,
    handler: f.handler,
    timeout: f.timeout,
    memorySize: f.memorySize,
    // The bundle keeps @cloudbase/node-sdk external: CloudBase installs it from package.json.
    installDependency: true,
    ...(Object.keys(f.envVariables).length ? { envVariables: f.envVariables } : {}),
  };
}

async function applyFunctions(plan: DeployPlan, envId: string, m: ManagerPort, log: Log, report: DeployReport): Promise<void> {
  const existing = new Map((await m.functions.listAllFunctions({ envId })).map((f) => [f.FunctionName, f]));
  for (const f of plan.functions) {
    const func = managerFunction(f);
    const have = existing.get(f.name);
    if (!have) {
      // force: false — a function that appeared meanwhile is an error, not an overwrite.
      await m.functions.createFunction({ func: { ...func, triggers: f.triggers }, functionPath: f.dir, force: false });
      report.functionsCreated.push(f.name);
      for (const t of f.triggers) report.triggersCreated.push(`${f.name}.${t.name}`);
      log(`function ${f.name}: created (${describeFunctionConfig(f)}; triggers ${describeTriggers(f)})`);
      continue;
    }
    if (have.Runtime && have.Runtime !== f.runtime) {
      const w = `function ${f.name}: runs on ${have.Runtime}, cloudbaserc.json says ${f.runtime}; CloudBase sets the runtime only when a function is created (delete it in the console to change it)`;
      report.warnings.push(w);
      log(`WARNING ${w}`);
    }
    await m.functions.updateFunctionCode({ func: { name: f.name, runtime: f.runtime, handler: f.handler, installDependency: true, isWaitInstall: true }, functionPath: f.dir });
    await m.functions.waitFunctionActive(f.name);
    // Triggers are left out here: updateFunctionConfig would try to create them and only warn on
    // failure; applyTriggers reconciles them instead.
    await m.functions.updateFunctionConfig(func);
    await m.functions.waitFunctionActive(f.name);
    await applyTriggers(f, m, log, report);
    report.functionsUpdated.push(f.name);
    log(`function ${f.name}: code and config updated (${describeFunctionConfig(f)})`);
  }
}

export async function applyPlan(plan: DeployPlan, m: ManagerPort, log: Log, opts: { replaceIndexes?: boolean } = {}): Promise<DeployReport> {
  if (!plan.envId) throw new Error('no environment id');
  const report: DeployReport = {
    collectionsCreated: [],
    indexesCreated: [],
    indexesReplaced: [],
    functionsCreated: [],
    functionsUpdated: [],
    triggersCreated: [],
    triggersDeleted: [],
    warnings: [],
  };
  await applyDatabase(plan, m, log, report, opts.replaceIndexes === true);
  await applyFunctions(plan, plan.envId, m, log, report);
  return report;
}

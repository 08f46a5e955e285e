/**
 * `npm run deploy [-- --dry-run] [-- --replace-indexes]`: builds every cloud function of
 * cloudfunctions/registry.ts, then creates every collection and index and deploys every
 * function to the CloudBase environment named by TCB_ENV_ID. Dependencies are passed in so the
 * tests run it whole against a stand-in of the management API.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { INDEXES, indexedCollections } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { assetFiles, bundleFunction, functionNames, type BundleResult } from '../bundleFunction';
import { applyPlan, describePlan, type DeployPlan, type DeployReport, type FunctionPlan, type Log } from './apply';
import { credentialsFrom, loadFunctionConfig, loadProjectConfig, templateVariables, type Env } from './config';
import { openManager } from './manager';
import type { ManagerConfig, ManagerPort } from './port';
import { stageFunction, UPLOADED_FILES } from './stage';

export interface MainDeps {
  env: Env;
  log: Log;
  /** The repository (cloudbaserc.json, cloudfunctions/). */
  root?: string;
  /** Where bundles are built; default cloudbaserc.json's functionRoot. */
  bundleRoot?: string;
  bundle?: (name: string, outDir: string) => Promise<BundleResult>;
  openManager?: (config: ManagerConfig) => ManagerPort;
}

export interface MainResult {
  code: number;
  report: DeployReport | null;
}

const USAGE = 'usage: npm run deploy [-- --dry-run] [-- --replace-indexes]';

/** The functions to deploy: exactly the registry's, each with its folder. */
export function deployableFunctions(root: string): string[] {
  const registry = Object.keys(FUNCTIONS).sort();
  const folders = functionNames().sort();
  const missing = registry.filter((n) => !folders.includes(n));
  const stray = folders.filter((n) => !registry.includes(n));
  if (missing.length || stray.length) {
    throw new Error(
      `cloudfunctions/registry.ts and the function folders under ${join(root, 'cloudfunctions')} disagree: ` +
        `${missing.length ? `no index.ts for ${missing.join(', ')}` : ''}${stray.length ? ` not in the registry: ${stray.join(', ')}` : ''}`,
    );
  }
  return registry;
}

/** Every collection of backend/repos/collections.ts; an index on any other collection is a mistake. */
export function deployableCollections(): string[] {
  const all: string[] = Object.values(C);
  const unknown = indexedCollections(INDEXES).filter((c) => !all.includes(c));
  if (unknown.length) throw new Error(`backend/db/indexes.ts indexes collections missing from backend/repos/collections.ts: ${unknown.join(', ')}`);
  return all;
}

export async function main(argv: readonly string[], deps: MainDeps): Promise<MainResult> {
  const log = deps.log;
  const unknownFlags = argv.filter((a) => !['--dry-run', '--replace-indexes'].includes(a));
  if (unknownFlags.length) {
    log(`unknown option ${unknownFlags.join(' ')}\n${USAGE}`);
    return { code: 2, report: null };
  }
  const dryRun = argv.includes('--dry-run');
  const root = deps.root ?? resolve(__dirname, '..', '..');
  const project = loadProjectConfig(root, deps.env);
  const credentials = credentialsFrom(deps.env);
  if (!dryRun) {
    if (!project.envId) throw new Error(`${project.envIdVariable} is not set: the CloudBase environment id to deploy to`);
    if (!credentials) throw new Error('no credentials: set TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (or TCB_SECRET_ID and TCB_SECRET_KEY)');
  }

  // Everything is read and checked before anything is built or called.
  const names = deployableFunctions(root);
  const configs = new Map(names.map((n) => [n, loadFunctionConfig(root, n)]));
  const collections = deployableCollections();
  const templates = templateVariables(deps.env);
  const templateNames = Object.keys(templates.set);
  log(
    templateNames.length
      ? `订阅消息 templates: ${templateNames.join(', ')} set on every function`
      : '订阅消息 templates: none set',
  );
  if (templates.missing.length) {
    log(`订阅消息 templates missing: ${templates.missing.join(', ')} — those notices land in the 消息中心 only, nothing is pushed (set the ids in the environment before deploying)`);
  }

  const bundleRoot = deps.bundleRoot ?? join(root, project.functionRoot);
  const bundle = deps.bundle ?? bundleFunction;
  const stageRoot = mkdtempSync(join(tmpdir(), 'xiangyue-deploy-'));
  try {
    const functions: FunctionPlan[] = [];
    for (const name of names) {
      const out = join(bundleRoot, name);
      const built = await bundle(name, out);
      const assets = assetFiles(name);
      const staged = stageFunction(name, out, built.inputs, stageRoot, assets);
      const own = configs.get(name)!;
      // The deployer's template ids win over a config.json's (the ids belong to the deployment).
      const cfg = { ...own, envVariables: { ...own.envVariables, ...templates.set } };
      const source = relative(root, out) || out;
      log(`build ${name}: ${source}/index.js from ${built.inputs.length} sources (checked: no demo path)`);
      functions.push({ name, source, dir: staged.dir, files: [...UPLOADED_FILES, ...assets], bytes: staged.bytes, runtime: project.runtime, handler: project.handler, ...cfg });
    }
    const plan: DeployPlan = { envId: project.envId, region: project.region, collections, indexes: INDEXES, functions };

    if (dryRun) {
      for (const line of describePlan(plan)) log(`[dry-run] ${line}`);
      log(`[dry-run] nothing was called; run without --dry-run to deploy${credentials ? '' : ' (credentials are not set yet)'}`);
      return { code: 0, report: null };
    }

    log(`deploying to ${project.envId} in ${project.region} (credentials from ${credentials!.source})`);
    const manager = (deps.openManager ?? openManager)({
      secretId: credentials!.secretId,
      secretKey: credentials!.secretKey,
      ...(credentials!.token ? { token: credentials!.token } : {}),
      envId: project.envId!,
      region: project.region,
    });
    const report = await applyPlan(plan, manager, log, { replaceIndexes: argv.includes('--replace-indexes') });
    log(
      `done: ${report.functionsCreated.length} functions created, ${report.functionsUpdated.length} updated; ` +
        `${report.collectionsCreated.length} collections and ${report.indexesCreated.length} indexes created` +
        (report.warnings.length ? `; ${report.warnings.length} warning(s) above` : ''),
    );
    return { code: 0, report };
  } finally {
    rmSync(stageRoot, { recursive: true, force: true });
  }
}

/**
 * `npm run deploy` (scripts/cloudbaseDeploy/main.ts) run whole against a stand-in of the
 * CloudBase management API (./fakeManager.ts): the real bundles, the real config files, the real
 * collection and index declarations.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { INDEXES } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { bundleFunction, type BundleResult } from '../../scripts/bundleFunction';
import { main } from '../../scripts/cloudbaseDeploy/main';
import { loadFunctionConfig, loadProjectConfig, type Env } from '../../scripts/cloudbaseDeploy/config';
import type { CreateIndex, ManagerConfig } from '../../scripts/cloudbaseDeploy/port';
import { FakeManager } from './fakeManager';

const root = resolve(__dirname, '../..');
const NAMES = Object.keys(FUNCTIONS).sort();
const SECRET_ID = 'AKIDfakeSecretId0123456789';
const SECRET_KEY = 'fakeSecretKeyValue0123456789';
const ENV = { TCB_ENV_ID: 'xiangyue-prod-1abc', TENCENTCLOUD_SECRETID: SECRET_ID, TENCENTCLOUD_SECRETKEY: SECRET_KEY };

let bundleRoot: string;
const built = new Map<string, BundleResult>();

/** The bundles are built once; later runs reuse them (what a rebuild of unchanged code gives). */
async function bundle(name: string, outDir: string): Promise<BundleResult> {
  if (!built.has(name)) built.set(name, await bundleFunction(name, outDir));
  return built.get(name)!;
}

beforeAll(async () => {
  bundleRoot = mkdtempSync(join(tmpdir(), 'xiangyue-deploy-test-'));
  for (const name of NAMES) {
    const out = join(bundleRoot, name);
    await bundle(name, out);
    // Things that must never be uploaded, planted beside the bundle.
    writeFileSync(join(out, '.env'), `TENCENTCLOUD_SECRETKEY=${SECRET_KEY}\nXIANGYUE_DEMO=1\n`);
    mkdirSync(join(out, '.data'), { recursive: true });
    writeFileSync(join(out, '.data', 'pglite.db'), 'local data');
    mkdirSync(join(out, 'node_modules', 'left-over'), { recursive: true });
    writeFileSync(join(out, 'node_modules', 'left-over', 'index.js'), 'module.exports = 1;');
  }
}, 180_000);

interface Run {
  code: number;
  out: string[];
  opened: ManagerConfig[];
  report: Awaited<ReturnType<typeof main>>['report'];
}

async function deploy(fake: FakeManager, argv: string[] = [], env: Env = ENV): Promise<Run> {
  const out: string[] = [];
  const opened: ManagerConfig[] = [];
  const r = await main(argv, {
    env,
    log: (l) => out.push(l),
    bundleRoot,
    bundle,
    openManager: (cfg) => {
      opened.push(cfg);
      return fake;
    },
  });
  return { code: r.code, out, opened, report: r.report };
}

function createdIndexes(fake: FakeManager): { collection: string; index: CreateIndex }[] {
  return fake.callsOf('updateCollection').flatMap((c) => {
    const [collection, info] = c.args as [string, { CreateIndexes?: CreateIndex[] }];
    return (info.CreateIndexes ?? []).map((index) => ({ collection, index }));
  });
}

/** What each function's folder uploads: the bundle, its package.json and, for sheets, the PDF font. */
const uploadedFiles = (name: string) => (name === 'sheets' ? ['NotoSansSC_400Regular.ttf', 'index.js', 'package.json'] : ['index.js', 'package.json']);

describe('first deploy to an empty environment', () => {
  const fake = new FakeManager();
  let run: Run;
  beforeAll(async () => {
    run = await deploy(fake);
  }, 120_000);

  test('succeeds, with the environment, region and credentials from the environment variables', () => {
    expect(run.code).toBe(0);
    expect(run.opened).toEqual([{ secretId: SECRET_ID, secretKey: SECRET_KEY, envId: 'xiangyue-prod-1abc', region: 'ap-shanghai' }]);
    expect(fake.callsOf('listAllFunctions')).toEqual([{ method: 'listAllFunctions', args: [{ envId: 'xiangyue-prod-1abc' }] }]);
  });

  test('creates every function of the registry with its bundle and its config.json (timeout always explicit)', () => {
    const creates = fake.callsOf('createFunction').map((c) => c.args[0] as { func: Record<string, unknown>; force: boolean });
    expect(creates.map((c) => c.func.name).sort()).toEqual(NAMES);
    for (const c of creates) {
      const name = c.func.name as string;
      const cfg = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as { timeout: number; memorySize: number; triggers?: unknown[] };
      expect(typeof cfg.timeout).toBe('number');
      expect(c.force).toBe(false);
      expect(c.func).toMatchObject({ runtime: 'Nodejs18.15', handler: 'index.main', timeout: cfg.timeout, memorySize: cfg.memorySize, installDependency: true, triggers: cfg.triggers ?? [] });
      const f = fake.fns.get(name)!;
      expect(f.Timeout).toBe(cfg.timeout); // never CloudBase's 3 s default
      expect(f.code).toBe(readFileSync(join(bundleRoot, name, 'index.js'), 'utf8'));
    }
    expect(fake.fns.get('jobs')!.Triggers).toEqual([
      { TriggerName: 'yearEnd', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 5 0 1 1 * *' }) },
      { TriggerName: 'dailyReminders', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 0 8 * * * *' }) },
      { TriggerName: 'pushOutbox', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) },
      { TriggerName: 'contentChecks', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) },
      { TriggerName: 'purgeExports', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 30 3 * * * *' }) },
    ]);
    expect([...fake.fns].filter(([n]) => n !== 'jobs').every(([, f]) => f.Triggers.length === 0)).toBe(true);
    expect(run.report!.functionsCreated.sort()).toEqual(NAMES);
  });

  test('uploads exactly index.js and package.json per function (and the declared font for sheets): no .env, local data, node_modules or config.json', () => {
    expect(fake.uploads.map((u) => u.name).sort()).toEqual(NAMES);
    for (const u of fake.uploads) {
      expect(u.files).toEqual(uploadedFiles(u.name));
      expect(JSON.parse(u.packageJson)).toEqual({ name: u.name, version: '1.0.0', main: 'index.js', dependencies: { '@cloudbase/node-sdk': expect.any(String) } });
    }
  });

  test('the credentials are written nowhere: not in the output, not in any uploaded file', () => {
    const text = [...run.out, ...fake.uploads.flatMap((u) => [u.code, u.packageJson]), JSON.stringify(fake.calls)].join('\n');
    expect(text).not.toContain(SECRET_ID);
    expect(text).not.toContain(SECRET_KEY);
    expect(run.out.join('\n')).toContain('credentials from TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY');
  });

  test('asks for every collection of backend/repos/collections.ts', () => {
    expect(fake.callsOf('createCollectionIfNotExists').map((c) => c.args[0]).sort()).toEqual(Object.values(C).sort());
    expect(run.report!.collectionsCreated.sort()).toEqual(Object.values(C).sort());
  });

  test('creates every index of backend/db/indexes.ts, unique ones unique, fields in order with their direction, nothing else', () => {
    const created = createdIndexes(fake);
    expect(created).toHaveLength(INDEXES.length);
    for (const spec of INDEXES) {
      const hit = created.filter((c) => c.collection === spec.collection && c.index.IndexName === spec.name);
      expect(hit).toHaveLength(1);
      expect(hit[0].index.MgoKeySchema).toEqual({
        MgoIsUnique: spec.unique === true,
        MgoIndexKeys: spec.fields.map((f) => ({ Name: f.field, Direction: f.dir === 'asc' ? '1' : '-1' })),
      });
    }
    // The unique ones really are unique (grid and goods names per village).
    expect(created.filter((c) => c.index.MgoKeySchema.MgoIsUnique).map((c) => `${c.collection}.${c.index.IndexName}`).sort()).toEqual(
      INDEXES.filter((i) => i.unique).map((i) => `${i.collection}.${i.name}`).sort(),
    );
  });

  test('the database comes first: every collection and index exists before the first function is deployed', () => {
    const firstFunction = fake.calls.findIndex((c) => c.method === 'createFunction');
    const lastDb = fake.calls.map((c) => c.method).lastIndexOf('updateCollection');
    expect(lastDb).toBeLessThan(firstFunction);
  });

  describe('a second run', () => {
    let second: Run;
    beforeAll(async () => {
      fake.calls = [];
      fake.uploads = [];
      second = await deploy(fake);
    }, 120_000);

    test('updates every function (code, then config) instead of creating it, with the same files', () => {
      expect(second.code).toBe(0);
      expect(fake.callsOf('createFunction')).toEqual([]);
      expect(fake.callsOf('updateFunctionCode').map((c) => (c.args[0] as { func: { name: string } }).func.name).sort()).toEqual(NAMES);
      for (const u of fake.uploads) expect(u.files).toEqual(uploadedFiles(u.name));
      const configs = fake.callsOf('updateFunctionConfig').map((c) => c.args[0] as { name: string; timeout: number; memorySize: number; triggers?: unknown });
      expect(configs.map((c) => c.name).sort()).toEqual(NAMES);
      for (const c of configs) {
        expect(c.timeout).toBe(loadFunctionConfig(root, c.name).timeout);
        expect(c.memorySize).toBe(loadFunctionConfig(root, c.name).memorySize);
        expect(c.triggers).toBeUndefined(); // reconciled separately, see the trigger test
      }
      expect(second.report!.functionsUpdated.sort()).toEqual(NAMES);
    });

    test('creates no collection, no index and no trigger, deletes nothing', () => {
      expect(fake.callsOf('updateCollection')).toEqual([]);
      expect(fake.callsOf('createFunctionTriggers')).toEqual([]);
      expect(fake.callsOf('deleteFunctionTrigger')).toEqual([]);
      expect(second.report).toMatchObject({ collectionsCreated: [], indexesCreated: [], triggersCreated: [], triggersDeleted: [], warnings: [] });
    });
  });
});

test('timer triggers follow config.json: a changed schedule is replaced, an undeclared timer removed', async () => {
  const fake = new FakeManager();
  await deploy(fake);
  fake.fns.get('jobs')!.Triggers[0].TriggerDesc = JSON.stringify({ cron: '0 0 3 * * * *' });
  fake.fns.get('points')!.Triggers.push({ TriggerName: 'leftOver', Type: 'timer', TriggerDesc: '0 0 * * * * *' });
  fake.calls = [];
  const r = await deploy(fake);
  expect(fake.callsOf('deleteFunctionTrigger').map((c) => c.args)).toEqual(expect.arrayContaining([['jobs', 'yearEnd'], ['points', 'leftOver']]));
  expect(fake.callsOf('deleteFunctionTrigger')).toHaveLength(2);
  expect(fake.callsOf('createFunctionTriggers').map((c) => c.args)).toEqual([['jobs', [{ name: 'yearEnd', type: 'timer', config: '0 5 0 1 1 * *' }]]]);
  // The replaced yearEnd timer is created again after the four that stayed.
  expect(fake.fns.get('jobs')!.Triggers).toEqual([
    { TriggerName: 'dailyReminders', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 0 8 * * * *' }) },
    { TriggerName: 'pushOutbox', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) },
    { TriggerName: 'contentChecks', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 */10 * * * * *' }) },
    { TriggerName: 'purgeExports', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 30 3 * * * *' }) },
    { TriggerName: 'yearEnd', Type: 'timer', TriggerDesc: JSON.stringify({ cron: '0 5 0 1 1 * *' }) },
  ]);
  expect(fake.fns.get('points')!.Triggers).toEqual([]);
  expect(r.report!.triggersDeleted.sort()).toEqual(['jobs.yearEnd', 'points.leftOver']);
}, 120_000);

test('an index that differs in CloudBase stops the deploy before any function; --replace-indexes drops and recreates it', async () => {
  const fake = new FakeManager();
  await deploy(fake);
  const goods = fake.colls.get('goods')!;
  goods.find((i) => i.Name === 'villageId_name')!.Unique = false;
  fake.calls = [];
  await expect(deploy(fake)).rejects.toThrow(/--replace-indexes.*index goods\.villageId_name UNIQUE .*differs.*unique false/s);
  expect(fake.calls.some((c) => /Function|Trigger/.test(c.method))).toBe(false);

  fake.calls = [];
  const r = await deploy(fake, ['--replace-indexes']);
  expect(r.code).toBe(0);
  expect(fake.callsOf('updateCollection').map((c) => c.args)).toEqual([
    ['goods', { DropIndexes: [{ IndexName: 'villageId_name' }] }],
    ['goods', { CreateIndexes: [{ IndexName: 'villageId_name', MgoKeySchema: { MgoIsUnique: true, MgoIndexKeys: [{ Name: 'villageId', Direction: '1' }, { Name: 'name', Direction: '1' }] } }] }],
  ]);
  expect(fake.colls.get('goods')!.find((i) => i.Name === 'villageId_name')!.Unique).toBe(true);
}, 120_000);

test('a function created on another runtime is updated with a warning (CloudBase sets the runtime at creation only)', async () => {
  const fake = new FakeManager();
  await deploy(fake);
  fake.fns.get('shop')!.Runtime = 'Nodejs12.16';
  const r = await deploy(fake);
  expect(r.report!.warnings).toEqual([expect.stringContaining('function shop: runs on Nodejs12.16')]);
  expect(r.out.some((l) => l.startsWith('WARNING function shop'))).toBe(true);
}, 120_000);

test('订阅消息 template ids come from the deployer\'s environment and are set on every function; missing ones are named in the log', async () => {
  const ids = { XIANGYUE_TEMPLATE_REVIEW_RESULT: 'tmplReview_0123456789abcdef', XIANGYUE_TEMPLATE_TODO: 'tmplTodo-0123456789abcdef' };
  const fake = new FakeManager();
  const first = await deploy(fake, [], { ...ENV, ...ids });
  expect(first.code).toBe(0);
  for (const name of NAMES) expect(fake.fns.get(name)!.Env).toMatchObject(ids);
  expect(first.out.join('\n')).toContain('订阅消息 templates missing: XIANGYUE_TEMPLATE_OBJECTION_RESULT');
  // A new id on the next deploy reaches every function's configuration.
  fake.calls = [];
  const all = { ...ids, XIANGYUE_TEMPLATE_TODO: 'tmplTodo-changed-0123456789', XIANGYUE_TEMPLATE_OBJECTION_RESULT: 'tmplObjection_0123456789' };
  const second = await deploy(fake, [], { ...ENV, ...all });
  const configs = fake.callsOf('updateFunctionConfig').map((c) => c.args[0] as { name: string; envVariables?: Record<string, string> });
  expect(configs.map((c) => c.name).sort()).toEqual(NAMES);
  for (const c of configs) expect(c.envVariables).toMatchObject(all);
  expect(second.out.join('\n')).not.toContain('templates missing');
  // A malformed id stops the deploy before anything is called.
  const bad = new FakeManager();
  await expect(deploy(bad, [], { ...ENV, XIANGYUE_TEMPLATE_TODO: 'not an id; rm -rf' })).rejects.toThrow(/XIANGYUE_TEMPLATE_TODO is not a 订阅消息 template id/);
  expect(bad.calls).toEqual([]);
}, 120_000);

describe('--dry-run', () => {
  test('calls nothing and prints every step: each collection, each index, each function with its config', async () => {
    const fake = new FakeManager();
    // No credentials needed to look.
    const r = await deploy(fake, ['--dry-run'], { TCB_ENV_ID: 'xiangyue-prod-1abc' });
    expect(r.code).toBe(0);
    expect(r.opened).toEqual([]);
    expect(fake.calls).toEqual([]);
    const dry = r.out.filter((l) => l.startsWith('[dry-run] '));
    expect(dry[0]).toBe('[dry-run] environment xiangyue-prod-1abc in ap-shanghai');
    for (const c of Object.values(C)) expect(dry).toContain(`[dry-run] collection ${c}: create if missing`);
    for (const i of INDEXES) {
      const fields = i.fields.map((f) => `${f.field} ${f.dir}`).join(', ');
      expect(dry).toContain(`[dry-run] index ${i.collection}.${i.name}${i.unique ? ' UNIQUE' : ''} (${fields}): create if missing (stop if one of that name differs)`);
    }
    for (const name of NAMES) {
      const cfg = loadFunctionConfig(root, name);
      const line = dry.find((l) => l.startsWith(`[dry-run] function ${name}: `));
      expect(line).toBeDefined();
      expect(line).toContain('upload index.js + package.json');
      expect(line).toContain(`timeout ${cfg.timeout} s, memory ${cfg.memorySize} MB`);
      expect(line).toContain('runtime Nodejs18.15');
      expect(line).toContain(`timer triggers: ${cfg.triggers.length ? cfg.triggers.map((t) => `${t.name} timer "${t.config}"`).join(', ') : 'none'}`);
    }
    expect(dry).toHaveLength(1 + Object.values(C).length + INDEXES.length + NAMES.length + 1);
  }, 120_000);

  test('still refuses a bundle that fails the checks (they run before anything would be called)', async () => {
    const fake = new FakeManager();
    const dirty = async (name: string, outDir: string): Promise<BundleResult> => {
      const b = await bundle(name, outDir);
      return name === 'identity' ? { ...b, inputs: [...b.inputs, 'server/demo/seed.ts'] } : b;
    };
    await expect(
      main(['--dry-run'], { env: ENV, log: () => undefined, bundleRoot, bundle: dirty, openManager: () => fake }),
    ).rejects.toThrow(/identity: bundle includes server\/demo\/seed\.ts/);
    expect(fake.calls).toEqual([]);
  }, 120_000);
});

describe('configuration', () => {
  test('a real run needs the environment id and credentials from the environment', async () => {
    const fake = new FakeManager();
    await expect(deploy(fake, [], { TENCENTCLOUD_SECRETID: SECRET_ID, TENCENTCLOUD_SECRETKEY: SECRET_KEY })).rejects.toThrow(/TCB_ENV_ID is not set/);
    await expect(deploy(fake, [], { TCB_ENV_ID: 'e' })).rejects.toThrow(/no credentials/);
    expect(fake.calls).toEqual([]);
    const r = await deploy(new FakeManager(), [], { TCB_ENV_ID: 'e', TCB_SECRET_ID: 'id2', TCB_SECRET_KEY: 'key2', TCB_TOKEN: 'tok2', TCB_REGION: 'ap-guangzhou' });
    expect(r.opened).toEqual([{ secretId: 'id2', secretKey: 'key2', token: 'tok2', envId: 'e', region: 'ap-guangzhou' }]);
  }, 120_000);

  test('cloudbaserc.json names the environment only through a variable; a written-in id is refused', () => {
    const rc = JSON.parse(readFileSync(join(root, 'cloudbaserc.json'), 'utf8')) as { envId: string };
    expect(rc.envId).toBe('{{env.TCB_ENV_ID}}');
    const tmp = mkdtempSync(join(tmpdir(), 'xiangyue-rc-'));
    writeFileSync(join(tmp, 'cloudbaserc.json'), JSON.stringify({ ...rc, envId: 'xiangyue-prod-1abc' }));
    expect(() => loadProjectConfig(tmp, {})).toThrow(/envId must be/);
  });

  test('every function declares its timeout and memory; the batch functions get at least 60 s', () => {
    for (const name of NAMES) {
      const raw = JSON.parse(readFileSync(join(root, 'cloudfunctions', name, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect([name, typeof raw.timeout, typeof raw.memorySize]).toEqual([name, 'number', 'number']);
      expect(loadFunctionConfig(root, name).timeout).toBeGreaterThanOrEqual(['audit', 'publicity', 'jobs'].includes(name) ? 60 : 10);
    }
  });

  test('a config.json without a timeout, with a secret or the demo switch as a variable, or a non-timer trigger is refused', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'xiangyue-fncfg-'));
    const write = (cfg: unknown) => {
      mkdirSync(join(tmp, 'cloudfunctions', 'f'), { recursive: true });
      writeFileSync(join(tmp, 'cloudfunctions', 'f', 'config.json'), JSON.stringify(cfg));
    };
    write({ memorySize: 256 });
    expect(() => loadFunctionConfig(tmp, 'f')).toThrow(/timeout/);
    write({ timeout: 20, memorySize: 256, envVariables: { XIANGYUE_DEMO: '1' } });
    expect(() => loadFunctionConfig(tmp, 'f')).toThrow(/XIANGYUE_DEMO is not allowed/);
    write({ timeout: 20, memorySize: 256, envVariables: { TENCENTCLOUD_SECRETKEY: 'x' } });
    expect(() => loadFunctionConfig(tmp, 'f')).toThrow(/not allowed/);
    write({ timeout: 20, memorySize: 256, triggers: [{ name: 'h', type: 'http', config: '' }] });
    expect(() => loadFunctionConfig(tmp, 'f')).toThrow(/timer/);
    write({ timeout: 20, memorySize: 256, envVariables: { LOG_LEVEL: 'info' } });
    expect(loadFunctionConfig(tmp, 'f')).toEqual({ timeout: 20, memorySize: 256, triggers: [], envVariables: { LOG_LEVEL: 'info' } });
  });

  test('an unknown option changes nothing', async () => {
    const fake = new FakeManager();
    const r = await deploy(fake, ['--force']);
    expect(r.code).toBe(2);
    expect(fake.calls).toEqual([]);
  });
});

/**
 * Demo mode can never be on in a deployed build. Locally, demo mode is the server's (server/,
 * XIANGYUE_DEMO, identity from the X-Openid header the H5 identity picker sets — src/services/
 * demo.ts, transport.h5.ts, pages/demo). What is deployed is the function bundles (identity only
 * from CloudBase's OPENID) and the weapp build. So: no bundle is made of, or carries text of,
 * any demo path; and the weapp build's module graph and page list hold no picker.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { BUNDLE_BUDGET_BYTES, bundleBudget, bundleFunction, type BundleResult } from '../../scripts/bundleFunction';
import { DEMO_MARKERS, demoProblems, isAllowedBundleInput, stageFunction } from '../../scripts/cloudbaseDeploy/stage';

const root = resolve(__dirname, '../..');
const NAMES = Object.keys(FUNCTIONS).sort();

describe('cloud function bundles', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xiangyue-demo-bundles-'));
  const bundles = new Map<string, BundleResult & { text: string }>();
  beforeAll(async () => {
    for (const name of NAMES) {
      const b = await bundleFunction(name, join(dir, name));
      bundles.set(name, { ...b, text: readFileSync(join(dir, name, 'index.js'), 'utf8') });
    }
  }, 180_000);

  test('are made only of their function, backend/, src/domain/ and packages: nothing of server/ or the front end', () => {
    for (const name of NAMES) {
      const { inputs } = bundles.get(name)!;
      expect(inputs).toContain(`cloudfunctions/${name}/index.ts`);
      expect(inputs).toContain('backend/runtime/cloudbaseEntry.ts');
      expect([name, inputs.filter((i) => !isAllowedBundleInput(i))]).toEqual([name, []]);
      expect(inputs.filter((i) => /^(server|src\/(services|pages|components))\//.test(i))).toEqual([]);
    }
  });

  test('each stays within its size budget (300 KB minified; sheets, with its libraries and font tables, 6 MB)', () => {
    for (const name of NAMES) {
      const { bytes } = bundles.get(name)!;
      expect([name, bytes <= bundleBudget(name)]).toEqual([name, true]);
    }
    // What makes the budget reachable: minified, and zod without its 60-odd message locales.
    const identity = bundles.get('identity')!;
    expect(identity.bytes).toBeLessThanOrEqual(BUNDLE_BUDGET_BYTES);
    expect(identity.inputs.filter((i) => /zod\/v4\/locales\/(?!en\.js|index\.js)/.test(i))).toEqual([]);
    expect(identity.inputs).not.toContain('node_modules/zod/v4/classic/from-json-schema.js'); // a stub stands in
  });

  test('each loads in a fresh Node process, as a CloudBase cold start does (the sheets bundle once failed to: "Invalid URL")', () => {
    const sdk = join(dir, 'node_modules', '@cloudbase', 'node-sdk');
    mkdirSync(sdk, { recursive: true });
    writeFileSync(join(sdk, 'index.js'), 'module.exports = { init: () => ({}), SYMBOL_CURRENT_ENV: Symbol("env") };');
    for (const name of NAMES) {
      const file = join(dir, name, 'index.js');
      const out = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(file)}); process.stdout.write(typeof m.main)`], { encoding: 'utf8' });
      expect([name, out.stdout, out.stderr.split('\n').find((l) => /Error/.test(l)) ?? '']).toEqual([name, 'function', '']);
    }
  }, 60_000);

  test('carry no demo identity path: no X-Openid, no demo openid, no XIANGYUE_DEMO, no demo endpoint or picker', () => {
    for (const name of NAMES) {
      const { text, inputs } = bundles.get(name)!;
      for (const m of DEMO_MARKERS) expect([name, m.what, m.re.test(text)]).toEqual([name, m.what, false]);
      expect(demoProblems(name, text, inputs)).toEqual([]);
    }
  });

  test('the production entry takes identity from CloudBase auth only (the openid is never read from the event)', () => {
    // Structural: the deployed entry resolves the caller from `auth().getUserInfo()`; the event
    // goes to dispatch as data. bundle.test.ts runs it: an event's userInfo never becomes the caller.
    const entry = readFileSync(join(root, 'backend/runtime/cloudbaseEntry.ts'), 'utf8');
    expect(entry).toMatch(/const info = await a\.auth\(\)\.getUserInfo\(\);\s*const openid = info\.openId \|\| null;/);
    expect(entry).not.toMatch(/event\??\.(userInfo|openid|OPENID|headers)/i);
  });

  test('the checks see a demo path when there is one (so the ones above mean something)', () => {
    expect(demoProblems('x', 'const h = req.headers["x-openid"];', [])).toEqual([expect.stringContaining('X-Openid')]);
    expect(demoProblems('x', 'login("demo-villager-1")', [])).toEqual([expect.stringContaining('demo openid')]);
    expect(demoProblems('x', 'process.env.XIANGYUE_DEMO', [])).toEqual([expect.stringContaining('XIANGYUE_DEMO')]);
    expect(demoProblems('x', '', ['server/demo/seed.ts', 'src/services/demo.ts'])).toHaveLength(2);
    // And the deploy refuses such a bundle before staging it.
    const bad = mkdtempSync(join(tmpdir(), 'xiangyue-bad-bundle-'));
    writeFileSync(join(bad, 'index.js'), 'exports.main = (e) => e.headers["X-Openid"];');
    writeFileSync(join(bad, 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0', main: 'index.js', dependencies: {} }));
    expect(() => stageFunction('x', bad, ['cloudfunctions/x/index.ts'], mkdtempSync(join(tmpdir(), 'xiangyue-stage-')))).toThrow(/refusing to deploy/);
    // A package.json that would run a script during CloudBase's npm install is refused too.
    writeFileSync(join(bad, 'index.js'), 'exports.main = async () => ({ ok: true });');
    writeFileSync(join(bad, 'package.json'), JSON.stringify({ name: 'x', main: 'index.js', scripts: { postinstall: 'node x' } }));
    expect(() => stageFunction('x', bad, [], mkdtempSync(join(tmpdir(), 'xiangyue-stage-')))).toThrow(/scripts/);
  });
});

describe('weapp build', () => {
  type AppConfig = { pages: string[] };
  function appConfig(platform: 'weapp' | 'h5'): AppConfig {
    const env = process.env as Record<string, string | undefined>;
    const before = env.TARO_ENV;
    env.TARO_ENV = platform;
    (globalThis as Record<string, unknown>).defineAppConfig = (c: AppConfig) => c;
    try {
      let cfg: AppConfig | undefined;
      jest.isolateModules(() => {
        cfg = (require('../../src/app.config') as { default: AppConfig }).default;
      });
      return cfg!;
    } finally {
      if (before === undefined) delete env.TARO_ENV;
      else env.TARO_ENV = before;
    }
  }

  /**
   * The modules a platform build is made of, resolved as Taro does (`x.weapp.ts` before `x.ts`
   * for weapp, with TARO_ENV defined): app.ts and every page of that platform's app.config.
   */
  async function moduleGraph(platform: 'weapp' | 'h5'): Promise<string[]> {
    const pages = appConfig(platform).pages;
    const result = await build({
      entryPoints: [join(root, 'src/app.ts'), ...pages.map((p) => join(root, 'src', `${p}.tsx`))],
      absWorkingDir: root,
      bundle: true,
      write: false,
      metafile: true,
      outdir: join(tmpdir(), 'xiangyue-graph'),
      format: 'esm',
      platform: 'neutral',
      packages: 'external',
      resolveExtensions: [`.${platform}.tsx`, `.${platform}.ts`, '.tsx', '.ts', '.js', '.json'],
      loader: { '.scss': 'empty', '.css': 'empty', '.png': 'empty' },
      define: { 'process.env.TARO_ENV': JSON.stringify(platform), CLOUD_ENV: '""' },
      tsconfig: join(root, 'tsconfig.json'),
      jsx: 'automatic',
      logLevel: 'silent',
    });
    return Object.keys(result.metafile.inputs);
  }

  const demoModules = (inputs: string[]) => inputs.filter((i) => i === 'src/services/demo.ts' || i.startsWith('src/pages/demo/') || /\.h5\.tsx?$/.test(i));

  test('lists no 选择演示身份 page (the H5 build does)', () => {
    expect(appConfig('weapp').pages.filter((p) => p.includes('demo'))).toEqual([]);
    expect(appConfig('h5').pages).toContain('pages/demo/index');
  });

  test('contains no demo module: no picker, no X-Openid transport, no demo session', async () => {
    const weapp = await moduleGraph('weapp');
    expect(weapp).toContain('src/services/transport.weapp.ts');
    expect(weapp).toContain('src/services/session.weapp.ts');
    expect(demoModules(weapp)).toEqual([]);
    // The same check on the H5 build finds them: it would see them in the weapp build too.
    const h5 = await moduleGraph('h5');
    expect(demoModules(h5)).toEqual(expect.arrayContaining(['src/services/demo.ts', 'src/services/transport.h5.ts', 'src/pages/demo/index.tsx']));
  }, 60_000);

  test('its session never asks for a demo identity', () => {
    const session = require('../../src/services/session.weapp') as { isDemo: boolean; needsDemoIdentity(): boolean };
    expect(session.isDemo).toBe(false);
    expect(session.needsDemoIdentity()).toBe(false);
  });
});

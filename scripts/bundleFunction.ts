/**
 * Bundles one cloud function with the domain core it uses, for CloudBase:
 * <outDir>/{index.js, package.json}. @cloudbase/node-sdk stays external
 * (CloudBase installs it from package.json at deploy time).
 */
import { build, type Plugin } from 'esbuild';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

export function functionNames(): string[] {
  const fnRoot = join(root, 'cloudfunctions');
  return readdirSync(fnRoot).filter((n) => statSync(join(fnRoot, n)).isDirectory() && existsSync(join(fnRoot, n, 'index.ts')));
}

/** Module paths of the files a function reads at run time (`cloudfunctions/<fn>/assets.json`), copied beside its bundle. */
export function functionAssets(name: string): string[] {
  const file = join(root, 'cloudfunctions', name, 'assets.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as string[]) : [];
}

/** The names the assets have beside index.js. */
export function assetFiles(name: string): string[] {
  return functionAssets(name).map((m) => basename(m));
}

/** What a bundle is made of: its size and every source file esbuild put in it (paths relative to the repository). */
export interface BundleResult {
  bytes: number;
  inputs: string[];
}

/**
 * The most a function's index.js may weigh (issue 16): cold starts on CloudBase pay for every
 * byte. `sheets` carries the spreadsheet and PDF libraries and the CJK font's glyph tables, so it
 * has its own, larger budget.
 */
export const BUNDLE_BUDGET_BYTES = 300 * 1024;
export const BUNDLE_BUDGETS: Record<string, number> = { sheets: 6 * 1024 * 1024 };
export function bundleBudget(name: string): number {
  return BUNDLE_BUDGETS[name] ?? BUNDLE_BUDGET_BYTES;
}

/**
 * zod re-exports all 60-odd message locales as `z.locales`, which no bundler can drop
 * (~260 KB minified, a third of every bundle); we only use its default English messages
 * (users see our Chinese ones), so the locale index resolves to English alone. Likewise
 * `z.fromJSONSchema`, which we never call.
 */
const zodEnglishOnly: Plugin = {
  name: 'zod-english-only',
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) => {
      if (!/[\\/]zod[\\/]/.test(args.importer)) return undefined;
      return { path: join(dirname(args.importer), '..', 'locales', 'index.js'), namespace: 'zod-english-only' };
    });
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only' }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: 'js',
    }));
    // Nor do we build schemas from JSON Schema (z.fromJSONSchema, ~12 KB): a stub that says so.
    b.onResolve({ filter: /^\.\/from-json-schema\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), 'from-json-schema.js'), namespace: 'zod-english-only-stub' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-english-only-stub' }, () => ({
      contents: 'export function fromJSONSchema() { throw new Error("z.fromJSONSchema is not in this bundle"); }',
      loader: 'js',
    }));
  },
};

export async function bundleFunction(name: string, outDir: string): Promise<BundleResult> {
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'cloudfunctions', name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    outfile: join(outDir, 'index.js'),
    external: ['@cloudbase/node-sdk'],
    tsconfig: join(root, 'tsconfig.json'),
    metafile: true,
    minify: true,
    // Error classes are matched by name in logs; keep them readable.
    keepNames: true,
    plugins: [zodEnglishOnly],
    // ESM packages (pdfkit) read `import.meta.url` when loaded, which a CommonJS bundle leaves
    // empty (the sheets function failed to load on CloudBase: "Invalid URL"): it is the bundle's URL.
    define: { 'import.meta.url': '__bundleUrl' },
    banner: { js: 'var __bundleUrl = require("url").pathToFileURL(__filename).href;' },
    // Input paths relative to the repository, whatever the caller's working directory.
    absWorkingDir: root,
    logLevel: 'warning',
  });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { '@cloudbase/node-sdk': pkg.devDependencies['@cloudbase/node-sdk'] } }, null, 2),
  );
  // Timeout, memory and timer triggers (e.g. jobs' year end) travel with the function for DevTools /
  // `tcb fn deploy` uploads, which read config.json; `npm run deploy` applies them through the
  // management API instead and uploads only index.js and package.json.
  const config = join(root, 'cloudfunctions', name, 'config.json');
  if (existsSync(config)) writeFileSync(join(outDir, 'config.json'), readFileSync(config));
  // Files the code reads at run time (the PDF font): `assets.json` names them by module path; each is
  // copied beside index.js, where the code looks first (backend/sheets/pdf.ts fontPath).
  const resolve = createRequire(join(root, 'package.json')).resolve;
  for (const mod of functionAssets(name)) copyFileSync(resolve(mod), join(outDir, basename(mod)));
  return {
    bytes: Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0),
    inputs: Object.keys(result.metafile.inputs),
  };
}

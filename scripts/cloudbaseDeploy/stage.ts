/**
 * What is uploaded for a function: a fresh folder holding only the bundle (index.js) and its
 * package.json, copied from the build output. Whatever else lies in dist-functions/<name>
 * (config.json, a stray .env, node_modules, local data) can never reach CloudBase, and a bundle
 * that carries a demo identity path is refused before anything is called.
 */
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The files every uploaded folder holds; a function's declared assets (the PDF font) are added to them. */
export const UPLOADED_FILES = ['index.js', 'package.json'] as const;

/**
 * Where a function bundle's source may come from: its own folder, the backend, the pure domain
 * and packages. Never server/ (the local runtime: demo seed, X-Openid identity picker), never the
 * front end (src/services/demo.ts), tests or benchmarks.
 */
export function isAllowedBundleInput(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (/(^|\/)node_modules\//.test(p)) return true;
  return /^(cloudfunctions\/[^/]+\/|backend\/|src\/domain\/)/.test(p);
}

/**
 * Text a deployed bundle must never contain: the local server's identity header, the demo
 * identities (`demo-villager-1`, …), the demo switch and endpoint, the H5 picker's storage key.
 */
export const DEMO_MARKERS: { what: string; re: RegExp }[] = [
  { what: 'the X-Openid identity header', re: /x-openid/i },
  { what: 'a demo openid', re: /\bdemo-[a-z]/i },
  { what: 'the XIANGYUE_DEMO switch', re: /XIANGYUE_DEMO/ },
  { what: 'the demo identities endpoint', re: /\/api\/demo/ },
  { what: 'the demo picker', re: /demoOpenid|演示身份/i },
];

/** Problems that make a bundle undeployable (empty when it is clean). */
export function demoProblems(name: string, bundleText: string, inputs: readonly string[]): string[] {
  const problems: string[] = [];
  for (const input of inputs) if (!isAllowedBundleInput(input)) problems.push(`${name}: bundle includes ${input} (only cloudfunctions/${name}, backend/, src/domain/ and packages may be deployed)`);
  for (const m of DEMO_MARKERS) if (m.re.test(bundleText)) problems.push(`${name}: bundle contains ${m.what} (${m.re})`);
  return problems;
}

/** package.json as bundleFunction writes it: a name, a main and the CloudBase SDK — no scripts that CloudBase's npm install would run. */
export function packageProblems(name: string, pkgText: string): string[] {
  const pkg = JSON.parse(pkgText) as Record<string, unknown>;
  const problems: string[] = [];
  const extra = Object.keys(pkg).filter((k) => !['name', 'version', 'main', 'dependencies'].includes(k));
  if (extra.length) problems.push(`${name}: package.json has ${extra.join(', ')} (only name, version, main, dependencies are deployed)`);
  if (pkg.main !== 'index.js') problems.push(`${name}: package.json main must be index.js`);
  const deps = Object.keys((pkg.dependencies ?? {}) as Record<string, string>);
  if (deps.some((d) => d !== '@cloudbase/node-sdk')) problems.push(`${name}: package.json may depend on @cloudbase/node-sdk only (everything else is bundled)`);
  return problems;
}

/**
 * Copies the two deployable files of `bundleDir` into `stageRoot/<name>/` after checking them.
 * Throws with every problem found.
 */
export function stageFunction(name: string, bundleDir: string, inputs: readonly string[], stageRoot: string, assets: readonly string[] = []): { dir: string; bytes: number } {
  const text = readFileSync(join(bundleDir, 'index.js'), 'utf8');
  const problems = [...demoProblems(name, text, inputs), ...packageProblems(name, readFileSync(join(bundleDir, 'package.json'), 'utf8'))];
  if (problems.length) throw new Error(`refusing to deploy:\n  ${problems.join('\n  ')}`);
  const dir = join(stageRoot, name);
  mkdirSync(dir, { recursive: true });
  for (const f of [...UPLOADED_FILES, ...assets]) copyFileSync(join(bundleDir, f), join(dir, f));
  return { dir, bytes: Buffer.byteLength(text) };
}

/**
 * Bundles one cloud function with the domain core it uses, for CloudBase:
 * <outDir>/{index.js, package.json}. @cloudbase/node-sdk stays external
 * (CloudBase installs it from package.json at deploy time).
 */
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');

export function functionNames(): string[] {
  const fnRoot = join(root, 'cloudfunctions');
  return readdirSync(fnRoot).filter((n) => statSync(join(fnRoot, n)).isDirectory() && existsSync(join(fnRoot, n, 'index.ts')));
}

export async function bundleFunction(name: string, outDir: string): Promise<{ bytes: number }> {
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
    logLevel: 'warning',
  });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
  writeFileSync(
    join(outDir, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { '@cloudbase/node-sdk': pkg.devDependencies['@cloudbase/node-sdk'] } }, null, 2),
  );
  // Timer triggers (e.g. jobs' year end) travel with the function: CloudBase reads config.json.
  const config = join(root, 'cloudfunctions', name, 'config.json');
  if (existsSync(config)) writeFileSync(join(outDir, 'config.json'), readFileSync(config));
  return { bytes: Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0) };
}

/**
 * Bundles each cloud function with the domain core it uses, for CloudBase:
 * dist-functions/<name>/{index.js, package.json}. @cloudbase/node-sdk stays external
 * (installed by CloudBase from package.json at deploy time).
 */
import { build } from 'esbuild';
import { mkdirSync, readdirSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '..');
const sdkVersion = (require(join(root, 'package.json')) as { devDependencies: Record<string, string> }).devDependencies['@cloudbase/node-sdk'];

async function main(): Promise<void> {
  const fnRoot = join(root, 'cloudfunctions');
  const names = readdirSync(fnRoot).filter((n) => statSync(join(fnRoot, n)).isDirectory() && existsSync(join(fnRoot, n, 'index.ts')));
  for (const name of names) {
    const out = join(root, 'dist-functions', name);
    mkdirSync(out, { recursive: true });
    const result = await build({
      entryPoints: [join(fnRoot, name, 'index.ts')],
      bundle: true,
      platform: 'node',
      target: 'node16',
      format: 'cjs',
      outfile: join(out, 'index.js'),
      external: ['@cloudbase/node-sdk'],
      tsconfig: join(root, 'tsconfig.json'),
      minify: false,
      sourcemap: false,
      metafile: true,
      logLevel: 'warning',
    });
    writeFileSync(
      join(out, 'package.json'),
      JSON.stringify({ name, version: '1.0.0', main: 'index.js', dependencies: { '@cloudbase/node-sdk': sdkVersion } }, null, 2),
    );
    const bytes = Object.values(result.metafile.outputs).reduce((s, o) => s + o.bytes, 0);
    console.log(`${name}: dist-functions/${name}/index.js (${Math.round(bytes / 1024)} KB)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

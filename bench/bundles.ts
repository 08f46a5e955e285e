/**
 * Cold start of the deployed function bundles: each bundled as `npm run build:functions` does,
 * then `require`d once in a fresh Node process (what a CloudBase cold start pays for the code).
 * The SDK beside the bundles is an empty stand-in: only the bundle's own weight is timed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleBudget, bundleFunction, functionNames } from '../scripts/bundleFunction';

function coldRequireMs(file: string): number {
  const script = `const t = performance.now(); require(${JSON.stringify(file)}); process.stdout.write(String(performance.now() - t));`;
  // The best of three fresh processes: the machine's noise, not the bundle, makes the others slower.
  return Math.min(...[0, 1, 2].map(() => Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }))));
}

export async function benchBundles(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'xiangyue-bench-bundles-'));
  mkdirSync(join(dir, 'node_modules', '@cloudbase', 'node-sdk'), { recursive: true });
  writeFileSync(join(dir, 'node_modules', '@cloudbase', 'node-sdk', 'index.js'), 'module.exports = { init: () => ({}), SYMBOL_CURRENT_ENV: Symbol("env") };');
  const sizes: { name: string; bytes: number }[] = [];
  for (const name of functionNames()) sizes.push({ name, bytes: (await bundleFunction(name, join(dir, name))).bytes });
  const within = sizes.filter((s) => bundleBudget(s.name) === bundleBudget('identity')).sort((a, b) => b.bytes - a.bytes);
  const largest = within[0];
  const over = within.filter((s) => s.bytes > bundleBudget(s.name)).map((s) => s.name);
  console.log(
    `function bundles: largest ${largest.name} ${Math.round(largest.bytes / 1024)} KB (goal ≤ ${Math.round(bundleBudget(largest.name) / 1024)} KB each; over: ${over.join(', ') || 'none'}); cold require ${coldRequireMs(join(dir, largest.name, 'index.js')).toFixed(0)} ms`,
  );
  const sheets = sizes.find((s) => s.name === 'sheets');
  if (sheets) {
    console.log(
      `function bundle sheets (exceljs, pdfkit, font tables): ${Math.round(sheets.bytes / 1024)} KB (goal ≤ ${Math.round(bundleBudget('sheets') / 1024)} KB); cold require ${coldRequireMs(join(dir, 'sheets', 'index.js')).toFixed(0)} ms`,
    );
  }
}

/**
 * `tsx scripts/parallel.ts a b …`: runs `npm run a`, `npm run b`, … at the same time (the weapp
 * and H5 builds are independent and each leaves a core idle much of the time), prefixes their
 * output, and fails when any of them fails.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

function run(script: string): Promise<number> {
  const child = spawn(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${script}] ${line}`));
  }
  return new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
}

async function main(): Promise<void> {
  const scripts = process.argv.slice(2);
  const codes = await Promise.all(scripts.map(run));
  const failed = scripts.filter((_, i) => codes[i] !== 0);
  if (failed.length) {
    console.error(`failed: ${failed.join(', ')}`);
    process.exit(1);
  }
}

void main();

/** `npm run build:functions`: every cloud function bundled into dist-functions/<name>/. */
import { join, resolve } from 'node:path';
import { bundleBudget, bundleFunction, functionNames } from './bundleFunction';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const over: string[] = [];
  for (const name of functionNames()) {
    const { bytes } = await bundleFunction(name, join(root, 'dist-functions', name));
    const budget = bundleBudget(name);
    console.log(`${name}: dist-functions/${name}/index.js ${Math.round(bytes / 1024)} KB (budget ${Math.round(budget / 1024)} KB)`);
    if (bytes > budget) over.push(name);
  }
  if (over.length) throw new Error(`over budget: ${over.join(', ')}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

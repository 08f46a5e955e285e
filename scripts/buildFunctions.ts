/** `npm run build:functions`: every cloud function bundled into dist-functions/<name>/. */
import { join, resolve } from 'node:path';
import { bundleFunction, functionNames } from './bundleFunction';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  for (const name of functionNames()) {
    const { bytes } = await bundleFunction(name, join(root, 'dist-functions', name));
    console.log(`${name}: dist-functions/${name}/index.js (${Math.round(bytes / 1024)} KB)`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

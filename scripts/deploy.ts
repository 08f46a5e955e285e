/** `npm run deploy [-- --dry-run] [-- --replace-indexes]`: see scripts/cloudbaseDeploy/main.ts and README "Going live → Deploy". */
import { main } from './cloudbaseDeploy/main';

main(process.argv.slice(2), { env: process.env, log: (line) => console.log(line) })
  .then((r) => process.exit(r.code))
  .catch((e: unknown) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });

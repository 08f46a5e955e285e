/**
 * `npm run job -- yearEnd [--year 2026] [--village v-qingshan]`: runs a scheduled job by hand on
 * the local database (the same one `npm start` opens: .data/pglite, or DATABASE_URL). Stop the
 * local server first when it uses PGlite (one process per data directory).
 */
import { join, resolve } from 'node:path';
import { openDatabase } from '@backend/db/open';
import { cstDate } from '@domain/shared/time';
import { assertYearJustEnded } from '@domain/jobs/yearEnd';
import { orgRepo } from '@backend/repos/org';
import { allVillages, runYearEndAll, SYSTEM_ACTOR } from '@backend/jobs/yearEnd';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [job, ...args] = process.argv.slice(2);
  if (job !== 'yearEnd') {
    console.error('用法: npm run job -- yearEnd [--year 2026] [--village v-qingshan]');
    process.exit(2);
  }
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.XIANGYUE_DATA ?? join(root, '.data'));
  const { db, close } = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const deps = { db, now: () => Date.now() };
    const today = cstDate(deps.now());
    const year = Number(flag(args, 'year') ?? Number(today.slice(0, 4)) - 1);
    assertYearJustEnded(year, today);
    const villageId = flag(args, 'village');
    const village = villageId ? await orgRepo.village(db, villageId) : null;
    if (villageId && !village) throw new Error(`找不到村 ${villageId}`);
    const runs = await runYearEndAll(deps, village ? [village] : await allVillages(deps), year, SYSTEM_ACTOR);
    for (const r of runs) {
      console.log(`${r.villageName} ${r.year}: ${r.mode === 'clear' ? `清零 ${r.householdsCleared} 户 ${r.pointsCleared} 分` : '滚动结存'}（${r.status}）`);
    }
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});

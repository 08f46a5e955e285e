/**
 * `npm run job -- yearEnd [--year 2026] [--village v-qingshan]` or
 * `npm run job -- dailyReminders [--village v-qingshan]`: runs a scheduled job by hand on
 * the local database (the same one `npm start` opens: .data/pglite, or DATABASE_URL). Stop the
 * local server first when it uses PGlite (one process per data directory).
 */
import { join, resolve } from 'node:path';
import { openDatabase } from '@backend/db/open';
import { cstDate } from '@domain/shared/time';
import { assertYearJustEnded } from '@domain/jobs/yearEnd';
import { orgRepo } from '@backend/repos/org';
import { allVillages, runYearEndAll, SYSTEM_ACTOR } from '@backend/jobs/yearEnd';
import { runDailyReminders } from '@backend/jobs/dailyReminders';
import { recordingPush, templatesFromEnv } from '@backend/notices/push';
import { LOCAL_TEMPLATES } from '../server/deps';

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(): Promise<void> {
  const [job, ...args] = process.argv.slice(2);
  if (job !== 'yearEnd' && job !== 'dailyReminders') {
    console.error('用法: npm run job -- yearEnd [--year 2026] [--village v-qingshan]\n      npm run job -- dailyReminders [--village v-qingshan]');
    process.exit(2);
  }
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.XIANGYUE_DATA ?? join(root, '.data'));
  const { db, close } = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const deps = { db, now: () => Date.now() };
    if (job === 'dailyReminders') {
      const villageId = flag(args, 'village');
      const village = villageId ? await orgRepo.village(db, villageId) : null;
      if (villageId && !village) throw new Error(`找不到村 ${villageId}`);
      // Locally nothing leaves the machine: pushes are recorded in pushLog, as under npm start.
      const push = recordingPush(db, deps.now, { ...LOCAL_TEMPLATES, ...templatesFromEnv(process.env) });
      const r = await runDailyReminders({ ...deps, push }, village ? [village] : undefined);
      console.log(`每日提醒 ${r.day}：评议待签 ${r.auditDue}，公示将结束 ${r.publicityClosing}，事件临期 ${r.eventNear}，事件超期 ${r.eventOverdue}（记入督办 ${r.eventsFlagged}）；订阅消息 发出 ${r.pushed.sent}，待重试 ${r.pushed.retrying}，放弃 ${r.pushed.failed}`);
      return;
    }
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

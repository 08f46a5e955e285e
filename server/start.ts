/**
 * `npm start`: builds the H5 app if missing, opens the local database (PGlite under .data/,
 * or PostgreSQL when DATABASE_URL is set), seeds the demo town once, and serves everything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase } from '@backend/db/open';
import { seedDemoTown } from './demo/seed';
import { createLocalServer } from './app';
import { localDeps } from './deps';
import { startJobSchedule } from './jobs';

async function main(): Promise<void> {
  const root = resolve(__dirname, '..');
  const port = Number(process.env.PORT ?? 8787);
  const demo = process.env.XIANGYUE_DEMO !== '0';
  const dataDir = resolve(process.env.XIANGYUE_DATA ?? join(root, '.data'));
  const staticDir = join(root, 'dist-h5');

  if (!existsSync(join(staticDir, 'index.html')) && process.env.XIANGYUE_SKIP_BUILD !== '1') {
    console.log('首次启动：正在构建 H5 页面（约 30 秒）…');
    const r = spawnSync('npm', ['run', 'build:h5'], { cwd: root, stdio: 'inherit' });
    if (r.status !== 0) throw new Error('H5 build failed');
  }

  const { db, close } = await openDatabase({ dataDir: join(dataDir, 'pglite') });
  const filesDir = join(dataDir, 'files');
  const deps = localDeps(db, filesDir);
  if (demo && (await seedDemoTown(db, deps.now(), deps.files))) console.log('已创建演示数据：清河镇（2 个村，6 个网格，120 户）');

  // The CloudBase timer trigger's local stand-in (year end, checked hourly).
  const stopJobs = startJobSchedule(deps);

  const server = createLocalServer({ deps, demo, staticDir: existsSync(staticDir) ? staticDir : null, filesDir });
  server.listen(port, '127.0.0.1', () => {
    console.log(`乡约积分 running at http://127.0.0.1:${port}/  (${demo ? 'demo mode: pick an identity' : 'no demo identities'})`);
  });
  const stop = async () => {
    stopJobs();
    server.close();
    await close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

/**
 * Backstop: a bug that escapes a request's own handling (every request is awaited and answered
 * in server/app.ts) is logged and the server keeps serving everyone else.
 */
function installProcessBackstop(log: (msg: string, e: unknown) => void = (msg, e) => console.error(msg, e)): void {
  process.on('unhandledRejection', (reason) => log('[xiangyue] unhandled rejection (server kept running)', reason));
  process.on('uncaughtException', (err) => log('[xiangyue] uncaught exception (server kept running)', err));
}

installProcessBackstop();

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

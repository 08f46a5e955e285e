/**
 * `npm run setup -- --town 清河镇 [--ttl-hours 72] [--cloudbase]`: going live. Creates a town on the
 * local database (the one `npm start` opens: $XIANGYUE_DATA/pglite, default .data/, or DATABASE_URL),
 * or with `--cloudbase` on the CloudBase environment `TCB_ENV_ID` (credentials from
 * TENCENTCLOUD_SECRETID / TENCENTCLOUD_SECRETKEY, as `npm run deploy` reads them; deploy first,
 * so that the collections exist),
 * and prints the one-time claim code of its first town admin, its expiry, the welcome page's
 * path and a QR code of it. The town admin opens 乡约积分, enters the code (or scans the QR) on
 * the welcome page and gives their name; from then on they create villages and invite village
 * admins in the app (镇村上线). Stop the local server first when it uses PGlite (one process per
 * data directory). In production the same `createTown` runs against CloudBase.
 */
import { join, resolve } from 'node:path';
import qrcode from 'qrcode-generator';
import { openDatabase } from '@backend/db/open';
import { fromCloudbase, type CloudbaseApp } from '@backend/db/cloudbase';
import type { Database } from '@backend/db/types';
import { createTown } from '@backend/onboarding/town';
import { DomainError } from '@domain/shared/errors';
import { localDeps } from '../server/deps';

const USAGE = '用法: npm run setup -- --town <镇名> [--ttl-hours 72] [--cloudbase]';

/** The production database of environment TCB_ENV_ID, through the same binding the functions use. */
function openCloudbase(): { db: Database; close(): Promise<void> } {
  const env = process.env.TCB_ENV_ID;
  const secretId = process.env.TENCENTCLOUD_SECRETID ?? process.env.TCB_SECRET_ID;
  const secretKey = process.env.TENCENTCLOUD_SECRETKEY ?? process.env.TCB_SECRET_KEY;
  if (!env || !secretId || !secretKey) {
    console.error('--cloudbase 需要环境变量 TCB_ENV_ID、TENCENTCLOUD_SECRETID、TENCENTCLOUD_SECRETKEY');
    process.exit(2);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@cloudbase/node-sdk') as { init(o: { env: string; secretId: string; secretKey: string }): CloudbaseApp };
  return { db: fromCloudbase(sdk.init({ env, secretId, secretKey })), close: async () => undefined };
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** China time, as the admin reads it. */
function chinaTime(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The QR code in the terminal: two modules per character cell (half blocks). */
function terminalQr(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createASCII(1, 2);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const town = flag(args, 'town');
  const ttlText = flag(args, 'ttl-hours');
  const ttlHours = ttlText === undefined ? 72 : Number(ttlText);
  if (!town || !Number.isFinite(ttlHours) || ttlHours <= 0 || ttlHours > 24 * 30) {
    console.error(USAGE);
    process.exit(2);
  }
  const root = resolve(__dirname, '..');
  const dataDir = resolve(process.env.XIANGYUE_DATA ?? join(root, '.data'));
  const { db, close } = args.includes('--cloudbase') ? openCloudbase() : await openDatabase({ dataDir: join(dataDir, 'pglite') });
  try {
    const deps = localDeps(db, join(dataDir, 'files'));
    const { town: created, claim } = await createTown(deps, town, ttlHours * 3600_000);
    console.log(`已创建：${created.name}（${created._id}）`);
    console.log('');
    console.log(`镇管理员编码：${claim.code}`);
    console.log(`有效期至：${chinaTime(claim.expiresAt)}（北京时间），只能使用一次`);
    console.log(`欢迎页路径：${claim.path}`);
    console.log(`本地体验：http://127.0.0.1:${process.env.PORT ?? 8787}/#/${claim.path}（演示模式下先选一个“新微信用户”）`);
    console.log('');
    console.log(terminalQr(claim.path));
    console.log('请把编码交给镇管理员：打开乡约积分，在欢迎页点“我是镇/村管理员，输入管理员编码”，填写编码和姓名。');
  } finally {
    await close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof DomainError || e instanceof Error ? e.message : e);
  process.exit(1);
});

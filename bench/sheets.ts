/**
 * `npm run bench sheets`, or alone: `npx tsx bench/sheets.ts`. The largest cadre exports of a
 * 1,000-household village on embedded PGlite, through the `sheets` function as deployed (one
 * call, no batching): the year's 积分台账 (one row per household plus a sheet of every entry)
 * and the village's 积分手册 (one sheet per household). The `sheets` function is configured with
 * a 60 s timeout (cloudfunctions/sheets/config.json); the goal here is a fifth of it. Each line
 * also says the file's cells and whether it travelled inline or was stored (backend/sheets/deliver.ts):
 * the caps of src/domain/sheets/limits.ts were picked from these figures.
 */
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createPgliteDriver } from '@backend/db/postgres';
import { dispatch } from '@backend/runtime/handler';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { localDeps } from '../server/deps';
import { seedVillage, type Driver } from './publicity';
import type { ExportAnswer } from '@domain/shared/csv';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
/** 1,000 by default; XIANGYUE_BENCH_HOUSEHOLDS=4000 measures a bigger village (how the handbook's cap was picked). */
const HOUSEHOLDS = Number(process.env.XIANGYUE_BENCH_HOUSEHOLDS) || 1000;
const TIMEOUT_MS = 60_000;
const GOAL_MS = TIMEOUT_MS / 5;

export async function benchSheets(): Promise<void> {
  const driver = (await createPgliteDriver()) as unknown as Driver;
  const schema = 'bench_sheets';
  const db = new PostgresDatabase(driver as never, { schema });
  await db.ensureCollections();
  const filesDir = mkdtempSync(join(tmpdir(), 'xiangyue-bench-'));
  const deps = localDeps(db, filesDir, { now: () => NOW });
  const village = 'sv00';
  await seedVillage(db, driver, schema, village, HOUSEHOLDS);
  const exports: [string, Record<string, unknown>][] = [
    ['pointsLedger', { period: '2026' }],
    ['handbook', { of: 'village', id: village, year: 2026 }],
  ];
  const baseline = Math.round(process.memoryUsage().rss / 1024 / 1024);
  console.log(`seeded ${HOUSEHOLDS.toLocaleString('en')} households: rss ${baseline} MB before any export (PGlite and the seed included)`);
  for (const [action, input] of exports) {
    const t0 = performance.now();
    const r = await dispatch(FUNCTIONS.sheets as never, { action, ...input }, { openid: `bench-admin-${village}` }, deps);
    const ms = performance.now() - t0;
    if (!r.ok) throw new Error(`sheets.${action}: ${r.code} ${r.message}`);
    const rss = Math.round(process.memoryUsage().rss / 1024 / 1024);
    // Inline up to 1 MB, else stored (backend/sheets/deliver.ts): read it back either way.
    const answer = r.data as ExportAnswer;
    const bytes = answer.encoding === 'file' ? readFileSync(join(filesDir, answer.fileId.replace(/^local\//, ''))) : Buffer.from(answer.content, answer.encoding === 'base64' ? 'base64' : 'utf8');
    const kb = Math.round(bytes.byteLength / 1024);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cells = wb.worksheets.reduce((sum, ws) => sum + ws.rowCount * ws.columnCount, 0);
    console.log(`sheets.${action} for ${HOUSEHOLDS.toLocaleString('en')} households (embedded PGlite): ${ms.toFixed(0)}ms, ${kb} KB .xlsx (goal < ${GOAL_MS / 1000} s: ${ms < GOAL_MS ? 'met' : 'NOT met'}; function timeout ${TIMEOUT_MS / 1000} s; rss ${rss} MB; ${cells.toLocaleString('en')} cells; ${answer.encoding === 'file' ? 'stored, answered as a URL' : 'inline'})`);
  }
  await driver.close();
}

if (process.argv[1]?.endsWith('sheets.ts')) {
  benchSheets().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

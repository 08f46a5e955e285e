/**
 * Roster import at the size of a big village: 2,000 households with 6,000 people in 20 new
 * grids of 100, as one CSV, through grid.importPreview and grid.importCommit as the village
 * admin; then the same file again (which must write nothing). The target is under 10 s.
 */
import { loadavg } from 'node:os';
import { dispatch } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import { FUNCTIONS } from '../cloudfunctions/registry';

const ADMIN = 'demo-admin-1';
const GRIDS = 20;
const PER_GRID = 100;
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜';
const GIVEN = '国强建华秀英桂兰明亮志刚丽娟小红海燕春生冬梅玉兰德福永平';
const TAGS = ['', '', '', '', '困难家庭', '空巢老人、70岁以上', '低收入', '流动人口'];

async function call(deps: Deps, action: string, input: Record<string, unknown>): Promise<unknown> {
  const r = await dispatch(FUNCTIONS.grid as never, { action, ...input }, { openid: ADMIN }, deps);
  if (!r.ok) throw new Error(`grid.${action}: ${r.code} ${r.message}`);
  return r.data;
}

function name(i: number, j: number): string {
  const s = SURNAMES[i % SURNAMES.length];
  const g = Array.from(GIVEN);
  return `${s}${g[(i * 7 + j * 3) % g.length]}${g[(i * 11 + j * 5 + 1) % g.length]}`;
}

export function bigRosterCsv(): string {
  const lines = ['户主,成员,与户主关系,电话,所在组,门牌号,标签'];
  for (let g = 1; g <= GRIDS; g++) {
    for (let k = 1; k <= PER_GRID; k++) {
      const i = (g - 1) * PER_GRID + k;
      const head = name(i, 0);
      const door = `片区${g}-${k}号`;
      lines.push(`${head},${head},户主,139${String(i).padStart(8, '0')},压测片区${g},${door},${TAGS[i % TAGS.length]}`);
      lines.push(`${head},${name(i, 1)}甲,配偶,,压测片区${g},${door},`);
      lines.push(`${head},${name(i, 2)}乙,子女,,压测片区${g},${door},`);
    }
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function rosterImport(deps: Deps): Promise<void> {
  for (let g = 1; g <= GRIDS; g++) await call(deps, 'createGrid', { name: `压测片区${g}` });
  const content = bigRosterCsv();
  let t0 = performance.now();
  const preview = (await call(deps, 'importPreview', { format: 'csv', content })) as { problems: unknown[] };
  if (preview.problems.length > 0) throw new Error(`bench roster has problems: ${JSON.stringify(preview.problems.slice(0, 3))}`);
  const previewMs = performance.now() - t0;
  t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const first = (await call(deps, 'importCommit', { format: 'csv', content })) as { written: { households: number; people: number } };
  const commitMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  t0 = performance.now();
  const again = (await call(deps, 'importCommit', { format: 'csv', content })) as { written: { households: number; people: number } };
  const againMs = performance.now() - t0;
  if (first.written.households !== GRIDS * PER_GRID || again.written.households + again.written.people !== 0) {
    throw new Error(`unexpected import result ${JSON.stringify({ first: first.written, again: again.written })}`);
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
  console.log(
    `grid.importCommit of ${first.written.households} households / ${first.written.people} people (${Math.round(content.length / 1024)} KB CSV, embedded PGlite): ` +
      `preview ${s(previewMs)}, commit ${s(commitMs)} (cpu ${s((cpu.user + cpu.system) / 1000)}), same file again ${s(againMs)} (writes nothing) (goal: commit < 10s); load average ${loadavg()[0].toFixed(1)}`,
  );
}

/** `npx tsx bench/import.ts`: this figure alone, on a fresh embedded database. */
async function alone(): Promise<void> {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { PostgresDatabase, createPgliteDriver } = await import('@backend/db/postgres');
  const { seedDemoTown } = await import('../server/demo/seed');
  const { localDeps } = await import('../server/deps');
  const driver = await createPgliteDriver();
  const db = new PostgresDatabase(driver, { schema: `bench_import_${Date.now().toString(36)}` });
  await db.ensureCollections();
  const deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-bench-')));
  await seedDemoTown(db, deps.now());
  await rosterImport(deps);
  await driver.close();
}

if (process.argv[1]?.endsWith('import.ts')) {
  alone().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}

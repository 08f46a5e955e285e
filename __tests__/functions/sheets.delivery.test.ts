/**
 * How an export reaches the person (backend/sheets/deliver.ts, src/domain/sheets/limits.ts): a
 * file above 1 MB no longer rides in the function's answer (6 MB synchronous limit) — it is
 * stored for its requester, the answer carries a temporary URL, the file opens back with the
 * right figures, and nobody else can trade its id for a URL. A 积分手册 past the cap is refused
 * up front with EXPORT_TOO_LARGE and writes nothing.
 */
import ExcelJS from 'exceljs';
import { readdirSync } from 'node:fs';
import { villageDocs } from '../../bench/publicity';
import { isLocalFileStore } from '@backend/files/localDisk';
import { C } from '@backend/repos/collections';
import { EXPORT_INLINE_MAX_BYTES, HANDBOOK_MAX_HOUSEHOLDS, STORED_EXPORT_KEEP_MS } from '@domain/sheets/limits';
import { runPurgeExports } from '@backend/jobs/purgeExports';
import { XLSX_MIME, type ExportAnswer, type StoredExport } from '@domain/shared/csv';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN } from '../support/people';
import { expectRefused } from '../support/refusals';

let h: Harness;
const BIG = 'vbig';
const HUGE = 'vhuge';
const N = 1200;

async function load(docs: Record<string, Record<string, unknown>[]>): Promise<void> {
  for (const [collection, list] of Object.entries(docs)) {
    for (let i = 0; i < list.length; i += 200) {
      await Promise.all(list.slice(i, i + 200).map(({ _id, ...doc }) => h.db.collection(collection).doc(String(_id)).set(doc)));
    }
  }
}

beforeAll(async () => {
  h = await openHarness();
  await load(villageDocs(BIG, N));
  // A village past the cap: its households and its admin are all the cap needs to count.
  const huge = villageDocs(HUGE, HANDBOOK_MAX_HOUSEHOLDS + 1);
  await load({ [C.villages]: huge[C.villages], [C.grids]: huge[C.grids], [C.households]: huge[C.households], [C.people]: huge[C.people], [C.identities]: huge[C.identities] });
}, 240_000);
afterAll(async () => h?.close());

const admin = (v: string) => `bench-admin-${v}`;
const villager = (v: string) => `bench-villager-${v}`;
const townAdmin = (v: string) => `bench-town-${v}`;

function stored(answer: ExportAnswer): StoredExport {
  if (answer.encoding !== 'file') throw new Error(`expected a stored file, got ${answer.encoding} (${answer.content.length} characters inline)`);
  return answer;
}

/** What a signed local URL serves (the local server's GET /api/files/<hex>?exp&sig). */
async function fetchLocal(url: string): Promise<Buffer> {
  const store = h.deps.files;
  if (!isLocalFileStore(store)) throw new Error('local store expected');
  const u = new URL(url, 'http://local');
  const hex = /^\/api\/files\/([0-9a-f]{32})$/.exec(u.pathname)?.[1] ?? '';
  const got = await store.readSigned(hex, u.searchParams.get('exp'), u.searchParams.get('sig'));
  if (got.status !== 200) throw new Error(`GET ${url}: ${got.status}`);
  return Buffer.from(got.bytes);
}

const files = () => readdirSync(h.filesDir).filter((f) => !f.includes('.'));

describe('an export too large for the answer', () => {
  let file: StoredExport;

  it('the village’s 积分手册 of 1,200 households comes back as a stored file’s temporary URL, and opens with the right figures', async () => {
    file = stored(await h.ok(admin(BIG), 'sheets', 'handbook', { of: 'village', id: BIG, year: 2026 }));
    expect(file).toMatchObject({ mime: XLSX_MIME, filename: expect.stringMatching(/积分手册.*\.xlsx$/), expiresInSeconds: expect.any(Number) });
    expect(file.size).toBeGreaterThan(EXPORT_INLINE_MAX_BYTES);
    expect(file.url).toMatch(/^\/api\/files\/[0-9a-f]{32}\?exp=\d+&sig=/);
    // Filed under the requester's village and the requester.
    expect(await h.deps.files.exportOwner(file.fileId)).toEqual({ scopeId: BIG, personId: `${BIG}-admin` });

    const bytes = await fetchLocal(file.url);
    expect(bytes.byteLength).toBe(file.size);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets).toHaveLength(N);
    // Each household's sheet ends where its ledger stands (bench/publicity.ts villageDocs: a month result for two of three).
    const pending = new Map(villageDocs(BIG, N)[C.balances].map((b) => [String(b._id), Number(b.pending)]));
    const sheets = new Map(
      wb.worksheets.map((ws) => {
        const cells: string[] = [];
        ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.value ?? ''))));
        return [cells[0], cells] as const;
      }),
    );
    for (const i of [0, 1, 2, 1199]) {
      const cells = sheets.get(`张三${i % 7}户（第${Math.floor(i / 100) + 1}组 ${(i % 100) + 1}号）2026年积分手册`) ?? [];
      expect(cells).toContain(`待兑现 ${pending.get(`${BIG}-h${String(i).padStart(5, '0')}`) ?? 0}，可兑换 0，累计已兑换 0`);
    }
  }, 120_000);

  it('its maker trades the file id for a fresh URL; another person — same village or not — is refused', async () => {
    const again = await h.ok(admin(BIG), 'sheets', 'exportFile', { fileId: file.fileId });
    expect((await fetchLocal(again.url)).byteLength).toBe(file.size);

    for (const other of [villager(BIG), townAdmin(BIG), ADMIN, admin(HUGE)]) {
      expectRefused(await h.call(other, 'sheets', 'exportFile', { fileId: file.fileId }), 'NOT_FOUND', /不是您导出的/);
    }
    // A photo's id, or one made up, is no export.
    expectRefused(await h.call(admin(BIG), 'sheets', 'exportFile', { fileId: `local/${'0'.repeat(32)}` }), 'NOT_FOUND');
    expectRefused(await h.call(null, 'sheets', 'exportFile', { fileId: file.fileId }), 'NOT_REGISTERED');
  });

  it('a day later the jobs function deletes the stored file and its record; a newer one stays', async () => {
    const newer = stored(await h.ok(admin(BIG), 'sheets', 'handbook', { of: 'village', id: BIG, year: 2026 }));
    h.advance(STORED_EXPORT_KEEP_MS - 60_000);
    // Not yet a day: nothing goes.
    expect(await runPurgeExports(h.deps)).toEqual({ deleted: 0 });
    const kept = files();
    h.advance(60_000 + 1);
    // `file` was made before `newer` (the clock did not move between them): both are a day old now.
    expect((await runPurgeExports(h.deps)).deleted).toBe(2);
    expect(files().length).toBe(kept.length - 2);
    for (const f of [file, newer]) {
      expectRefused(await h.call(admin(BIG), 'sheets', 'exportFile', { fileId: f.fileId }), 'NOT_FOUND', /保留一天/);
    }
    expect(await h.count(C.storedExports)).toBe(0);
    // A fresh export after the purge is kept and fetched as usual.
    const fresh = stored(await h.ok(admin(BIG), 'sheets', 'handbook', { of: 'village', id: BIG, year: 2026 }));
    expect(await runPurgeExports(h.deps)).toEqual({ deleted: 0 });
    expect((await fetchLocal((await h.ok(admin(BIG), 'sheets', 'exportFile', { fileId: fresh.fileId })).url)).byteLength).toBe(fresh.size);
  }, 180_000);

  it('a small export still carries the file itself', async () => {
    const small = await h.ok(admin(BIG), 'sheets', 'pointsLedger', { villageId: BIG, period: '2026-07' });
    expect(small.encoding).toBe('base64');
  }, 60_000);
});

describe('the cap', () => {
  it(`a 积分手册 of more than ${HANDBOOK_MAX_HOUSEHOLDS} households is refused up front: the code, what to do, nothing written`, async () => {
    const before = files();
    const r = await h.call(admin(HUGE), 'sheets', 'handbook', { of: 'village', id: HUGE, year: 2026 });
    expectRefused(r, 'EXPORT_TOO_LARGE', new RegExp(`最多导出 ${HANDBOOK_MAX_HOUSEHOLDS} 户.*按网格分别导出`));
    expect(files()).toEqual(before);
    // A grid of it (100 households) exports as usual.
    const grid = await h.ok(admin(HUGE), 'sheets', 'handbook', { of: 'grid', id: `${HUGE}-g0`, year: 2026 });
    expect(grid.encoding).toBe('base64');
  }, 60_000);
});

/**
 * The deployable bundles, run as CloudBase would run them: `exports.main(event)` with the
 * SDK in node_modules beside the bundle. The SDK there says who calls (auth), answers files
 * and WeChat's open API; its database is our local one in the SDK's shape (node project) or
 * — in the `cloudbase` jest project — the real `@cloudbase/node-sdk`'s, talking to the
 * CloudBase stand-in the harness runs: so this proves the bundle, the production entry and
 * the CloudBase database binding together, without a network.
 */
import type { Database } from '@backend/db/types';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cstDate } from '@domain/shared/time';
import { bundleFunction } from '../../scripts/bundleFunction';
import { cloudbaseMode, openHarness, type Harness } from '../support/harness';

type Main = (event: Record<string, unknown>) => Promise<{ ok: boolean; code?: string; data?: unknown }>;

let h: Harness;
let dir: string;
let caller: string | undefined;
const sdkInits: unknown[] = [];
/** WeChat server API calls the bundles made through the SDK (content security). */
const wxCalls: { apiName: string; requestData: Record<string, unknown> }[] = [];

beforeAll(async () => {
  h = await openHarness({ demoPublicity: true });
  dir = mkdtempSync(join(tmpdir(), 'xiangyue-bundle-'));
  const sdkDir = join(dir, 'node_modules', '@cloudbase', 'node-sdk');
  mkdirSync(sdkDir, { recursive: true });
  writeFileSync(join(sdkDir, 'index.js'), 'module.exports = globalThis.__xiangyueFakeCloudbase;');
  // The real SDK, configured by the harness's stand-in (backend/db/standin/open.ts) in this process.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const real = cloudbaseMode() ? (require('@cloudbase/node-sdk') as { init(o: object): { database(): unknown }; SYMBOL_CURRENT_ENV: symbol }) : null;
  (globalThis as Record<string, unknown>).__xiangyueFakeCloudbase = {
    SYMBOL_CURRENT_ENV: real?.SYMBOL_CURRENT_ENV ?? Symbol('current env'),
    init(config: { env: unknown }) {
      sdkInits.push(config);
      const realApp = real?.init({ env: config.env, timeout: 60_000 });
      return {
        database: realApp
          ? () => realApp.database()
          : // The local database in the SDK's shape: the SDK's runTransaction(cb, times) retries
            // `times` more after a conflict (0: one run), ours takes the attempts in all.
            () => ({
              command: h.db.command,
              collection: (name: string) => h.db.collection(name),
              runTransaction: (cb: Parameters<Database['runTransaction']>[0], times = 3) => h.db.runTransaction(cb, times + 1),
            }),
        auth: () => ({ getUserInfo: () => ({ openId: caller }) }),
        downloadFile: async () => ({ fileContent: undefined }),
        getTempFileURL: async ({ fileList }: { fileList: string[] }) => ({ fileList: fileList.map((f) => ({ fileID: f, tempFileURL: `https://tmp/${f}` })) }),
        // WeChat's msg_sec_check as callWxOpenApi answers it: the API's JSON (here as a Buffer).
        callWxOpenApi: async (req: { apiName: string; requestData: Record<string, unknown> }) => {
          wxCalls.push(req);
          const risky = String(req.requestData.content ?? '').includes('违规');
          return { result: Buffer.from(JSON.stringify({ errcode: 0, errmsg: 'ok', result: { suggest: risky ? 'risky' : 'pass', label: risky ? 20001 : 100 } })) };
        },
      };
    },
  };
}, 60_000);
afterAll(async () => h?.close());

async function load(name: string): Promise<Main> {
  const out = join(dir, name);
  await bundleFunction(name, out);
  // Node's own loader, as in the function runtime; the bundle resolves the SDK from dir/node_modules.
  return (createRequire(join(out, 'index.js'))(join(out, 'index.js')) as { main: Main }).main;
}

test('identity bundle: the caller is whoever CloudBase auth says, never the event', async () => {
  const main = await load('identity');
  caller = 'demo-villager-1';
  const r = await main({ action: 'whoami', userInfo: { openId: 'demo-town-admin' } });
  expect(r).toMatchObject({ ok: true, data: { household: { id: 'h-qs-1-03' } } });
  caller = undefined;
  expect(await main({ action: 'whoami' })).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
  expect(sdkInits.length).toBe(1); // initialised once per container, not per call
}, 60_000);

test('points bundle: submit and first review run through the CloudBase binding and its transactions', async () => {
  const main = await load('points');
  caller = 'demo-villager-1';
  const transactionsBefore = h.standinStore?.stats.started ?? 0;
  const submitted = await main({ action: 'submit', requestId: 'bundle-req-0001', itemCode: 'FM-08', deedDate: cstDate(Date.now()) /* the bundle runs on the real clock */, place: '家门口', description: '打扫卫生', photos: [] });
  expect(submitted).toMatchObject({ ok: true, data: { status: 'submitted' } });
  const id = (submitted.data as { _id: string })._id;
  // The text went through WeChat's msg_sec_check v2, in the caller's name and the deed's scene.
  expect(wxCalls.at(-1)).toEqual({ apiName: '/wxa/msg_sec_check', requestData: { content: '家门口\n打扫卫生', version: 2, scene: 4, openid: 'demo-villager-1' } });
  expect(
    await main({ action: 'submit', requestId: 'bundle-req-0002', itemCode: 'FM-08', deedDate: cstDate(Date.now()), place: '家门口', description: '违规内容', photos: [] }),
  ).toMatchObject({ ok: false, code: 'CONTENT_RISKY' });
  caller = 'demo-gridworker-1-1';
  expect(await main({ action: 'firstReview', applicationId: id, decision: 'return', reason: '请补充说明' })).toMatchObject({ ok: true, data: { status: 'returned' } });
  expect(await main({ action: 'firstReview', applicationId: id, decision: 'pass' })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  // On the stand-in, the bundle's transactions went through the real SDK to its endpoint.
  if (h.standinStore) expect(h.standinStore.stats.started).toBeGreaterThan(transactionsBefore);
}, 60_000);

test('sheets bundle: the 公示栏 PDF (pdfkit, the font beside index.js) and a spreadsheet come out of the deployed bundle', async () => {
  const main = await load('sheets');
  caller = 'demo-admin-1';
  const pdf = await main({ action: 'publicityPoster', quarter: '2026-Q3' });
  expect(pdf).toMatchObject({ ok: true, data: { mime: 'application/pdf', encoding: 'base64' } });
  const bytes = Buffer.from((pdf.data as { content: string }).content, 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  expect(bytes.length).toBeGreaterThan(10_000); // the CJK subset is embedded
  const xlsx = await main({ action: 'publicity', quarter: '2026-Q3' });
  expect(xlsx).toMatchObject({ ok: true, data: { filename: expect.stringMatching(/\.xlsx$/) } });
  caller = undefined;
}, 60_000);

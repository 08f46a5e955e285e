/**
 * An export too large for the function's answer (src/domain/sheets/limits.ts) comes back as a
 * stored file's temporary URL: the real weapp build (dist/) downloads it into the user data
 * folder (wx.downloadFile) and opens it in WeChat's viewer with the forward menu — the one
 * helper every export page uses (src/services/saveExport.weapp.ts). An expired URL is traded
 * once for a fresh one with sheets.exportFile.
 */
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { XLSX_MIME, type StoredExport } from '@domain/shared/csv';
import { townTotal, type Dashboard } from '@domain/dashboard/view';
import { dashboardRow } from './dashboardRow';
import { assertBuilt, closePages, cloud, fakeDocuments, renderPage, settle, startApp, tapText, type FakeDocuments } from './miniprogram';

assertBuilt();

const ROW = dashboardRow('v-qs', '青山村', 60, 27);

const STORED: StoredExport = {
  filename: '青山村-积分台账-2026年第4季度.xlsx',
  mime: XLSX_MIME,
  encoding: 'file',
  fileId: 'cloud://env-1/exports/t/p-town/abc.xlsx',
  url: 'https://env-1.tcb.qcloud.la/exports/t/p-town/abc.xlsx?sign=old',
  expiresInSeconds: 1800,
  size: 2_500_000,
};
const FRESH = 'https://env-1.tcb.qcloud.la/exports/t/p-town/abc.xlsx?sign=fresh';

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  switch (`${name}.${String(data.action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: { person: { id: 'p-town', name: '镇干部' }, town: { id: 't', name: '清河镇' }, village: null, household: null, roles: [{ role: 'town_admin', scope: 'town', scopeId: 't' }], grids: [], policy: null },
      };
    case 'fund.dashboard': {
      const d: Dashboard = { period: String(data.period), label: '2026年第4季度', targetPercent: 30, villages: [ROW], total: townTotal([ROW]) };
      return { ok: true, data: d };
    }
    case 'sheets.pointsLedger':
      return { ok: true, data: STORED };
    case 'sheets.exportFile':
      return { ok: true, data: { url: FRESH, expiresInSeconds: 1800 } };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

type Wx = Record<string, (...a: unknown[]) => unknown>;
let docs: FakeDocuments;
const downloads: Record<string, unknown>[] = [];
/** What the storage answers for a URL (200, or 403 once it has expired). */
let statusOf: (url: string) => number = () => 200;

beforeAll(() => {
  startApp();
  const wx = (globalThis as unknown as { wx: Wx }).wx;
  docs = fakeDocuments();
  wx.downloadFile = (o: unknown) => {
    const opts = o as Record<string, unknown> & { url: string; filePath?: string };
    downloads.push({ url: opts.url, filePath: opts.filePath });
    const res = { statusCode: statusOf(opts.url), filePath: opts.filePath, tempFilePath: '', errMsg: 'downloadFile:ok' };
    (opts.success as ((r: unknown) => void) | undefined)?.(res);
    (opts.complete as ((r: unknown) => void) | undefined)?.(res);
  };
});

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  docs.opened.length = 0;
  docs.written.length = 0;
  downloads.length = 0;
});
afterEach(() => closePages());

test('a stored export is downloaded into the user data folder and opened with the forward menu', async () => {
  statusOf = () => 200;
  const page = renderPage('pkg-admin/dashboard/index');
  await settle();
  tapText(page, '导出本期积分台账（Excel）');
  await settle();
  expect(downloads).toEqual([{ url: STORED.url, filePath: expect.stringMatching(/\/青山村-积分台账-2026年第4季度\.xlsx$/) }]);
  expect(docs.written).toEqual([]); // nothing rode in the answer
  expect(docs.opened).toHaveLength(1);
  expect(docs.opened[0]).toMatchObject({ filePath: downloads[0].filePath, fileType: 'xlsx', showMenu: true });
  expect(cloud.calls.filter((c) => c.name === 'sheets').map((c) => c.data.action)).toEqual(['pointsLedger']);
});

test('an expired URL is traded once for a fresh one (sheets.exportFile), then the file opens', async () => {
  statusOf = (url) => (url === STORED.url ? 403 : 200);
  const page = renderPage('pkg-admin/dashboard/index');
  await settle();
  tapText(page, '导出本期积分台账（Excel）');
  await settle();
  expect(cloud.calls.filter((c) => c.name === 'sheets').map((c) => c.data)).toEqual([
    expect.objectContaining({ action: 'pointsLedger' }),
    { action: 'exportFile', fileId: STORED.fileId },
  ]);
  expect(downloads.map((d) => d.url)).toEqual([STORED.url, FRESH]);
  expect(docs.opened).toHaveLength(1);
  expect(docs.opened[0]).toMatchObject({ filePath: downloads[1].filePath, fileType: 'xlsx', showMenu: true });
});

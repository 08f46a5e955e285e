/**
 * 镇看板 of the real weapp build (dist/), against a fake wx.cloud: the chart renders as views in
 * the mini-program too (the village below the 30% target drawn in the alert colour and flagged,
 * the other not), and the village's 积分台账 opens in WeChat's document viewer with its menu —
 * wx.openDocument with showMenu, from which the cadre forwards it to a chat (issue 12 part 3).
 */
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { XLSX_MIME, type ExportFile } from '@domain/shared/csv';
import { townTotal, type Dashboard } from '@domain/dashboard/view';
import { dashboardRow as row } from './dashboardRow';
import { assertBuilt, closePages, cloud, fakeDocuments, renderPage, settle, startApp, tapText, textOf, type FakeDocuments } from './miniprogram';

assertBuilt();

const ROWS = [row('v-qs', '青山村', 60, 27), row('v-lx', '柳溪村', 60, 6)]; // 45%, 10%
const CONTENT = Buffer.from('PK\u0003\u0004 workbook').toString('base64');
const ledgerOf = (villageId: string): ExportFile => ({
  filename: `${ROWS.find((r) => r.villageId === villageId)?.villageName}-积分台账-2026年第4季度.xlsx`,
  mime: XLSX_MIME,
  encoding: 'base64',
  content: CONTENT,
});

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  switch (`${name}.${String(data.action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: { person: { id: 'p-town', name: '镇干部' }, town: { id: 't', name: '清河镇' }, village: null, household: null, roles: [{ role: 'town_admin', scope: 'town', scopeId: 't' }], grids: [], policy: null },
      };
    case 'fund.dashboard': {
      const d: Dashboard = { period: String(data.period), label: '2026年第4季度', targetPercent: 30, villages: ROWS, total: townTotal(ROWS) };
      return { ok: true, data: d };
    }
    case 'sheets.pointsLedger':
      return { ok: true, data: ledgerOf(String(data.villageId)) };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

let docs: FakeDocuments;

beforeAll(() => {
  startApp();
  docs = fakeDocuments();
});

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});
afterEach(() => closePages());

test('the chart in the weapp, a village flagged below 30%, its 积分台账 opened with the forward menu', async () => {
  const page = renderPage('pkg-admin/dashboard/index');
  await settle();
  const dom = page.dom as HTMLElement;
  const text = textOf(page);
  expect(text).toContain('兑换参与率（各村）');
  expect(text).toContain('45%（27/60户）');
  expect(text).toContain('10%（6/60户）');
  // Two bars, one in the alert colour; one card flagged (柳溪村), the other (青山村) not.
  expect(dom.querySelectorAll('[class*="bar-chart__fill--alert"]')).toHaveLength(1);
  const flagged = Array.from(dom.querySelectorAll('[class*="dashboard__village--below"]')).map((el) => (el.textContent ?? '').trim());
  expect(flagged).toHaveLength(1);
  expect(flagged[0]).toMatch(/^柳溪村\s*兑换参与率低于 30%/);
  expect(text).toContain('全镇 120 户，兑换参与率 27%');

  // A village's 积分台账: written as the bytes it is, then opened in WeChat's viewer with its menu (forward, save).
  tapText(page, '导出本期积分台账（Excel）'); // the first card's button: 青山村
  await settle();
  const asked = cloud.calls.filter((c) => c.name === 'sheets').map((c) => c.data);
  expect(asked).toEqual([{ action: 'pointsLedger', villageId: 'v-qs', period: expect.stringMatching(/^\d{4}-Q[1-4]$/) }]);
  expect(docs.written).toEqual([{ path: expect.stringMatching(/\/青山村-积分台账-2026年第4季度\.xlsx$/), data: CONTENT, encoding: 'base64' }]);
  expect(docs.opened).toHaveLength(1);
  expect(docs.opened[0]).toMatchObject({ filePath: docs.written[0].path, fileType: 'xlsx', showMenu: true });
});

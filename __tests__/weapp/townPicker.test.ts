/**
 * Town pages that list villages' grids, for the town admin, in the real weapp build (dist/), against
 * a fake wx.cloud: 事件统计 and 定点巡查台账 for the whole town name each grid with its village (every
 * village has an 一组), and a village picker (选择村: 全镇 or one village) asks for that village only.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { WhoAmI } from '@domain/api/index';
import type { EventStatsRow } from '@domain/api/events';
import type { LedgerRow } from '@domain/api/patrol';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf } from './miniprogram';

assertBuilt();

const townAdmin = {
  person: { id: 'p-town', name: '周镇长' },
  openid: 'o-town',
  town: { id: 't', name: '清河镇' },
  village: null,
  household: null,
  roles: [{ role: 'town_admin', scope: 'town', scopeId: 't' }],
  grids: [],
  policy: null,
} as unknown as WhoAmI;

const row = (villageId: string, gridId: string, gridName: string, open: number): EventStatsRow => ({
  gridId, gridName, villageId, open, overdue: 0, closed: 1, satisfied: 1, basic: 0, unsatisfied: 0,
});
const ROWS = [row('v-qs', 'g-qs-1', '一组', 2), row('v-lx', 'g-lx-1', '一组', 5)];

const AT = Date.parse('2026-11-20T10:00:00+08:00');
const patrol = (id: string, villageId: string, gridId: string, workerName: string, place: string): LedgerRow => ({
  id, date: '2026-11-20', at: AT, villageId, gridId, gridName: '一组', workerName, place, findings: '正常', photoCount: 1, eventCount: 0,
});
const PATROLS = [patrol('pt-1', 'v-qs', 'g-qs-1', '王建国', '青山桥头'), patrol('pt-2', 'v-lx', 'g-lx-1', '李红', '柳溪渡口')];

function backend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  const key = `${name}.${String(action)}`;
  if (key === 'identity.whoami') return { ok: true, data: townAdmin };
  if (key === 'org.progress') {
    return { ok: true, data: { items: [{ villageId: 'v-lx', name: '柳溪村' }, { villageId: 'v-qs', name: '青山村' }] } };
  }
  if (key === 'events.queue') return { ok: true, data: { items: [], page: 0, hasMore: false, scope: 'town', scopes: ['town'] } };
  if (key === 'events.stats') {
    const rows = input.villageId ? ROWS.filter((r) => r.villageId === input.villageId) : ROWS;
    const total = { open: rows.reduce((n, r) => n + r.open, 0), overdue: 0, closed: rows.length, satisfied: rows.length, basic: 0, unsatisfied: 0 };
    return { ok: true, data: { rows, total } };
  }
  if (key === 'patrol.ledger') {
    const rows = input.villageId ? PATROLS.filter((r) => r.villageId === input.villageId) : PATROLS;
    return { ok: true, data: { month: input.month, items: rows, page: 0, hasMore: false, total: rows.length } };
  }
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = backend;
});
afterEach(() => closePages());

const statsCalls = () => cloud.calls.filter((c) => c.name === 'events' && c.data.action === 'stats').map((c) => c.data);

it('the whole town: each grid named with its village; picking a village asks for its statistics only', async () => {
  const page = renderPage('pkg-grid/events/index');
  await settle();
  let text = textOf(page);
  expect(text).toContain('选择村');
  // 全镇 first, then the villages in id order.
  expect(text).toMatch(/全镇\s*柳溪村\s*青山村/);
  expect(text).toMatch(/青山村 · 一组\s*待办 2/);
  expect(text).toMatch(/柳溪村 · 一组\s*待办 5/);
  expect(text).toMatch(/合计\s*待办 7/);
  expect(statsCalls()[0]).toEqual({ action: 'stats' });

  tapText(page, '青山村');
  await settle();
  expect(statsCalls()[statsCalls().length - 1]).toEqual({ action: 'stats', villageId: 'v-qs' });
  text = textOf(page);
  // One village: its grids by their own names, the other village's gone.
  expect(text).toMatch(/一组\s*待办 2/);
  expect(text).not.toContain('青山村 · 一组');
  expect(text).not.toContain('待办 5');
  expect(text).toMatch(/合计\s*待办 2/);
});

it('定点巡查台账: the whole town names grids with their village; a picked village asks for its patrols only', async () => {
  const page = renderPage('pkg-admin/patrol-ledger/index');
  await settle();
  let text = textOf(page);
  expect(text).toContain('选择村');
  expect(text).toContain('青山村 · 一组 · 王建国');
  expect(text).toContain('柳溪村 · 一组 · 李红');
  const ledgerCalls = () => cloud.calls.filter((c) => c.name === 'patrol' && c.data.action === 'ledger').map((c) => c.data);
  expect(ledgerCalls()[0]).not.toHaveProperty('villageId');

  tapText(page, '柳溪村');
  await settle();
  expect(ledgerCalls()[ledgerCalls().length - 1]).toMatchObject({ action: 'ledger', villageId: 'v-lx' });
  text = textOf(page);
  expect(text).toContain('一组 · 李红');
  expect(text).not.toContain('柳溪村 · 一组');
  expect(text).not.toContain('王建国');
});

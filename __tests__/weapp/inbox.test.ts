/**
 * 消息中心 and the audit share card in the real weapp build (dist/), against a fake wx.cloud:
 * the inbox lists notices newest first with the unread count; tapping one marks it read and
 * opens its page; the audit page opened from a shared card asks for exactly that month and its
 * share card is what a group member sees (title with no names, path to that month).
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { NoticeView } from '@domain/api/notices';
import type { MonthView } from '@domain/api/audit';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf } from './miniprogram';

assertBuilt();

const AT = Date.parse('2026-11-20T10:00:00+08:00');
const NOTICES: NoticeView[] = [
  { id: 'n2', kind: 'application_first_reviewed', kindLabel: '初审', title: '申报已通过初审', body: '您家的申报“义务劳动”已通过网格员初审，等待评议小组评议。', page: 'pages/application/index?id=app-1', createdAt: AT, read: false },
  { id: 'n1', kind: 'publicity_opened', kindLabel: '公示', title: '2026年第3季度积分公示', body: '青山村2026年第3季度积分开始公示。', page: 'pkg-villager/publicity/index?villageId=v&quarter=2026-Q3', createdAt: AT - 3600_000, read: true },
];

const MONTH: MonthView = {
  summary: { _id: 'v-qingshan_2026-11', villageId: 'v-qingshan', villageName: '青山村', month: '2026-11', status: 'open', late: false, closeBy: '2026-12-10', undecided: 12, frozen: 0, closedAt: null, closedByName: null, postedHouseholds: 0, postedPoints: 0 },
  quorum: 3,
  history: [],
  items: [],
  nextAfterId: null,
  role: { reviewer: true, leader: false, supervisor: false },
  canClose: false,
};

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  if (name === 'notices' && data.action === 'list') return { ok: true, data: { items: NOTICES, unread: 1, nextBeforeAt: null } };
  if (name === 'notices' && data.action === 'markRead') return { ok: true, data: { unread: 0 } };
  if (name === 'notices' && data.action === 'templates') return { ok: true, data: { asks: { submit: [], audit: ['tpl-todo'], objection: [] } } };
  if (name === 'audit' && data.action === 'month') return { ok: true, data: MONTH };
  if (name === 'audit' && data.action === 'months') return { ok: true, data: { items: [] } };
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

type WxMock = Record<string, (opts: Record<string, unknown>) => unknown>;
const wxApi = () => (globalThis as unknown as { wx: WxMock }).wx;

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});
afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

describe('消息中心 (weapp build)', () => {
  it('lists my notices newest first with the unread count; a tap marks it read and opens its page', async () => {
    const page = renderPage('pages/inbox/index');
    await settle();
    const text = textOf(page);
    expect(text).toContain('1 条未读');
    expect(text.indexOf('申报已通过初审')).toBeLessThan(text.indexOf('2026年第3季度积分公示'));
    expect(text).toContain('等待评议小组评议');
    const navigations: string[] = [];
    const wx = wxApi();
    jest.spyOn(wx, 'navigateTo').mockImplementation((o: Record<string, unknown>) => {
      navigations.push(String(o.url));
      return undefined;
    });
    tapText(page, '申报已通过初审');
    await settle();
    expect(cloud.calls.filter((c) => c.name === 'notices' && c.data.action === 'markRead').map((c) => c.data.noticeId)).toEqual(['n2']);
    expect(navigations).toEqual(['/pages/application/index?id=app-1']);
  });
});

describe('月度评议 share card (weapp build)', () => {
  it('opened from a card: asks for that village and month; the card a group member sees names no person', async () => {
    renderPage('pkg-review/audit/index', { villageId: 'v-qingshan', month: '2026-11' });
    await settle();
    const asked = cloud.calls.filter((c) => c.name === 'audit' && c.data.action === 'month').map((c) => c.data);
    expect(asked[0]).toMatchObject({ villageId: 'v-qingshan', month: '2026-11' });
    const pages = (globalThis as unknown as { getCurrentPages: () => Record<string, (...a: unknown[]) => unknown>[] }).getCurrentPages();
    const card = pages[pages.length - 1].onShareAppMessage({ from: 'button' }) as { title: string; path: string };
    expect(card).toMatchObject({ title: '青山村 11 月积分评议：待签 12 件', path: '/pkg-review/audit/index?villageId=v-qingshan&month=2026-11' });
  });
});

describe('objection, veto and town review share cards (weapp build)', () => {
  const roles = (role: string, scopeId: string) => [{ role, scope: role === 'town_admin' ? 'town' : 'village', scopeId }];
  const whoami = (r: ReturnType<typeof roles>) => ({
    ok: true,
    data: { openid: 'me', person: { id: 'p-me', name: '田明' }, town: { id: 't-qinghe', name: '清河镇' }, village: { id: 'v-qingshan', name: '青山村' }, household: null, roles: r, grids: [], policy: null },
  });
  const OBJECTION = {
    _id: 'objn_1a2b', townId: 't-qinghe', villageId: 'v-qingshan', publicityId: 'v-qingshan_2026-Q3', quarter: '2026-Q3', householdId: 'h-qs-1-03', chunkId: 'c', lineLabel: '张*（一组3号）',
    objectorId: 'p-x', objectorName: '李四', objectorHouseholdId: 'h-qs-2-05', reason: '七月的志愿服务漏记了', photos: [], status: 'open', statusLabel: '待调查', decision: null,
    reviewerSignature: null, supervisorSignature: null, correctionEntryId: null, history: [], decisionText: null, createdAt: AT, updatedAt: AT,
  };
  const VETO = {
    _id: 'veto-1', townId: 't-qinghe', villageId: 'v-qingshan', householdId: 'h-qs-2-05', householdName: '王*', doorNo: '二组5号', item: '违法违纪', description: '参与聚众赌博', eventDate: '2026-11-15',
    status: 'recorded', barredUntil: null, mode: null, history: [], createdAt: AT, updatedAt: AT,
  };
  const ROW = { villageId: 'v-qingshan', villageName: '青山村', quarter: '2026-Q3', status: 'closed', statusLabel: '待镇复核', householdCount: 60, totalPoints: 1200, openObjections: 0, startDate: '2026-10-08', endDate: '2026-10-14', returnReason: null };
  const shareOf = (res: Record<string, unknown>) => {
    const pages = (globalThis as unknown as { getCurrentPages: () => Record<string, (...a: unknown[]) => unknown>[] }).getCurrentPages();
    return pages[pages.length - 1].onShareAppMessage(res) as { title: string; path: string };
  };

  it('an objection card opens exactly that objection for a reviewer; the card names no person', async () => {
    cloud.backend = (name, data) =>
      name === 'identity' ? (whoami(roles('reviewer', 'v-qingshan')) as ApiResult<unknown>) : name === 'publicity' && data.action === 'objections' ? { ok: true, data: { items: [OBJECTION, { ...OBJECTION, _id: 'objn_other', reason: '另一条' }], total: 2 } } : fakeBackend(name, data);
    const page = renderPage('pkg-review/objections/index', { villageId: 'v-qingshan', quarter: '2026-Q3', id: 'objn_1a2b' });
    await settle();
    expect(cloud.calls.find((c) => c.name === 'publicity')?.data).toMatchObject({ scope: 'village', villageId: 'v-qingshan', quarter: '2026-Q3' });
    const text = textOf(page);
    expect(text).toContain('七月的志愿服务漏记了');
    expect(text).not.toContain('另一条');
    expect(text).toContain('签署处理意见');
    const card = shareOf({ from: 'button', target: { dataset: { shareId: 'objn_1a2b' } } });
    expect(card).toEqual({ title: '青山村 2026年第三季度公示异议：待调查', path: '/pkg-review/objections/index?villageId=v-qingshan&quarter=2026-Q3&id=objn_1a2b' });
    expect(card.title).not.toMatch(/李四|张|一组3号/);
  });

  it('an objection card opened by someone the server refuses: the one-line message, nothing to sign', async () => {
    cloud.backend = (name, data) =>
      name === 'identity' ? (whoami(roles('villager', 'v-qingshan')) as ApiResult<unknown>) : name === 'publicity' ? { ok: false, code: 'FORBIDDEN', message: ERROR_MESSAGES.FORBIDDEN } : fakeBackend(name, data);
    const page = renderPage('pkg-review/objections/index', { villageId: 'v-qingshan', quarter: '2026-Q3', id: 'objn_1a2b' });
    await settle();
    expect(textOf(page)).toContain('仅评议小组和监督小组成员可签署异议');
    expect(textOf(page)).not.toContain('签署处理意见');
  });

  it('the vetoes-waiting card: a supervisor sees what to countersign, the card counts them', async () => {
    // <van-tabs> (a supervisor has two tabs) uses groupSetData, which the simulator lacks from base library 2.4.0 on.
    const info = wxApi().getSystemInfoSync;
    jest.spyOn(wxApi(), 'getSystemInfoSync').mockImplementation(() => ({ ...(info.call(wxApi(), {}) as object), SDKVersion: '2.3.9' }));
    cloud.backend = (name, data) => (name === 'identity' ? (whoami(roles('supervisor', 'v-qingshan')) as ApiResult<unknown>) : name === 'veto' && data.action === 'list' ? { ok: true, data: { items: [VETO], nextOffset: null } } : fakeBackend(name, data));
    const page = renderPage('pkg-review/veto/index', { villageId: 'v-qingshan', tab: 'pending' });
    await settle();
    expect(textOf(page)).toContain('会签生效');
    expect(cloud.calls.find((c) => c.name === 'veto')?.data).toMatchObject({ action: 'list', status: 'recorded' });
    const card = shareOf({ from: 'button' });
    expect(card).toEqual({ title: '青山村 一票否决：待会签 1 件', path: '/pkg-review/veto/index?villageId=v-qingshan&tab=pending' });
  });

  it('the vetoes-waiting card opened by a villager: the one-line message, nothing to countersign', async () => {
    cloud.backend = (name, data) => (name === 'identity' ? (whoami(roles('villager', 'v-qingshan')) as ApiResult<unknown>) : fakeBackend(name, data));
    const other = renderPage('pkg-review/veto/index', { villageId: 'v-qingshan', tab: 'pending' });
    await settle();
    expect(textOf(other)).toContain('仅监督小组成员可会签一票否决');
    expect(textOf(other)).not.toContain('会签生效');
  });

  it('the town review card opens that quarter; the card says how many villages wait', async () => {
    cloud.backend = (name, data) => (name === 'identity' ? (whoami(roles('town_admin', 't-qinghe')) as ApiResult<unknown>) : name === 'publicity' && data.action === 'townQueue' ? { ok: true, data: { quarter: '2026-Q3', rows: [ROW] } } : fakeBackend(name, data));
    renderPage('pkg-town/town-review/index', { quarter: '2026-Q3' });
    await settle();
    expect(cloud.calls.find((c) => c.name === 'publicity')?.data).toMatchObject({ action: 'townQueue', quarter: '2026-Q3' });
    expect(shareOf({ from: 'button' })).toEqual({ title: '清河镇 2026年第三季度镇复核：待复核 1 个村', path: '/pkg-town/town-review/index?quarter=2026-Q3' });
  });

  it('opened by a WeChat user bound to nobody: to binding, with the way back to the card\'s page', async () => {
    const launches: string[] = [];
    jest.spyOn(wxApi(), 'reLaunch').mockImplementation((o: Record<string, unknown>) => {
      launches.push(String(o.url));
      return undefined;
    });
    cloud.backend = () => ({ ok: false, code: 'NOT_REGISTERED', message: ERROR_MESSAGES.NOT_REGISTERED });
    renderPage('pkg-review/veto/index', { villageId: 'v-qingshan', tab: 'pending' });
    await settle();
    expect(launches.map((u) => decodeURIComponent(u))).toEqual(['/pages/welcome/index?back=/pkg-review/veto/index?villageId=v-qingshan&tab=pending']);
  });
});

describe('订阅消息 asks stay inside the tap', () => {
  // WeChat accepts wx.requestSubscribeMessage only synchronously within a tap: the ask must come
  // before the handler's first await (taps reach the simulator asynchronously, so this is read
  // from the source, as the shareFileMessage check is).
  it.each([
    ['src/components/submit-form/index.tsx', 'const submit = async', "if (!onBehalfOf) askSubscribe();"],
    ['src/pkg-review/audit/index.tsx', 'const save = async', "if (action.kind === 'sign') askSubscribe();"],
    ['src/pkg-villager/publicity/ObjectionForm.tsx', 'const submit = async', 'askSubscribe();'],
  ])('%s asks before any await', (file, handler, ask) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const src = (require('fs') as typeof import('fs')).readFileSync(require('path').join(__dirname, '../..', file), 'utf8');
    const start = src.indexOf(handler);
    const at = src.indexOf(ask, start);
    expect(start).toBeGreaterThan(-1);
    expect(at).toBeGreaterThan(start);
    const code = src.slice(start, at).replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(/\bawait\b/);
  });

  it('the weapp build calls wx.requestSubscribeMessage with at most 3 templates and records the accepted ones', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const fs = require('fs') as typeof import('fs');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const path = require('path') as typeof import('path');
    const dist = path.join(__dirname, '../../dist');
    const js = fs.readdirSync(dist).filter((f) => f.endsWith('.js')).map((f) => fs.readFileSync(path.join(dist, f), 'utf8')).join('\n');
    expect(js).toMatch(/wx\.requestSubscribeMessage\(/);
    expect(js).toMatch(/slice\(0,\s*3\)/);
  });
});

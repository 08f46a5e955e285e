/**
 * 读给我听 in the real weapp build (dist/): WeChat's 同声传译 plugin (WechatSI, requirePlugin) turns
 * the text into speech and an audio context plays it. A notice in 消息中心 is read as its title and
 * body without opening it; 积分 reads the household's figures in words. Without the plugin (an old
 * WeChat) no 读给我听 is offered.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { NoticeView } from '@domain/api/notices';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, startApp, tapText, textOf } from './miniprogram';

assertBuilt();

const AT = Date.parse('2026-11-20T10:00:00+08:00');
const NOTICE: NoticeView = {
  id: 'n2', kind: 'application_first_reviewed', kindLabel: '初审', title: '申报已通过初审', body: '您家的申报“义务劳动”已通过网格员初审，等待评议小组评议。',
  page: 'pages/application/index?id=app-1', createdAt: AT, read: false,
};

function backend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const key = `${name}.${String(data.action)}`;
  if (key === 'notices.list') return { ok: true, data: { items: [NOTICE], unread: 1, nextBeforeAt: null } };
  if (key === 'notices.markRead') return { ok: true, data: { unread: 0 } };
  if (key === 'ledger.balance') return { ok: true, data: { householdId: 'hh-3', householdName: '董燕强户', doorNo: '一组3号', townId: 't', villageId: 'v', pending: 15, redeemable: 200, spent: 30, seq: 9, updatedAt: AT } };
  if (key === 'ledger.entries') return { ok: true, data: { items: [], nextBeforeSeq: null } };
  if (key === 'identity.whoami') return { ok: true, data: { person: { id: 'p-1', name: '田明' }, roles: [], household: { id: 'hh-3' }, policy: null } };
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

type AnyFn = (...args: unknown[]) => unknown;
const g = globalThis as unknown as { requirePlugin: (name: string) => unknown; wx: Record<string, AnyFn> };

/** What the plugin was asked to read, and what the audio context played. */
let asked: { lang: string; tts: boolean; content: string }[];
let played: string[];
let plugins: string[];

function withPlugin(): void {
  g.requirePlugin = (name: string) => {
    plugins.push(name);
    return {
      textToSpeech: (o: { lang: string; tts: boolean; content: string; success: (r: { filename: string }) => void }) => {
        asked.push({ lang: o.lang, tts: o.tts, content: o.content });
        o.success({ filename: `https://tts.example/${asked.length}.mp3` });
      },
    };
  };
}

beforeAll(() => startApp());
beforeEach(() => {
  asked = [];
  played = [];
  plugins = [];
  cloud.calls.length = 0;
  cloud.backend = backend;
  g.requirePlugin = () => ({});
  jest.spyOn(g.wx, 'createInnerAudioContext').mockImplementation(() => {
    const ctx = { src: '', play: () => void played.push(ctx.src), stop: () => undefined, destroy: () => undefined };
    return ctx;
  });
});
afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

it('消息中心: 读给我听 reads the notice (title, then body) in Chinese and does not open it', async () => {
  withPlugin();
  const nav = jest.spyOn(g.wx, 'navigateTo');
  const page = renderPage('pages/inbox/index');
  await settle();
  expect(textOf(page)).toContain('读给我听');
  tapText(page, '读给我听');
  await settle();
  expect(plugins).toContain('WechatSI');
  expect(asked).toEqual([{ lang: 'zh_CN', tts: true, content: '申报已通过初审。您家的申报“义务劳动”已通过网格员初审，等待评议小组评议。' }]);
  expect(played).toEqual(['https://tts.example/1.mp3']);
  // Reading is not opening: no page change, not marked read.
  expect(nav).not.toHaveBeenCalled();
  expect(cloud.calls.filter((c) => c.data.action === 'markRead')).toEqual([]);
});

it('积分: 读给我听 reads the three figures in words', async () => {
  withPlugin();
  const page = renderPage('pages/points/index');
  await settle();
  tapText(page, '读给我听');
  await settle();
  expect(asked).toHaveLength(1);
  expect(asked[0].content).toContain('您家现在可以兑换的积分 200 分。');
  expect(asked[0].content).toContain('等公示的积分 15 分');
  expect(asked[0].content).toContain('已经兑换了 30 分。');
  expect(played).toHaveLength(1);
});

it('without the speech plugin (an older WeChat) no 读给我听 is offered', async () => {
  const inbox = renderPage('pages/inbox/index');
  await settle();
  expect(textOf(inbox)).toContain('申报已通过初审');
  expect(textOf(inbox)).not.toContain('读给我听');
  const points = renderPage('pages/points/index');
  await settle();
  expect(textOf(points)).toContain('200');
  expect(textOf(points)).not.toContain('读给我听');
});

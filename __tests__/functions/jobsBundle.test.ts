/**
 * The deployed `jobs` bundle as CloudBase runs it (a stand-in SDK, as in bundle.test.ts): its
 * config.json carries the timer trigger, a timer event (no user) takes the scheduled path, and
 * a user can never pass for the timer.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { C } from '@backend/repos/collections';
import { bundleFunction } from '../../scripts/bundleFunction';
import { openHarness, type Harness } from '../support/harness';

type Main = (event: Record<string, unknown>) => Promise<{ ok: boolean; code?: string; data?: unknown }>;

let h: Harness;
let out: string;
let main: Main;
let caller: string | undefined;

beforeAll(async () => {
  h = await openHarness();
  const dir = mkdtempSync(join(tmpdir(), 'xiangyue-jobs-bundle-'));
  const sdkDir = join(dir, 'node_modules', '@cloudbase', 'node-sdk');
  mkdirSync(sdkDir, { recursive: true });
  writeFileSync(join(sdkDir, 'index.js'), 'module.exports = globalThis.__xiangyueFakeCloudbaseJobs;');
  (globalThis as Record<string, unknown>).__xiangyueFakeCloudbaseJobs = {
    SYMBOL_CURRENT_ENV: Symbol('current env'),
    init: () => ({
      database: () => h.db,
      auth: () => ({ getUserInfo: () => ({ openId: caller }) }),
      downloadFile: async () => ({ fileContent: undefined }),
      getTempFileURL: async () => ({ fileList: [] }),
    }),
  };
  out = join(dir, 'jobs');
  await bundleFunction('jobs', out);
  main = (createRequire(join(out, 'index.js'))(join(out, 'index.js')) as { main: Main }).main;
}, 90_000);
afterAll(async () => h?.close());

test('the bundle carries the timer triggers: year end 1 January 00:05, reminders every morning, the push outbox and content checks every 10 minutes, stored exports purged nightly (seven-field crons)', () => {
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8')) as { triggers: { name: string; type: string; config: string }[] };
  expect(config.triggers).toEqual([
    { name: 'yearEnd', type: 'timer', config: '0 5 0 1 1 * *' },
    { name: 'dailyReminders', type: 'timer', config: '0 0 8 * * * *' },
    { name: 'pushOutbox', type: 'timer', config: '0 */10 * * * * *' },
    { name: 'contentChecks', type: 'timer', config: '0 */10 * * * * *' },
    { name: 'purgeExports', type: 'timer', config: '0 30 3 * * * *' },
  ]);
  for (const t of config.triggers) expect(t.config.split(' ')).toHaveLength(7);
});

test("WeChat's wxa_media_check push records a photo's verdict, only for a trace id we submitted", async () => {
  const { photoCheckId } = await import('@domain/moderation');
  const id = photoCheckId('cloud://env/photos/u1/a.jpg');
  await h.db.collection(C.contentChecks).doc(id).set({
    kind: 'photo', fileId: 'cloud://env/photos/u1/a.jpg', authorId: 'p1', authorOpenid: 'u1', scene: 'social_log', state: 'pending',
    traceId: 'trace-secret-1', requestedAt: Date.now(), submits: 1, decidedAt: null, history: [],
  });
  caller = undefined;
  const push = (trace: string, suggest: string) => ({ ToUserName: 'gh_x', FromUserName: 'u1', MsgType: 'event', Event: 'wxa_media_check', trace_id: trace, version: 2, result: { suggest, label: 20002 } });
  expect(await main(push('guessed-trace', 'pass'))).toMatchObject({ ok: true, data: { recorded: false } });
  expect((await h.db.collection(C.contentChecks).doc(id).get()).data[0]).toMatchObject({ state: 'pending' });
  expect(await main(push('trace-secret-1', 'risky'))).toMatchObject({ ok: true, data: { recorded: true } });
  expect((await h.db.collection(C.contentChecks).doc(id).get()).data[0]).toMatchObject({ state: 'risky' });
  // A verdict is final: a later push changes nothing.
  expect(await main(push('trace-secret-1', 'pass'))).toMatchObject({ ok: true, data: { recorded: false } });
  await h.db.collection(C.contentChecks).doc(id).remove();
});

test('the dailyReminders timer runs the reminders; a re-run writes nothing more', async () => {
  caller = undefined;
  const first = await main({ Type: 'Timer', TriggerName: 'dailyReminders', Time: new Date().toISOString(), Message: '' });
  expect(first).toMatchObject({ ok: true, data: { day: expect.any(String) } });
  const notices = await h.count(C.notices);
  const again = await main({ Type: 'Timer', TriggerName: 'dailyReminders', Time: new Date().toISOString(), Message: '' });
  expect(again).toMatchObject({ ok: true, data: { auditDue: 0, publicityClosing: 0, eventNear: 0, eventOverdue: 0 } });
  expect(await h.count(C.notices)).toBe(notices);
});

test('a timer event runs the scheduled path (outside January: nothing to do, nothing written)', async () => {
  caller = undefined;
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(5, 7);
  const r = await main({ Type: 'Timer', TriggerName: 'yearEnd', Time: new Date().toISOString(), Message: '' });
  expect(r.ok).toBe(true);
  if (month !== '01') {
    expect(r.data).toBeNull();
    expect(await h.count(C.jobRuns)).toBe(0);
  } else {
    expect(r.data).toMatchObject({ runs: expect.any(Array) });
  }
});

test('a user sending a timer-shaped event is not the timer', async () => {
  caller = 'demo-admin-1';
  expect(await main({ Type: 'Timer', TriggerName: 'yearEnd' })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
  caller = undefined;
  expect(await main({ action: 'runs' })).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
  caller = 'demo-admin-1';
  expect(await main({ action: 'runs' })).toMatchObject({ ok: true, data: { items: [] } });
});

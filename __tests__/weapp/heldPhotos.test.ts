/**
 * Photos held by the content check, in the real weapp build: the author sees a pending photo
 * marked 审核中 with the explanation, and a risky one as 未通过审核 with the reason; a passed photo
 * shows plainly. (Others never receive held photos: __tests__/functions/contentChecks.test.ts.)
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { ApplicationDetailView } from '@domain/api/points';
import { HELD_MESSAGES, type PhotoView } from '@domain/moderation/verdicts';
import { assertBuilt, closePages, cloud, renderPage, settle, textOf } from './miniprogram';

assertBuilt();

function application(photos: PhotoView[]): ApplicationDetailView {
  const now = Date.now();
  return {
    _id: 'app-1', townId: 't', villageId: 'v', gridId: 'g', householdId: 'hh-3', householdName: '张三', doorNo: '一组 3号',
    itemCode: 'FM-08', itemName: '打扫房前屋后', categoryName: '家风', points: 2, unit: 'per_time',
    catalogueVersionId: 'cat-1', catalogueVersion: 1, deedDate: '2026-11-18', place: '门前', description: '打扫卫生',
    photos, source: 'self', submittedBy: 'p-1', submittedByName: '张三', status: 'submitted',
    history: [{ at: now, action: 'submit', actorId: 'p-1', actorName: '张三', note: null }], createdAt: now, updatedAt: now,
    journey: [],
  } as unknown as ApplicationDetailView;
}

afterEach(() => closePages());

async function open(photos: PhotoView[]): Promise<string> {
  cloud.backend = (name, data) => (name === 'points' && data.action === 'get' ? { ok: true, data: application(photos) } : { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' });
  const page = renderPage('pages/application/index', { id: 'app-1' });
  await settle();
  return textOf(page);
}

it('a pending photo is marked 审核中 with the explanation', async () => {
  const text = await open([{ fileId: 'f1', url: 'https://tmp/f1.jpg', held: 'pending' }]);
  expect(text).toContain('审核中');
  expect(text).toContain(HELD_MESSAGES.pending);
});

it('a risky photo shows 未通过审核 and the reason, no picture', async () => {
  const text = await open([{ fileId: 'f2', url: '', held: 'risky' }]);
  expect(text).toContain('未通过审核');
  expect(text).toContain(HELD_MESSAGES.risky);
});

it('a passed photo shows without any mark', async () => {
  const text = await open([{ fileId: 'f3', url: 'https://tmp/f3.jpg' }]);
  expect(text).not.toContain('审核');
});

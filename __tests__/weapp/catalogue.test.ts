/**
 * 积分目录 as a villager reads it, in the real weapp build (dist/), against a fake wx.cloud: the
 * items with their points and unit by category, no item codes (PV-02); a catalogue without any
 * item says so in plain words and what happens next, not only its header.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import { UNIT_LABELS, type CatalogueCategory, type CatalogueVersion } from '@domain/catalogue/types';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, textOf } from './miniprogram';

assertBuilt();

const CATEGORY: CatalogueCategory = {
  code: 'PV',
  name: '公益美德类',
  subject: 'household',
  items: [
    { code: 'PV-02', name: '参加村里组织的义务劳动', points: 5, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: false, selfReport: true },
    { code: 'PV-09', name: '拾到财物主动上交或归还失主', points: 5, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: false, selfReport: true },
  ],
} as CatalogueCategory;

function version(categories: CatalogueCategory[]): CatalogueVersion & { popular: string[] } {
  return { _id: 'cat-1', villageId: 'v', version: 1, effectiveFrom: '2026-01-01', categories, createdAt: 0, createdBy: 'p-admin', popular: [] };
}

let shown: CatalogueVersion & { popular: string[] };
beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = (name: string, data: Record<string, unknown>): ApiResult<unknown> =>
    name === 'catalogue' && data.action === 'current' ? { ok: true, data: shown } : { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
});
afterEach(() => closePages());

it('the items by category with their points, without item codes', async () => {
  shown = version([CATEGORY]);
  const page = renderPage('pkg-villager/catalogue/index');
  await settle();
  const text = textOf(page);
  expect(text).toContain('公益美德类（2 项）');
  expect(text).toContain('参加村里组织的义务劳动');
  expect(text).toContain('拾到财物主动上交或归还失主');
  expect(text).toMatch(new RegExp(`参加村里组织的义务劳动\\s*${UNIT_LABELS.per_time} \\+5 分\\s*需照片`));
  expect(text).not.toMatch(/[A-Z]{2}-\d{2}/);
  expect(text).not.toContain('积分目录里还没有项目');
});

it('no item at all: a plain message and what happens next, not only the header', async () => {
  shown = version([{ ...CATEGORY, items: [] }]);
  const page = renderPage('pkg-villager/catalogue/index');
  await settle();
  const text = textOf(page);
  expect(text).toContain('第 1 版积分目录');
  expect(text).toContain('积分目录里还没有项目');
  expect(text).toContain('村两委把村规民约里的加分、扣分事项定下来后，会列在这里');
  expect(text).not.toContain('公益美德类');
});

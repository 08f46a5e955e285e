import { DEFAULT_POLICY } from '@domain/org/policy';
import type { Household, Person } from '@domain/org/types';
import type { CatalogueItem, CatalogueVersion } from '@domain/catalogue/types';
import {
  assertDeedDate,
  assertEvidence,
  assertOwnHousehold,
  assertPhotos,
  assertUnderCap,
  assertWorksGrid,
  capKey,
  resolveItem,
} from '@domain/points/submitRules';
import { firstReview, newApplication } from '@domain/points/workflow';
import { assertGridHasRoom } from '@domain/org/gridCapacity';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import { cstDate } from '@domain/shared/time';
import { maskName } from '@domain/org/types';

const NOW = Date.parse('2026-11-20T10:00:00+08:00');
const code = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

const household: Household = { _id: 'h1', townId: 't', villageId: 'v', gridId: 'g1', doorNo: '1号', headPersonId: 'p1', headName: '王芳', memberCount: 2 };
const villager: Person = { _id: 'p2', townId: 't', villageId: 'v', householdId: 'h1', name: '王明', relation: '子女', roles: [{ role: 'villager', scope: 'village', scopeId: 'v' }] };
const worker: Person = { ...villager, _id: 'p9', householdId: 'h9', name: '李强', roles: [{ role: 'grid_worker', scope: 'grid', scopeId: 'g1' }] };
const v1: CatalogueVersion = { _id: 'c1', villageId: 'v', version: 1, effectiveFrom: '2026-01-01', categories: SEED_000_CATEGORIES, createdAt: 0, createdBy: 's' };
const v2: CatalogueVersion = {
  ...v1,
  _id: 'c2',
  version: 2,
  effectiveFrom: '2026-11-01',
  categories: [{ code: 'X', name: '新类', subject: 'household', items: [{ ...SEED_000_CATEGORIES[1].items[4], code: 'X-01', points: 8 }] }],
};

describe('who may submit for whom', () => {
  it('own household only', () => {
    expect(code(() => assertOwnHousehold(villager, household))).toBe('no error');
    expect(code(() => assertOwnHousehold({ ...villager, householdId: 'h2' }, household))).toBe('NOT_OWN_HOUSEHOLD');
  });
  it('grid workers only in their grids', () => {
    expect(code(() => assertWorksGrid(worker, 'g1'))).toBe('no error');
    expect(code(() => assertWorksGrid(worker, 'g2'))).toBe('NOT_IN_GRID');
    expect(code(() => assertWorksGrid(villager, 'g1'))).toBe('FORBIDDEN');
  });
});

describe('deed date window (default: this month or last, China time)', () => {
  it.each([
    ['2026-11-20', 'no error'],
    ['2026-10-01', 'no error'],
    ['2026-09-30', 'DATE_TOO_OLD'],
    ['2026-11-21', 'DATE_IN_FUTURE'],
    ['2026-13-01', 'BAD_INPUT'],
  ])('%s → %s', (d, expected) => {
    expect(code(() => assertDeedDate(d, NOW, DEFAULT_POLICY))).toBe(expected);
  });
  it('uses the China calendar day, not UTC', () => {
    const earlyMorningCst = Date.parse('2026-12-01T00:30:00+08:00'); // still Nov 30 in UTC
    expect(cstDate(earlyMorningCst)).toBe('2026-12-01');
    expect(code(() => assertDeedDate('2026-12-01', earlyMorningCst, DEFAULT_POLICY))).toBe('no error');
    expect(code(() => assertDeedDate('2026-10-31', earlyMorningCst, DEFAULT_POLICY))).toBe('DATE_TOO_OLD');
  });
  it('follows the village policy', () => {
    expect(code(() => assertDeedDate('2026-09-01', NOW, { ...DEFAULT_POLICY, submitWindowMonths: 2 }))).toBe('no error');
    expect(code(() => assertDeedDate('2026-10-31', NOW, { ...DEFAULT_POLICY, submitWindowMonths: 0 }))).toBe('DATE_TOO_OLD');
  });
});

describe('catalogue version in force on the deed date', () => {
  it('scores by the version in force on that date, not today', () => {
    expect(resolveItem([v1, v2], '2026-10-15', 'PV-05', 'self').item.points).toBe(5);
    expect(code(() => resolveItem([v1, v2], '2026-11-02', 'PV-05', 'self'))).toBe('ITEM_NOT_IN_CATALOGUE');
    expect(resolveItem([v1, v2], '2026-11-02', 'X-01', 'self').item.points).toBe(8);
    expect(code(() => resolveItem([v1, v2], '2026-10-15', 'X-01', 'self'))).toBe('ITEM_NOT_IN_CATALOGUE');
    expect(code(() => resolveItem([], '2026-10-15', 'PV-05', 'self'))).toBe('ITEM_NOT_IN_CATALOGUE');
  });
  it('committee items cannot be self-reported; the veto and fraud penalty cannot be applied for at all', () => {
    expect(code(() => resolveItem([v1], '2026-10-15', 'PV-01', 'self'))).toBe('FORBIDDEN');
    expect(code(() => resolveItem([v1], '2026-10-15', 'PV-01', 'grid_worker'))).toBe('no error');
    expect(code(() => resolveItem([v1], '2026-10-15', 'RP-14', 'grid_worker'))).toBe('FORBIDDEN');
    expect(code(() => resolveItem([v1], '2026-10-15', 'RP-13', 'grid_worker'))).toBe('FORBIDDEN');
  });
});

describe('evidence, photos, caps', () => {
  const needsPhoto = { evidenceRequired: true } as CatalogueItem;
  it('evidence when required; at most 3 photos', () => {
    expect(code(() => assertEvidence(needsPhoto, 0, DEFAULT_POLICY))).toBe('EVIDENCE_REQUIRED');
    expect(code(() => assertEvidence(needsPhoto, 1, DEFAULT_POLICY))).toBe('no error');
    expect(code(() => assertEvidence({ evidenceRequired: false } as CatalogueItem, 4, DEFAULT_POLICY))).toBe('TOO_MANY_PHOTOS');
  });
  it('only images, each ≤ 2 MB', () => {
    expect(code(() => assertPhotos([{ fileId: 'a', mime: 'image/jpeg', size: 2 * 1024 * 1024 }], DEFAULT_POLICY))).toBe('no error');
    expect(code(() => assertPhotos([{ fileId: 'a', mime: 'image/jpeg', size: 2 * 1024 * 1024 + 1 }], DEFAULT_POLICY))).toBe('PHOTO_TOO_LARGE');
    expect(code(() => assertPhotos([{ fileId: 'a', mime: null, size: 10 }], DEFAULT_POLICY))).toBe('PHOTO_NOT_IMAGE');
    expect(code(() => assertPhotos([{ fileId: 'a', mime: 'application/pdf', size: 10 }], DEFAULT_POLICY))).toBe('PHOTO_NOT_IMAGE');
  });
  it('cap keys per period; per-month and per-year units cap themselves', () => {
    const monthly = resolveItem([v1], '2026-10-15', 'FM-08', 'self').item;
    const yearly = resolveItem([v1], '2026-10-15', 'FM-01', 'self').item;
    const perTime = resolveItem([v1], '2026-10-15', 'PV-05', 'self').item;
    expect(capKey(monthly, 'h1', '2026-10-15')).toBe('h1:FM-08:2026-10');
    expect(capKey(yearly, 'h1', '2026-10-15')).toBe('h1:FM-01:2026');
    expect(capKey(perTime, 'h1', '2026-10-15')).toBeNull();
    expect(code(() => assertUnderCap(monthly, 0))).toBe('no error');
    expect(code(() => assertUnderCap(monthly, 1))).toBe('CAP_REACHED');
    expect(code(() => assertUnderCap(perTime, 99))).toBe('no error');
  });
});

describe('first review state machine', () => {
  const fields = {
    id: 'a1',
    now: NOW,
    actor: villager,
    household,
    source: 'self' as const,
    resolved: resolveItem([v1], '2026-11-10', 'PV-05', 'self'),
    deedDate: '2026-11-10',
    place: '村委会',
    description: '志愿服务',
    photos: ['f1'],
  };
  const app = newApplication(fields);
  it('starts submitted with one history entry and the item as scored on the date', () => {
    expect(app).toMatchObject({ status: 'submitted', points: 5, catalogueVersion: 1, gridId: 'g1', householdName: '王芳' });
    expect(app.history).toEqual([{ at: NOW, action: 'submit', actorId: 'p2', actorName: '王明', note: null }]);
  });
  it('pass → first_reviewed, history appended, original untouched', () => {
    const next = firstReview(app, worker, 'pass', undefined, NOW + 1);
    expect(next.status).toBe('first_reviewed');
    expect(next.history).toHaveLength(2);
    expect(app.history).toHaveLength(1);
    expect(code(() => firstReview(next, worker, 'return', '晚了', NOW + 2))).toBe('INVALID_TRANSITION');
  });
  it('return needs a reason; own household and other grids are refused', () => {
    expect(code(() => firstReview(app, worker, 'return', '', NOW))).toBe('REASON_REQUIRED');
    expect(firstReview(app, worker, 'return', ' 照片看不清 ', NOW).history[1].note).toBe('照片看不清');
    expect(code(() => firstReview(app, { ...worker, householdId: 'h1' }, 'pass', undefined, NOW))).toBe('OWN_HOUSEHOLD_REVIEW');
    expect(code(() => firstReview(app, { ...worker, roles: [{ role: 'grid_worker', scope: 'grid', scopeId: 'g2' }] }, 'pass', undefined, NOW))).toBe('NOT_IN_GRID');
  });
  it('four eyes: the worker who reported it (代申报) does not review it; another worker of the grid does', () => {
    const onBehalf = newApplication({ ...fields, actor: worker, source: 'grid_worker' });
    expect(code(() => firstReview(onBehalf, worker, 'pass', undefined, NOW))).toBe('OWN_WORK_REVIEW');
    expect(code(() => firstReview(onBehalf, worker, 'return', '自己退回', NOW))).toBe('OWN_WORK_REVIEW');
    expect(firstReview(onBehalf, { ...worker, _id: 'p10', name: '赵六' }, 'pass', undefined, NOW).status).toBe('first_reviewed');
  });
  it('masks names for public lists', () => {
    expect([maskName('张三'), maskName('欧阳明华'), maskName('李')]).toEqual(['张*', '欧**华', '李']);
  });
});

describe('grid capacity (level-3 grid ≤ 100 households by default)', () => {
  it('has room up to the policy limit, then refuses', () => {
    expect(code(() => assertGridHasRoom(99, DEFAULT_POLICY))).toBe('no error');
    expect(code(() => assertGridHasRoom(100, DEFAULT_POLICY))).toBe('GRID_FULL');
    expect(code(() => assertGridHasRoom(30, { ...DEFAULT_POLICY, maxHouseholdsPerGrid: 30 }))).toBe('GRID_FULL');
  });
});

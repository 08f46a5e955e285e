import type { RoleAssignment } from '@domain/org/roles';
import { mayFirstReview, mayReadApplication, maySubmitFor, mayWorkGrid } from '@domain/points/policy';

const worker = (id: string, householdId: string | null, grid = 'g1') => ({
  _id: id,
  householdId,
  villageId: 'v1',
  townId: 't1',
  roles: [{ role: 'grid_worker', scope: 'grid', scopeId: grid }] as RoleAssignment[],
});
const app = { gridId: 'g1', householdId: 'h5', submittedBy: 'p-villager', villageId: 'v1', townId: 't1' };
const codeOf = (d: { ok: boolean; code?: string }) => (d.ok ? 'allow' : d.code);

describe('points policy', () => {
  it('初审: a worker of the grid, not on their household, not on their own 代申报 (four eyes)', () => {
    expect(codeOf(mayFirstReview(worker('w1', 'h1'), app))).toBe('allow');
    expect(codeOf(mayFirstReview(worker('w1', 'h1', 'g2'), app))).toBe('NOT_IN_GRID');
    expect(codeOf(mayFirstReview(worker('w1', 'h5'), app))).toBe('OWN_HOUSEHOLD_REVIEW');
    const own = mayFirstReview(worker('w1', 'h1'), { ...app, submittedBy: 'w1' });
    expect(own).toEqual({ ok: false, code: 'OWN_WORK_REVIEW', message: '不能审核自己代为提交的申报（需由其他网格员初审）' });
    // Another worker of the grid may review what w1 reported.
    expect(codeOf(mayFirstReview(worker('w2', 'h2'), { ...app, submittedBy: 'w1' }))).toBe('allow');
    // Without any grid, the same FORBIDDEN as before.
    expect(codeOf(mayFirstReview({ _id: 'x', householdId: 'h1', roles: [] }, app))).toBe('FORBIDDEN');
  });

  it('submit for one’s own household only; 代申报 in one’s grids only', () => {
    expect(codeOf(maySubmitFor({ householdId: 'h1' }, { _id: 'h1' }))).toBe('allow');
    expect(codeOf(maySubmitFor({ householdId: 'h1' }, { _id: 'h2' }))).toBe('NOT_OWN_HOUSEHOLD');
    expect(maySubmitFor({ householdId: null }, null)).toMatchObject({ code: 'NOT_OWN_HOUSEHOLD', message: '您不属于任何一户，不能申报积分' });
    expect(codeOf(mayWorkGrid(worker('w1', null), 'g1'))).toBe('allow');
    expect(codeOf(mayWorkGrid(worker('w1', null), 'g2'))).toBe('NOT_IN_GRID');
  });

  it('reading an application: others get NOT_FOUND', () => {
    expect(codeOf(mayReadApplication(worker('w1', null), app))).toBe('allow');
    expect(codeOf(mayReadApplication({ ...worker('w1', 'h5', 'g9') }, app))).toBe('allow');
    expect(codeOf(mayReadApplication(worker('w1', 'h1', 'g9'), app))).toBe('NOT_FOUND');
    const reviewerOther = { ...worker('r', null), roles: [{ role: 'reviewer', scope: 'village', scopeId: 'v2' }] as RoleAssignment[] };
    expect(codeOf(mayReadApplication(reviewerOther, app))).toBe('NOT_FOUND');
    const town = { ...worker('t', null), roles: [{ role: 'town_admin', scope: 'town', scopeId: 't1' }] as RoleAssignment[] };
    expect(codeOf(mayReadApplication(town, app))).toBe('allow');
  });
});

/** 单位积分: the units' rules in the domain (who may do what, the register, ranking, publicity lines). */
import type { RoleAssignment } from '@domain/org/roles';
import type { Grid, Person } from '@domain/org/types';
import { mayApplyForUnit, mayManageUnit, mayReadUnit, mayShowUnitCode, unitOnBehalfRole } from '@domain/units/policy';
import { historyLabelOf, sourceLabelOf } from '@domain/points/application';
import { villagerHistoryOf, villagerSourceOf } from '@domain/points/plainWords';
import { registeredUnit } from '@domain/units/register';
import { isUnitId, type Unit } from '@domain/units/types';
import { rankUnits } from '@domain/ranking/units';
import { buildUnitLine, isHouseholdLine, lineKey, unitLineKey } from '@domain/publicity/lines';
import { itemOpenTo } from '@domain/points/submitRules';
import { isOwnSubject } from '@domain/points/policy';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import { redemptionEligibility } from '@domain/shop/eligibility';
import { isDomainError } from '@domain/shared/errors';
import { mayDecideObjection, mayObject } from '@domain/publicity/policy';

const unit: Unit = {
  _id: 'unit_v1_a', townId: 't', villageId: 'v1', gridId: 'g1', name: '便民超市', kind: 'shop',
  responsiblePersonId: 'p-boss', responsibleName: '王老板', active: true, createdAt: 0, updatedAt: 0,
};
const actor = (id: string, roles: RoleAssignment[] = []) => ({ _id: id, roles, householdId: `h-${id}`, villageId: 'v1', townId: 't' });
const role = (r: RoleAssignment['role'], scopeId: string, scope: RoleAssignment['scope'] = 'village'): RoleAssignment => ({ role: r, scope, scopeId });

describe('who may do what with a unit', () => {
  it.each([
    ['its 负责人', actor('p-boss'), true],
    ['the village admin', actor('a', [role('village_admin', 'v1')]), true],
    ['a grid worker of its grid', actor('w', [role('grid_worker', 'g1', 'grid')]), true],
    ['a grid leader of its grid', actor('l', [role('grid_leader', 'g1', 'grid')]), true],
    ['a grid worker of another grid', actor('w2', [role('grid_worker', 'g2', 'grid')]), false],
    ['another village\'s admin', actor('a2', [role('village_admin', 'v2')]), false],
    ['a reviewer', actor('r', [role('reviewer', 'v1')]), false],
    ['a villager', actor('x', [role('villager', 'v1')]), false],
  ])('%s may apply for it: %s', (_n, who, ok) => {
    const d = mayApplyForUnit(who, unit);
    expect(d.ok).toBe(ok);
    if (!d.ok) expect(d.code).toBe('NOT_FOUND');
  });

  it('a closed unit applies for nothing, even by its 负责人', () => {
    expect(mayApplyForUnit(actor('p-boss'), { ...unit, active: false })).toMatchObject({ ok: false, code: 'INVALID_TRANSITION' });
  });

  it('reading: the appliers, the committees, the town admin; not another villager', () => {
    expect(mayReadUnit(actor('r', [role('reviewer', 'v1')]), unit).ok).toBe(true);
    expect(mayReadUnit(actor('s', [role('supervisor', 'v1')]), unit).ok).toBe(true);
    expect(mayReadUnit(actor('t', [role('town_admin', 't', 'town')]), unit).ok).toBe(true);
    expect(mayReadUnit(actor('x', [role('villager', 'v1')]), unit)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('managing is the village admin\'s; the code is the 负责人\'s alone', () => {
    expect(mayManageUnit({ roles: [role('village_admin', 'v1')] }, unit).ok).toBe(true);
    expect(mayManageUnit({ roles: [role('village_admin', 'v2')] }, unit).ok).toBe(false);
    expect(mayShowUnitCode({ _id: 'p-boss' }, unit).ok).toBe(true);
    expect(mayShowUnitCode({ _id: 'a' }, unit).ok).toBe(false);
    expect(mayShowUnitCode({ _id: 'p-boss' }, null).ok).toBe(false);
  });

  it('回避: the 负责人 is the subject of the unit\'s applications; a household member is not', () => {
    expect(isOwnSubject({ _id: 'p-boss', householdId: 'h1' }, { householdId: unit._id, subject: 'unit', memberId: 'p-boss' })).toBe(true);
    expect(isOwnSubject({ _id: 'p-other', householdId: 'h1' }, { householdId: unit._id, subject: 'unit', memberId: 'p-boss' })).toBe(false);
    expect(isOwnSubject({ _id: 'p-other', householdId: 'h1' }, { householdId: 'h1' })).toBe(true);
  });
});

describe('the register', () => {
  const grid: Grid = { _id: 'g1', townId: 't', villageId: 'v1', name: '一组', level: 3 };
  const person = { _id: 'p-boss', townId: 't', villageId: 'v1', householdId: 'h1', name: '王老板', relation: '户主', roles: [] } as Person;
  const ctx = { id: 'unit_v1_x', townId: 't', villageId: 'v1', grid, person, namesTaken: ['老年协会'], now: 5 };
  const fields = { name: '便民超市', kind: 'shop' as const, gridId: 'g1', responsiblePersonId: 'p-boss', active: true };
  const code = (fn: () => unknown) => {
    try {
      fn();
    } catch (e) {
      return isDomainError(e) ? e.code : 'other';
    }
    return null;
  };

  it('a unit of the village, its 负责人 named, its id a unit id', () => {
    const u = registeredUnit(null, fields, ctx);
    expect(u).toMatchObject({ _id: 'unit_v1_x', responsibleName: '王老板', createdAt: 5, updatedAt: 5 });
    expect(isUnitId(u._id)).toBe(true);
    expect(isUnitId('h-qs-1-03')).toBe(false);
    expect(registeredUnit(u, fields, { ...ctx, now: 9 }).createdAt).toBe(5);
  });

  it('refuses a taken name, a 负责人 or grid of another village', () => {
    expect(code(() => registeredUnit(null, { ...fields, name: '老年协会' }, ctx))).toBe('UNIT_NAME_TAKEN');
    expect(code(() => registeredUnit(null, fields, { ...ctx, person: { ...person, villageId: 'v2' } }))).toBe('NOT_IN_VILLAGE');
    expect(code(() => registeredUnit(null, fields, { ...ctx, person: null }))).toBe('NOT_IN_VILLAGE');
    expect(code(() => registeredUnit(null, fields, { ...ctx, grid: { ...grid, villageId: 'v2' } }))).toBe('NOT_FOUND');
  });
});

describe('units on lists', () => {
  it('the deed form offers units the 单位积分类 items only, and households everything else', () => {
    const unitItems = SEED_000_CATEGORIES.flatMap((c) => c.items.filter((i) => itemOpenTo(c, i, 'self', 'unit')).map(() => c.subject));
    expect(unitItems.length).toBe(11);
    expect(new Set(unitItems)).toEqual(new Set(['unit']));
    expect(SEED_000_CATEGORIES.some((c) => c.subject === 'unit' && c.items.some((i) => itemOpenTo(c, i, 'self')))).toBe(false);
  });

  it('a unit\'s publicity line: its name as registered, after every household\'s', () => {
    const line = buildUnitLine({ unit, kindLabel: '商铺', months: [1, 2, 3] });
    expect(line).toMatchObject({ subject: 'unit', name: '便民超市', doorNo: '商铺', gridName: '单位', baseScore: 0, total: 6 });
    expect(isHouseholdLine(line)).toBe(false);
    expect(unitLineKey(unit) > lineKey({ _id: 'h-z', gridId: 'g-zz-9', doorNo: '九组99号' })).toBe(true);
  });

  it('units ranked by points, ties sharing a rank, none without points', () => {
    const ranked = rankUnits([
      { unitId: 'u1', name: '乙', kindLabel: '商铺', points: 10 },
      { unitId: 'u2', name: '甲', kindLabel: '协会', points: 30 },
      { unitId: 'u3', name: '丙', kindLabel: '商铺', points: 10 },
      { unitId: 'u4', name: '丁', kindLabel: '其他', points: 0 },
    ]);
    // 丙 (bǐng) before 乙 (yǐ): ties list by name as people read it.
    expect(ranked.map((r) => [r.rank, r.unitId])).toEqual([
      [1, 'u2'],
      [2, 'u3'],
      [2, 'u1'],
    ]);
  });

  it('at the shop a unit may not redeem unless the village says so', () => {
    const base = { today: '2026-11-20', redemptionDay: { mode: 'any_day' as const }, vetoedUntil: null, baseScoreOk: null, redeemable: 50 };
    expect(redemptionEligibility({ ...base, unitMayRedeem: false })).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/单位积分/)] });
    expect(redemptionEligibility({ ...base, unitMayRedeem: true }).allowed).toBe(true);
    expect(redemptionEligibility(base).allowed).toBe(true);
  });
});

describe('异议 on a unit\'s publicity line (回避)', () => {
  const onUnit = { villageId: 'v1', householdId: unit._id, subject: 'unit' as const, responsiblePersonId: 'p-boss' };
  const reviewer = (id: string) => ({ ...actor(id, [role('reviewer', 'v1')]), name: id, townId: 't' });

  it('its 负责人 does not decide it, whatever their household; another reviewer does', () => {
    expect(mayDecideObjection(reviewer('p-boss'), onUnit)).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_REVIEW' });
    expect(mayDecideObjection(reviewer('r2'), onUnit).ok).toBe(true);
    // a household's line: its members recuse, the unit's 负责人 does not
    expect(mayDecideObjection(reviewer('p-boss'), { villageId: 'v1', householdId: 'h-p-boss' })).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_REVIEW' });
    expect(mayDecideObjection(reviewer('p-boss'), { villageId: 'v1', householdId: 'h-other' }).ok).toBe(true);
  });

  it('any villager of the unit\'s village may object; another village\'s may not', () => {
    expect(mayObject(actor('x', [role('villager', 'v1')]), unit).ok).toBe(true);
    expect(mayObject({ ...actor('y', [role('villager', 'v2')]), villageId: 'v2' }, unit)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });
});

describe('代申报 for a unit is labelled by the role it is filed in', () => {
  it.each([
    ['its 负责人 (their own, not on behalf)', actor('p-boss', [role('village_admin', 'v1')]), null],
    ['a grid worker of its grid', actor('w', [role('grid_worker', 'g1', 'grid')]), null],
    ['the village admin who also works its grid', actor('aw', [role('village_admin', 'v1'), role('grid_leader', 'g1', 'grid')]), null],
    ['the village admin', actor('a', [role('village_admin', 'v1')]), 'village_admin'],
    ['another village\'s admin', actor('a2', [role('village_admin', 'v2')]), null],
  ])('%s: %s', (_n, who, expected) => {
    expect(unitOnBehalfRole(who, unit)).toBe(expected);
  });

  it('the labels: 村两委代申报 for the admin, 网格员代申报 otherwise, in both wordings', () => {
    const byAdmin = { source: 'grid_worker' as const, onBehalfRole: 'village_admin' as const };
    const byWorker: { source: 'grid_worker'; onBehalfRole?: 'village_admin' } = { source: 'grid_worker' };
    expect([sourceLabelOf(byAdmin), historyLabelOf(byAdmin, 'submit_on_behalf'), villagerSourceOf(byAdmin), villagerHistoryOf(byAdmin, 'submit_on_behalf')]).toEqual(['村两委代申报', '村两委代申报', '村两委帮忙申报', '村两委帮忙申报']);
    expect([sourceLabelOf(byWorker), historyLabelOf(byWorker, 'submit_on_behalf'), villagerSourceOf(byWorker), villagerHistoryOf(byWorker, 'submit_on_behalf')]).toEqual(['网格员代申报', '网格员代申报', '网格员帮忙申报', '网格员帮忙申报']);
    // other history lines are untouched
    expect(historyLabelOf(byAdmin, 'first_review_pass')).toBe('初审通过');
  });
});

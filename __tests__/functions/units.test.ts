/**
 * Issue 13 part 2: units as point subjects (单位积分). The register (units.save / list / get),
 * unit applications (units.submit) through 初审, the monthly audit and the month close into the
 * unit's own ledger — each action × role, allowed and denied, and bad input writing nothing.
 */
import { C } from '@backend/repos/collections';
import type { Unit } from '@domain/units/types';
import type { Balance } from '@domain/ledger/types';
import { historyLabelOf, sourceLabelOf } from '@domain/points/application';
import { villagerSourceOf } from '@domain/points/plainWords';
import { ledgerViolations } from '../support/invariants';
import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';
import {
  ADMIN,
  ADMIN_OTHER_VILLAGE,
  CLERK,
  HEAD,
  OTHER_HOUSEHOLD,
  REVIEWER,
  STRANGER,
  SUPERVISOR,
  TOWN,
  VILLAGER,
  WORKER_G1,
  WORKER_G2,
  WORKER_OTHER_VILLAGE,
} from '../support/people';

jest.setTimeout(60_000);

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 90_000);
afterAll(async () => h?.close());

/** The demo's units of 青山村: the shop (二组, 负责人 = 二组5号's head, demo-villager-b-1) and the association (一组). */
const SHOP = 'unit_qs-shop';
const ELDERS = 'unit_qs-elders';
/** 负责人 of the demo shop. */
const RESPONSIBLE = OTHER_HOUSEHOLD;
const LEADER = REVIEWER;
const REVIEWERS = ['demo-reviewer-1-2', 'demo-reviewer-1-3', 'demo-reviewer-1-4'];

let seq = 0;
const rid = () => `unit-${Date.now().toString(36)}-${++seq}`;
/** Evidence uploaded by `who` (only one's own photos may be attached). */
const photo = async (who: string) => [await upload(h, JPEG, who)];
const deed = (extra: Record<string, unknown> = {}) => ({
  requestId: rid(),
  unitId: SHOP,
  itemCode: 'UN-02',
  deedDate: '2026-11-18',
  place: '村委会广场',
  description: '店里 6 人参加了村里的义务劳动',
  photos: [] as string[],
  ...extra,
});
const unitFields = (extra: Record<string, unknown> = {}): { requestId: string; name: string; kind: 'cooperative'; gridId: string; responsiblePersonId: string } => ({
  requestId: rid(),
  name: '青山种养合作社',
  kind: 'cooperative' as const,
  gridId: 'g-qs-3',
  responsiblePersonId: 'h-qs-3-06-m1',
  ...extra,
});

async function counts(): Promise<number[]> {
  return Promise.all([C.units, C.applications, C.capCounters, C.ledgerEntries, C.balances, C.notices].map((c) => h.count(c)));
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await counts();
  const r = await fn();
  expect(await counts()).toEqual(before);
  return r;
}
const at = (iso: string) => Date.parse(`${iso}+08:00`);

describe('单位登记 (units.save)', () => {
  let created: string;

  it('the village admin registers a unit; a retry gives the same unit; it is on the register with a zero balance', async () => {
    const input = unitFields();
    const unit = await h.ok(ADMIN, 'units', 'save', input);
    expect(unit).toMatchObject({ villageId: 'v-qingshan', gridId: 'g-qs-3', kind: 'cooperative', kindLabel: '合作社', active: true, balance: { pending: 0, redeemable: 0, spent: 0 } });
    expect(unit._id.startsWith('unit_')).toBe(true);
    expect(unit.responsibleName).toBeTruthy();
    created = unit._id;
    const again = await expectNoWrite(() => h.ok(ADMIN, 'units', 'save', input));
    expect(again._id).toBe(unit._id);
    const list = await h.ok(ADMIN, 'units', 'list', {});
    expect(list.canManage).toBe(true);
    expect(list.items.map((u) => u._id)).toEqual(expect.arrayContaining([SHOP, ELDERS, created]));
  });

  it('the village admin changes a unit (closing it keeps it on the register)', async () => {
    const changed = await h.ok(ADMIN, 'units', 'save', unitFields({ unitId: created, name: '青山种养专业合作社', active: false }));
    expect(changed).toMatchObject({ _id: created, name: '青山种养专业合作社', active: false });
    expect((await h.ok(ADMIN, 'units', 'list', {})).items.find((u) => u._id === created)?.active).toBe(false);
  });

  it.each([
    ['a name another unit of the village has', ADMIN, { name: '青山便民超市' }, 'UNIT_NAME_TAKEN'],
    ['a 负责人 of another village', ADMIN, { responsiblePersonId: 'h-lx-1-03-m1' }, 'NOT_IN_VILLAGE'],
    ['an unknown 负责人', ADMIN, { responsiblePersonId: 'nobody' }, 'NOT_IN_VILLAGE'],
    ['a grid of another village', ADMIN, { gridId: 'g-lx-1' }, 'NOT_FOUND'],
    ['an unknown kind', ADMIN, { kind: 'factory' }, 'BAD_INPUT'],
    ['a one-character name', ADMIN, { name: '店' }, 'BAD_INPUT'],
    ['a risky name', ADMIN, { name: '违规测试商店' }, 'CONTENT_RISKY'],
    ['another village\'s unit (by its admin)', ADMIN_OTHER_VILLAGE, { unitId: SHOP, name: '青山便民超市' }, 'NOT_FOUND'],
    ['an unknown unit', ADMIN, { unitId: 'unit_none' }, 'NOT_FOUND'],
    ['a reviewer', REVIEWER, {}, 'FORBIDDEN'],
    ['a supervisor', SUPERVISOR, {}, 'FORBIDDEN'],
    ['a grid worker', WORKER_G1, {}, 'FORBIDDEN'],
    ['the unit\'s 负责人', RESPONSIBLE, { unitId: SHOP, name: '青山便民超市' }, 'FORBIDDEN'],
    ['a villager', VILLAGER, {}, 'FORBIDDEN'],
    ['the town admin', TOWN, {}, 'FORBIDDEN'],
    ['the shop clerk', CLERK, {}, 'FORBIDDEN'],
    ['an unbound WeChat user', STRANGER, {}, 'NOT_REGISTERED'],
  ])('refuses %s and writes nothing', async (_name, who, extra, code) => {
    const before = await h.db.collection<Unit>(C.units).doc(SHOP).get();
    const r = await expectNoWrite(() => h.call(who, 'units', 'save', unitFields(extra)));
    expectRefused(r, code);
    expect((await h.db.collection<Unit>(C.units).doc(SHOP).get()).data[0]).toEqual(before.data[0]);
  });
});

describe('the register as each role reads it (units.list / units.get)', () => {
  it.each([
    ['the village admin', ADMIN, [SHOP, ELDERS]],
    ['a reviewer', REVIEWER, [SHOP, ELDERS]],
    ['a supervisor', SUPERVISOR, [SHOP, ELDERS]],
    ['the grid worker of 二组 (the shop\'s grid)', WORKER_G2, [SHOP]],
    ['the grid worker of 一组', WORKER_G1, [ELDERS]],
    ['the shop\'s 负责人', RESPONSIBLE, [SHOP]],
    ['a villager', VILLAGER, []],
    ['the other village\'s admin', ADMIN_OTHER_VILLAGE, ['unit_lx-shop', 'unit_lx-elders']],
  ])('%s sees its units', async (_name, who, expected) => {
    const ids = (await h.ok(who, 'units', 'list', {})).items.map((u) => u._id).filter((id) => id === SHOP || id === ELDERS || id.startsWith('unit_lx-'));
    expect(ids.sort()).toEqual([...expected].sort());
  });

  it('whoami names the units a person is the 负责人 of (首页 opens each); nobody else\'s', async () => {
    expect((await h.ok(RESPONSIBLE, 'identity', 'whoami', {})).units).toEqual([{ id: SHOP, name: '青山便民超市' }]);
    for (const who of [VILLAGER, ADMIN, WORKER_G2, TOWN]) expect((await h.ok(who, 'identity', 'whoami', {})).units).toEqual([]);
  });

  it('the town admin reads a village of the town', async () => {
    const ids = (await h.ok(TOWN, 'units', 'list', { villageId: 'v-qingshan' })).items.map((u) => u._id);
    expect(ids).toEqual(expect.arrayContaining([SHOP, ELDERS]));
  });

  it.each([
    ['the 负责人', RESPONSIBLE, true],
    ['the village admin', ADMIN, true],
    ['the grid worker of its grid', WORKER_G2, true],
    ['a reviewer', REVIEWER, false],
    ['the town admin', TOWN, false],
  ])('%s reads one unit (may apply: %s)', async (_name, who, canApply) => {
    const r = await h.ok(who, 'units', 'get', { unitId: SHOP });
    expect(r.unit._id).toBe(SHOP);
    expect(r.canApply).toBe(canApply);
    // By default units do not redeem: no 兑换码 for anyone.
    expect(r.canShowCode).toBe(false);
  });

  it.each([
    ['a villager', VILLAGER, SHOP, 'NOT_FOUND'],
    ['the grid worker of another grid', WORKER_G1, SHOP, 'NOT_FOUND'],
    ['another village\'s admin', ADMIN_OTHER_VILLAGE, SHOP, 'NOT_FOUND'],
    ['anyone, an unknown unit', ADMIN, 'unit_none', 'NOT_FOUND'],
    ['an unbound WeChat user', STRANGER, SHOP, 'NOT_REGISTERED'],
  ])('refuses %s', async (_name, who, unitId, code) => {
    expectRefused(await h.call(who, 'units', 'get', { unitId }), code);
  });
});

describe('单位申报 (units.submit) → 初审 → 月度评议 → 结账 into the unit\'s ledger', () => {
  const ids: string[] = [];

  it('the 负责人 applies for the unit: it waits for the 初审 of the unit\'s grid', async () => {
    const app = await h.ok(RESPONSIBLE, 'units', 'submit', deed({ photos: await photo(RESPONSIBLE) }));
    expect(app).toMatchObject({ householdId: SHOP, subject: 'unit', householdName: '青山便民超市', doorNo: '商铺', gridId: 'g-qs-2', source: 'self', status: 'submitted', categoryName: '单位积分类', points: 5 });
    expect((await h.ok(WORKER_G2, 'points', 'gridQueue', {})).items.map((a) => a._id)).toContain(app._id);
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).applications.map((a) => a._id)).toContain(app._id);
    ids.push(app._id);
  });

  it('the 负责人 follows the unit\'s applications (also those filed on its behalf); other villagers do not', async () => {
    const byAdmin = await h.ok(ADMIN, 'units', 'submit', deed({ itemCode: 'UN-08', description: '配合村里登记流动人口信息', photos: await photo(ADMIN) }));
    expect((await h.ok(RESPONSIBLE, 'points', 'get', { applicationId: byAdmin._id })).householdId).toBe(SHOP);
    expectRefused(await h.call(VILLAGER, 'points', 'get', { applicationId: byAdmin._id }), 'NOT_FOUND');
    expectRefused(await h.call('demo-head-1', 'points', 'get', { applicationId: byAdmin._id }), 'NOT_FOUND');
    // returned at 初审, so it does not wait in the month's audit
    await h.ok(WORKER_G2, 'points', 'firstReview', { applicationId: byAdmin._id, decision: 'return', reason: '请补充登记表照片' });
  });

  it('the village admin and the unit\'s grid worker apply on its behalf (代申报)', async () => {
    const byAdmin = await h.ok(ADMIN, 'units', 'submit', deed({ itemCode: 'UN-06', description: '给困难户送米面油', photos: await photo(ADMIN) }));
    expect(byAdmin).toMatchObject({ householdId: SHOP, source: 'grid_worker', submittedBy: expect.any(String) });
    // labelled by the role it was filed in: the village admin is no 网格员
    expect(byAdmin.onBehalfRole).toBe('village_admin');
    expect([sourceLabelOf(byAdmin), historyLabelOf(byAdmin, byAdmin.history[0].action), villagerSourceOf(byAdmin)]).toEqual(['村两委代申报', '村两委代申报', '村两委帮忙申报']);
    const byWorker = await h.ok(WORKER_G1, 'units', 'submit', deed({ unitId: ELDERS, itemCode: 'UN-10', description: '协会为村民义演', photos: await photo(WORKER_G1) }));
    expect(byWorker).toMatchObject({ householdId: ELDERS, source: 'grid_worker', gridId: 'g-qs-1' });
    expect(byWorker.onBehalfRole).toBeUndefined();
    expect(sourceLabelOf(byWorker)).toBe('网格员代申报');
    // and the 负责人's own is 本人申报
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).applications.filter((a) => a.submittedBy !== byAdmin.submittedBy).every((a) => a.onBehalfRole === undefined)).toBe(true);
    ids.push(byAdmin._id, byWorker._id);
  });

  it.each([
    ['a household item claimed for a unit', RESPONSIBLE, { itemCode: 'RP-06' }, 'HOUSEHOLD_ITEM'],
    ['an item not in the catalogue', RESPONSIBLE, { itemCode: 'XX-99' }, 'ITEM_NOT_IN_CATALOGUE'],
    ['a deed in the future', RESPONSIBLE, { deedDate: '2026-12-01' }, 'DATE_IN_FUTURE'],
    ['a deed too old', RESPONSIBLE, { deedDate: '2026-08-01' }, 'DATE_TOO_OLD'],
    ['a unit item without the evidence it needs', RESPONSIBLE, { itemCode: 'UN-04' }, 'EVIDENCE_REQUIRED'],
    ['another person\'s photo', RESPONSIBLE, { itemCode: 'UN-04', photos: ['x'] }, 'BAD_INPUT'],
    ['a risky description', RESPONSIBLE, { description: '违规测试' }, 'CONTENT_RISKY'],
    ['a memberId (units have none)', RESPONSIBLE, { memberId: 'h-qs-2-05-m1' }, 'BAD_INPUT'],
    ['a villager who is not its 负责人', VILLAGER, {}, 'NOT_FOUND'],
    ['the head of the 负责人\'s neighbour', HEAD, {}, 'NOT_FOUND'],
    ['a grid worker of another grid', WORKER_G1, {}, 'NOT_FOUND'],
    ['a grid worker of another village', WORKER_OTHER_VILLAGE, {}, 'NOT_FOUND'],
    ['another village\'s admin', ADMIN_OTHER_VILLAGE, {}, 'NOT_FOUND'],
    ['a reviewer', REVIEWER, {}, 'NOT_FOUND'],
    ['the town admin', TOWN, {}, 'NOT_FOUND'],
    ['an unknown unit', ADMIN, { unitId: 'unit_none' }, 'NOT_FOUND'],
    ['an unbound WeChat user', STRANGER, {}, 'NOT_REGISTERED'],
  ])('refuses %s and writes nothing', async (_name, who, extra, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'units', 'submit', deed(extra))), code);
  });

  it('refuses a unit item claimed by a household, and writes nothing', async () => {
    const { unitId: _u, ...forHousehold } = deed({ itemCode: 'UN-03' });
    void _u;
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'points', 'submit', forHousehold)), 'UNIT_ITEM');
    const onBehalf = { ...forHousehold, requestId: rid() };
    expectRefused(await expectNoWrite(() => h.call(WORKER_G2, 'points', 'submitOnBehalf', { ...onBehalf, householdId: 'h-qs-2-05' })), 'UNIT_ITEM');
  });

  it('a closed unit applies for nothing', async () => {
    const closed = await h.ok(ADMIN, 'units', 'save', unitFields({ name: '青山旧茶馆', active: false }));
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'units', 'submit', deed({ unitId: closed._id }))), 'INVALID_TRANSITION');
  });

  it('caps count per unit: a per-month item once a month', async () => {
    await h.ok(RESPONSIBLE, 'units', 'submit', deed({ itemCode: 'UN-03', requestId: rid() })).then((a) => ids.push(a._id));
    expectRefused(await expectNoWrite(() => h.call(RESPONSIBLE, 'units', 'submit', deed({ itemCode: 'UN-03' }))), 'CAP_REACHED');
  });

  it('初审 by the unit\'s grid workers (the 负责人 of their own grid is no conflict; own 代申报 is)', async () => {
    // The worker of 一组 filed the association's application: another of the grid reviews it.
    expectRefused(await h.call(WORKER_G1, 'points', 'firstReview', { applicationId: ids[2], decision: 'pass' }), 'OWN_WORK_REVIEW');
    expectRefused(await h.call(WORKER_G1, 'points', 'firstReview', { applicationId: ids[0], decision: 'pass' }), 'NOT_IN_GRID');
    await h.ok('demo-gridleader-1-1', 'points', 'firstReview', { applicationId: ids[2], decision: 'pass' });
    for (const id of [ids[0], ids[1], ids[3]]) expect((await h.ok(WORKER_G2, 'points', 'firstReview', { applicationId: id, decision: 'pass' })).status).toBe('first_reviewed');
  });

  it('the committee audits unit applications with the month; closing posts each unit\'s result to its own ledger as pending', async () => {
    const month = await h.ok(LEADER, 'audit', 'month', { month: '2026-11', limit: 100 });
    expect(month.items.map((a) => a._id)).toEqual(expect.arrayContaining(ids));
    // approve all but the admin's 代申报, which is adjusted down
    for (const r of [LEADER, ...REVIEWERS.slice(0, 2)]) {
      for (const id of [ids[0], ids[2], ids[3]]) await h.ok(r, 'audit', 'sign', { applicationId: id, decision: 'approve' });
      await h.ok(r, 'audit', 'sign', { applicationId: ids[1], decision: 'adjust', points: 6, reason: '只帮助了一户' });
    }
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).applications.find((a) => a._id === ids[1])).toMatchObject({ status: 'approved', audit: { points: 6 } });
    // Everything else of November in the demo: decide it, so the month can close.
    const rest = (await h.ok(LEADER, 'audit', 'month', { month: '2026-11', limit: 100 })).items.filter((a) => a.status === 'first_reviewed' && !ids.includes(a._id));
    for (const a of rest) for (const r of [LEADER, ...REVIEWERS]) await h.call(r, 'audit', 'sign', { applicationId: a._id, decision: 'reject', reason: '测试中不计' });
    const frozen = rest.filter((a) => a.audit?.frozen);
    for (const a of frozen) await h.ok(SUPERVISOR, 'audit', 'unfreeze', { applicationId: a._id, reason: '测试' });
    for (const a of frozen) for (const r of [LEADER, ...REVIEWERS]) await h.call(r, 'audit', 'sign', { applicationId: a._id, decision: 'reject', reason: '测试中不计' });

    h.setNow(at('2026-12-05T09:00:00'));
    try {
      await h.ok(LEADER, 'audit', 'close', { month: '2026-11' });
    } finally {
      h.setNow(at('2026-11-20T10:00:00'));
    }
    const shop = await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP });
    expect(shop.unit.balance).toEqual({ pending: 5 + 6 + 10, redeemable: 0, spent: 0 });
    expect(shop.entries[0]).toMatchObject({ householdId: SHOP, kind: 'application', bucket: 'pending', delta: 21, period: '2026-11' });
    expect((await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).unit.balance.pending).toBe(5);
    // balance == Σ entries holds for units as for households
    expect(await ledgerViolations(h.db)).toEqual([]);
    const balance = (await h.db.collection<Balance>(C.balances).doc(SHOP).get()).data[0];
    expect(balance?.marks ?? []).toEqual([]);
  });
});

describe('回避 and notices for units', () => {
  it('the 负责人 hears of the 初审 and the committee\'s decision, as a household\'s members do', async () => {
    const inbox = await h.ok(RESPONSIBLE, 'notices', 'list', { limit: 50 });
    const about = inbox.items.filter((n) => n.page.includes('app_'));
    expect(about.some((n) => n.kind === 'application_first_reviewed')).toBe(true);
    expect(about.some((n) => n.kind === 'audit_decided')).toBe(true);
    // and nobody of the other village does
    expect((await h.ok('demo-villager-2', 'notices', 'list', {})).items.some((n) => n.kind === 'audit_decided' && n.body.includes('便民超市'))).toBe(false);
  });

  it('a grid worker does not 初审, and a reviewer does not sign, for a unit they are the 负责人 of', async () => {
    // 二组's grid worker (二组1号) and a reviewer (二组12号) each run a unit of 二组.
    const workersUnit = await h.ok(ADMIN, 'units', 'save', unitFields({ name: '二组农机合作社', gridId: 'g-qs-2', responsiblePersonId: 'h-qs-2-01-m1' }));
    const reviewersUnit = await h.ok(ADMIN, 'units', 'save', unitFields({ name: '二组广场舞协会', kind: 'association', gridId: 'g-qs-2', responsiblePersonId: 'h-qs-2-12-m1' }));
    const a = await h.ok(ADMIN, 'units', 'submit', deed({ unitId: workersUnit._id, itemCode: 'UN-05' }));
    expectRefused(await h.call(WORKER_G2, 'points', 'firstReview', { applicationId: a._id, decision: 'pass' }), 'OWN_HOUSEHOLD_REVIEW');
    await h.ok('demo-gridleader-1-2', 'points', 'firstReview', { applicationId: a._id, decision: 'pass' });
    const b = await h.ok(ADMIN, 'units', 'submit', deed({ unitId: reviewersUnit._id, itemCode: 'UN-05' }));
    await h.ok(WORKER_G2, 'points', 'firstReview', { applicationId: b._id, decision: 'pass' });
    expectRefused(await h.call('demo-reviewer-1-2', 'audit', 'sign', { applicationId: b._id, decision: 'approve' }), 'OWN_HOUSEHOLD_REVIEW');
    expect((await h.ok('demo-reviewer-1-3', 'audit', 'sign', { applicationId: b._id, decision: 'approve' })).mySignature).toMatchObject({ decision: 'approve' });
  });
});

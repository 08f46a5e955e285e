import { C } from '@backend/repos/collections';
import type { CatalogueCategory, CatalogueVersion } from '@domain/catalogue/types';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, REVIEWER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE } from '../support/people';
import { expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

async function fingerprint(): Promise<string> {
  const parts: unknown[] = [];
  for (const c of [C.catalogueVersions, C.villages, C.policyChanges]) parts.push((await h.db.collection(c).orderBy('_id', 'asc').limit(1000).get()).data);
  return JSON.stringify(parts);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await fingerprint();
  const r = await fn();
  expect(await fingerprint()).toBe(before);
  return r;
}

/** The draft's categories with RP-05 at 25 points, RP-04 removed and a new RP-20 added. */
function edited(categories: CatalogueCategory[]): CatalogueCategory[] {
  return categories.map((c) => {
    if (!c.items.some((i) => i.code === 'RP-05')) return c;
    const items = c.items.filter((i) => i.code !== 'RP-04').map((i) => (i.code === 'RP-05' ? { ...i, points: 25 } : i));
    items.push({ code: 'RP-20', name: '获得村级表彰', points: 10, unit: 'per_time', cap: { times: 2, period: 'year' }, evidenceRequired: false, negativeList: false, selfReport: true });
    return { ...c, items };
  });
}

describe('catalogue filing (备案)', () => {
  let draft: CatalogueVersion;

  it('the village admin opens a draft: a copy of the version in force, effective 1 January next year', async () => {
    const r = await h.ok(ADMIN, 'catalogue', 'draft', {});
    draft = r.draft;
    expect(r.inForce).toMatchObject({ _id: 'cat-qs-1', version: 1 });
    expect(draft).toMatchObject({ _id: 'v-qingshan-v2', version: 2, status: 'draft', effectiveFrom: '2027-01-01', basedOn: 'cat-qs-1', townId: 'town-qinghe' });
    expect(draft.categories).toEqual(r.inForce?.categories);
    expect(draft.history).toEqual([expect.objectContaining({ action: 'create' })]);
    // Opening again returns the same draft.
    expect((await expectNoWrite(() => h.ok(ADMIN, 'catalogue', 'draft', {}))).draft._id).toBe(draft._id);
  });

  it.each([
    [VILLAGER, 'FORBIDDEN'],
    [REVIEWER, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
  ])('%s may not open a draft (%s)', async (who, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'catalogue', 'draft', {})), code);
  });

  it('bad edits are refused and nothing is written', async () => {
    const cats = edited(draft.categories);
    const dup = cats.map((c, i) => (i === 0 ? { ...c, items: [...c.items, { ...c.items[0] }] } : c));
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ effectiveFrom: '2026-11-20', categories: cats }, 'BAD_INPUT', /生效日期须晚于今天/],
      [{ effectiveFrom: '2027-02-30', categories: cats }, 'BAD_INPUT', /日期/],
      [{ effectiveFrom: '2027-01-01', categories: dup }, 'BAD_INPUT', /重复/],
      [{ effectiveFrom: '2027-01-01', categories: [] }, 'BAD_INPUT', /至少/],
      [{ effectiveFrom: '2027-01-01', categories: [{ ...cats[0], items: [{ ...cats[0].items[0], points: 1.5 }] }] }, 'BAD_INPUT', /整数/],
      [{ effectiveFrom: '2027-01-01', categories: [{ ...cats[0], items: [] }] }, 'BAD_INPUT', /没有积分项目/],
    ];
    for (const [input, code, message] of cases) expectRefused(await expectNoWrite(() => h.call(ADMIN, 'catalogue', 'saveDraft', input)), code, message);
    expectRefused(await expectNoWrite(() => h.call(ADMIN_OTHER_VILLAGE, 'catalogue', 'submit', {})), 'NOT_FOUND');
  });

  it('save → submit → town returns with a reason → save again → submit → town files', async () => {
    const saved = await h.ok(ADMIN, 'catalogue', 'saveDraft', { effectiveFrom: '2027-01-01', categories: edited(draft.categories) });
    expect(saved.status).toBe('draft');
    const submitted = await h.ok(ADMIN, 'catalogue', 'submit', {});
    expect(submitted.status).toBe('submitted');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'catalogue', 'saveDraft', { effectiveFrom: '2027-01-01', categories: saved.categories })), 'INVALID_TRANSITION');
    // Submitted is not filed: the catalogue in force on any date is still version 1.
    expect((await h.ok(VILLAGER, 'catalogue', 'current', { date: '2027-03-01' }))._id).toBe('cat-qs-1');

    const queue = await h.ok(TOWN, 'catalogue', 'townQueue', {});
    expect(queue.items).toEqual([expect.objectContaining({ _id: draft._id, villageName: '青山村', status: 'submitted', version: 2 })]);
    expectRefused(await h.call(ADMIN, 'catalogue', 'townQueue', {}), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'catalogue', 'approve', { versionId: draft._id })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'catalogue', 'returnDraft', { versionId: draft._id, reason: '' })), 'BAD_INPUT');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'catalogue', 'approve', { versionId: 'v-nowhere-v9' })), 'NOT_FOUND');

    const returned = await h.ok(TOWN, 'catalogue', 'returnDraft', { versionId: draft._id, reason: '新增项目请写明认定标准' });
    expect(returned).toMatchObject({ status: 'returned' });
    expect(returned.history?.at(-1)).toMatchObject({ action: 'return', note: '新增项目请写明认定标准' });
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'catalogue', 'approve', { versionId: draft._id })), 'INVALID_TRANSITION');

    const again = await h.ok(ADMIN, 'catalogue', 'saveDraft', { effectiveFrom: '2027-01-01', categories: edited(draft.categories) });
    expect(again.status).toBe('draft');
    await h.ok(ADMIN, 'catalogue', 'submit', {});
    const filed = await h.ok(TOWN, 'catalogue', 'approve', { versionId: draft._id });
    expect(filed.status).toBe('filed');
    expect(filed.history?.map((x) => x.action)).toEqual(['create', 'save', 'submit', 'return', 'save', 'submit', 'file']);
    expect((await h.ok(TOWN, 'catalogue', 'townQueue', {})).items).toEqual([]);

    // In force from its date: not before.
    expect((await h.ok(VILLAGER, 'catalogue', 'current', {}))._id).toBe('cat-qs-1');
    expect((await h.ok(VILLAGER, 'catalogue', 'current', { date: '2027-01-01' }))._id).toBe(draft._id);
    // 柳溪村 is untouched.
    expect((await h.ok(VILLAGER_OTHER_VILLAGE, 'catalogue', 'current', { date: '2027-01-01' }))._id).toBe('cat-lx-1');

    const versions = await h.ok(SUPERVISOR, 'catalogue', 'versions', {});
    expect(versions.items.map((v) => [v.version, v.status, v.inForce])).toEqual([
      [2, 'filed', false],
      [1, 'filed', true],
    ]);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'catalogue', 'versions', { villageId: 'v-qingshan' }), 'NOT_FOUND');
    expect((await h.ok(TOWN, 'catalogue', 'versions', { villageId: 'v-qingshan' })).items).toHaveLength(2);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'catalogue', 'get', { versionId: draft._id }), 'NOT_FOUND');
    expect((await h.ok(TOWN, 'catalogue', 'get', { versionId: draft._id })).version).toBe(2);
  });

  it('an application is scored by the version in force on the deed date', async () => {
    h.setNow(Date.parse('2027-01-05T10:00:00+08:00'));
    const deed = (itemCode: string, deedDate: string, n: number) => ({
      requestId: `cat-deed-${n}-${itemCode}`,
      itemCode,
      deedDate,
      place: '村委会',
      description: '获得表彰',
      photos: [],
    });
    const before = await h.ok(VILLAGER, 'points', 'submit', deed('RP-05', '2026-12-28', 1));
    expect(before).toMatchObject({ points: 20, catalogueVersion: 1, catalogueVersionId: 'cat-qs-1' });
    const after = await h.ok(VILLAGER, 'points', 'submit', deed('RP-05', '2027-01-03', 2));
    expect(after).toMatchObject({ points: 25, catalogueVersion: 2, catalogueVersionId: 'v-qingshan-v2' });
    expectRefused(await h.call(VILLAGER, 'points', 'submit', deed('RP-04', '2027-01-03', 3)), 'ITEM_NOT_IN_CATALOGUE');
    expectRefused(await h.call(VILLAGER, 'points', 'submit', deed('RP-20', '2026-12-28', 4)), 'ITEM_NOT_IN_CATALOGUE');
    expect(await h.ok(VILLAGER, 'points', 'submit', deed('RP-20', '2027-01-03', 5))).toMatchObject({ points: 10 });
    h.setNow(NOW);
  });

  it('a filed version cannot be edited; the next draft is version 3, from version 1 (in force today)', async () => {
    const r = await h.ok(ADMIN, 'catalogue', 'draft', {});
    expect(r.draft).toMatchObject({ version: 3, basedOn: 'cat-qs-1', status: 'draft' });
  });
});

describe('village rules (村规设置)', () => {
  it('the admin reads the defaults; reviewers and supervisors may read; villagers may not', async () => {
    const r = await h.ok(ADMIN, 'catalogue', 'getRules', {});
    expect(r).toMatchObject({ auditQuorum: 3, auditCloseByDay: 10, publicityDays: 7, veto: { mode: 'clear_and_bar_year' }, yearEnd: 'rollover', redBlackVisibility: 'village' });
    expect(await h.ok(SUPERVISOR, 'catalogue', 'getRules', {})).toEqual(r);
    expectRefused(await h.call(VILLAGER, 'catalogue', 'getRules', {}), 'FORBIDDEN');
  });

  it.each([
    [{ auditQuorum: 0 }, /评议通过人数应在 1 到 9 之间/],
    [{ auditQuorum: 6 }, /不能超过评议小组人数/],
    [{ auditQuorum: 1 }, /至少 2 人/],
    [{ auditCloseByDay: 31 }, /月度审核截止日应在 1 到 28 之间/],
    [{ publicityDays: 2.5 }, /公示天数必须是整数/],
    [{ baseScore: { mode: 'quarterly', pointsPerScore: 0, gateMin: 85, gateQuarters: 2, annualBase: 100 } }, /折算比例/],
    [{ baseScore: { mode: 'quarterly', pointsPerScore: 0.1, gateMin: 101, gateQuarters: 2, annualBase: 100 } }, /兑换门槛分/],
    [{ veto: { mode: 'bar_months', barMonths: 0 } }, /暂停兑换月数/],
    [{ veto: { mode: 'forever', barMonths: 3 } }, /一票否决方式不正确/],
    [{ yearEnd: 'burn' }, /年底处理方式不正确/],
    [{}, /没有要修改的设置/],
    [{ maxPhotos: 9 }, /./],
  ])('refuses %j with a Chinese message and writes nothing', async (input, message) => {
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'catalogue', 'setRules', input)), 'BAD_INPUT', message);
  });

  it('the admin changes some rules: stored under the village policy, logged, others untouched', async () => {
    expectRefused(await expectNoWrite(() => h.call(REVIEWER, 'catalogue', 'setRules', { publicityDays: 5 })), 'FORBIDDEN');
    const r = await h.ok(ADMIN, 'catalogue', 'setRules', { publicityDays: 5, yearEnd: 'clear', veto: { mode: 'bar_months', barMonths: 6 } });
    expect(r).toMatchObject({ publicityDays: 5, yearEnd: 'clear', veto: { mode: 'bar_months', barMonths: 6 }, auditQuorum: 3 });
    const v = (await h.db.collection(C.villages).doc('v-qingshan').get()).data[0] as unknown as { policy: Record<string, unknown> };
    expect(v.policy).toMatchObject({ publicityDays: 5, yearEnd: 'clear', redemptionDay: { mode: 'any_day' } });
    const log = (await h.db.collection(C.policyChanges).where({ villageId: 'v-qingshan' }).get()).data as unknown as { changes: object; before: object; actorName: string }[];
    expect(log).toEqual([expect.objectContaining({ changes: { publicityDays: 5, yearEnd: 'clear', veto: { mode: 'bar_months', barMonths: 6 } }, before: { publicityDays: 7, yearEnd: 'rollover', veto: { mode: 'clear_and_bar_year', barMonths: 12 } } })]);
    expect((await h.ok(ADMIN_OTHER_VILLAGE, 'catalogue', 'getRules', {})).publicityDays).toBe(7);
  });
});

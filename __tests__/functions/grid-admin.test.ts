import { C } from '@backend/repos/collections';
import type { Grid, Household, Person } from '@domain/org/types';
import type { PrivacyRead, OrgChange } from '@backend/repos/roster';
import { readAll } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { buildDemoTown } from '../../server/demo/seed';
import { seedGridRosterDemo } from '../../server/demo/extras/gridRoster';
import { ADMIN, ADMIN_OTHER_VILLAGE, LEADER_G1, REVIEWER, STRANGER, TOWN, VILLAGER, WORKER_G1, WORKER_G2, WORKER_OTHER_VILLAGE } from '../support/people';
import { expectRefused } from '../support/refusals';

/** The grid tree, roles, roster privacy and the 人员信息分布台账 (grid.*), on the demo town. */
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

/** Every org document, serialised: a refused call must leave it identical. */
async function orgFingerprint(): Promise<string> {
  const [grids, households, people, changes] = await Promise.all([
    readAll<Grid>(h.db, C.grids),
    readAll<Household>(h.db, C.households),
    readAll<Person>(h.db, C.people),
    readAll<OrgChange>(h.db, C.orgChanges),
  ]);
  return JSON.stringify([grids, households, people, changes]);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await orgFingerprint();
  const r = await fn();
  expect(await orgFingerprint()).toBe(before);
  return r;
}
const household = async (id: string) => (await h.db.collection<Household>(C.households).doc(id).get()).data[0];
const person = async (id: string) => (await h.db.collection<Person>(C.people).doc(id).get()).data[0];
async function setCap(villageId: string, cap: number | null): Promise<void> {
  const v = (await h.db.collection<{ _id: string; policy?: Record<string, unknown> }>(C.villages).doc(villageId).get()).data[0];
  const policy = { ...(v.policy ?? {}) };
  if (cap === null) delete policy.maxHouseholdsPerGrid;
  else policy.maxHouseholdsPerGrid = cap;
  await h.db.collection(C.villages).doc(villageId).update({ policy: h.db.command.set(policy) });
}

describe('grid.tree', () => {
  it('the village admin sees their village: three grids of 20 with leaders and workers, nothing flagged', async () => {
    const t = await h.ok(ADMIN, 'grid', 'tree', {});
    expect(t.town).toEqual({ id: 'town-qinghe', name: '清河镇' });
    expect(t.villages).toHaveLength(1);
    const v = t.villages[0];
    expect(v).toMatchObject({ id: 'v-qingshan', name: '青山村', householdCount: 60, unassigned: [], peopleWithoutHousehold: 0, flags: [] });
    expect(v.grids.map((g) => [g.id, g.householdCount, g.capacity, g.overCap])).toEqual([
      ['g-qs-1', 20, 100, false],
      ['g-qs-2', 20, 100, false],
      ['g-qs-3', 20, 100, false],
    ]);
    const g1 = v.grids[0];
    expect(g1.leaders.map((p) => p.id)).toEqual(['h-qs-1-02-m1']);
    expect(g1.workers.map((p) => p.id)).toEqual(['h-qs-1-01-m1']);
    expect(g1.flags).toEqual([]);
  });

  it('the town admin sees every village of the town, or one; others are refused', async () => {
    expect((await h.ok(TOWN, 'grid', 'tree', {})).villages.map((v) => v.id)).toEqual(['v-liuxi', 'v-qingshan']);
    expect((await h.ok(TOWN, 'grid', 'tree', { villageId: 'v-liuxi' })).villages.map((v) => v.name)).toEqual(['柳溪村']);
    expectRefused(await h.call(TOWN, 'grid', 'tree', { villageId: 'v-elsewhere' }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'grid', 'tree', { villageId: 'v-liuxi' }), 'NOT_FOUND');
    for (const who of [VILLAGER, WORKER_G1, LEADER_G1, REVIEWER]) expectRefused(await h.call(who, 'grid', 'tree', {}), 'FORBIDDEN');
    expectRefused(await h.call(STRANGER, 'grid', 'tree', {}), 'NOT_REGISTERED');
  });
});

describe('demo roster data', () => {
  it('is seeded once: running the seeder again writes nothing', async () => {
    const before = await orgFingerprint();
    await seedGridRosterDemo(h.db, buildDemoTown(NOW));
    expect(await orgFingerprint()).toBe(before);
    expect((await household('h-qs-1-04')).tags).toEqual(['hardship', 'low_income']);
    expect((await person('h-qs-1-04-m1')).phone).toBe('13900010401');
  });
});

describe('another town', () => {
  it('the town admin sees nothing of a village of another town', async () => {
    await h.db.collection(C.towns).doc('town-other').set({ name: '别的镇' });
    await h.db.collection(C.villages).doc('v-other').set({ townId: 'town-other', name: '别村' });
    await h.db.collection(C.grids).doc('g-other-1').set({ townId: 'town-other', villageId: 'v-other', name: '别村一组', level: 3 });
    await h.db
      .collection(C.households)
      .doc('h-other-1')
      .set({ townId: 'town-other', villageId: 'v-other', gridId: 'g-other-1', doorNo: '1号', headPersonId: 'x', headName: '某某', memberCount: 1, tags: ['hardship'] });
    expect((await h.ok(TOWN, 'grid', 'tree', {})).villages.map((v) => v.id)).not.toContain('v-other');
    expectRefused(await h.call(TOWN, 'grid', 'tree', { villageId: 'v-other' }), 'NOT_FOUND');
    expectRefused(await h.call(TOWN, 'grid', 'peopleLedger', { villageId: 'v-other' }), 'NOT_FOUND');
    expectRefused(await h.call(TOWN, 'grid', 'household', { householdId: 'h-other-1' }), 'NOT_FOUND');
    expect((await h.ok(TOWN, 'grid', 'peopleLedger', {})).total.households).toBe(120);
  });
});

describe('grid.createGrid and grid.renameGrid', () => {
  it('the village admin creates a grid; it starts empty and flagged for having no staff', async () => {
    const g = await h.ok(ADMIN, 'grid', 'createGrid', { name: '青山村四组' });
    const node = (await h.ok(ADMIN, 'grid', 'tree', {})).villages[0].grids.find((x) => x.id === g.id);
    expect(node).toMatchObject({ name: '青山村四组', householdCount: 0, leaders: [], workers: [], flags: ['未设网格长', '未设网格员'] });
    const changes = await readAll<OrgChange>(h.db, C.orgChanges);
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'create_grid', targetId: g.id, actorName: expect.any(String), villageId: 'v-qingshan' }));
  });

  it('refuses a name already used in the village, bad names, other villages’ grids and non-admins, writing nothing', async () => {
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'createGrid', { name: '青山村一组' })), 'GRID_NAME_TAKEN', /青山村一组/);
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'renameGrid', { gridId: 'g-qs-2', name: '青山村一组' })), 'GRID_NAME_TAKEN');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'createGrid', { name: '组' })), 'BAD_INPUT', /2–20/);
    expectRefused(await expectNoWrite(() => h.call(ADMIN_OTHER_VILLAGE, 'grid', 'renameGrid', { gridId: 'g-qs-1', name: '改名' })), 'NOT_FOUND');
    for (const who of [WORKER_G1, LEADER_G1, TOWN, VILLAGER]) {
      expectRefused(await expectNoWrite(() => h.call(who, 'grid', 'createGrid', { name: '新网格' })), 'FORBIDDEN');
    }
  });

  it('renames a grid of the village; the other village may reuse the name', async () => {
    expect(await h.ok(ADMIN, 'grid', 'renameGrid', { gridId: 'g-qs-3', name: '青山村三组（东片）' })).toEqual({ id: 'g-qs-3', name: '青山村三组（东片）' });
    expect((await h.ok(WORKER_G1, 'grid', 'list', {})).items[0].name).toBe('青山村一组');
    expect((await h.ok(ADMIN_OTHER_VILLAGE, 'grid', 'createGrid', { name: '青山村四组' })).name).toBe('青山村四组');
    await h.ok(ADMIN, 'grid', 'renameGrid', { gridId: 'g-qs-3', name: '青山村三组' });
  });
});

describe('grid.moveHousehold', () => {
  it('moves a household to another grid of the village and records who did it', async () => {
    const r = await h.ok(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-qs-3-20', toGridId: 'g-qs-2' });
    expect(r).toEqual({ householdId: 'h-qs-3-20', gridId: 'g-qs-2', householdCount: 21 });
    expect((await household('h-qs-3-20')).gridId).toBe('g-qs-2');
    const change = (await readAll<OrgChange>(h.db, C.orgChanges)).find((c) => c.kind === 'move_household' && c.targetId === 'h-qs-3-20');
    expect(change?.summary).toMatch(/三组20号.*青山村三组.*青山村二组/);
    await h.ok(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-qs-3-20', toGridId: 'g-qs-3' });
  });

  it('refuses a move over the cap (GRID_FULL), into another village, and by anyone but the admin', async () => {
    await setCap('v-qingshan', 20);
    try {
      expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-qs-2-20', toGridId: 'g-qs-1' })), 'GRID_FULL', /20 户/);
    } finally {
      await setCap('v-qingshan', null);
    }
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-qs-2-20', toGridId: 'g-lx-1' })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-lx-2-20', toGridId: 'g-qs-1' })), 'NOT_FOUND');
    for (const who of [WORKER_G1, TOWN, ADMIN_OTHER_VILLAGE]) {
      const r = await expectNoWrite(() => h.call(who, 'grid', 'moveHousehold', { householdId: 'h-qs-2-20', toGridId: 'g-qs-1' }));
      expect(r.ok).toBe(false);
    }
  });
});

describe('不漏户: flags in the tree', () => {
  it('a household in no grid and a grid over the cap are flagged', async () => {
    await h.db.collection(C.households).doc('h-qs-2-19').update({ gridId: '' });
    await setCap('v-qingshan', 19);
    try {
      const v = (await h.ok(ADMIN, 'grid', 'tree', {})).villages[0];
      expect(v.unassigned).toEqual([{ id: 'h-qs-2-19', doorNo: '二组19号', headName: expect.any(String) }]);
      expect(v.flags).toEqual(expect.arrayContaining(['1 户未划入网格（不漏户）', expect.stringMatching(/青山村一组、青山村三组 超过户数上限/)]));
      expect(v.grids.find((g) => g.id === 'g-qs-1')).toMatchObject({ overCap: true, flags: [expect.stringMatching(/超过每格 19 户上限（20 户）/)] });
      expect(v.grids.find((g) => g.id === 'g-qs-2')).toMatchObject({ householdCount: 19, overCap: false });
      // The admin puts it back; the flag goes.
      await setCap('v-qingshan', null);
      await h.ok(ADMIN, 'grid', 'moveHousehold', { householdId: 'h-qs-2-19', toGridId: 'g-qs-2' });
      expect((await h.ok(ADMIN, 'grid', 'tree', {})).villages[0].flags).toEqual([]);
    } finally {
      await setCap('v-qingshan', null);
    }
  });
});

describe('grid.setRole and grid.findPeople', () => {
  it('makes a villager of the village a grid worker: their roles, the grid’s staff, and access follow', async () => {
    const found = await h.ok(ADMIN, 'grid', 'findPeople', { name: (await person('h-qs-3-05-m1')).name });
    expect(found.items).toContainEqual(expect.objectContaining({ id: 'h-qs-3-05-m1', doorNo: '三组5号', gridName: '青山村三组' }));
    await h.db.collection(C.identities).doc('test-new-worker').set({ personId: 'h-qs-3-05-m1', boundAt: 0 });
    expectRefused(await h.call('test-new-worker', 'grid', 'households', { gridId: 'g-qs-3' }), 'FORBIDDEN');

    const r = await h.ok(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-3', personId: 'h-qs-3-05-m1', role: 'grid_worker', assigned: true });
    expect(r.staff).toContainEqual(expect.objectContaining({ personId: 'h-qs-3-05-m1', role: 'grid_worker' }));
    expect((await person('h-qs-3-05-m1')).roles).toContainEqual({ role: 'grid_worker', scope: 'grid', scopeId: 'g-qs-3' });
    expect((await h.ok('test-new-worker', 'grid', 'households', { gridId: 'g-qs-3' })).items).toHaveLength(20);
    // Assigning twice changes nothing.
    await h.ok(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-3', personId: 'h-qs-3-05-m1', role: 'grid_worker', assigned: true });
    expect((await person('h-qs-3-05-m1')).roles.filter((x) => x.role === 'grid_worker')).toHaveLength(1);

    await h.ok(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-3', personId: 'h-qs-3-05-m1', role: 'grid_worker', assigned: false });
    expect((await person('h-qs-3-05-m1')).roles.some((x) => x.role === 'grid_worker')).toBe(false);
    expectRefused(await h.call('test-new-worker', 'grid', 'households', { gridId: 'g-qs-3' }), 'FORBIDDEN');
    expect((await h.ok(ADMIN, 'grid', 'tree', {})).villages[0].grids.find((g) => g.id === 'g-qs-3')?.workers.map((w) => w.id)).toEqual(['h-qs-3-01-m1']);
  });

  it('a worker of two grids lists both and keeps either roster (the grid switcher)', async () => {
    await h.ok(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-2', personId: 'h-qs-1-01-m1', role: 'grid_worker', assigned: true });
    try {
      expect((await h.ok(WORKER_G1, 'grid', 'list', {})).items.map((g) => g.id).sort()).toEqual(['g-qs-1', 'g-qs-2']);
      const two = await h.ok(WORKER_G1, 'grid', 'households', { gridId: 'g-qs-2' });
      expect(two.items.find((x) => x.id === 'h-qs-2-07')?.tags).toEqual(['migrant']);
      expect(await h.ok(WORKER_G1, 'grid', 'household', { householdId: 'h-qs-2-07' })).toMatchObject({ logged: false, canEdit: true });
      expectRefused(await h.call(WORKER_G1, 'grid', 'households', { gridId: 'g-qs-3' }), 'NOT_IN_GRID');
    } finally {
      await h.ok(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-2', personId: 'h-qs-1-01-m1', role: 'grid_worker', assigned: false });
    }
    expectRefused(await h.call(WORKER_G1, 'grid', 'households', { gridId: 'g-qs-2' }), 'NOT_IN_GRID');
  });

  it('refuses a person of another village, other villages’ grids and non-admins', async () => {
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-1', personId: 'h-lx-1-05-m1', role: 'grid_leader', assigned: true })), 'NOT_IN_VILLAGE');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'setRole', { gridId: 'g-lx-1', personId: 'h-qs-1-05-m1', role: 'grid_leader', assigned: true })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(ADMIN, 'grid', 'setRole', { gridId: 'g-qs-1', personId: 'h-qs-1-05-m1', role: 'village_admin', assigned: true })), 'BAD_INPUT');
    for (const who of [LEADER_G1, TOWN, VILLAGER]) {
      expectRefused(await expectNoWrite(() => h.call(who, 'grid', 'setRole', { gridId: 'g-qs-1', personId: 'h-qs-1-05-m1', role: 'grid_worker', assigned: true })), 'FORBIDDEN');
      expectRefused(await h.call(who, 'grid', 'findPeople', { name: '张三' }), 'FORBIDDEN');
    }
  });
});

describe('roster privacy: tags and phones', () => {
  it('the grid worker sees their grid’s tags and full phones; the village admin’s list hides tags and masks phones', async () => {
    const mine = await h.ok(WORKER_G1, 'grid', 'households', {});
    expect(mine.items.slice(0, 3).map((x) => x.doorNo)).toEqual(['一组1号', '一组2号', '一组3号']);
    const h04 = mine.items.find((x) => x.id === 'h-qs-1-04');
    expect(h04).toMatchObject({ tags: ['hardship', 'low_income'], tagged: true });
    expect(h04?.members[0].phone).toMatch(/^1\d{10}$/);
    const admin = await h.ok(ADMIN, 'grid', 'households', { gridId: 'g-qs-1' });
    const a04 = admin.items.find((x) => x.id === 'h-qs-1-04');
    expect(a04).toMatchObject({ tags: null, tagged: true });
    expect(a04?.members[0].phone).toMatch(/^1\d\d\*{4}\d{4}$/);
    expectRefused(await h.call(WORKER_G2, 'grid', 'households', { gridId: 'g-qs-1' }), 'NOT_IN_GRID');
  });

  it('household detail: its grid worker reads it unlogged; nobody else outside the admins sees it at all', async () => {
    const before = (await readAll<PrivacyRead>(h.db, C.privacyReads)).length;
    const d = await h.ok(LEADER_G1, 'grid', 'household', { householdId: 'h-qs-1-04' });
    expect(d).toMatchObject({ id: 'h-qs-1-04', grid: { id: 'g-qs-1', name: '青山村一组' }, tags: ['hardship', 'low_income'], canEdit: true, logged: false });
    expect(d.members[0]).toMatchObject({ isHead: true, relation: '户主', phone: expect.stringMatching(/^1\d{10}$/) });
    for (const who of [WORKER_G2, VILLAGER, REVIEWER, ADMIN_OTHER_VILLAGE, WORKER_OTHER_VILLAGE]) {
      expectRefused(await h.call(who, 'grid', 'household', { householdId: 'h-qs-1-04' }), 'NOT_FOUND');
    }
    expect((await readAll<PrivacyRead>(h.db, C.privacyReads)).length).toBe(before);
  });

  it('an admin’s read of a tagged household is logged (village and town); untagged ones are not; the village admin reads the log', async () => {
    const d = await h.ok(ADMIN, 'grid', 'household', { householdId: 'h-qs-1-06' });
    expect(d).toMatchObject({ tags: ['empty_nest', 'over_70'], logged: true, canEdit: true });
    expect(d.members[0].phone).toMatch(/^1\d{10}$/);
    h.advance(60_000);
    expect(await h.ok(TOWN, 'grid', 'household', { householdId: 'h-qs-2-07' })).toMatchObject({ tags: ['migrant'], logged: true, canEdit: false });
    h.advance(60_000);
    expect(await h.ok(ADMIN, 'grid', 'household', { householdId: 'h-qs-1-05' })).toMatchObject({ tags: [], logged: false });
    h.advance(60_000);
    expect(await h.ok(ADMIN_OTHER_VILLAGE, 'grid', 'household', { householdId: 'h-lx-1-05' })).toMatchObject({ logged: true });

    const log = await h.ok(ADMIN, 'grid', 'privacyLog', {});
    expect(log.items.slice(0, 2)).toEqual([
      expect.objectContaining({ householdId: 'h-qs-2-07', doorNo: '二组7号', gridName: '青山村二组', readerRole: 'town_admin', readerName: '镇综治办' }),
      expect.objectContaining({ householdId: 'h-qs-1-06', readerRole: 'village_admin' }),
    ]);
    expect(log.items.some((r) => r.householdId === 'h-qs-1-05' || r.householdId === 'h-lx-1-05')).toBe(false);
    const older = await h.ok(ADMIN, 'grid', 'privacyLog', { limit: 1 });
    expect(older.items).toHaveLength(1);
    expect((await h.ok(ADMIN, 'grid', 'privacyLog', { beforeAt: older.nextBeforeAt as number })).items[0].householdId).toBe('h-qs-1-06');
    for (const who of [WORKER_G1, TOWN, VILLAGER]) expectRefused(await h.call(who, 'grid', 'privacyLog', {}), 'FORBIDDEN');
  });

  it('other views never carry tags or phones', async () => {
    const who = await h.ok('demo-villager-1', 'identity', 'whoami', {});
    expect(JSON.stringify(who)).not.toMatch(/1390001|hardship|empty_nest|tags|phone/);
  });
});

describe('grid.saveRoster', () => {
  it('the grid worker sets tags, phones and adds a member; the change is recorded', async () => {
    const d = await h.ok(WORKER_G1, 'grid', 'household', { householdId: 'h-qs-1-10' });
    const members = d.members.map((m) => ({ id: m.id, name: m.name, relation: m.relation, phone: m.phone }));
    members[0].phone = '138 0000 1111';
    const saved = await h.ok(WORKER_G1, 'grid', 'saveRoster', {
      householdId: 'h-qs-1-10',
      tags: ['over_70', 'empty_nest'],
      members: [...members, { name: '新成员', relation: '孙子女', phone: null }],
    });
    expect(saved.tags).toEqual(['empty_nest', 'over_70']);
    expect(saved.members[0].phone).toBe('13800001111');
    expect(saved.members.map((m) => m.name)).toContain('新成员');
    const hh = await household('h-qs-1-10');
    expect(hh.memberCount).toBe(d.members.length + 1);
    const change = (await readAll<OrgChange>(h.db, C.orgChanges)).find((c) => c.kind === 'save_roster' && c.targetId === 'h-qs-1-10');
    expect(change?.summary).toMatch(/新增成员 新成员/);
    expect(change?.summary).not.toMatch(/13800001111/);
  });

  it('refuses a bad phone, a member of another household, villagers, other grids and the town admin, writing nothing', async () => {
    const d = await h.ok(WORKER_G1, 'grid', 'household', { householdId: 'h-qs-1-11' });
    const m0 = d.members[0];
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'grid', 'saveRoster', { householdId: 'h-qs-1-11', members: [{ id: m0.id, name: m0.name, relation: m0.relation, phone: '12345' }] })), 'BAD_INPUT', /电话/);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'grid', 'saveRoster', { householdId: 'h-qs-1-11', members: [{ id: 'h-qs-1-12-m1', name: '某人', relation: null, phone: null }] })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'grid', 'saveRoster', { householdId: 'h-qs-1-11', tags: ['rich'] })), 'BAD_INPUT', /标签/);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G2, 'grid', 'saveRoster', { householdId: 'h-qs-1-11', tags: ['migrant'] })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'grid', 'saveRoster', { householdId: 'h-qs-1-03', tags: [] })), 'NOT_FOUND');
    expectRefused(await expectNoWrite(() => h.call(TOWN, 'grid', 'saveRoster', { householdId: 'h-qs-1-11', tags: ['migrant'] })), 'FORBIDDEN');
  });

  it('the village admin may edit any household of the village; the answer shows private fields, so it is logged', async () => {
    const saved = await h.ok(ADMIN, 'grid', 'saveRoster', { householdId: 'h-qs-3-03', tags: ['low_income'] });
    expect(saved).toMatchObject({ tags: ['low_income'], logged: true });
    expect((await household('h-qs-3-03')).tags).toEqual(['low_income']);
    expect((await h.ok(ADMIN, 'grid', 'privacyLog', { limit: 1 })).items[0].householdId).toBe('h-qs-3-03');
    // A grid worker's save is their job, not a logged read.
    expect(await h.ok(WORKER_G1, 'grid', 'saveRoster', { householdId: 'h-qs-1-04' })).toMatchObject({ logged: false });
  });
});

describe('人员信息分布台账', () => {
  it('the village admin: per grid households, people and tag counts', async () => {
    const l = await h.ok(ADMIN, 'grid', 'peopleLedger', {});
    expect(l.title).toBe('青山村');
    expect(l.rows.map((r) => r.gridName).slice(0, 3)).toEqual(['青山村一组', '青山村二组', '青山村三组']);
    const g1 = l.rows[0];
    const hs = await readAll<Household>(h.db, C.households);
    const mine = hs.filter((x) => x.gridId === 'g-qs-1');
    expect(g1.households).toBe(20);
    expect(g1.people).toBe(mine.reduce((n, x) => n + x.memberCount, 0));
    expect(g1.tags.over_70).toBe(mine.filter((x) => x.tags?.includes('over_70')).length);
    expect(g1.tags.hardship).toBe(1);
    expect(l.total.households).toBe(hs.filter((x) => x.villageId === 'v-qingshan').length);
    expect(JSON.stringify(l)).not.toMatch(/h-qs-|1390/);
  });

  it('the town admin sees every village; others are refused', async () => {
    const l = await h.ok(TOWN, 'grid', 'peopleLedger', {});
    expect(l.title).toBe('清河镇');
    expect(new Set(l.rows.map((r) => r.villageName))).toEqual(new Set(['青山村', '柳溪村']));
    expect(l.total.households).toBe(120);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'grid', 'peopleLedger', { villageId: 'v-qingshan' }), 'NOT_FOUND');
    for (const who of [WORKER_G1, LEADER_G1, VILLAGER, REVIEWER]) expectRefused(await h.call(who, 'grid', 'peopleLedger', {}), 'FORBIDDEN');
  });

  it('exports the 台账 as CSV with a BOM, one row per grid and a total', async () => {
    const f = await h.ok(ADMIN, 'grid', 'exportPeopleLedger', {});
    expect(f.filename).toBe('青山村-人员信息分布台账-2026-11-20.csv');
    expect(f.mime).toBe('text/csv');
    const lines = f.content.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(f.content.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('村,网格,户数,人数,困难家庭（户）,空巢老人（户）,70岁以上（户）,低收入（户）,流动人口（户）,重点人员（户）,残疾人（户）,留守儿童（户）');
    const ledger = await h.ok(ADMIN, 'grid', 'peopleLedger', {});
    const g1 = ledger.rows[0];
    expect(lines[1]).toBe(`青山村,青山村一组,20,${g1.people},${g1.tags.hardship},${g1.tags.empty_nest},${g1.tags.over_70},${g1.tags.low_income},0,0,0,0`);
    expect(lines[lines.length - 1]).toMatch(new RegExp(`^合计,,${ledger.total.households},${ledger.total.people},`));
    expect((await h.ok(TOWN, 'grid', 'exportPeopleLedger', { villageId: 'v-liuxi' })).filename).toBe('柳溪村-人员信息分布台账-2026-11-20.csv');
    expectRefused(await h.call(WORKER_G1, 'grid', 'exportPeopleLedger', {}), 'FORBIDDEN');
  });
});

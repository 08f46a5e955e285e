import { openHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

describe('identity.whoami', () => {
  it('a villager gets their person, household with members, grid, village and roles', async () => {
    const me = await h.ok('demo-villager-1', 'identity', 'whoami', {});
    expect(me.village).toEqual({ id: 'v-qingshan', name: '青山村' });
    expect(me.household).toMatchObject({ id: 'h-qs-1-03', doorNo: '一组3号', gridName: '青山村一组' });
    expect(me.household?.members.length).toBeGreaterThanOrEqual(2);
    expect(me.household?.members.map((m) => m.id)).toContain(me.person.id);
    expect(me.roles).toEqual([{ role: 'villager', scope: 'village', scopeId: 'v-qingshan' }]);
    expect(me.grids).toEqual([]);
    expect(me.policy).toMatchObject({ maxHouseholdsPerGrid: 100, submitWindowMonths: 1, auditQuorum: 3 });
    // Its own OPENID: the mini-program uploads photos under it, where the functions look for the uploader.
    expect(me.openid).toBe('demo-villager-1');
  });

  it('a grid worker also sees the grids they work', async () => {
    const me = await h.ok('demo-gridworker-1-1', 'identity', 'whoami', {});
    expect(me.grids).toEqual([{ id: 'g-qs-1', name: '青山村一组' }]);
    expect(me.roles.map((r) => r.role).sort()).toEqual(['grid_worker', 'household_head', 'villager']);
  });

  it('the town admin has no household and a town scope', async () => {
    const me = await h.ok('demo-town-admin', 'identity', 'whoami', {});
    expect(me.household).toBeNull();
    expect(me.village).toBeNull();
    expect(me.roles).toEqual([{ role: 'town_admin', scope: 'town', scopeId: 'town-qinghe' }]);
  });

  it('an unknown WeChat user is told to register; identity never comes from the body', async () => {
    expect(await h.call('nobody', 'identity', 'whoami', {})).toMatchObject({ ok: false, code: 'NOT_REGISTERED', message: expect.stringContaining('网格员') });
    expect(await h.call(null, 'identity', 'whoami', {})).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
    expect(await h.call('nobody', 'identity', 'whoami', { openid: 'demo-villager-1' })).toMatchObject({ ok: false });
  });
});

describe('catalogue.current', () => {
  it('gives the village the seed-000 catalogue in force today', async () => {
    const c = await h.ok('demo-villager-2', 'catalogue', 'current', {});
    expect(c.villageId).toBe('v-liuxi');
    expect(c.version).toBe(1);
    expect(c.categories.map((x) => x.name)).toEqual(['社会治安类', '公益美德类', '乡村建设类', '奖励惩罚类', '家庭积分类', '单位积分类']);
  });

  it('refuses dates before any catalogue, bad dates, the town admin and strangers', async () => {
    expect(await h.call('demo-villager-1', 'catalogue', 'current', { date: '2025-06-01' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(await h.call('demo-villager-1', 'catalogue', 'current', { date: '20260601' })).toMatchObject({ ok: false, code: 'BAD_INPUT' });
    expect(await h.call('demo-town-admin', 'catalogue', 'current', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(await h.call('nobody', 'catalogue', 'current', {})).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
  });
});

describe('grid.households', () => {
  it('a grid worker sees the 20 households of their grid with members', async () => {
    const r = await h.ok('demo-gridworker-1-1', 'grid', 'households', {});
    expect(r.grid).toEqual({ id: 'g-qs-1', name: '青山村一组' });
    expect(r.items).toHaveLength(20);
    for (const hh of r.items) {
      expect(hh.members).toHaveLength(hh.memberCount);
      expect(hh.members[0].relation).toBe('户主');
    }
  });

  it('the grid leader may name the grid; others are refused', async () => {
    expect((await h.ok('demo-gridleader-1-2', 'grid', 'households', { gridId: 'g-qs-2' })).items).toHaveLength(20);
    expect(await h.call('demo-gridworker-1-1', 'grid', 'households', { gridId: 'g-qs-2' })).toMatchObject({ ok: false, code: 'NOT_IN_GRID' });
    for (const who of ['demo-villager-1', 'demo-reviewer-1-1', 'demo-admin-1', 'demo-clerk-1', 'demo-town-admin']) {
      expect(await h.call(who, 'grid', 'households', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });
});

describe('grid.list and the village admin’s roster', () => {
  it('the village admin, reviewers and supervisors list every grid of their village with counts', async () => {
    for (const who of ['demo-admin-1', 'demo-reviewer-1-2', 'demo-supervisor-1-1']) {
      const r = await h.ok(who, 'grid', 'list', {});
      expect(r.items).toEqual([
        { id: 'g-qs-1', name: '青山村一组', householdCount: 20 },
        { id: 'g-qs-2', name: '青山村二组', householdCount: 20 },
        { id: 'g-qs-3', name: '青山村三组', householdCount: 20 },
      ]);
    }
  });

  it('a grid worker lists their own grid; villagers, clerks and the town admin are refused', async () => {
    expect((await h.ok('demo-gridworker-2-3', 'grid', 'list', {})).items.map((g) => g.id)).toEqual(['g-lx-3']);
    for (const who of ['demo-villager-1', 'demo-clerk-1', 'demo-town-admin']) {
      expect(await h.call(who, 'grid', 'list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    }
  });

  it('the village admin opens any grid of their village, not another village’s', async () => {
    expect((await h.ok('demo-admin-1', 'grid', 'households', { gridId: 'g-qs-3' })).items).toHaveLength(20);
    expect(await h.call('demo-admin-1', 'grid', 'households', { gridId: 'g-lx-1' })).toMatchObject({ ok: false });
  });
});

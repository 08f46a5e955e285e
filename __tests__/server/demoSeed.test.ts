import { ROLES } from '@domain/org/roles';
import { buildDemoTown } from '../../server/demo/seed';

describe('the demo town', () => {
  const t = buildDemoTown(0);
  it('has 1 town, 2 villages, 6 level-3 grids and 120 households, each in exactly one grid', () => {
    expect(t.villages).toHaveLength(2);
    expect(t.grids).toHaveLength(6);
    expect(t.grids.every((g) => g.level === 3)).toBe(true);
    expect(t.households).toHaveLength(120);
    expect(t.households.every((h) => t.grids.some((g) => g._id === h.gridId && g.villageId === h.villageId))).toBe(true);
  });

  it('every household has members, its head first; every member belongs to one household', () => {
    for (const h of t.households) {
      const members = t.people.filter((p) => p.householdId === h._id);
      expect(members).toHaveLength(h.memberCount);
      expect(members[0]).toMatchObject({ _id: h.headPersonId, name: h.headName, relation: '户主' });
    }
  });

  it('every role is held; each village has 5 reviewers, 3 supervisors and a worker per grid', () => {
    const held = new Set(t.people.flatMap((p) => p.roles.map((r) => r.role)));
    expect([...held].sort()).toEqual([...ROLES].sort());
    for (const v of t.villages) {
      const count = (role: string) => t.people.filter((p) => p.roles.some((r) => r.role === role && r.scopeId === v._id)).length;
      expect(count('reviewer')).toBe(5);
      expect(count('supervisor')).toBe(3);
    }
    for (const g of t.grids) {
      expect(t.people.some((p) => p.roles.some((r) => r.role === 'grid_worker' && r.scopeId === g._id))).toBe(true);
    }
  });

  it('each village gets the seed-000 catalogue as version 1; each OPENID is bound once', () => {
    expect(t.catalogues.map((c) => [c.villageId, c.version, c.categories.length])).toEqual([
      ['v-qingshan', 1, 6],
      ['v-liuxi', 1, 6],
    ]);
    expect(new Set(t.identities.map((i) => i._id)).size).toBe(t.identities.length);
    expect(new Set(t.identities.map((i) => i.personId)).size).toBe(t.identities.length);
  });

  it('is the same on every machine', () => {
    expect(buildDemoTown(0)).toEqual(t);
  });
});

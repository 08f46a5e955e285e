import { ROLES } from '@domain/org/roles';
import { openDatabase } from '@backend/db/open';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localDiskFileStore } from '@backend/files/localDisk';
import { goodsView } from '@backend/shop/goods';
import type { Goods } from '@domain/shop/types';
import { buildDemoTown, DEMO_GOODS_PICTURES, seedDemoTown } from '../../server/demo/seed';
import { ledgerViolations, shopFingerprint } from '../support/invariants';

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

describe('the demo shop', () => {
  const t = buildDemoTown(0);

  it('each village stocks 8–10 everyday goods with point prices, bought at a cost below the price', () => {
    for (const v of t.villages) {
      const goods = t.shop.goods.filter((g) => g.villageId === v._id);
      expect(goods.length).toBeGreaterThanOrEqual(8);
      expect(goods.length).toBeLessThanOrEqual(10);
      expect(new Set(goods.map((g) => g.name)).size).toBe(goods.length);
      for (const g of goods) {
        expect(Number.isInteger(g.price) && g.price > 0).toBe(true);
        expect(g.quantity).toBeGreaterThan(0);
        expect(g.costYuan).toBeLessThan(g.price); // 1 point ≈ 1 yuan of goods
      }
      expect(goods.map((g) => [g.name, g.price])).toEqual(expect.arrayContaining([['洗衣粉', 15], ['肥皂', 5], ['牙膏', 8], ['卫生纸', 20]]));
    }
  });

  it('the demo redeems on any day; each village has a 乡贤 donation and a sponsor; demo households hold points', () => {
    expect(t.villages.every((v) => v.policy.redemptionDay?.mode === 'any_day')).toBe(true);
    for (const v of t.villages) {
      const fund = t.shop.fund.filter((f) => f.villageId === v._id);
      expect(fund.map((f) => f.kind).sort()).toEqual(['donation', 'sponsor']);
      expect(fund.find((f) => f.kind === 'donation')?.counterparty).toMatch(/乡贤/);
    }
    const grant = (hid: string) => t.shop.grants.find((g) => g.householdId === hid)?.points;
    expect(grant('h-qs-1-03')).toBe(200);
    expect(grant('h-lx-1-03')).toBe(200);
    expect(grant('h-qs-2-05')).toBe(120);
    expect(new Set(t.shop.grants.map((g) => g.requestId)).size).toBe(t.shop.grants.length);
    expect(t.shop.grants.every((g) => g.points > 0 && t.households.some((h) => h._id === g.householdId && h.villageId === g.villageId))).toBe(true);
  });
});

describe('seeding the demo town', () => {
  it('goes through the real use cases once: stock == Σ moves, balances == Σ entries; a second run writes nothing', async () => {
    const { db, close } = await openDatabase({ memory: true, schema: `seed_${Date.now().toString(36)}` });
    try {
      expect(await seedDemoTown(db, 1_000)).toBe(true);
      expect(await ledgerViolations(db)).toEqual([]);
      expect((await db.collection('goods').count()).total).toBe(17);
      const entries = await db.collection<{ _id: string; reason: string; kind: string; actorId: string }>('ledgerEntries').limit(1000).get();
      expect(entries.data.every((e) => e.kind === 'adjustment' && e.reason === '演示：历史积分结转' && /-1-19-m1$/.test(e.actorId))).toBe(true);
      const before = await shopFingerprint(db);
      expect(await seedDemoTown(db, 2_000)).toBe(false);
      expect(await shopFingerprint(db)).toBe(before);
    } finally {
      await close();
    }
  }, 60_000);

  it('with a file store (npm start), every demo goods has its own small picture that a villager sees', async () => {
    const { db, close } = await openDatabase({ memory: true, schema: `seedpic_${Date.now().toString(36)}` });
    try {
      const files = localDiskFileStore(mkdtempSync(join(tmpdir(), 'seed-goods-')), { secret: new Uint8Array(32).fill(7) });
      expect(await seedDemoTown(db, 1_000, files)).toBe(true);
      const goods = (await db.collection<Goods>('goods').limit(100).get()).data;
      expect(goods).toHaveLength(17);
      const deps = { db, files, now: () => 2_000, content: { submitPhoto: async () => ({ traceId: 'x' }) } } as unknown as Parameters<typeof goodsView>[1];
      for (const g of goods) {
        expect(g.photo).toBeTruthy();
        const facts = await files.facts(g.photo as string);
        expect(facts?.size).toBeLessThan(8 * 1024);
        // A villager (not the uploader) sees it: the seed's drawing is recorded as checked.
        const view = await goodsView(g, deps, 'p-someone-else');
        expect(view.photoUrl).toBeTruthy();
      }
      for (const file of Object.values(DEMO_GOODS_PICTURES)) {
        expect(statSync(join(__dirname, '../../server/demo/goods', `${file}.png`)).size).toBeLessThan(8 * 1024);
      }
    } finally {
      await close();
    }
  }, 60_000);
});

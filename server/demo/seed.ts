import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedDemoExtras } from './extras';
import type { Grid, Household, IdentityBinding, Person, Town, Village } from '@domain/org/types';
import type { RoleAssignment, Role } from '@domain/org/roles';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import { assertGridHasRoom } from '@domain/org/gridCapacity';
import { DEFAULT_POLICY, type VillagePolicy } from '@domain/org/policy';
import type { Database, Doc } from '@backend/db/types';
import type { Deps } from '@backend/runtime/deps';
import type { FileStore } from '@backend/files/port';
import { photoCheckId, type PhotoCheck } from '@domain/moderation';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import { roleHoldersRepo } from '@backend/repos/roleHolders';
import { shopRepo } from '@backend/repos/shop';
import { ledgerRepo } from '@backend/repos/ledger';
import { adjustPoints, adjustmentIdFor } from '@backend/ledger/adjust';
import { saveGoods, stockIn } from '@backend/shop/goods';
import { unitsRepo } from '@backend/repos/units';
import { UNIT_ID_PREFIX, type Unit } from '@domain/units/types';
import { setRedemptionDay } from '@backend/shop/policy';
import { recordFund } from '@backend/fund/record';
import { personName, rng, surnameOf } from './names';

/**
 * The demo town: 1 town, 2 villages, 3 level-3 grids each, 20 households per grid (120),
 * every role held by someone, the seed-000 catalogue as version 1. Deterministic.
 * Demo people that can sign in are bound to openids `demo-…`; the identity picker lists them.
 */
export const DEMO_TOWN_ID = 'town-qinghe';

const VILLAGES = [
  { id: 'v-qingshan', name: '青山村', key: 'qs' },
  { id: 'v-liuxi', name: '柳溪村', key: 'lx' },
];
const GRID_NAMES = ['一组', '二组', '三组'];
const HOUSEHOLDS_PER_GRID = 20;
const RELATIONS = ['配偶', '子女', '子女', '父母', '孙子女'];

/** The shop of each demo village: goods bought into stock, the fund's money in, points granted. */
export interface DemoShop {
  goods: { id: string; villageId: string; name: string; price: number; quantity: number; costYuan: number; supplier: string }[];
  fund: { villageId: string; requestId: string; kind: 'donation' | 'sponsor'; amountYuan: number; counterparty: string; note: string }[];
  /** Redeemable points carried over, as audited adjustments by the village admin. */
  grants: { villageId: string; householdId: string; points: number; requestId: string }[];
  /** The village admin who records it all. */
  admins: Record<string, string>;
}

/** name, points, unit cost in yuan, units bought for 青山村 (柳溪村 buys a third). */
const DEMO_GOODS: [string, number, number, number][] = [
  ['肥皂', 5, 3.8, 60],
  ['牙膏', 8, 6.8, 40],
  ['毛巾', 10, 8.5, 40],
  ['洗洁精', 10, 8.2, 30],
  ['酱油', 12, 10, 30],
  ['洗衣粉', 15, 13.5, 30],
  ['卫生纸', 20, 17.5, 30],
  ['大米 10kg', 40, 36, 25],
  ['食用油 5L', 50, 46, 20],
];
/** Each demo goods' picture: server/demo/goods/<file>.png, drawn by scripts/drawIcons.ts (a few KB each). */
export const DEMO_GOODS_PICTURES: Record<string, string> = {
  肥皂: 'soap',
  牙膏: 'toothpaste',
  毛巾: 'towel',
  洗洁精: 'dishSoap',
  酱油: 'soySauce',
  洗衣粉: 'washingPowder',
  卫生纸: 'toiletPaper',
  '大米 10kg': 'rice',
  '食用油 5L': 'oil',
};
const DEMO_SEED_OPENID = 'demo-seed';

/**
 * Stores a demo goods' picture and records it as already checked (the seed's own drawing, not a
 * user's upload), so every villager sees it. Returns its file id.
 */
async function demoGoodsPicture(db: Database, files: Pick<FileStore, 'put'>, name: string, authorId: string, now: number): Promise<string | null> {
  const file = DEMO_GOODS_PICTURES[name];
  if (!file) return null;
  const fileId = await files.put(readFileSync(join(__dirname, 'goods', `${file}.png`)), DEMO_SEED_OPENID);
  const check: Omit<PhotoCheck, '_id'> = { kind: 'photo', fileId, authorId, authorOpenid: DEMO_SEED_OPENID, scene: 'profile', state: 'pass', traceId: null, requestedAt: now, submits: 0, decidedAt: now, history: [{ at: now, what: 'pass' }] };
  await db.collection<PhotoCheck>(C.contentChecks).doc(photoCheckId(fileId)).set(check);
  return fileId;
}
export const DEMO_GRANT_REASON = '演示：历史积分结转';

export interface DemoTown {
  town: Town;
  villages: (Village & { policy: Partial<VillagePolicy> })[];
  grids: Grid[];
  households: Household[];
  people: Person[];
  catalogues: CatalogueVersion[];
  identities: IdentityBinding[];
  shop: DemoShop;
  /** 单位积分: each village's units (a shop whose 负责人 is the demo villager of 二组5号, an association). */
  units: Unit[];
}

/** Builds the demo town in memory (pure; `now` stamps the catalogue). */
export function buildDemoTown(now: number): DemoTown {
  const r = rng(20260101);
  const town: Town = { _id: DEMO_TOWN_ID, name: '清河镇' };
  const villages: DemoTown['villages'] = [];
  const grids: Grid[] = [];
  const households: Household[] = [];
  const people: Person[] = [];
  const catalogues: CatalogueVersion[] = [];
  const identities: IdentityBinding[] = [];
  const shop: DemoShop = { goods: [], fund: [], grants: [], admins: {} };
  const units: Unit[] = [];
  const bind = (p: Person, openid: string) => {
    if (identities.some((i) => i.personId === p._id)) return;
    identities.push({ _id: openid, personId: p._id, boundAt: now });
    // As binding does (backend/onboarding/bind.ts): the person records its WeChat.
    Object.assign(p, { openid });
  };

  VILLAGES.forEach((v, vi) => {
    const n = vi + 1;
    // Demo only: the shop redeems on any day, so the demo works whatever the date. The
    // product's default is the last market day (赶场天) of each month (逢三六九).
    villages.push({ _id: v.id, townId: town._id, name: v.name, policy: { redemptionDay: { mode: 'any_day' } } });
    catalogues.push({
      _id: `cat-${v.key}-1`,
      villageId: v.id,
      version: 1,
      effectiveFrom: '2026-01-01',
      categories: SEED_000_CATEGORIES,
      createdAt: now,
      createdBy: 'seed',
    });
    const villagers: Person[] = [];
    GRID_NAMES.forEach((gname, gi) => {
      const grid: Grid = { _id: `g-${v.key}-${gi + 1}`, townId: town._id, villageId: v.id, name: `${v.name}${gname}`, level: 3 };
      grids.push(grid);
      for (let h = 1; h <= HOUSEHOLDS_PER_GRID; h++) {
        assertGridHasRoom(h - 1, DEFAULT_POLICY);
        const hid = `h-${v.key}-${gi + 1}-${String(h).padStart(2, '0')}`;
        const surname = surnameOf(r);
        const size = 2 + Math.floor(r() * 4);
        const members: Person[] = [];
        for (let m = 0; m < size; m++) {
          const roles: RoleAssignment[] = [{ role: 'villager', scope: 'village', scopeId: v.id }];
          if (m === 0) roles.push({ role: 'household_head', scope: 'village', scopeId: v.id });
          members.push({
            _id: `${hid}-m${m + 1}`,
            townId: town._id,
            villageId: v.id,
            householdId: hid,
            name: personName(r, m === 0 || RELATIONS[(m - 1) % RELATIONS.length] !== '配偶' ? surname : undefined),
            relation: m === 0 ? '户主' : RELATIONS[(m - 1) % RELATIONS.length],
            roles,
          });
        }
        households.push({
          _id: hid,
          townId: town._id,
          villageId: v.id,
          gridId: grid._id,
          doorNo: `${gname}${h}号`,
          headPersonId: members[0]._id,
          headName: members[0].name,
          memberCount: members.length,
        });
        villagers.push(...members);
      }
    });

    // Role holders are villagers of the village; each demo identity gets a stable openid.
    const person = (hid: string, m: number) => villagers.find((p) => p._id === `${hid}-m${m}`)!;
    const grant = (p: Person, openid: string, role: Role, scopeId: string, scope: RoleAssignment['scope']) => {
      bind(p, openid);
      p.roles.push({ role, scope, scopeId });
    };
    bind(person(`h-${v.key}-1-03`, 2), `demo-villager-${n}`);
    bind(person(`h-${v.key}-1-03`, 1), `demo-head-${n}`);
    bind(person(`h-${v.key}-2-05`, 1), `demo-villager-b-${n}`);
    GRID_NAMES.forEach((_, gi) => {
      const gid = `g-${v.key}-${gi + 1}`;
      // The grid worker lives in the grid they serve, so the conflict-of-interest rule is visible.
      grant(person(`h-${v.key}-${gi + 1}-01`, 1), `demo-gridworker-${n}-${gi + 1}`, 'grid_worker', gid, 'grid');
      grant(person(`h-${v.key}-${gi + 1}-02`, 1), `demo-gridleader-${n}-${gi + 1}`, 'grid_leader', gid, 'grid');
    });
    for (let i = 1; i <= 5; i++) grant(person(`h-${v.key}-${((i - 1) % 3) + 1}-1${i}`, 1), `demo-reviewer-${n}-${i}`, 'reviewer', v.id, 'village');
    for (let i = 1; i <= 3; i++) grant(person(`h-${v.key}-${i}-17`, 1), `demo-supervisor-${n}-${i}`, 'supervisor', v.id, 'village');
    grant(person(`h-${v.key}-1-19`, 1), `demo-admin-${n}`, 'village_admin', v.id, 'village');
    grant(person(`h-${v.key}-2-19`, 1), `demo-clerk-${n}`, 'shop_clerk', v.id, 'village');
    people.push(...villagers);
    const unit = (key: string, name: string, kind: Unit['kind'], grid: number, responsible: Person): Unit => ({
      _id: `${UNIT_ID_PREFIX}${v.key}-${key}`,
      townId: town._id,
      villageId: v.id,
      gridId: `g-${v.key}-${grid}`,
      name: `${v.name.slice(0, 2)}${name}`,
      kind,
      responsiblePersonId: responsible._id,
      responsibleName: responsible.name,
      active: true,
      createdAt: now,
      updatedAt: now,
    });
    units.push(unit('shop', '便民超市', 'shop', 2, person(`h-${v.key}-2-05`, 1)), unit('elders', '老年协会', 'association', 1, person(`h-${v.key}-1-04`, 1)));

    // The shop: 青山村 is well funded; 柳溪村 has granted more points than its pool and stock
    // cover, so the town view shows the liability warning.
    shop.admins[v.id] = person(`h-${v.key}-1-19`, 1)._id;
    DEMO_GOODS.slice(0, vi === 0 ? 9 : 8).forEach(([name, price, costYuan, quantity], gi) => {
      const id = `${v.key}-${String(gi + 1).padStart(2, '0')}`;
      shop.goods.push({ id, villageId: v.id, name, price, quantity: vi === 0 ? quantity : Math.ceil(quantity / 3), costYuan, supplier: '清河镇供销社' });
    });
    shop.fund.push(
      { villageId: v.id, requestId: `seed-fund-${v.key}-1`, kind: 'donation', amountYuan: vi === 0 ? 6000 : 1200, counterparty: vi === 0 ? '乡贤 王建国' : '乡贤 李秀英', note: '捐赠励志超市基金' },
      { villageId: v.id, requestId: `seed-fund-${v.key}-2`, kind: 'sponsor', amountYuan: vi === 0 ? 3000 : 600, counterparty: '清河农商银行', note: '赞助励志超市' },
    );
    GRID_NAMES.forEach((_, gi) => {
      for (let h = 1; h <= 8; h++) {
        const hid = `h-${v.key}-${gi + 1}-${String(h).padStart(2, '0')}`;
        // The demo identities' households: 一组3号 (villager, head) 200, 二组5号 120.
        const special: Record<string, number> = { [`h-${v.key}-1-03`]: 200, [`h-${v.key}-2-05`]: 120 };
        const points = special[hid] ?? 30 + (((gi * 20 + h) * 37) % 120);
        shop.grants.push({ villageId: v.id, householdId: hid, points, requestId: `seed-grant-${hid}` });
      }
    });
  });

  people.push({
    _id: 'p-town-admin',
    townId: town._id,
    villageId: null,
    householdId: null,
    name: '镇综治办',
    relation: null,
    roles: [{ role: 'town_admin', scope: 'town', scopeId: town._id }],
  });
  identities.push({ _id: 'demo-town-admin', personId: 'p-town-admin', boundAt: now });
  const boundHouseholds = new Set(people.filter((p) => (p as { openid?: string }).openid && p.householdId).map((p) => p.householdId));
  for (const h of households) if (boundHouseholds.has(h._id)) h.bound = true;
  return { town, villages, grids, households, people, catalogues, identities, shop, units };
}

async function putAll<T extends Doc>(db: Database, coll: string, docs: T[]): Promise<void> {
  // Sequential single-document writes: the same calls CloudBase accepts.
  for (const { _id, ...rest } of docs) await db.collection<T>(coll).doc(_id).set(rest as Omit<T, '_id'>);
}

async function backfillRoleHolders(db: Database, t: DemoTown): Promise<void> {
  const people: Person[] = [];
  for (const v of t.villages) people.push(...(await orgRepo.peopleOfVillage(db, v._id)));
  const { data: townStaff } = await db.collection<Person>(C.people).where({ townId: t.town._id, villageId: null }).limit(1000).get();
  await roleHoldersRepo.backfill(db, [...people, ...townStaff]);
}

/** Seeds the demo town once; a database that already has the town is left alone (but gets the shop if it lacks it). */
export async function seedDemoTown(db: Database, now: number, files?: Pick<FileStore, 'put'>): Promise<boolean> {
  const existing = await db.collection<Town>(C.towns).doc(DEMO_TOWN_ID).get();
  const t = buildDemoTown(now);
  if (existing.data[0]) {
    // Demo data written before the role index existed gets its entries (from the stored people).
    await backfillRoleHolders(db, t);
    const wrote = await seedDemoShop(db, t, now, files);
    // Demo data from before units existed gets them.
    for (const u of t.units) if (!(await unitsRepo.get(db, u._id))) await putAll(db, C.units, [u]);
    await seedDemoExtras(db, t, now);
    return wrote;
  }
  await putAll(db, C.villages, t.villages);
  await putAll(db, C.grids, t.grids);
  await putAll(db, C.households, t.households);
  await putAll(db, C.people, t.people);
  await roleHoldersRepo.backfill(db, t.people);
  await putAll(db, C.catalogueVersions, t.catalogues);
  await putAll(db, C.identities, t.identities);
  await putAll(db, C.units, t.units);
  await seedDemoShop(db, t, now, files);
  await seedDemoExtras(db, t, now);
  await putAll(db, C.towns, [t.town]); // last: its presence means the seed completed
  return true;
}

/**
 * The demo shop, through the same use cases the functions run (stock in → stock moves, fund
 * purchases and totals; adjustments → ledger entries and balances), with fixed request ids:
 * running it again changes nothing. Returns whether it wrote anything.
 */
export async function seedDemoShop(db: Database, t: DemoTown, now: number, files?: Pick<FileStore, 'put'>): Promise<boolean> {
  const last = t.shop.grants[t.shop.grants.length - 1];
  const lastAdmin = t.shop.admins[last.villageId];
  if (await ledgerRepo.entry(db, adjustmentIdFor(lastAdmin, last.requestId))) return false;
  let nextId = '';
  const deps: Pick<Deps, 'db' | 'now' | 'newId'> = { db, now: () => now, newId: () => nextId };
  const admin = async (villageId: string) => {
    const p = await orgRepo.person(db, t.shop.admins[villageId]);
    if (!p) throw new Error(`demo admin of ${villageId} missing`);
    return p;
  };
  for (const v of t.villages) {
    const stored = await orgRepo.village(db, v._id);
    if (!stored?.policy?.redemptionDay && v.policy.redemptionDay) await setRedemptionDay(deps, v._id, v.policy.redemptionDay);
  }
  for (const f of t.shop.fund) {
    const v = t.villages.find((x) => x._id === f.villageId)!;
    await recordFund(deps, await admin(f.villageId), { townId: v.townId, villageId: v._id }, f);
  }
  for (const g of t.shop.goods) {
    const v = t.villages.find((x) => x._id === g.villageId)!;
    nextId = g.id;
    if (!(await shopRepo.goods(db, `goods_${g.id}`))) {
      // With a file store (npm start) the goods get their pictures; without one (most tests) none.
      const photo = files ? await demoGoodsPicture(db, files, g.name, t.shop.admins[g.villageId], now) : null;
      await saveGoods(deps, v._id, v.townId, { name: g.name, price: g.price, ...(photo ? { photo } : {}) });
    }
    await stockIn(deps, await admin(g.villageId), v._id, {
      requestId: `seed-stock-${g.id}`,
      goodsId: `goods_${g.id}`,
      quantity: g.quantity,
      costYuan: Math.round(g.costYuan * g.quantity * 100) / 100,
      supplier: g.supplier,
    });
  }
  for (const grant of t.shop.grants) {
    const household = t.households.find((h) => h._id === grant.householdId)!;
    await adjustPoints(deps, await admin(grant.villageId), household, { requestId: grant.requestId, points: grant.points, reason: DEMO_GRANT_REASON });
  }
  return true;
}

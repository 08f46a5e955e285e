import type { Grid, Household, IdentityBinding, Person, Town, Village } from '@domain/org/types';
import type { RoleAssignment, Role } from '@domain/org/roles';
import type { CatalogueVersion } from '@domain/catalogue/types';
import { SEED_000_CATEGORIES } from '@domain/catalogue/seed000';
import { assertGridHasRoom } from '@domain/org/gridCapacity';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { Database, Doc } from '@backend/db/types';
import { C } from '@backend/repos/collections';
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

export interface DemoTown {
  town: Town;
  villages: (Village & { policy: Record<string, never> })[];
  grids: Grid[];
  households: Household[];
  people: Person[];
  catalogues: CatalogueVersion[];
  identities: IdentityBinding[];
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
  const bind = (p: Person, openid: string) => {
    if (!identities.some((i) => i.personId === p._id)) identities.push({ _id: openid, personId: p._id, boundAt: now });
  };

  VILLAGES.forEach((v, vi) => {
    const n = vi + 1;
    villages.push({ _id: v.id, townId: town._id, name: v.name, policy: {} });
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
  return { town, villages, grids, households, people, catalogues, identities };
}

async function putAll<T extends Doc>(db: Database, coll: string, docs: T[]): Promise<void> {
  // Sequential single-document writes: the same calls CloudBase accepts.
  for (const { _id, ...rest } of docs) await db.collection<T>(coll).doc(_id).set(rest as Omit<T, '_id'>);
}

/** Seeds the demo town once; a database that already has the town is left alone. */
export async function seedDemoTown(db: Database, now: number): Promise<boolean> {
  const existing = await db.collection<Town>(C.towns).doc(DEMO_TOWN_ID).get();
  if (existing.data[0]) return false;
  const t = buildDemoTown(now);
  await putAll(db, C.villages, t.villages);
  await putAll(db, C.grids, t.grids);
  await putAll(db, C.households, t.households);
  await putAll(db, C.people, t.people);
  await putAll(db, C.catalogueVersions, t.catalogues);
  await putAll(db, C.identities, t.identities);
  await putAll(db, C.towns, [t.town]); // last: its presence means the seed completed
  return true;
}

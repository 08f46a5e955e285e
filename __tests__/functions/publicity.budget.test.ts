import { C } from '@backend/repos/collections';
import { CLOUDBASE_LIMITS } from '@backend/db/types';
import { openPublicity } from '@backend/publicity/open';
import { closePublicity, townApprove } from '@backend/publicity/review';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import type { Grid, Household, Person } from '@domain/org/types';
import type { Publicity } from '@domain/publicity/types';
import { ledgerViolations } from '../support/invariants';
import { metered } from '../support/metered';
import { NOW, openHarness, type Harness } from '../support/harness';
import { TOWN } from '../support/people';
import { Q, closeMonths, postMonth, setBaseScore } from './publicity.fixture';

/**
 * Publishing and the town's approval of a village of 120 households in CloudBase-sized batches,
 * on a clock that runs with the database's requests (one tick per request and per document
 * read): every call, its last batch and the finishing 红黑榜 included, ends within its budget.
 */
let h: Harness;
const V = 'v-budget';
const N = 120;
const BUDGET = 800;
const DAY = 86_400_000;
const hid = (i: number) => `h-bud-${String(i).padStart(3, '0')}`;
let admin: Person;
let village: VillageDoc;

beforeAll(async () => {
  h = await openHarness();
  const qs = (await orgRepo.village(h.db, 'v-qingshan'))!;
  await h.db.collection(C.villages).doc(V).set({ townId: qs.townId, name: '预算村', policy: {} });
  const grid: Omit<Grid, '_id'> = { townId: qs.townId, villageId: V, name: '预算一组', level: 3 };
  await h.db.collection(C.grids).doc('g-bud-1').set(grid);
  for (let i = 0; i < N; i++) {
    const doc: Omit<Household, '_id'> = { townId: qs.townId, villageId: V, gridId: 'g-bud-1', doorNo: `${i + 1}号`, headPersonId: `${hid(i)}-m1`, headName: `李${i}`, memberCount: 1 };
    await h.db.collection(C.households).doc(hid(i)).set(doc);
    await postMonth(h.db, V, hid(i), '2026-08', 3 + (i % 4));
    await setBaseScore(h.db, V, hid(i), 8);
  }
  const person: Omit<Person, '_id'> = { townId: qs.townId, villageId: V, householdId: null, name: '预算村委', relation: null, roles: [{ role: 'village_admin', scope: 'village', scopeId: V }] };
  await h.db.collection(C.people).doc('p-bud-admin').set(person);
  admin = { _id: 'p-bud-admin', ...person };
  village = (await orgRepo.village(h.db, V))!;
  await closeMonths(h.db, V);
}, 120_000);
afterAll(async () => h?.close());

/** Calls `op` until `done`; each call's ticks. */
async function calls(clock: { t: number }, op: () => Promise<Publicity>, done: (p: Publicity) => boolean): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const t0 = clock.t;
    const p = await op();
    out.push(clock.t - t0);
    if (done(p)) return out;
    if (out.length > 100) throw new Error('no progress');
  }
}

it(`open and town approval of ${N} households on a budget of ${BUDGET} ticks a call: each call within it, the ledger whole`, async () => {
  const clock = { t: NOW };
  const deps = { db: metered(h.db, clock, CLOUDBASE_LIMITS), now: () => clock.t };
  const opened = await calls(clock, () => openPublicity(deps, admin, village, Q, { budgetMs: BUDGET }), (p) => p.status === 'open');
  expect(opened.length).toBeGreaterThan(1);
  expect(Math.max(...opened)).toBeLessThanOrEqual(BUDGET);
  const id = `${V}_${Q}`;
  const open = (await h.db.collection<Publicity>(C.publicities).doc(id).get()).data[0];
  expect(open).toMatchObject({ status: 'open', householdCount: N, totalPoints: [...Array(N).keys()].reduce((s, i) => s + 3 + (i % 4) + 8, 0) });

  clock.t += 8 * DAY;
  await closePublicity(deps, admin, id);
  const town = (await orgRepo.personByOpenid(h.db, TOWN))!;
  const approved = await calls(clock, () => townApprove(deps, town, id, { budgetMs: BUDGET }), (p) => p.status === 'approved');
  expect(approved.length).toBeGreaterThan(1);
  expect(Math.max(...approved)).toBeLessThanOrEqual(BUDGET);
  expect((await ledgerViolations(h.db)).filter((v) => !v.endsWith('negative balance'))).toEqual([]);
});

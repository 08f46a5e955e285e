import { C } from '@backend/repos/collections';
import { openPublicity } from '@backend/publicity/open';
import { closePublicity, townApprove } from '@backend/publicity/review';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { Grid, Household, Person } from '@domain/org/types';
import type { LineChunk, Publicity } from '@domain/publicity/types';
import { baseScoreEntryId, publicityMoveIds } from '@domain/publicity/ids';
import { redeemableMove } from '@domain/publicity/move';
import { ledgerViolations, readAll, villageTotals } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { TOWN } from '../support/people';
import { Q, closeMonths, crashingDb, postMonth, setBaseScore } from './publicity.fixture';

/**
 * A village of 450 households (three chunks of lines): a crash in the middle of publishing,
 * closing or approving leaves a state that the next call completes, with exactly the ledger a
 * clean run gives.
 */
let h: Harness;
const V = 'v-big';
const ADMIN_BIG = 'test-big-admin';
const N = 450;
const DAY = 86_400_000;
const hid = (i: number) => `h-big-${String(i).padStart(3, '0')}`;
const month = (i: number) => ((i * 7) % 11) - 3; // −3 … 7, some zero
const base = (i: number) => (i % 5 === 0 ? 0 : 8 + (i % 3));
const total = (i: number) => month(i) + base(i);
let admin: Person;
let village: VillageDoc;

beforeAll(async () => {
  h = await openHarness();
  const qs = (await orgRepo.village(h.db, 'v-qingshan'))!;
  await h.db.collection(C.villages).doc(V).set({ townId: qs.townId, name: '大村', policy: {} });
  for (let g = 1; g <= 5; g++) {
    const grid: Omit<Grid, '_id'> = { townId: qs.townId, villageId: V, name: `大村${g}组`, level: 3 };
    await h.db.collection(C.grids).doc(`g-big-${g}`).set(grid);
  }
  for (let i = 0; i < N; i++) {
    const doc: Omit<Household, '_id'> = {
      townId: qs.townId,
      villageId: V,
      gridId: `g-big-${(i % 5) + 1}`,
      doorNo: `${Math.floor(i / 5) + 1}号`,
      headPersonId: `${hid(i)}-m1`,
      headName: `王大${i}`,
      memberCount: 1,
    };
    await h.db.collection(C.households).doc(hid(i)).set(doc);
    if (month(i) !== 0) await postMonth(h.db, V, hid(i), '2026-08', month(i));
    if (base(i) !== 0) await setBaseScore(h.db, V, hid(i), base(i));
  }
  const person: Omit<Person, '_id'> = {
    townId: qs.townId,
    villageId: V,
    householdId: null,
    name: '大村村委',
    relation: null,
    roles: [{ role: 'village_admin', scope: 'village', scopeId: V }],
  };
  await h.db.collection(C.people).doc('p-big-admin').set(person);
  await h.db.collection(C.identities).doc(ADMIN_BIG).set({ personId: 'p-big-admin', boundAt: NOW });
  admin = { _id: 'p-big-admin', ...person };
  village = (await orgRepo.village(h.db, V))!;
  await closeMonths(h.db, V);
}, 180_000);
afterAll(async () => h?.close());

async function publicity(): Promise<Publicity> {
  return (await h.db.collection<Publicity>(C.publicities).doc(`${V}_${Q}`).get()).data[0];
}
async function entriesOfVillage(): Promise<LedgerEntry[]> {
  return (await readAll<LedgerEntry>(h.db, C.ledgerEntries)).filter((e) => e.villageId === V);
}
async function balances(): Promise<Map<string, Balance>> {
  return new Map((await readAll<Balance>(h.db, C.balances)).filter((b) => b.villageId === V).map((b) => [b._id, b]));
}
async function violations(): Promise<string[]> {
  return (await ledgerViolations(h.db)).filter((v) => !v.endsWith('negative balance'));
}

describe('crash and rerun', () => {
  it('a call out of time answers with its progress (opening) and writes no batch', async () => {
    const p = await openPublicity(h.deps, admin, village, Q, { budgetMs: -1 });
    expect(p).toMatchObject({ status: 'opening', cursor: { phase: 'open', next: 0 }, householdCount: 0 });
    expect((await entriesOfVillage()).filter((e) => e.kind === 'base_score')).toHaveLength(0);
    const v = await h.ok(ADMIN_BIG, 'publicity', 'get', {});
    expect(v).toMatchObject({ status: 'opening', progress: 0 });
  });

  it('publishing: a batch that crashed is rolled back and the rerun completes it exactly once', async () => {
    // The publicity exists: tx 1 is the first batch, tx 2 (the second batch) crashes.
    await expect(openPublicity({ db: crashingDb(h.db, 2), now: h.deps.now }, admin, village, Q)).rejects.toThrow('simulated crash');
    const mid = await publicity();
    expect(mid).toMatchObject({ status: 'opening', cursor: { phase: 'open', next: 200 }, householdCount: 200, chunkCount: 1 });
    const first = (await h.db.collection<LineChunk>(C.publicityLines).doc(`${V}_${Q}_0000`).get()).data[0];
    expect(first.lines).toHaveLength(200);
    expect(await h.db.collection<LineChunk>(C.publicityLines).doc(`${V}_${Q}_0001`).get()).toEqual({ data: [] }); // rolled back
    expect((await entriesOfVillage()).filter((e) => e.kind === 'base_score')).toHaveLength(first.lines.filter((l) => l.baseScore !== 0).length);

    const v = await h.ok(ADMIN_BIG, 'publicity', 'open', { quarter: Q });
    expect(v).toMatchObject({ status: 'open', householdCount: N, chunkCount: 3, totalPoints: [...Array(N).keys()].reduce((s, i) => s + total(i), 0) });
    const entries = await entriesOfVillage();
    const bs = entries.filter((e) => e.kind === 'base_score');
    expect(bs).toHaveLength([...Array(N).keys()].filter((i) => base(i) !== 0).length);
    expect(new Set(bs.map((e) => e._id)).size).toBe(bs.length);
    expect(bs.every((e) => e._id === baseScoreEntryId(V, Q, e.householdId) && e.bucket === 'pending' && e.period === Q)).toBe(true);
    const b = await balances();
    for (let i = 0; i < N; i++) expect(b.get(hid(i))?.pending ?? 0).toBe(total(i));
    const totals = (await villageTotals(h.db, V));
    expect(totals.pendingPoints).toBe([...Array(N).keys()].reduce((s, i) => s + total(i), 0));
    expect(await violations()).toEqual([]);
  });

  it('closing: a crashed close changes nothing; the rerun closes', async () => {
    h.setNow(NOW + 6 * DAY);
    await expect(closePublicity({ db: crashingDb(h.db, 1), now: h.deps.now }, admin, `${V}_${Q}`)).rejects.toThrow('simulated crash');
    expect((await publicity()).status).toBe('open');
    const n = await h.count(C.ledgerEntries);
    expect((await h.ok(ADMIN_BIG, 'publicity', 'close', { quarter: Q })).status).toBe('closed');
    expect(await h.count(C.ledgerEntries)).toBe(n);
  });

  it('approving: resumes at the cursor; every household moved exactly once', async () => {
    const town = (await orgRepo.personByOpenid(h.db, TOWN))!;
    const before = await balances();
    // tx 1 marks it approving, tx 2 moves the first 200 households, tx 3 crashes mid-batch.
    await expect(townApprove({ db: crashingDb(h.db, 3), now: h.deps.now }, town, `${V}_${Q}`)).rejects.toThrow('simulated crash');
    expect(await publicity()).toMatchObject({ status: 'approving', cursor: { phase: 'approve', next: 1 } });
    const v = await h.ok(TOWN, 'publicity', 'townDecide', { villageId: V, quarter: Q, decision: 'approve' });
    expect(v.status).toBe('approved');
    expect((await publicity()).history.filter((x) => x.action === 'town_approve')).toHaveLength(1);

    const after = await balances();
    const entries = await entriesOfVillage();
    for (let i = 0; i < N; i++) {
      const id = hid(i);
      const moved = redeemableMove(total(i), before.get(id)?.redeemable ?? 0, before.get(id)?.pending ?? 0);
      const ids = publicityMoveIds(V, Q, id);
      const mine = entries.filter((e) => e._id === ids.pending || e._id === ids.redeemable);
      expect(mine).toHaveLength(moved === 0 ? 0 : 2);
      expect(after.get(id)?.redeemable ?? 0).toBe((before.get(id)?.redeemable ?? 0) + moved);
      expect(after.get(id)?.pending ?? 0).toBe(total(i) - moved);
    }
    expect(await violations()).toEqual([]);
    // Once more: nothing.
    const n = await h.count(C.ledgerEntries);
    await expect(townApprove(h.deps, town, `${V}_${Q}`)).rejects.toThrow();
    expect(await h.count(C.ledgerEntries)).toBe(n);
  });
});

import { C } from '@backend/repos/collections';
import type { LedgerEntry } from '@domain/ledger/types';
import type { Veto } from '@domain/veto/types';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, OTHER_HOUSEHOLD, REVIEWER, REVIEWER_OTHER_VILLAGE, STRANGER, SUPERVISOR, TOWN, VILLAGER } from '../support/people';
import { expectRefused } from '../support/refusals';
import { villageTotals } from '../support/invariants';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const HH = 'h-qs-1-03'; // 200 redeemable
const SUPERVISOR_2 = 'demo-supervisor-1-2';
const SUPERVISOR_OTHER_VILLAGE = 'demo-supervisor-2-1';
let seq = 0;
const rid = () => `veto-req-${++seq}-${Date.now().toString(36)}`;

/** Every document of the collections a veto may touch, as one string: a refusal must leave it unchanged. */
async function fingerprint(): Promise<string> {
  const parts: unknown[] = [];
  for (const c of [C.vetoes, C.ledgerEntries, C.balances, C.households]) {
    parts.push((await h.db.collection(c).orderBy('_id', 'asc').limit(1000).get()).data);
  }
  return JSON.stringify(parts);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await fingerprint();
  const r = await fn();
  expect(await fingerprint()).toBe(before);
  return r;
}

async function scan(member: string) {
  const { code } = await h.ok(member, 'shop', 'myCode', {});
  return h.ok(CLERK, 'shop', 'scan', { code });
}

const record = (who: string, householdId: string, over: Record<string, unknown> = {}) =>
  h.call(who, 'veto', 'record', { requestId: rid(), householdId, item: '违法违纪', description: '参与聚众赌博，被派出所处罚', eventDate: '2026-11-15', ...over });

describe('veto under clear_and_bar_year (seed 003, the default)', () => {
  let veto: Veto;

  it('a reviewer records; nothing takes effect before a supervisor countersigns', async () => {
    const r = await record(REVIEWER, HH);
    expect(r.ok).toBe(true);
    veto = (r as { data: Veto }).data;
    expect(veto).toMatchObject({ status: 'recorded', householdId: HH, villageId: 'v-qingshan', barredUntil: null });
    expect(veto.history).toEqual([expect.objectContaining({ action: 'record', note: null })]);
    expect(await h.ok(VILLAGER, 'ledger', 'balance', {})).toMatchObject({ redeemable: 200 });
    expect((await scan(VILLAGER)).eligibility.allowed).toBe(true);
    // A retry (same reviewer, same requestId) returns the first record and writes nothing.
    const input = { requestId: 'veto-retry-0001', householdId: 'h-qs-3-06', item: '违法违纪', description: '参与聚众赌博，被派出所处罚', eventDate: '2026-11-15' };
    const first = await h.ok(REVIEWER, 'veto', 'record', input);
    const again = await expectNoWrite(() => h.ok(REVIEWER, 'veto', 'record', { ...input, description: '改过的经过，不应生效' }));
    expect(again).toEqual(first);
  });

  it.each([
    [VILLAGER, HH, 'FORBIDDEN'],
    [SUPERVISOR, HH, 'FORBIDDEN'],
    [ADMIN, HH, 'FORBIDDEN'],
    [REVIEWER_OTHER_VILLAGE, HH, 'NOT_FOUND'],
    [REVIEWER, 'h-lx-1-03', 'NOT_FOUND'],
    [REVIEWER, 'h-qs-1-11', 'OWN_HOUSEHOLD_REVIEW'], // the reviewer's own household
    [STRANGER, HH, 'NOT_REGISTERED'],
  ])('%s recording for %s is refused with %s, nothing written', async (who, householdId, code) => {
    expectRefused(await expectNoWrite(() => record(who, householdId)), code);
  });

  it.each([
    [{ eventDate: '2026-11-21' }, 'DATE_IN_FUTURE'],
    [{ eventDate: '2026-02-30' }, 'BAD_INPUT'],
    [{ description: '赌博' }, 'BAD_INPUT'],
    [{ item: '' }, 'BAD_INPUT'],
    [{ openid: SUPERVISOR }, 'BAD_INPUT'],
  ])('bad input %j is refused with %s, nothing written', async (over, code) => {
    expectRefused(await expectNoWrite(() => record(REVIEWER, HH, over)), code);
  });

  it.each([
    [REVIEWER, 'FORBIDDEN'],
    [VILLAGER, 'FORBIDDEN'],
    [ADMIN, 'FORBIDDEN'],
    [SUPERVISOR_OTHER_VILLAGE, 'NOT_FOUND'],
  ])('%s may not countersign (%s)', async (who, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'veto', 'countersign', { vetoId: veto._id })), code);
  });

  it('a supervisor countersigns: points cleared by veto entries, redemption barred until 1 January', async () => {
    const totalsBefore = (await villageTotals(h.db, 'v-qingshan')) as unknown as { outstandingPoints: number };
    const v = await h.ok(SUPERVISOR, 'veto', 'countersign', { vetoId: veto._id, note: '情况属实' });
    expect(v).toMatchObject({ status: 'effective', mode: 'clear_and_bar_year', barredUntil: '2027-01-01' });
    expect(v.history.map((x) => x.action)).toEqual(['record', 'countersign']);
    const entry = (await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(`veto-${veto._id}-r`).get()).data[0];
    expect(entry).toMatchObject({ kind: 'veto', bucket: 'redeemable', delta: -200, householdId: HH, sourceId: veto._id });
    // Nothing pending: no zero entry.
    expect((await h.db.collection(C.ledgerEntries).doc(`veto-${veto._id}-p`).get()).data).toHaveLength(0);
    expect(await h.ok(VILLAGER, 'ledger', 'balance', {})).toMatchObject({ redeemable: 0, pending: 0 });
    const totals = (await villageTotals(h.db, 'v-qingshan')) as unknown as { outstandingPoints: number };
    expect(totals.outstandingPoints).toBe(totalsBefore.outstandingPoints - 200);
    const hh = (await h.db.collection(C.households).doc(HH).get()).data[0] as unknown as { vetoedUntil: string };
    expect(hh.vetoedUntil).toBe('2027-01-01');
  });

  it('countersigning twice is refused', async () => {
    expectRefused(await expectNoWrite(() => h.call(SUPERVISOR_2, 'veto', 'countersign', { vetoId: veto._id })), 'INVALID_TRANSITION');
  });

  it('new points accrue, but the shop shows the veto and refuses until 1 January', async () => {
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: HH, points: 30, reason: '补录：义务劳动' });
    const s = await scan(VILLAGER);
    expect(s.eligibility.allowed).toBe(false);
    expect(s.eligibility.reasons.join()).toMatch(/一票否决.*2027-01-01/);
    h.setNow(Date.parse('2026-12-31T23:00:00+08:00'));
    expect((await scan(VILLAGER)).eligibility.allowed).toBe(false);
    h.setNow(Date.parse('2027-01-01T09:00:00+08:00'));
    const after = await scan(VILLAGER);
    expect(after.eligibility.reasons.join()).not.toMatch(/一票否决/);
    expect(after.eligibility.allowed).toBe(true);
    h.setNow(NOW);
  });

  it('the household sees its veto and the reason; the committees and admin list it', async () => {
    const mine = await h.ok(VILLAGER, 'veto', 'mine', {});
    expect(mine.items).toEqual([expect.objectContaining({ _id: veto._id, item: '违法违纪', description: '参与聚众赌博，被派出所处罚', barredUntil: '2027-01-01' })]);
    expect((await h.ok(OTHER_HOUSEHOLD, 'veto', 'mine', {})).items).toEqual([]);
    for (const who of [SUPERVISOR, REVIEWER, ADMIN]) {
      const list = await h.ok(who, 'veto', 'list', {});
      expect(list.items.map((x) => x._id)).toContain(veto._id);
    }
    expect((await h.ok(TOWN, 'veto', 'list', { villageId: 'v-qingshan' })).items.map((x) => x._id)).toContain(veto._id);
    expect((await h.ok(ADMIN_OTHER_VILLAGE, 'veto', 'list', {})).items).toEqual([]);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'veto', 'list', { villageId: 'v-qingshan' }), 'NOT_FOUND');
    expectRefused(await h.call(VILLAGER, 'veto', 'list', {}), 'FORBIDDEN');
    expectRefused(await h.call(TOWN, 'veto', 'list', {}), 'FORBIDDEN');
  });
});

describe('reject', () => {
  it('a supervisor refuses with a reason: nothing else changes', async () => {
    const v = (await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-3-04', item: '违法违纪', description: '据反映私自占用集体土地', eventDate: '2026-11-18' }));
    expectRefused(await expectNoWrite(() => h.call(SUPERVISOR, 'veto', 'reject', { vetoId: v._id, reason: '' })), 'BAD_INPUT');
    const balanceBefore = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-04' });
    const r = await h.ok(SUPERVISOR, 'veto', 'reject', { vetoId: v._id, reason: '经核实系误报' });
    expect(r).toMatchObject({ status: 'rejected', barredUntil: null });
    expect(r.history[1]).toMatchObject({ action: 'reject', note: '经核实系误报' });
    expect(await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-04' })).toEqual(balanceBefore);
    const hh = (await h.db.collection(C.households).doc('h-qs-3-04').get()).data[0] as unknown as { vetoedUntil?: string };
    expect(hh.vetoedUntil ?? null).toBeNull();
    expectRefused(await h.call(SUPERVISOR, 'veto', 'countersign', { vetoId: v._id }), 'INVALID_TRANSITION');
    const pending = await h.ok(SUPERVISOR, 'veto', 'list', { status: 'recorded' });
    expect(pending.items.map((x) => x._id)).not.toContain(v._id);
  });
});

describe('veto under bar_months (seed 000: keeps accruing, no redemption for the period)', () => {
  it('points are kept; the shop refuses until barMonths after the event date', async () => {
    await h.ok(ADMIN, 'catalogue', 'setRules', { veto: { mode: 'bar_months', barMonths: 3 } });
    const v = await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-2-05', item: '违法违纪', description: '酒后驾驶被交警处罚', eventDate: '2026-11-10' });
    const done = await h.ok(SUPERVISOR_2, 'veto', 'countersign', { vetoId: v._id });
    expect(done).toMatchObject({ status: 'effective', mode: 'bar_months', barredUntil: '2027-02-10' });
    expect(await h.ok(OTHER_HOUSEHOLD, 'ledger', 'balance', {})).toMatchObject({ redeemable: 120 });
    expect((await h.db.collection(C.ledgerEntries).where({ householdId: 'h-qs-2-05', kind: 'veto' }).get()).data).toHaveLength(0);
    const s = await scan(OTHER_HOUSEHOLD);
    expect(s.eligibility.allowed).toBe(false);
    expect(s.eligibility.reasons.join()).toMatch(/一票否决.*2027-02-10/);
    h.setNow(Date.parse('2027-02-09T12:00:00+08:00'));
    expect((await scan(OTHER_HOUSEHOLD)).eligibility.allowed).toBe(false);
    h.setNow(Date.parse('2027-02-10T08:00:00+08:00'));
    expect((await scan(OTHER_HOUSEHOLD)).eligibility.allowed).toBe(true);
    h.setNow(NOW);
  });

  it('a second, shorter veto never shortens the bar (the later date is kept)', async () => {
    const v = await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-2-05', item: '违法违纪', description: '再次违规，情节较轻', eventDate: '2026-10-01' });
    await h.ok(SUPERVISOR_2, 'veto', 'countersign', { vetoId: v._id });
    const hh = (await h.db.collection(C.households).doc('h-qs-2-05').get()).data[0] as unknown as { vetoedUntil: string };
    expect(hh.vetoedUntil).toBe('2027-02-10');
  });

  it('the supervisor living in the household may not countersign its veto', async () => {
    const v = await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-1-17', item: '违法违纪', description: '据反映乱倒建筑垃圾', eventDate: '2026-11-12' });
    expectRefused(await expectNoWrite(() => h.call(SUPERVISOR, 'veto', 'countersign', { vetoId: v._id })), 'OWN_HOUSEHOLD_REVIEW');
  });
});

describe('veto.households (the record form picker)', () => {
  it('a reviewer sees the village grids and a grid households; others are refused', async () => {
    const r = await h.ok(REVIEWER, 'veto', 'households', {});
    expect(r.grids.map((g) => g.id)).toEqual(['g-qs-1', 'g-qs-2', 'g-qs-3']);
    expect(r.gridId).toBe('g-qs-1');
    expect(r.items).toHaveLength(20);
    expect((await h.ok(REVIEWER, 'veto', 'households', { gridId: 'g-qs-2' })).items[0].id).toMatch(/^h-qs-2-/);
    expectRefused(await h.call(REVIEWER, 'veto', 'households', { gridId: 'g-lx-1' }), 'NOT_FOUND');
    expectRefused(await h.call(VILLAGER, 'veto', 'households', {}), 'FORBIDDEN');
  });
});

describe('supervisors read the redemption trail (shop.receipts)', () => {
  it('a supervisor lists the village receipts by default; another village sees none of them', async () => {
    h.setNow(Date.parse('2027-01-02T09:00:00+08:00')); // after the veto's bar
    const { code: fresh } = await h.ok(VILLAGER, 'shop', 'myCode', {});
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: 'veto-receipt-0001', code: fresh, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
    h.setNow(NOW);
    const mine = await h.ok(SUPERVISOR, 'shop', 'receipts', {});
    expect(mine.items.map((r) => r._id)).toContain(receipt._id);
    expect(mine.items.every((r) => r.villageId === 'v-qingshan')).toBe(true);
    expect((await h.ok(SUPERVISOR, 'shop', 'receipts', { scope: 'village' })).items.map((r) => r._id)).toContain(receipt._id);
    const other = await h.ok(SUPERVISOR_OTHER_VILLAGE, 'shop', 'receipts', {});
    expect(other.items.every((r) => r.villageId === 'v-liuxi')).toBe(true);
    expectRefused(await h.call(REVIEWER, 'shop', 'receipts', { scope: 'village' }), 'FORBIDDEN');
  });
});

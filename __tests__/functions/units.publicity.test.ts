/**
 * Issue 13 part 2 (units, slice 3): a unit's month results (单位积分) go on the quarter's
 * publicity as its own line after the households', never on the 红黑榜; the town's approval makes
 * them redeemable in the unit's ledger; the 年度评比 ranks units on their own line; and the shop
 * lets a unit redeem only where the village's rules say so (unitsRedeem, default no).
 */
import { C } from '@backend/repos/collections';
import type { Household } from '@domain/org/types';
import type { Publicity } from '@domain/publicity/types';
import { ledgerViolations } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, OTHER_HOUSEHOLD, REVIEWER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE, WORKER_G2 } from '../support/people';
import type { LedgerEntry } from '@domain/ledger/types';
import { objectionEntryId } from '@domain/publicity/ids';
import { expectRefused, expectNoWriteIn } from '../support/refusals';
import { Q, closeMonths, postMonth, setBaseScore } from './publicity.fixture';

jest.setTimeout(60_000);

let h: Harness;
const QS = 'v-qingshan';
const SHOP = 'unit_qs-shop';
const ELDERS = 'unit_qs-elders';
const RESPONSIBLE = OTHER_HOUSEHOLD;
const DAY = 86_400_000;
let n = 0;
const rid = () => `unitpub-${++n}-${Date.now().toString(36)}`;

beforeAll(async () => {
  h = await openHarness();
  const { data: households } = await h.db.collection<Household>(C.households).where({ villageId: QS }).limit(100).get();
  for (const hh of households) await setBaseScore(h.db, QS, hh._id, 8);
  await postMonth(h.db, QS, 'h-qs-1-03', '2026-07', 20);
  // The shop out-scores every household: still not on the 红榜.
  await postMonth(h.db, QS, SHOP, '2026-07', 200);
  await postMonth(h.db, QS, SHOP, '2026-08', 15);
  await postMonth(h.db, QS, ELDERS, '2026-09', 10);
  await closeMonths(h.db, QS);
}, 120_000);
afterAll(async () => h?.close());

async function publicityDoc(): Promise<Publicity> {
  return (await h.db.collection<Publicity>(C.publicities).doc(`${QS}_${Q}`).get()).data[0];
}

describe('units on the quarter\'s publicity', () => {
  it('each unit has its own line after the households\', unmasked, and none is on the 红黑榜', async () => {
    await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    const p = await publicityDoc();
    expect(p).toMatchObject({ status: 'open', householdCount: 60, unitCount: 2 });
    expect(p.history.find((x) => x.action === 'published')?.note).toMatch(/60 户、2 个单位/);
    const { items, total } = await h.ok(VILLAGER, 'publicity', 'lines', { quarter: Q, offset: 0, limit: 100 });
    expect(total).toBe(62);
    expect(items.slice(0, 60).every((l) => l.subject === undefined)).toBe(true);
    expect(items.slice(60)).toEqual([
      expect.objectContaining({ householdId: SHOP, subject: 'unit', name: '青山便民超市', doorNo: '商铺', gridName: '单位', months: [200, 15, 0], baseScore: 0, total: 215 }),
      expect.objectContaining({ householdId: ELDERS, subject: 'unit', name: '青山老年协会', doorNo: '协会', months: [0, 0, 10], total: 10 }),
    ]);
    const rb = (await h.ok(VILLAGER, 'publicity', 'redBlack', { quarter: Q }))!;
    expect(rb.quarterTop[0]).toMatchObject({ householdId: 'h-qs-1-03', points: 28 });
    expect([...rb.quarterTop, ...rb.quarterBlack, ...rb.yearTop, ...rb.yearBlack].some((l) => l.householdId.startsWith('unit_'))).toBe(false);
  });

  it('异议 on a unit\'s line: any villager of the village, in the window; others learn nothing', async () => {
    const input = { requestId: rid(), quarter: Q, householdId: SHOP, reason: '超市七月的积分偏高', photos: [] };
    expectRefused(await expectNoWriteIn(h.db, () => h.call(VILLAGER_OTHER_VILLAGE, 'publicity', 'object', input)), 'NOT_FOUND');
    expectRefused(await expectNoWriteIn(h.db, () => h.call(VILLAGER, 'publicity', 'object', { ...input, householdId: 'unit_none' })), 'NOT_FOUND');
    const o = await h.ok(VILLAGER, 'publicity', 'object', input);
    expect(o).toMatchObject({ status: 'open', householdId: SHOP, subject: 'unit', lineLabel: '青山便民超市（商铺）' });
    expect((await h.ok(VILLAGER, 'publicity', 'object', input))._id).toBe(o._id);
    expect((await publicityDoc()).openObjections).toBe(1);
    // The committees find it among the village's objections and answer as for a household: dismissed here.
    expect((await h.ok(SUPERVISOR, 'publicity', 'objections', { scope: 'village', quarter: Q })).items.map((x) => x._id)).toContain(o._id);
    await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '核实无误' });
    expect(await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '同意' })).toMatchObject({ status: 'dismissed', correctionEntryId: null });
  });

  it('an upheld objection corrects the unit\'s line and posts to the unit\'s own ledger', async () => {
    const o = await h.ok(OTHER_HOUSEHOLD, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: ELDERS, reason: '协会九月义演漏记 3 分', photos: [] });
    await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: 3, reason: '核实属实，补记 3 分' });
    const done = await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: 3, reason: '同意' });
    expect(done).toMatchObject({ status: 'upheld', correctionEntryId: objectionEntryId(o._id) });
    const entry = (await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(objectionEntryId(o._id)).get()).data[0];
    expect(entry).toMatchObject({ householdId: ELDERS, kind: 'objection', bucket: 'pending', delta: 3, period: Q });
    const { items } = await h.ok(VILLAGER, 'publicity', 'lines', { quarter: Q, offset: 60, limit: 10 });
    expect(items.find((l) => l.householdId === ELDERS)).toMatchObject({ corrections: 3, total: 13 });
    expect((await publicityDoc()).openObjections).toBe(0);
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it('the town\'s approval makes a unit\'s quarter redeemable in its own ledger', async () => {
    h.setNow(NOW + 8 * DAY);
    await h.ok(ADMIN, 'publicity', 'close', { quarter: Q });
    await h.ok(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'approve' });
    expect((await publicityDoc()).status).toBe('approved');
    // past the window, a unit's line takes no more objections (as a household's)
    expectRefused(
      await expectNoWriteIn(h.db, () => h.call(VILLAGER, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: SHOP, reason: '公示结束后才看到', photos: [] })),
      'PUBLICITY_CLOSED',
    );
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).unit.balance).toEqual({ pending: 0, redeemable: 215, spent: 0 });
    expect((await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).unit.balance).toMatchObject({ pending: 0, redeemable: 13 });
    expect(await ledgerViolations(h.db)).toEqual([]);
  });
});

describe('units in the 年度评比', () => {
  it('units are ranked on their own line, apart from the households\' honours', async () => {
    h.setNow(Date.parse('2027-01-06T10:00:00+08:00'));
    const r = await h.ok(ADMIN, 'ranking', 'draft', { requestId: rid(), year: 2026 });
    expect(r.units).toEqual([
      { rank: 1, unitId: SHOP, name: '青山便民超市', kindLabel: '商铺', points: 215 },
      { rank: 2, unitId: ELDERS, name: '青山老年协会', kindLabel: '协会', points: 13 }, // 10 + the upheld objection's 3
    ]);
    expect(r.lines.some((l) => l.householdId.startsWith('unit_'))).toBe(false);
    expect(r.householdCount).toBe(60);
    expect((await h.ok(REVIEWER, 'ranking', 'get', { year: 2026 })).ranking?.units?.[0]?.unitId).toBe(SHOP);
    h.setNow(NOW + 8 * DAY);
  });
});

describe('单位积分 at the shop (village policy unitsRedeem)', () => {
  it('by default a unit does not redeem: no code for it, nothing written', async () => {
    expect((await h.ok(ADMIN, 'catalogue', 'getRules', {})).unitsRedeem).toBe(false);
    expectRefused(await expectNoWriteIn(h.db, () => h.call(RESPONSIBLE, 'shop', 'myCode', { unitId: SHOP })), 'UNITS_DO_NOT_REDEEM');
  });

  it.each([
    ['the village admin (applies on its behalf, but holds no code)', ADMIN, SHOP],
    ['the grid worker of its grid', WORKER_G2, SHOP],
    ['a villager', VILLAGER, SHOP],
    ['the 负责人, for another unit', RESPONSIBLE, ELDERS],
    ['anyone, an unknown unit', RESPONSIBLE, 'unit_none'],
  ])('never gives a unit\'s code to %s', async (_name, who, unitId) => {
    expectRefused(await expectNoWriteIn(h.db, () => h.call(who, 'shop', 'myCode', { unitId })), 'NOT_FOUND');
  });

  it('only the village admin lets units redeem (村规设置)', async () => {
    for (const who of [REVIEWER, RESPONSIBLE, TOWN]) expectRefused(await h.call(who, 'catalogue', 'setRules', { unitsRedeem: true }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'catalogue', 'setRules', { unitsRedeem: 'yes' }), 'BAD_INPUT');
    expect((await h.ok(ADMIN, 'catalogue', 'setRules', { unitsRedeem: true })).unitsRedeem).toBe(true);
    // The unit page offers the code to the 负责人 alone.
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).canShowCode).toBe(true);
    for (const who of [ADMIN, WORKER_G2]) expect((await h.ok(who, 'units', 'get', { unitId: SHOP })).canShowCode).toBe(false);
  });

  it('where it may, the 负责人 shows the unit\'s code and the clerk charges the unit\'s points', async () => {
    const code = await h.ok(RESPONSIBLE, 'shop', 'myCode', { unitId: SHOP });
    expect(code).toMatchObject({ redeemable: 215, eligibility: { allowed: true } });
    const scan = await h.ok(CLERK, 'shop', 'scan', { code: code.code });
    expect(scan).toMatchObject({ householdLabel: '青山便民超市（商铺）', redeemable: 215, eligibility: { allowed: true } });
    const goods = (await h.ok(VILLAGER, 'shop', 'goods', {})).items[0];
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code: code.code, lines: [{ goodsId: goods._id, quantity: 1 }] });
    expect(receipt).toMatchObject({ householdId: SHOP, total: goods.price });
    expect((await h.ok(RESPONSIBLE, 'shop', 'codeStatus', { code: code.code })).state).toBe('used');
    // The unit's receipts (兑换记录) on its page, for its 负责人 and the village admin.
    for (const who of [RESPONSIBLE, ADMIN]) expect((await h.ok(who, 'units', 'get', { unitId: SHOP })).receipts.map((r) => r._id)).toEqual([receipt._id]);
    expect((await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).receipts).toEqual([]);
    expect((await h.ok(RESPONSIBLE, 'units', 'get', { unitId: SHOP })).unit.balance).toEqual({ pending: 0, redeemable: 215 - goods.price, spent: goods.price });
    // The 负责人 is told of the receipt, as a household's members are of theirs.
    const told = (await h.ok(RESPONSIBLE, 'notices', 'list', { limit: 50 })).items.filter((n: { kind: string }) => n.kind === 'redemption_receipt');
    expect(told).toHaveLength(1);
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it('when the village turns it off again, a unit\'s code already shown is refused at the till', async () => {
    const code = await h.ok(RESPONSIBLE, 'shop', 'myCode', { unitId: SHOP });
    await h.ok(ADMIN, 'catalogue', 'setRules', { unitsRedeem: false });
    expect((await h.ok(CLERK, 'shop', 'scan', { code: code.code })).eligibility).toMatchObject({ allowed: false, reasons: [expect.stringMatching(/单位积分只作评比荣誉/)] });
    const goods = (await h.ok(VILLAGER, 'shop', 'goods', {})).items[0];
    expectRefused(await expectNoWriteIn(h.db, () => h.call(CLERK, 'shop', 'redeem', { requestId: rid(), code: code.code, lines: [{ goodsId: goods._id, quantity: 1 }] })), 'NOT_ELIGIBLE');
  });
});

describe('村委调整 of a unit\'s points (ledger.adjust / ledger.reverse, as for a household)', () => {
  let adjustmentId: string;

  it('the village admin grants or deducts a unit\'s redeemable points with a reason, into the unit\'s own ledger', async () => {
    const before = (await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).unit.balance;
    const r = await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: ELDERS, points: 7, reason: '补录：协会组织重阳敬老' });
    expect(r.entry).toMatchObject({ householdId: ELDERS, kind: 'adjustment', bucket: 'redeemable', delta: 7, reason: '补录：协会组织重阳敬老' });
    expect(r.balance).toMatchObject({ householdId: ELDERS, householdName: '青山老年协会', doorNo: '协会', redeemable: before.redeemable + 7 });
    adjustmentId = r.entry._id;
    const v = await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS });
    expect(v.unit.balance.redeemable).toBe(before.redeemable + 7);
    expect(v.entries[0]).toMatchObject({ _id: adjustmentId, kind: 'adjustment' });
    // never below zero
    expectRefused(
      await expectNoWriteIn(h.db, () => h.call(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: ELDERS, points: -(before.redeemable + 8), reason: '扣减过多' })),
      'INSUFFICIENT_POINTS',
    );
    expect(await ledgerViolations(h.db)).toEqual([]);
  });

  it.each([
    ['its 负责人', RESPONSIBLE, SHOP, 'FORBIDDEN'],
    ['a reviewer', REVIEWER, SHOP, 'FORBIDDEN'],
    ['the grid worker of its grid', WORKER_G2, SHOP, 'FORBIDDEN'],
    ['the town admin', TOWN, SHOP, 'FORBIDDEN'],
    ['another village\'s admin', ADMIN_OTHER_VILLAGE, SHOP, 'NOT_FOUND'],
    ['the admin, an unknown unit', ADMIN, 'unit_none', 'NOT_FOUND'],
  ])('refuses %s and writes nothing', async (_name, who, unitId, code) => {
    expectRefused(await expectNoWriteIn(h.db, () => h.call(who, 'ledger', 'adjust', { requestId: rid(), householdId: unitId, points: 5, reason: '调整' })), code);
  });

  it('the admin reverses their own adjustment of a unit; what the committees and the town decided stays theirs', async () => {
    const before = (await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).unit.balance.redeemable;
    const r = await h.ok(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: adjustmentId, reason: '录错了单位' });
    expect(r.entry).toMatchObject({ householdId: ELDERS, kind: 'reversal', delta: -7, reverses: adjustmentId });
    expect(r.balance).toMatchObject({ householdName: '青山老年协会', redeemable: before - 7 });
    const approved = (await h.ok(ADMIN, 'units', 'get', { unitId: ELDERS })).entries.find((e) => e.kind === 'publicity');
    expect(approved).toBeDefined();
    expectRefused(await expectNoWriteIn(h.db, () => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: approved!._id, reason: '想撤回' })), 'COMMITTEE_DECISION');
    expectRefused(await expectNoWriteIn(h.db, () => h.call(ADMIN_OTHER_VILLAGE, 'ledger', 'reverse', { requestId: rid(), entryId: adjustmentId, reason: '想撤回' })), 'NOT_FOUND');
    expect(await ledgerViolations(h.db)).toEqual([]);
  });
});

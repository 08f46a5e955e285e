import { C } from '@backend/repos/collections';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { Household, Person } from '@domain/org/types';
import type { Objection, Publicity } from '@domain/publicity/types';
import { baseScoreEntryId, objectionEntryId, publicityMoveIds } from '@domain/publicity/ids';
import { ledgerViolations, readAll } from '../support/invariants';
import { JPEG, NOW, PDF, openHarness, upload, type Harness } from '../support/harness';
import {
  ADMIN,
  ADMIN_OTHER_VILLAGE,
  CLERK,
  OTHER_HOUSEHOLD,
  REVIEWER,
  REVIEWER_OTHER_VILLAGE,
  SUPERVISOR,
  TOWN,
  VILLAGER,
  VILLAGER_OTHER_VILLAGE,
} from '../support/people';
import { expectRefused } from '../support/refusals';
import { Q, closeMonths, effectiveVeto, postMonth, setBaseScore } from './publicity.fixture';

let h: Harness;
const QS = 'v-qingshan';
const REVIEWER_2 = 'demo-reviewer-1-2';
const SUPERVISOR_2 = 'demo-supervisor-1-2';
const DAY = 86_400_000;

// The quarter's month points (Jul, Aug, Sep) and base scores; every other 青山村 household has base 8 only.
const MONTHS: Record<string, [number, number, number]> = {
  'h-qs-1-03': [10, 5, 3], // the villager's household: 27 with base 9
  'h-qs-2-05': [30, 0, 0], // 38
  'h-qs-1-11': [0, 50, 0], // the reviewer's household (no points before): 59 with base 9
  'h-qs-3-04': [100, 0, 0], // 108, but vetoed in August: black list, not red
  'h-qs-1-05': [5, 0, -25], // −20, no base score; 95 redeemable absorbs it
  'h-qs-1-12': [0, 0, -15], // −15, no base score; nothing redeemable: stays pending
};
const BASE: Record<string, number> = { 'h-qs-1-03': 9, 'h-qs-1-11': 9, 'h-qs-1-05': 0, 'h-qs-1-12': 0 };

beforeAll(async () => {
  h = await openHarness();
  const { data: households } = await h.db.collection<Household>(C.households).where({ villageId: QS }).limit(100).get();
  for (const hh of households) {
    const base = BASE[hh._id] ?? 8;
    if (base) await setBaseScore(h.db, QS, hh._id, base);
  }
  for (const [hid, months] of Object.entries(MONTHS)) {
    for (let i = 0; i < 3; i++) if (months[i]) await postMonth(h.db, QS, hid, `2026-0${7 + i}`, months[i]);
  }
  await effectiveVeto(h.db, QS, 'h-qs-3-04', '2026-08-15');
}, 120_000);
afterAll(async () => h?.close());

const rid = (() => {
  let n = 0;
  return () => `pub-req-${++n}-${Date.now().toString(36)}`;
})();

async function balance(hid: string): Promise<Balance> {
  return (await h.db.collection<Balance>(C.balances).doc(hid).get()).data[0];
}
async function entry(id: string): Promise<LedgerEntry | undefined> {
  return (await h.db.collection<LedgerEntry>(C.ledgerEntries).doc(id).get()).data[0];
}
async function publicityDoc(): Promise<Publicity> {
  return (await h.db.collection<Publicity>(C.publicities).doc(`${QS}_${Q}`).get()).data[0];
}
/** Ledger invariants, except a pending bucket below zero (allowed: a quarter's deductions wait there). */
async function violations(): Promise<string[]> {
  const bad = await ledgerViolations(h.db);
  const balances = await readAll<Balance>(h.db, C.balances);
  const negativeRedeemable = balances.filter((b) => b.redeemable < 0 || b.spent < 0).map((b) => `${b._id}: negative`);
  return [...bad.filter((v) => !v.endsWith('negative balance')), ...negativeRedeemable];
}

describe('publicity.open (一季一公示)', () => {
  it('is refused while a month of the quarter is not closed by the audit, and writes nothing', async () => {
    const entries = await h.count(C.ledgerEntries);
    expectRefused(await h.call(ADMIN, 'publicity', 'open', { quarter: Q }), 'MONTHS_NOT_CLOSED', /2026-07/);
    expect(await h.count(C.publicities)).toBe(0);
    expect(await h.count(C.ledgerEntries)).toBe(entries);
  });

  it.each([VILLAGER, REVIEWER, SUPERVISOR, TOWN])('%s may not publish', async (who) => {
    expectRefused(await h.call(who, 'publicity', 'open', { quarter: Q }), 'FORBIDDEN');
  });

  it('refuses a malformed quarter and a quarter not yet over', async () => {
    expectRefused(await h.call(ADMIN, 'publicity', 'open', { quarter: '2026-Q5' }), 'BAD_INPUT', /季度/);
    expectRefused(await h.call(ADMIN, 'publicity', 'open', { quarter: '2026-Q4' }), 'INVALID_TRANSITION', /尚未结束/);
    expect(await h.count(C.publicities)).toBe(0);
  });

  it('publishes every household with month points, base score and total; posts base scores pending', async () => {
    await closeMonths(h.db, QS);
    const v = await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    expect(v).toMatchObject({ status: 'open', householdCount: 60, startDate: '2026-11-20', endDate: '2026-11-26', openObjections: 0 });
    expect(v.history.map((x) => x.action)).toEqual(['open', 'published']);
    const bs = await entry(baseScoreEntryId(QS, Q, 'h-qs-1-03'));
    expect(bs).toMatchObject({ kind: 'base_score', bucket: 'pending', delta: 9, period: Q, householdId: 'h-qs-1-03' });
    expect(await entry(baseScoreEntryId(QS, Q, 'h-qs-1-05'))).toBeUndefined();
    expect((await balance('h-qs-1-03')).pending).toBe(27);
    expect(await violations()).toEqual([]);
  });

  it('opening again changes nothing', async () => {
    const before = await h.count(C.ledgerEntries);
    const again = await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    expect(again.status).toBe('open');
    expect(await h.count(C.ledgerEntries)).toBe(before);
  });
});

describe('publicity.get / lines', () => {
  it('shows the villager their own line and what they may do', async () => {
    const v = await h.ok(VILLAGER, 'publicity', 'get', {});
    expect(v?.myLine).toMatchObject({ householdId: 'h-qs-1-03', months: [10, 5, 3], baseScore: 9, corrections: 0, total: 27 });
    expect(v?.can).toMatchObject({ object: true, close: false, townDecide: false, decideObjections: false, export: false });
    expect((await h.ok(ADMIN, 'publicity', 'get', { quarter: Q }))?.can).toMatchObject({ close: true, export: true });
  });

  it('masks names and carries nothing personal (no full name, no id or phone)', async () => {
    const { items, total } = await h.ok(VILLAGER, 'publicity', 'lines', { quarter: Q, offset: 0, limit: 100 });
    // 60 households, then the village's 2 units (单位积分: their own lines, names as registered).
    expect(total).toBe(62);
    expect(items).toHaveLength(62);
    expect(items.slice(60).map((l) => l.subject)).toEqual(['unit', 'unit']);
    const people = await readAll<Person>(h.db, C.people);
    const text = JSON.stringify(items);
    for (const p of people.filter((x) => x.villageId === QS && Array.from(x.name).length >= 2)) expect(text).not.toContain(p.name);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    for (const l of items.slice(0, 60)) {
      expect(Object.keys(l).sort()).toEqual(['baseScore', 'corrections', 'doorNo', 'gridName', 'householdId', 'months', 'name', 'total']);
      expect(l.name).toMatch(/\*/);
    }
    // List order: grid, then door number read naturally.
    expect(items.slice(0, 3).map((l) => l.doorNo)).toEqual(['一组1号', '一组2号', '一组3号']);
    expect(items[9].doorNo).toBe('一组10号');
  });

  it('pages', async () => {
    const page = await h.ok(REVIEWER, 'publicity', 'lines', { quarter: Q, offset: 50, limit: 20 });
    expect(page.items).toHaveLength(12);
    expect(page.offset).toBe(50);
  });

  it('another village sees nothing of it', async () => {
    for (const who of [VILLAGER_OTHER_VILLAGE, ADMIN_OTHER_VILLAGE, REVIEWER_OTHER_VILLAGE]) {
      expectRefused(await h.call(who, 'publicity', 'lines', { villageId: QS, quarter: Q }), 'NOT_FOUND');
      expectRefused(await h.call(who, 'publicity', 'get', { villageId: QS }), 'NOT_FOUND');
    }
    expect(await h.ok(VILLAGER_OTHER_VILLAGE, 'publicity', 'get', {})).toBeNull();
  });
});

describe('objections (异议)', () => {
  let photo: string;
  let objectionId: string;
  beforeAll(async () => {
    photo = await upload(h, JPEG, OTHER_HOUSEHOLD);
  });

  it('a villager of another village cannot object, and nothing is written', async () => {
    const input = { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '积分偏高', photos: [] };
    expectRefused(await h.call(VILLAGER_OTHER_VILLAGE, 'publicity', 'object', input), 'NOT_FOUND');
    expect(await h.count(C.objections)).toBe(0);
  });

  it('refuses bad input without writing', async () => {
    const base = { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', photos: [] };
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'publicity', 'object', { ...base, reason: '' }), 'BAD_INPUT', /异议理由/);
    const pdf = await upload(h, PDF, OTHER_HOUSEHOLD);
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'publicity', 'object', { ...base, reason: '证据见附件', photos: [pdf] }), 'PHOTO_NOT_IMAGE');
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'publicity', 'object', { ...base, reason: '证据见附件', photos: ['no-such-file'] }), 'BAD_INPUT');
    expect(await h.count(C.objections)).toBe(0);
    expect((await publicityDoc()).openObjections).toBe(0);
  });

  it('a villager files one with photos; a retry gets the same objection', async () => {
    const input = { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '七月的志愿服务漏记了 5 分', photos: [photo] };
    const o = await h.ok(OTHER_HOUSEHOLD, 'publicity', 'object', input);
    expect(o).toMatchObject({ status: 'open', householdId: 'h-qs-1-03', lineLabel: expect.stringMatching(/一组3号/) });
    expect(o.photos[0]).toMatchObject({ fileId: photo, url: expect.any(String) });
    const again = await h.ok(OTHER_HOUSEHOLD, 'publicity', 'object', input);
    expect(again._id).toBe(o._id);
    expect((await publicityDoc()).openObjections).toBe(1);
    objectionId = o._id;
  });

  it('the publicity cannot close while it is open or an objection is undecided', async () => {
    expectRefused(await h.call(ADMIN, 'publicity', 'close', { quarter: Q }), 'PUBLICITY_WINDOW', /2026-11-26/);
    h.setNow(NOW + 6 * DAY); // the end date
    expectRefused(await h.call(ADMIN, 'publicity', 'close', { quarter: Q }), 'OBJECTIONS_OPEN');
    h.setNow(NOW);
    expect((await publicityDoc()).status).toBe('open');
  });

  it('needs a reviewer and a supervisor: villagers and other villages may not decide', async () => {
    const input = { objectionId, outcome: 'uphold' as const, points: 5, reason: '核实属实' };
    expectRefused(await h.call(VILLAGER, 'publicity', 'decideObjection', input), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'publicity', 'decideObjection', input), 'FORBIDDEN');
    expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'publicity', 'decideObjection', input), 'NOT_FOUND');
    expectRefused(await h.call(REVIEWER, 'publicity', 'decideObjection', { ...input, points: undefined }), 'BAD_INPUT', /更正的积分/);
  });

  it('upheld with both signatures: a correction entry, the line and the objector all show it', async () => {
    const pendingBefore = (await balance('h-qs-1-03')).pending;
    const proposed = await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 5, reason: '核实属实，补记 5 分' });
    expect(proposed.status).toBe('proposed');
    expect(await entry(objectionEntryId(objectionId))).toBeUndefined();
    expectRefused(await h.call(REVIEWER_2, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 5, reason: '同意' }), 'INVALID_TRANSITION', /监督小组/);

    const done = await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 5, reason: '同意，补记 5 分' });
    expect(done).toMatchObject({ status: 'upheld', reviewerSignature: { name: expect.any(String) }, supervisorSignature: { name: expect.any(String) } });
    expect(done.history.map((x) => x.action)).toEqual(['file', 'propose', 'countersign']);
    expect(await entry(objectionEntryId(objectionId))).toMatchObject({ kind: 'objection', bucket: 'pending', delta: 5, period: Q, sourceId: objectionId });
    expect((await balance('h-qs-1-03')).pending).toBe(pendingBefore + 5);
    const v = await h.ok(VILLAGER, 'publicity', 'get', {});
    expect(v?.myLine).toMatchObject({ corrections: 5, total: 32 });
    expect(v?.openObjections).toBe(0);

    const mine = await h.ok(OTHER_HOUSEHOLD, 'publicity', 'objections', { scope: 'mine' });
    expect(mine.items[0]).toMatchObject({ _id: objectionId, status: 'upheld', statusLabel: '异议成立，已更正', decisionText: expect.stringMatching(/更正 \+5 分/) });
    expectRefused(await h.call(SUPERVISOR_2, 'publicity', 'decideObjection', { objectionId, outcome: 'dismiss', reason: '再议' }), 'INVALID_TRANSITION');
    expect(await violations()).toEqual([]);
  });

  it('dismissed after a disagreement; nobody decides on their own household', async () => {
    const o = await h.ok(VILLAGER, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: 'h-qs-1-11', reason: '八月积分可能重复', photos: [] });
    expectRefused(await h.call(REVIEWER, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '不成立' }), 'OWN_HOUSEHOLD_REVIEW');
    await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: -10, reason: '应扣回 10 分' });
    const disagreed = await h.ok(REVIEWER_2, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '查实不重复' });
    expect(disagreed).toMatchObject({ status: 'proposed', decision: { outcome: 'dismiss' }, supervisorSignature: null });
    const final = await h.ok(SUPERVISOR_2, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '同意不成立' });
    expect(final).toMatchObject({ status: 'dismissed', correctionEntryId: null });
    expect(final.history.map((x) => x.action)).toEqual(['file', 'propose', 'disagree', 'countersign']);
    expect(await entry(objectionEntryId(o._id))).toBeUndefined();
    const mine = await h.ok(VILLAGER, 'publicity', 'objections', {});
    expect(mine.items[0]).toMatchObject({ status: 'dismissed', decisionText: expect.stringMatching(/不成立/) });
  });

  it('supervisors and reviewers see every objection with the objector; villagers only their own', async () => {
    const all = await h.ok(SUPERVISOR, 'publicity', 'objections', { scope: 'village', quarter: Q });
    expect(all.total).toBe(2);
    const open = await h.ok(REVIEWER, 'publicity', 'objections', { scope: 'village', quarter: Q, status: 'upheld' });
    expect(open.items.map((o) => o._id)).toEqual([objectionId]);
    expectRefused(await h.call(VILLAGER, 'publicity', 'objections', { scope: 'village' }), 'FORBIDDEN');
  });
});

describe('close, town review (镇复核) and 红黑榜', () => {
  it('the red list ranks the quarter, the vetoed household is on the black list instead', async () => {
    const rb = await h.ok(VILLAGER, 'publicity', 'redBlack', {});
    expect(rb?.visible).toBe(true);
    expect(rb?.quarterTop.slice(0, 3).map((r) => [r.householdId, r.points, r.rank])).toEqual([
      ['h-qs-1-11', 59, 1],
      ['h-qs-2-05', 38, 2],
      ['h-qs-1-03', 32, 3],
    ]);
    expect(rb?.quarterTop).toHaveLength(10);
    expect(rb?.quarterTop.slice(3).every((r) => r.points === 8 && r.rank === 4)).toBe(true);
    expect(rb?.quarterTop.map((r) => r.householdId)).not.toContain('h-qs-3-04');
    expect(rb?.quarterBlack.map((b) => [b.householdId, b.eventDate])).toEqual([['h-qs-3-04', '2026-08-15']]);
    expect(rb?.yearTop).toEqual([]); // no approved quarter yet
  });

  it("visibility 'committee': villagers see no lists, the committees do", async () => {
    await h.db.collection(C.villages).doc(QS).update({ 'policy.redBlackVisibility': 'committee' });
    const villager = await h.ok(VILLAGER, 'publicity', 'redBlack', {});
    expect(villager).toMatchObject({ visible: false, visibility: 'committee', quarterTop: [], quarterBlack: [] });
    for (const who of [REVIEWER, SUPERVISOR, ADMIN]) expect((await h.ok(who, 'publicity', 'redBlack', {}))?.quarterTop).toHaveLength(10);
    expect((await h.ok(TOWN, 'publicity', 'redBlack', { villageId: QS }))?.visible).toBe(true);
    await h.db.collection(C.villages).doc(QS).update({ 'policy.redBlackVisibility': 'village' });
  });

  it('the village closes after the window; objections are then refused', async () => {
    expectRefused(await h.call(SUPERVISOR, 'publicity', 'close', { quarter: Q }), 'FORBIDDEN');
    h.setNow(NOW + 6 * DAY);
    const v = await h.ok(ADMIN, 'publicity', 'close', { quarter: Q });
    expect(v.status).toBe('closed');
    expect((await h.ok(ADMIN, 'publicity', 'close', { quarter: Q })).status).toBe('closed'); // a retry
    const late = { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '还有问题', photos: [] };
    expectRefused(await h.call(OTHER_HOUSEHOLD, 'publicity', 'object', late), 'PUBLICITY_CLOSED');
  });

  it('the town sees every village and the export is the bulletin-board sheet', async () => {
    const q = await h.ok(TOWN, 'publicity', 'townQueue', { quarter: Q });
    expect(q.rows.map((r) => [r.villageId, r.status])).toEqual([
      ['v-liuxi', 'not_opened'],
      [QS, 'closed'],
    ]);
    for (const who of [ADMIN, VILLAGER]) expectRefused(await h.call(who, 'publicity', 'townQueue', {}), 'FORBIDDEN');
    const sheet = await h.ok(ADMIN, 'publicity', 'export', { quarter: Q });
    expect(sheet.filename).toBe('青山村-积分公示表-2026-Q3.csv');
    expect(sheet.content.split('\r\n')[0]).toBe('\uFEFF序号,网格,门牌号,户主,7月积分,8月积分,9月积分,基础评分,异议更正,本季合计');
    expect(sheet.content).toMatch(/一组3号,[^,]*\*[^,]*,10,5,3,9,5,32/);
    expectRefused(await h.call(VILLAGER, 'publicity', 'export', { quarter: Q }), 'FORBIDDEN');
  });

  it('the town sends it back with a reason; the village republishes and closes again', async () => {
    expectRefused(await h.call(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'return' }), 'REASON_REQUIRED');
    expect((await publicityDoc()).status).toBe('closed');
    expectRefused(await h.call(ADMIN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'approve' }), 'FORBIDDEN');
    const back = await h.ok(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'return', reason: '请核实三组4号的一票否决' });
    expect(back).toMatchObject({ status: 'returned', returnReason: '请核实三组4号的一票否决' });
    expect((await h.ok(ADMIN, 'publicity', 'get', { quarter: Q }))?.can).toMatchObject({ reopen: true, close: true });
    const reopened = await h.ok(ADMIN, 'publicity', 'reopen', { quarter: Q });
    expect(reopened).toMatchObject({ status: 'open', startDate: '2026-11-26', endDate: '2026-12-02' });
    h.setNow(NOW + 12 * DAY);
    await h.ok(ADMIN, 'publicity', 'close', { quarter: Q });
    expect((await publicityDoc()).history.map((x) => x.action)).toEqual(['open', 'published', 'close', 'town_return', 'reopen', 'close']);
  });

  it('a veto that takes effect while the quarter awaits review clears the pending points', async () => {
    // 二组5号 (38 this quarter) gets a veto countersigned now, under the clearing policy: its
    // pending points go to zero, and the town's approval must not bring them back.
    const recorded = await h.ok(REVIEWER_2, 'veto', 'record', {
      requestId: rid(),
      householdId: 'h-qs-2-05',
      item: '违法违纪',
      description: '因违法行为被依法处理，按村规民约一票否决',
      eventDate: '2026-12-01',
    });
    const veto = await h.ok(SUPERVISOR_2, 'veto', 'countersign', { vetoId: recorded._id });
    expect(veto.status).toBe('effective');
    expect((await balance('h-qs-2-05')).pending).toBe(0);
  });

  it('approval moves each quarter pending → redeemable (negatives only as far as redeemable absorbs)', async () => {
    const before = await Promise.all(['h-qs-1-03', 'h-qs-1-05', 'h-qs-1-12', 'h-qs-1-11'].map(balance));
    const v = await h.ok(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'approve' });
    expect(v.status).toBe('approved');
    const after = await Promise.all(['h-qs-1-03', 'h-qs-1-05', 'h-qs-1-12', 'h-qs-1-11'].map(balance));
    expect(after[0].redeemable - before[0].redeemable).toBe(32);
    expect(after[0].pending - before[0].pending).toBe(-32);
    expect(after[1].redeemable - before[1].redeemable).toBe(-20);
    expect(after[2]).toMatchObject({ redeemable: 0, pending: -15 }); // nothing to absorb it: stays pending
    expect(after[3]).toMatchObject({ redeemable: 59, pending: 0 });
    const ids = publicityMoveIds(QS, Q, 'h-qs-1-03');
    expect(await entry(ids.pending)).toMatchObject({ kind: 'publicity', bucket: 'pending', delta: -32, period: Q });
    expect(await entry(ids.redeemable)).toMatchObject({ kind: 'publicity', bucket: 'redeemable', delta: 32, period: Q });
    expect(await entry(publicityMoveIds(QS, Q, 'h-qs-1-12').pending)).toBeUndefined();
    // The vetoed household's cleared quarter stays cleared: nothing moved, nothing redeemable gained.
    expect(await entry(publicityMoveIds(QS, Q, 'h-qs-2-05').redeemable)).toBeUndefined();
    expect(await balance('h-qs-2-05')).toMatchObject({ pending: 0, redeemable: 0 });
    expect(await violations()).toEqual([]);
    const rb = await h.ok(VILLAGER, 'publicity', 'redBlack', {});
    expect(rb?.yearTop[0]).toMatchObject({ householdId: 'h-qs-1-11', points: 59 });
    // The year's black list also has the veto that took effect in December.
    expect(rb?.yearBlack.map((b) => b.householdId)).toEqual(['h-qs-3-04', 'h-qs-2-05']);
  });

  it('approving again writes nothing; sending back an approved quarter is refused', async () => {
    const n = await h.count(C.ledgerEntries);
    expectRefused(await h.call(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'approve' }), 'INVALID_TRANSITION');
    expectRefused(await h.call(TOWN, 'publicity', 'townDecide', { villageId: QS, quarter: Q, decision: 'return', reason: '再看看' }), 'INVALID_TRANSITION');
    expect(await h.count(C.ledgerEntries)).toBe(n);
  });

  it('the household can now redeem its publicised points at the shop', async () => {
    h.setNow(NOW + 12 * DAY);
    const { code } = await h.ok(REVIEWER, 'shop', 'myCode', {});
    const scan = await h.ok(CLERK, 'shop', 'scan', { code });
    expect(scan).toMatchObject({ redeemable: 59, eligibility: { allowed: true } });
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }] });
    expect(receipt).toMatchObject({ total: 5 });
    expect((await balance('h-qs-1-11')).redeemable).toBe(54);
  });

  it('keeps an append-only history of objections as stored', async () => {
    const all = await readAll<Objection>(h.db, C.objections);
    expect(all.every((o) => o.history.length >= 1 && o.history.every((x) => x.actorId && x.at))).toBe(true);
  });
});

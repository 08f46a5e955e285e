import { C } from '@backend/repos/collections';
import { postToLedger } from '@backend/ledger/post';
import { NOT_REVERSIBLE } from '@domain/ledger/policy';
import { ledgerViolations, villageTotals } from '../support/invariants';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, CLERK, CLERK_OTHER_VILLAGE, HEAD, OTHER_HOUSEHOLD, REVIEWER, REVIEWER_OTHER_VILLAGE, STRANGER, SUPERVISOR, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectNoWriteIn, expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

// The test household (青山村 一组3号) starts with 200 redeemable points.
const HH = 'h-qs-1-03';

let seq = 0;
const rid = () => `ledger-req-${++seq}-${Date.now().toString(36)}`;

const expectNoWrite = <T>(fn: () => Promise<T>): Promise<T> => expectNoWriteIn(h.db, fn);

describe('ledger.balance', () => {
  it.each([
    [VILLAGER, HH, 200],
    [HEAD, HH, 200],
    [OTHER_HOUSEHOLD, 'h-qs-2-05', 120],
  ])('%s sees their own household (%s): %i redeemable, with its door number', async (who, householdId, redeemable) => {
    const b = await h.ok(who, 'ledger', 'balance', {});
    expect(b).toMatchObject({ householdId, redeemable, pending: 0, spent: 0, villageId: 'v-qingshan' });
    expect(b.doorNo).toMatch(/组\d+号$/);
    expect(await h.ok(who, 'ledger', 'balance', { householdId })).toEqual(b);
  });

  it.each([WORKER_G1, REVIEWER, SUPERVISOR, ADMIN, CLERK])('%s (also a villager) sees their own household', async (who) => {
    const b = await h.ok(who, 'ledger', 'balance', {});
    expect(b.householdId).toMatch(/^h-qs-/);
    expect(b.seq).toBeGreaterThanOrEqual(0);
  });

  it('a household with no entries yet has an empty balance', async () => {
    const b = await h.ok('demo-admin-1', 'ledger', 'balance', {}); // 一组19号: no demo grant
    expect(b).toMatchObject({ householdId: 'h-qs-1-19', redeemable: 0, pending: 0, spent: 0, seq: 0 });
  });

  it.each([ADMIN, REVIEWER, SUPERVISOR])('%s may read any household of the village', async (who) => {
    expect(await h.ok(who, 'ledger', 'balance', { householdId: HH })).toMatchObject({ householdId: HH, redeemable: 200 });
  });

  it.each([
    [OTHER_HOUSEHOLD, HH, 'NOT_FOUND'],
    [WORKER_G1, HH, 'NOT_FOUND'], // a grid worker does not read households' points
    [CLERK, HH, 'NOT_FOUND'], // the clerk sees the balance only through a code
    [CLERK_OTHER_VILLAGE, HH, 'NOT_FOUND'],
    [TOWN, HH, 'NOT_FOUND'],
    [ADMIN_OTHER_VILLAGE, HH, 'NOT_FOUND'],
    [REVIEWER_OTHER_VILLAGE, HH, 'NOT_FOUND'],
    [ADMIN, 'h-nowhere', 'NOT_FOUND'],
    [TOWN, undefined, 'FORBIDDEN'],
    [STRANGER, undefined, 'NOT_REGISTERED'],
    [null, undefined, 'NOT_REGISTERED'],
  ])('%s reading %s is refused with %s', async (who, householdId, code) => {
    const r = await h.call(who, 'ledger', 'balance', householdId ? { householdId } : {});
    expectRefused(r, code);
  });

  it('refuses unknown fields', async () => {
    expectRefused(await h.call(VILLAGER, 'ledger', 'balance', { householdId: HH, openid: ADMIN }), 'BAD_INPUT');
  });
});

describe('ledger.adjust (村委调整)', () => {
  it('the village admin grants redeemable points with a reason; entry, balance and village totals move together', async () => {
    const before = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-10' });
    const totalsBefore = (await villageTotals(h.db, 'v-qingshan')) as unknown as { outstandingPoints: number };
    const r = await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: 'h-qs-3-10', points: 35, reason: '  补录：义务劳动  ' });
    expect(r.entry).toMatchObject({
      householdId: 'h-qs-3-10',
      kind: 'adjustment',
      bucket: 'redeemable',
      delta: 35,
      reason: '补录：义务劳动',
      actorId: 'h-qs-1-19-m1',
      seq: before.seq + 1,
      balanceAfter: { redeemable: before.redeemable + 35, pending: 0, spent: 0 },
      at: NOW,
    });
    expect(r.entry.actorName).toBeTruthy();
    expect(r.balance).toMatchObject({ householdId: 'h-qs-3-10', redeemable: before.redeemable + 35, seq: before.seq + 1 });
    const totals = (await villageTotals(h.db, 'v-qingshan')) as unknown as { outstandingPoints: number };
    expect(totals.outstandingPoints).toBe(totalsBefore.outstandingPoints + 35);
  });

  it('a deduction is a new entry; it can never take the balance below zero', async () => {
    const b = await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-10' });
    const r = await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: 'h-qs-3-10', points: -5, reason: '更正：重复录入' });
    expect(r.balance.redeemable).toBe(b.redeemable - 5);
    const refused = await expectNoWrite(() =>
      h.call(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: 'h-qs-3-10', points: -(b.redeemable - 5 + 1), reason: '扣减过多' }),
    );
    expectRefused(refused, 'INSUFFICIENT_POINTS', /可兑换积分不足/);
  });

  it('is idempotent on requestId: a retry returns the first entry and writes nothing', async () => {
    const input = { requestId: rid(), householdId: 'h-qs-3-11', points: 10, reason: '演示重试' };
    const first = await h.ok(ADMIN, 'ledger', 'adjust', input);
    const again = await expectNoWrite(() => h.ok(ADMIN, 'ledger', 'adjust', input));
    expect(again.entry).toEqual(first.entry);
    expect(again.balance.redeemable).toBe(first.balance.redeemable);
    const many = await Promise.all([1, 2, 3, 4, 5].map(() => h.ok(ADMIN, 'ledger', 'adjust', { ...input, requestId: 'same-adjust-concurrent' })));
    expect(new Set(many.map((m) => m.entry._id)).size).toBe(1);
    expect((await h.ok(ADMIN, 'ledger', 'balance', { householdId: 'h-qs-3-11' })).redeemable).toBe(first.balance.redeemable + 10);
  });

  it.each([VILLAGER, HEAD, OTHER_HOUSEHOLD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not adjust (FORBIDDEN), nothing is written', async (who) => {
    const r = await expectNoWrite(() => h.call(who, 'ledger', 'adjust', { requestId: rid(), householdId: HH, points: 10, reason: '想加分' }));
    expectRefused(r, 'FORBIDDEN', /村两委/);
  });

  it.each([
    [ADMIN_OTHER_VILLAGE, HH, 'NOT_FOUND'],
    [ADMIN, 'h-lx-1-03', 'NOT_FOUND'], // a household of the other village
    [ADMIN, 'h-nowhere', 'NOT_FOUND'],
    [STRANGER, HH, 'NOT_REGISTERED'],
  ])('%s adjusting %s is refused with %s, nothing written', async (who, householdId, code) => {
    const r = await expectNoWrite(() => h.call(who, 'ledger', 'adjust', { requestId: rid(), householdId, points: 10, reason: '调整' }));
    expectRefused(r, code);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const base = () => ({ requestId: rid(), householdId: HH, points: 10, reason: '调整原因' });
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['zero points', { points: 0 }, /不能为 0/],
      ['non-integer points', { points: 1.5 }, /整数/],
      ['points as text', { points: '10' }, /整数/],
      ['NaN points', { points: Number.NaN }, /整数/],
      ['too many points', { points: 10001 }, /10000/],
      ['missing reason', { reason: undefined }, /原因/],
      ['blank reason', { reason: '   ' }, /原因/],
      ['too long reason', { reason: '理'.repeat(201) }, /200/],
      ['bad requestId', { requestId: 'x' }, /请求编号/],
      ['identity in the body', { openid: ADMIN }, /./],
    ];
    it.each(cases)('%s', async (_name, patch, message) => {
      const input: Record<string, unknown> = { ...base(), ...patch };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'adjust', input));
      expectRefused(r, 'BAD_INPUT', message);
    });
  });
});

describe('ledger.entries', () => {
  it('newest first, each naming its source, actor, reason and balance after', async () => {
    const r = await h.ok(VILLAGER, 'ledger', 'entries', {});
    expect(r.items.length).toBeGreaterThan(0);
    expect(r.items[0]).toMatchObject({ householdId: HH, kind: 'adjustment', reason: '演示：历史积分结转', delta: 200, balanceAfter: { redeemable: 200 } });
    expect(r.nextBeforeSeq).toBeNull();
  });

  it('pages backwards by seq, limit ≤ 100', async () => {
    const hid = 'h-qs-3-12';
    for (let i = 1; i <= 7; i++) await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: hid, points: i, reason: `第 ${i} 笔` });
    const all = await h.ok(ADMIN, 'ledger', 'entries', { householdId: hid, limit: 100 });
    const n = all.items.length;
    expect(all.items.map((e) => e.seq)).toEqual(Array.from({ length: n }, (_, i) => n - i));
    const p1 = await h.ok(ADMIN, 'ledger', 'entries', { householdId: hid, limit: 3 });
    expect(p1.items.map((e) => e.seq)).toEqual([n, n - 1, n - 2]);
    expect(p1.nextBeforeSeq).toBe(n - 2);
    const p2 = await h.ok(ADMIN, 'ledger', 'entries', { householdId: hid, limit: 3, beforeSeq: p1.nextBeforeSeq ?? 0 });
    expect(p2.items.map((e) => e.seq)).toEqual([n - 3, n - 4, n - 5]);
    const rest = await h.ok(ADMIN, 'ledger', 'entries', { householdId: hid, limit: 100, beforeSeq: p2.nextBeforeSeq ?? 0 });
    expect(rest.items.map((e) => e.seq)).toEqual(Array.from({ length: n - 6 }, (_, i) => n - 6 - i));
    expect(rest.nextBeforeSeq).toBeNull();
  });

  it.each([REVIEWER, SUPERVISOR, ADMIN, VILLAGER, HEAD])('%s may read 一组3号 entries', async (who) => {
    const r = await h.ok(who, 'ledger', 'entries', { householdId: HH });
    expect(r.items.every((e) => e.householdId === HH)).toBe(true);
  });

  it.each([
    [OTHER_HOUSEHOLD, { householdId: HH }, 'NOT_FOUND'],
    [WORKER_G1, { householdId: HH }, 'NOT_FOUND'],
    [CLERK, { householdId: HH }, 'NOT_FOUND'],
    [CLERK_OTHER_VILLAGE, { householdId: HH }, 'NOT_FOUND'],
    [TOWN, { householdId: HH }, 'NOT_FOUND'],
    [ADMIN_OTHER_VILLAGE, { householdId: HH }, 'NOT_FOUND'],
    [TOWN, {}, 'FORBIDDEN'],
    [STRANGER, {}, 'NOT_REGISTERED'],
    [VILLAGER, { limit: 101 }, 'BAD_INPUT'],
    [VILLAGER, { limit: 0 }, 'BAD_INPUT'],
    [VILLAGER, { limit: 2.5 }, 'BAD_INPUT'],
    [VILLAGER, { beforeSeq: -1 }, 'BAD_INPUT'],
    [VILLAGER, { beforeSeq: 1.5 }, 'BAD_INPUT'],
  ])('%s with %j is refused with %s', async (who, input, code) => {
    expectRefused(await h.call(who, 'ledger', 'entries', input), code);
  });

  it('says the page size limit in Chinese', async () => {
    expectRefused(await h.call(VILLAGER, 'ledger', 'entries', { limit: 101 }), 'BAD_INPUT', /最多 100 条/);
  });
});

describe('ledger.reverse (更正冲销)', () => {
  const SOAP = 'goods_qs-01';
  type Entry = Awaited<ReturnType<typeof grant>>;

  async function grant(householdId: string, points: number, reason = '待冲销的调整'): Promise<{ _id: string; delta: number; seq: number }> {
    return (await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId, points, reason })).entry;
  }

  /** A test openid for the head of any household, so it can show codes. */
  async function member(householdId: string): Promise<string> {
    const openid = `test-${householdId}`;
    await h.db.collection(C.identities).doc(openid).set({ personId: `${householdId}-m1`, boundAt: NOW });
    return openid;
  }

  async function redeemSoap(householdId: string, quantity: number): Promise<string> {
    const code = (await h.ok(await member(householdId), 'shop', 'myCode', {})).code;
    const receipt = await h.ok(CLERK, 'shop', 'redeem', { requestId: rid(), code, lines: [{ goodsId: SOAP, quantity }] });
    const { items } = await h.ok(ADMIN, 'ledger', 'entries', { householdId, limit: 1 });
    expect(items[0]).toMatchObject({ kind: 'redemption', sourceId: receipt._id });
    return items[0]._id;
  }

  /** Σ entries of one household, per bucket: what its balance must equal. */
  async function sums(householdId: string): Promise<{ redeemable: number; pending: number; count: number }> {
    const { items } = await h.ok(ADMIN, 'ledger', 'entries', { householdId, limit: 100 });
    const sum = (b: string) => items.filter((e) => e.bucket === b).reduce((s, e) => s + e.delta, 0);
    return { redeemable: sum('redeemable'), pending: sum('pending'), count: items.length };
  }

  it('the village admin reverses an adjustment: a new entry with the opposite points, naming it and why; the original stays', async () => {
    const hid = 'h-qs-3-13';
    const original: Entry = await grant(hid, 40, '误发：应为三组14号');
    const before = await h.ok(ADMIN, 'ledger', 'balance', { householdId: hid });
    const totalsBefore = (await villageTotals(h.db, 'v-qingshan'));
    const stored = (await h.db.collection(C.ledgerEntries).doc(original._id).get()).data[0];
    const r = await h.ok(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '  录错了户  ' });
    expect(r.entry).toMatchObject({
      householdId: hid,
      kind: 'reversal',
      bucket: 'redeemable',
      delta: -40,
      reverses: original._id,
      reversedKind: 'adjustment',
      reason: '录错了户',
      actorId: 'h-qs-1-19-m1',
      seq: before.seq + 1,
      at: NOW,
      balanceAfter: { redeemable: before.redeemable - 40 },
    });
    expect(r.entry.label).toBe('冲销：村委调整：增加积分');
    expect(r.balance).toMatchObject({ householdId: hid, redeemable: before.redeemable - 40, seq: before.seq + 1, doorNo: '三组13号' });
    // Append-only: the original entry is exactly as it was.
    expect((await h.db.collection(C.ledgerEntries).doc(original._id).get()).data[0]).toEqual(stored);
    const totals = (await villageTotals(h.db, 'v-qingshan'));
    expect(totals.outstandingPoints).toBe(totalsBefore.outstandingPoints - 40);
    // balance == Σ entries; the household sees the correction in its ledger.
    const after = await h.ok(ADMIN, 'ledger', 'balance', { householdId: hid });
    const s = await sums(hid);
    expect(after.redeemable).toBe(s.redeemable);
    expect(after.seq).toBe(s.count);
    const member13 = await member(hid);
    const { items } = await h.ok(member13, 'ledger', 'entries', { limit: 2 });
    expect(items.map((e) => e.kind)).toEqual(['reversal', 'adjustment']);
  });

  it('a deduction reversed gives the points back', async () => {
    const hid = 'h-qs-3-14';
    await grant(hid, 30);
    const deduction = await grant(hid, -12, '扣错了');
    const r = await h.ok(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: deduction._id, reason: '扣错，退回' });
    expect(r.entry).toMatchObject({ delta: 12, reversedKind: 'adjustment' });
    expect(r.balance.redeemable).toBe((await sums(hid)).redeemable);
    expect(r.balance.redeemable).toBe(30);
  });

  it('is idempotent on requestId: a retry (or many at once) returns the first reversal and writes nothing more', async () => {
    const hid = 'h-qs-3-15';
    const original = await grant(hid, 25);
    const input = { requestId: rid(), entryId: original._id, reason: '重试测试' };
    const first = await h.ok(ADMIN, 'ledger', 'reverse', input);
    const again = await expectNoWrite(() => h.ok(ADMIN, 'ledger', 'reverse', input));
    expect(again.entry).toEqual(first.entry);
    expect(again.balance.redeemable).toBe(first.balance.redeemable);
    const other = await grant(hid, 8);
    const many = await Promise.all([1, 2, 3, 4, 5].map(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: 'same-reverse-concurrent', entryId: other._id, reason: '并发重试' })));
    expect(many.every((m) => m.ok)).toBe(true);
    expect(new Set(many.map((m) => (m.ok ? m.data.entry._id : '')))).toEqual(new Set([many[0].ok ? many[0].data.entry._id : '']));
    expect((await h.ok(ADMIN, 'ledger', 'balance', { householdId: hid })).redeemable).toBe((await sums(hid)).redeemable);
    expect((await sums(hid)).redeemable).toBe(0);
  });

  it('an entry already reversed is refused under a new requestId (also when two admins race), nothing written', async () => {
    const hid = 'h-qs-3-16';
    const original = await grant(hid, 15);
    await h.ok(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '第一次冲销' });
    const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '再冲一次' }));
    expectRefused(r, 'INVALID_TRANSITION', /已由.+冲销过，不能重复冲销/);
    // Different requests at once: exactly one reversal lands.
    const next = await grant(hid, 9);
    const race = await Promise.all([1, 2, 3, 4].map(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: next._id, reason: '同时冲销' })));
    expect(race.filter((x) => x.ok)).toHaveLength(1);
    for (const x of race.filter((y) => !y.ok)) expect(x).toMatchObject({ ok: false, code: expect.stringMatching(/^(INVALID_TRANSITION|CONFLICT)$/) });
    expect((await sums(hid)).redeemable).toBe(0);
  });

  it('a reversal cannot itself be reversed, nothing written', async () => {
    const hid = 'h-qs-3-16';
    const original = await grant(hid, 6);
    const rev = await h.ok(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '冲销' });
    const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: rev.entry._id, reason: '冲销的冲销' }));
    expectRefused(r, 'INVALID_TRANSITION', /冲销记录不能再次冲销/);
  });

  it('a redemption is refused: refunds go through the shop, nothing written', async () => {
    const hid = 'h-qs-3-17';
    await grant(hid, 20);
    const redemption = await redeemSoap(hid, 2);
    const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: redemption, reason: '村民想退货' }));
    expectRefused(r, 'INVALID_TRANSITION', /^兑换记录不能冲销，请联系超市办理退货$/);
  });

  it('what a committee, the town or the village rules decided is not the admin\'s to reverse: COMMITTEE_DECISION, nothing written', async () => {
    const hid = 'h-qs-3-19';
    await grant(hid, 50);
    const household = (await h.db.collection<{ _id: string; townId: string; villageId: string }>(C.households).doc(hid).get()).data[0];
    const kinds = ['application', 'objection', 'veto', 'base_score', 'publicity', 'year_end'] as const;
    for (const kind of kinds) {
      const id = `committee-${kind}-${hid}`;
      // Posted as the audit, publicity, veto and year-end use cases post them (pending for the month close).
      await h.db.runTransaction((tx) =>
        postToLedger(
          tx,
          {
            _id: id,
            householdId: hid,
            kind,
            bucket: kind === 'application' || kind === 'base_score' ? 'pending' : 'redeemable',
            delta: kind === 'veto' || kind === 'year_end' ? -5 : 5,
            sourceId: id,
            label: kind,
            actorId: 'p-committee',
            actorName: '评议小组',
            reason: null,
            reverses: null,
            reversedKind: null,
            at: NOW,
          },
          household,
        ),
      );
      const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: id, reason: '村委想撤销' }));
      expectRefused(r, 'COMMITTEE_DECISION', new RegExp(NOT_REVERSIBLE[kind] as string));
    }
  });

  it('a correction that would take the balance below zero is refused, nothing written', async () => {
    const hid = 'h-qs-3-18';
    const original = await grant(hid, 20);
    await redeemSoap(hid, 3); // 15 spent: 5 left
    const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '误发' }));
    expectRefused(r, 'INSUFFICIENT_POINTS', /不能冲销：冲销后该户积分会低于零.*现有 5 分/);
    expect((await h.ok(ADMIN, 'ledger', 'balance', { householdId: hid })).redeemable).toBe(5);
  });

  it.each([VILLAGER, HEAD, OTHER_HOUSEHOLD, WORKER_G1, REVIEWER, SUPERVISOR, CLERK, CLERK_OTHER_VILLAGE, TOWN])('%s may not reverse (FORBIDDEN), nothing written', async (who) => {
    const original = await grant('h-qs-3-19', 3);
    const r = await expectNoWrite(() => h.call(who, 'ledger', 'reverse', { requestId: rid(), entryId: original._id, reason: '想冲销' }));
    expectRefused(r, 'FORBIDDEN', /村两委/);
  });

  it.each([
    [ADMIN_OTHER_VILLAGE, 'this village’s entry', 'NOT_FOUND'],
    [ADMIN, 'an unknown entry', 'NOT_FOUND'],
    [STRANGER, 'this village’s entry', 'NOT_REGISTERED'],
    [null, 'this village’s entry', 'NOT_REGISTERED'],
  ])('%s reversing %s is refused with %s, nothing written', async (who, what, code) => {
    const entryId = what === 'an unknown entry' ? 'adj_000000000000000000000000' : (await grant('h-qs-3-19', 2))._id;
    const r = await expectNoWrite(() => h.call(who, 'ledger', 'reverse', { requestId: rid(), entryId, reason: '冲销' }));
    expectRefused(r, code);
  });

  it('the other village’s entries are NOT_FOUND for this village’s admin', async () => {
    const lx = await h.ok(ADMIN_OTHER_VILLAGE, 'ledger', 'adjust', { requestId: rid(), householdId: 'h-lx-1-04', points: 5, reason: '柳溪村调整' });
    const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', { requestId: rid(), entryId: lx.entry._id, reason: '越村冲销' }));
    expectRefused(r, 'NOT_FOUND', /不在您管理的村/);
  });

  describe('bad input gets a clear error and changes nothing', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['missing reason', { reason: undefined }, /冲销原因/],
      ['blank reason', { reason: '   ' }, /冲销原因/],
      ['a one-character reason', { reason: '错' }, /冲销原因/],
      ['too long reason', { reason: '理'.repeat(201) }, /200/],
      ['bad requestId', { requestId: 'x' }, /请求编号/],
      ['missing requestId', { requestId: undefined }, /./],
      ['missing entryId', { entryId: undefined }, /要冲销的记录/],
      ['empty entryId', { entryId: '' }, /要冲销的记录/],
      ['points in the body', { points: 5 }, /./],
      ['identity in the body', { openid: ADMIN }, /./],
    ];
    it.each(cases)('%s', async (_name, patch, message) => {
      const original = await grant('h-qs-3-19', 1);
      const input: Record<string, unknown> = { requestId: rid(), entryId: original._id, reason: '冲销原因', ...patch };
      for (const k of Object.keys(input)) if (input[k] === undefined) delete input[k];
      const r = await expectNoWrite(() => h.call(ADMIN, 'ledger', 'reverse', input));
      expectRefused(r, 'BAD_INPUT', message);
    });
  });
});

test('after everything: balance == Σ entries for every household, totals == their sums', async () => {
  expect(await ledgerViolations(h.db)).toEqual([]);
});

describe('ledger.balanceAt (某日结余: the ledger replayed to a date)', () => {
  const DAY = 86_400_000;
  it('gives the figures at the end of a past date; later entries do not change it; today equals the stored balance', async () => {
    h.setNow(NOW);
    const before = await h.ok(VILLAGER, 'ledger', 'balanceAt', { date: '2026-11-19' });
    expect(before).toMatchObject({ householdId: HH, date: '2026-11-19', entries: 0, figures: { pending: 0, redeemable: 0, spent: 0 } });
    const seededDay = await h.ok(VILLAGER, 'ledger', 'balanceAt', { date: '2026-11-20' });

    // Two days later the village admin grants 7 more: the 20th's figures stay as they were.
    h.setNow(NOW + 2 * DAY);
    await h.ok(ADMIN, 'ledger', 'adjust', { requestId: rid(), householdId: HH, points: 7, reason: '补记好人好事' });
    expect(await h.ok(VILLAGER, 'ledger', 'balanceAt', { date: '2026-11-20' })).toEqual(seededDay);
    const now = await h.ok(VILLAGER, 'ledger', 'balanceAt', { date: '2026-11-22' });
    const stored = await h.ok(VILLAGER, 'ledger', 'balance', {});
    expect(now.figures).toEqual({ pending: stored.pending, redeemable: stored.redeemable, spent: stored.spent });
    expect(now.figures.redeemable - seededDay.figures.redeemable).toBeGreaterThanOrEqual(7);
    expect(now.entries).toBe(stored.seq);
    // The committee reads any household of the village the same way.
    expect((await h.ok(REVIEWER, 'ledger', 'balanceAt', { householdId: HH, date: '2026-11-22' })).figures).toEqual(now.figures);
  });

  it('refuses a future date, a malformed date and other villages', async () => {
    h.setNow(NOW);
    expectRefused(await h.call(VILLAGER, 'ledger', 'balanceAt', { date: '2026-11-21' }), 'DATE_IN_FUTURE');
    expectRefused(await h.call(VILLAGER, 'ledger', 'balanceAt', { date: '2026-02-30' }), 'BAD_INPUT');
    expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'ledger', 'balanceAt', { householdId: HH, date: '2026-11-20' }), 'NOT_FOUND');
    expectRefused(await h.call(STRANGER, 'ledger', 'balanceAt', { date: '2026-11-20' }), 'NOT_REGISTERED');
  });
});

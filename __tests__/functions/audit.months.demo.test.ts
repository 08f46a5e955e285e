/**
 * 各月评议 (audit.months) against the ledger, on the demo town as `npm start` seeds it: the
 * publicity demo (server/demo/extras/publicity.ts) posts July–September's month results to the
 * ledger and marks those months closed. The months list and the month header must show the
 * households and points the ledger holds for each month — not "0 户 0 分 已结账".
 */
import { C } from '@backend/repos/collections';
import type { LedgerEntry } from '@domain/ledger/types';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, REVIEWER, TOWN } from '../support/people';

let h: Harness;
beforeAll(async () => {
  h = await openHarness({ demoPublicity: true });
}, 60_000);
afterAll(async () => h?.close());

/** Per month of 青山村: the households and points of the month-result entries in the ledger. */
async function ledgerByMonth(): Promise<Map<string, { households: number; points: number }>> {
  const entries = (await readAll<LedgerEntry>(h.db, C.ledgerEntries)).filter((e) => e.villageId === 'v-qingshan' && e.kind === 'application' && /^\d{4}-\d{2}$/.test(e.period ?? ''));
  const out = new Map<string, { households: Set<string>; points: number }>();
  for (const e of entries) {
    const m = out.get(e.period!) ?? { households: new Set<string>(), points: 0 };
    m.households.add(e.householdId);
    m.points += e.delta;
    out.set(e.period!, m);
  }
  return new Map([...out].map(([k, v]) => [k, { households: v.households.size, points: v.points }]));
}

it('the demo has July–September closed, with month results in the households’ ledgers', async () => {
  const ledger = await ledgerByMonth();
  expect(Object.fromEntries(ledger)).toEqual({
    '2026-07': { households: 2, points: 25 },
    '2026-08': { households: 2, points: 25 },
    '2026-09': { households: 2, points: 7 },
  });
  const { items } = await h.ok(ADMIN, 'ledger', 'entries', { householdId: 'h-qs-1-03' });
  expect(items.filter((e) => e.kind === 'application').map((e) => [e.period, e.delta])).toEqual(expect.arrayContaining([['2026-07', 10], ['2026-08', 5]]));
});

it.each([
  ['the village admin', ADMIN, {}],
  ['a reviewer', REVIEWER, {}],
  ['the town admin', TOWN, {}],
])('各月评议 as %s: every closed month shows the households and points of its ledger entries', async (_, who, input) => {
  const ledger = await ledgerByMonth();
  const { items } = await h.ok(who, 'audit', 'months', input);
  const closed = items.filter((m) => m.villageId === 'v-qingshan' && m.status === 'closed');
  expect(closed.map((m) => m.month).sort()).toEqual(expect.arrayContaining(['2026-07', '2026-08', '2026-09']));
  for (const m of closed) {
    expect({ month: m.month, households: m.postedHouseholds, points: m.postedPoints }).toEqual({ month: m.month, ...(ledger.get(m.month) ?? { households: 0, points: 0 }) });
  }
});

it('the month header (audit.month) agrees too', async () => {
  for (const [month, want] of await ledgerByMonth()) {
    const { summary } = await h.ok(ADMIN, 'audit', 'month', { month });
    expect({ month, status: summary.status, households: summary.postedHouseholds, points: summary.postedPoints }).toEqual({ month, status: 'closed', ...want });
  }
});

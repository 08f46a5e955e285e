/**
 * The demo's audit work (server/demo/extras/audit.ts), which the other tests run without: the
 * leader flag, this month's applications (one half-signed, one frozen), last month ready to close.
 */
import { C } from '@backend/repos/collections';
import { seedAuditDemo } from '../../server/demo/extras/audit';
import { buildDemoTown } from '../../server/demo/seed';
import { NOW, openHarness, type Harness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  process.env.XIANGYUE_DEMO_AUDIT_WORK = '1';
  await seedAuditDemo(h.db, buildDemoTown(NOW), NOW);
}, 60_000);
afterAll(async () => {
  delete process.env.XIANGYUE_DEMO_AUDIT_WORK;
  await h?.close();
});

it('is idempotent', async () => {
  const before = [await h.count(C.applications), await h.count(C.auditMonths)];
  await seedAuditDemo(h.db, buildDemoTown(NOW), NOW);
  expect([await h.count(C.applications), await h.count(C.auditMonths)]).toEqual(before);
});

it('gives the committee work this month: one half-signed, one frozen', async () => {
  const m = await h.ok('demo-reviewer-1-2', 'audit', 'month', { month: '2026-11' });
  expect(m.items).toHaveLength(5);
  expect(m.summary).toMatchObject({ status: 'open', undecided: 5, frozen: 1 });
  expect(m.items.filter((i) => (i.audit?.signatures.length ?? 0) === 2)).toHaveLength(1);
  expect(m.items.find((i) => i.audit?.frozen)?.canSign).toBe(false);
  // The third signature on the half-signed one takes effect.
  const half = m.items.find((i) => i.audit?.signatures.length === 2)!;
  expect((await h.ok('demo-reviewer-1-3', 'audit', 'sign', { applicationId: half._id, decision: 'approve' })).status).toBe('approved');
});

it('last month is decided and late: the leader (demo-reviewer-1-1) closes it', async () => {
  const months = await h.ok('demo-town-admin', 'audit', 'months', {});
  expect(months.items.find((m) => m.month === '2026-10' && m.villageId === 'v-qingshan')).toMatchObject({ status: 'open', late: true, undecided: 0 });
  const { summary } = await h.ok('demo-reviewer-1-1', 'audit', 'close', { month: '2026-10' });
  expect(summary).toMatchObject({ status: 'closed', late: true, postedHouseholds: 3, postedPoints: 15 });
});

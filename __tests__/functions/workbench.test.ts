import type { Workbench, TodoKind } from '@domain/api/identity';
import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, CLERK, REVIEWER, SUPERVISOR, TOWN, VILLAGER, WORKER_G1, WORKER_G2 } from '../support/people';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const deed = async (who: string) => ({
  requestId: `req-workbench-${++seq}`,
  itemCode: 'RB-06',
  deedDate: '2026-11-18',
  place: '一组 3 号门前',
  description: '义务劳动，清理水沟',
  photos: [await upload(h, JPEG, who)],
});

const countOf = (wb: Workbench, kind: TodoKind) => wb.items.find((i) => i.kind === kind)?.count;
const kinds = (wb: Workbench) => wb.items.map((i) => i.kind);

describe('identity.workbench', () => {
  it('a grid worker with 2 applications waiting sees 2, and 0 after passing them; the reviewer then has 2 to sign', async () => {
    const before = await h.ok(WORKER_G1, 'identity', 'workbench', {});
    expect(countOf(before, 'firstReview')).toBe(0);
    const signBefore = countOf(await h.ok(REVIEWER, 'identity', 'workbench', {}), 'sign') ?? 0;
    const a = await h.ok(VILLAGER, 'points', 'submit', await deed(VILLAGER));
    const b = await h.ok(VILLAGER, 'points', 'submit', { ...(await deed(VILLAGER)), itemCode: 'PV-05' });
    const waiting = await h.ok(WORKER_G1, 'identity', 'workbench', {});
    expect(countOf(waiting, 'firstReview')).toBe(2);
    expect(waiting.staff).toBe(true);
    // Another grid's worker has none of them.
    expect(countOf(await h.ok(WORKER_G2, 'identity', 'workbench', {}), 'firstReview')).toBe(0);
    for (const app of [a, b]) await h.ok(WORKER_G1, 'points', 'firstReview', { applicationId: app._id, decision: 'pass' });
    expect(countOf(await h.ok(WORKER_G1, 'identity', 'workbench', {}), 'firstReview')).toBe(0);
    expect(countOf(await h.ok(REVIEWER, 'identity', 'workbench', {}), 'sign')).toBe(signBefore + 2);
    // The villager's application says where its points are: 月度评议 next, by the 10th of next month.
    const detail = await h.ok(VILLAGER, 'points', 'get', { applicationId: a._id });
    expect(detail.journey.find((s) => s.state === 'current')).toMatchObject({ key: 'audit', expectedBy: '2026-12-10' });
  }, 60_000);

  it('each role gets only the counts its gates open', async () => {
    const villager = await h.ok(VILLAGER, 'identity', 'workbench', {});
    expect(villager).toEqual({ items: [], staff: false, townOnly: false });
    expect(kinds(await h.ok(WORKER_G1, 'identity', 'workbench', {}))).toEqual(['firstReview', 'events', 'eventsOverdue']);
    expect(kinds(await h.ok(REVIEWER, 'identity', 'workbench', {}))).toEqual(['sign', 'objections']);
    expect(kinds(await h.ok(SUPERVISOR, 'identity', 'workbench', {}))).toEqual(['objections', 'vetoes']);
    expect(kinds(await h.ok(CLERK, 'identity', 'workbench', {}))).toEqual(['scannedToday']);
    expect(kinds(await h.ok(ADMIN, 'identity', 'workbench', {}))).toEqual(['events', 'eventsOverdue']);
    const town = await h.ok(TOWN, 'identity', 'workbench', {});
    expect(kinds(town)).toEqual(['events', 'eventsOverdue', 'lateVillages']);
    expect(town.townOnly).toBe(true);
  }, 60_000);
});

import { C } from '@backend/repos/collections';
import { JPEG, NOW, openHarness, PDF, upload, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, LEADER_G1, STRANGER, TOWN, VILLAGER, WORKER_G1, WORKER_G2, WORKER_OTHER_VILLAGE } from '../support/people';
import { expectRefused } from '../support/refusals';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());
beforeEach(() => h.setNow(NOW));

let seq = 0;
const rid = () => `pat-req-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
const patrol = (extra: Record<string, unknown> = {}) => ({ requestId: rid(), place: '一组村口桥头', findings: '桥面完好，河道无漂浮物', photos: [] as string[], ...extra });

async function snapshot(): Promise<string> {
  const parts: unknown[] = [];
  for (const coll of [C.gridEvents, C.patrols, C.visits]) parts.push((await h.db.collection(coll).orderBy('_id', 'asc').limit(1000).get()).data);
  return JSON.stringify(parts);
}
async function expectNoWrite<T>(fn: () => Promise<T>): Promise<T> {
  const before = await snapshot();
  const r = await fn();
  expect(await snapshot()).toBe(before);
  return r;
}

describe('patrol.record', () => {
  it('a grid worker records a patrol of their grid with photos; a retry writes nothing more', async () => {
    const photo = await upload(h, JPEG, WORKER_G1);
    const input = patrol({ photos: [photo], at: NOW - 2 * HOUR });
    const p = await h.ok(WORKER_G1, 'patrol', 'record', input);
    expect(p).toMatchObject({ gridId: 'g-qs-1', villageId: 'v-qingshan', date: '2026-11-20', at: NOW - 2 * HOUR, place: '一组村口桥头', eventIds: [], gridName: expect.stringContaining('一组') });
    expect(p.photos).toEqual([{ fileId: photo, url: expect.any(String) }]);
    const again = await expectNoWrite(() => h.ok(WORKER_G1, 'patrol', 'record', input));
    expect(again._id).toBe(p._id);
  });

  it.each([
    ['no findings', { findings: '' }, 'BAD_INPUT'],
    ['a time in the future', { at: NOW + HOUR }, 'DATE_IN_FUTURE'],
    ['a time more than 3 days back', { at: NOW - 5 * DAY }, 'DATE_TOO_OLD'],
    ['another grid', { gridId: 'g-qs-2' }, 'NOT_IN_GRID'],
    ['a photo never uploaded', { photos: ['nope'] }, 'BAD_INPUT'],
    ['an unknown field', { workerId: 'p-x' }, 'BAD_INPUT'],
  ])('refuses %s and writes nothing', async (_what, extra, code) => {
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'patrol', 'record', patrol(extra))), code);
  });

  it('refuses a file that is not an image', async () => {
    const pdf = await upload(h, PDF, WORKER_G1);
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'patrol', 'record', patrol({ photos: [pdf] }))), 'PHOTO_NOT_IMAGE');
  });

  it.each([
    [VILLAGER, 'FORBIDDEN'],
    [ADMIN, 'FORBIDDEN'],
    [TOWN, 'FORBIDDEN'],
    [STRANGER, 'NOT_REGISTERED'],
  ])('%s cannot record a patrol', async (who, code) => {
    expectRefused(await expectNoWrite(() => h.call(who, 'patrol', 'record', patrol())), code);
  });
});

describe('patrol.visit and patrol.due', () => {
  it('shows today’s patrol and the households not visited in the last 7 days, and updates as work is done', async () => {
    // Another worker of the village starts from nothing: grid 二组, 20 households.
    h.setNow(NOW + 10 * DAY);
    const before = await h.ok(WORKER_G2, 'patrol', 'due', {});
    expect(before.grids).toHaveLength(1);
    expect(before.grids[0]).toMatchObject({ gridId: 'g-qs-2', patrolDue: true, householdCount: 20 });
    const dueCount = before.grids[0].householdsDue.length;
    expect(before).toMatchObject({ patrolEveryDays: 1, visitEveryDays: 7, today: '2026-11-30' });

    await h.ok(WORKER_G2, 'patrol', 'record', patrol({ place: '二组晒谷场' }));
    const v = await h.ok(WORKER_G2, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-2-07', note: '老人身体好，家里无困难' });
    expect(v).toMatchObject({ householdId: 'h-qs-2-07', gridId: 'g-qs-2', date: '2026-11-30', doorNo: expect.any(String) });
    const after = await h.ok(WORKER_G2, 'patrol', 'due', {});
    expect(after.grids[0]).toMatchObject({ patrolDue: false, lastPatrolDate: '2026-11-30' });
    expect(after.grids[0].householdsDue.map((x) => x.id)).not.toContain('h-qs-2-07');
    expect(after.grids[0].householdsDue).toHaveLength(dueCount - (before.grids[0].householdsDue.some((x) => x.id === 'h-qs-2-07') ? 1 : 0));

    // Next day: the patrol is due again; six days later the visit still counts, on the eighth it does not.
    h.setNow(NOW + 11 * DAY);
    expect((await h.ok(WORKER_G2, 'patrol', 'due', {})).grids[0].patrolDue).toBe(true);
    h.setNow(NOW + 16 * DAY);
    expect((await h.ok(WORKER_G2, 'patrol', 'due', {})).grids[0].householdsDue.map((x) => x.id)).not.toContain('h-qs-2-07');
    h.setNow(NOW + 17 * DAY);
    expect((await h.ok(WORKER_G2, 'patrol', 'due', {})).grids[0].householdsDue.map((x) => x.id)).toContain('h-qs-2-07');
  });

  it('refuses visits outside the worker’s grids and bad input, writing nothing', async () => {
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-2-07', note: '走访情况正常' })), 'NOT_IN_GRID');
    expectRefused(await expectNoWrite(() => h.call(WORKER_OTHER_VILLAGE, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-1-03', note: '走访情况正常' })), 'NOT_IN_GRID');
    expectRefused(await expectNoWrite(() => h.call(VILLAGER, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-1-03', note: '走访情况正常' })), 'FORBIDDEN');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-1-03', note: '' })), 'BAD_INPUT');
    expectRefused(await expectNoWrite(() => h.call(WORKER_G1, 'patrol', 'visit', { requestId: rid(), householdId: 'h-nope', note: '走访情况正常' })), 'NOT_FOUND');
    expectRefused(await h.call(WORKER_G1, 'patrol', 'due', { gridId: 'g-qs-2' }), 'NOT_IN_GRID');
    expectRefused(await h.call(VILLAGER, 'patrol', 'due', {}), 'FORBIDDEN');
  });

  it('the leader of a grid sees the grid’s visits too (a household visited by anyone is not due)', async () => {
    await h.ok(LEADER_G1, 'patrol', 'visit', { requestId: rid(), householdId: 'h-qs-1-05', note: '了解到邻里用水纠纷' });
    const due = await h.ok(WORKER_G1, 'patrol', 'due', {});
    expect(due.grids[0].householdsDue.map((x) => x.id)).not.toContain('h-qs-1-05');
  });

  it('mine: the worker’s own patrols and visits of the month', async () => {
    const p = await h.ok(WORKER_G1, 'patrol', 'record', patrol({ place: '一组水渠' }));
    const mine = await h.ok(WORKER_G1, 'patrol', 'mine', { month: '2026-11' });
    expect(mine.patrols.map((x) => x._id)).toContain(p._id);
    expect(mine.patrols.every((x) => x.workerName === p.workerName)).toBe(true);
    expect((await h.ok(WORKER_G1, 'patrol', 'mine', { month: '2026-10' })).patrols.map((x) => x._id)).not.toContain(p._id);
    expectRefused(await h.call(WORKER_G1, 'patrol', 'mine', { month: '2026-13' }), 'BAD_INPUT');
    expectRefused(await h.call(VILLAGER, 'patrol', 'mine', {}), 'FORBIDDEN');
  });
});

describe('定点巡查台账: patrol.ledger and patrol.export', () => {
  it('the village admin sees their village, the town both; others see nothing', async () => {
    const mineQs = await h.ok(WORKER_G1, 'patrol', 'record', patrol({ place: '台账测试地点, "东头"' }));
    const mineLx = await h.ok(WORKER_OTHER_VILLAGE, 'patrol', 'record', patrol({ place: '柳溪村口' }));
    const village = await h.ok(ADMIN, 'patrol', 'ledger', { month: '2026-11' });
    expect(village.items.map((r) => r.id)).toContain(mineQs._id);
    expect(village.items.map((r) => r.id)).not.toContain(mineLx._id);
    expect(village.items.every((r) => r.villageId === 'v-qingshan')).toBe(true);
    expect(village.total).toBeGreaterThanOrEqual(village.items.length);
    const other = await h.ok(ADMIN_OTHER_VILLAGE, 'patrol', 'ledger', { month: '2026-11' });
    expect(other.items.map((r) => r.id)).toEqual(expect.arrayContaining([mineLx._id]));
    expect(other.items.map((r) => r.id)).not.toContain(mineQs._id);
    const town = await h.ok(TOWN, 'patrol', 'ledger', { month: '2026-11' });
    expect(town.items.map((r) => r.id)).toEqual(expect.arrayContaining([mineQs._id, mineLx._id]));
    const oneGrid = await h.ok(TOWN, 'patrol', 'ledger', { month: '2026-11', gridId: 'g-qs-1' });
    expect(oneGrid.items.every((r) => r.gridId === 'g-qs-1')).toBe(true);
    expect((await h.ok(ADMIN, 'patrol', 'ledger', { month: '2026-10' })).items.map((r) => r.id)).not.toContain(mineQs._id);

    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'patrol', 'ledger', { month: '2026-11', gridId: 'g-qs-1' }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'patrol', 'ledger', { month: '2026-11', villageId: 'v-qingshan' }), 'NOT_FOUND');
    for (const who of [WORKER_G1, VILLAGER]) expectRefused(await h.call(who, 'patrol', 'ledger', { month: '2026-11' }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'patrol', 'ledger', { month: '11/2026' }), 'BAD_INPUT');
  });

  it('exports the month as CSV with a BOM, Chinese headers and quoted cells', async () => {
    const file = await h.ok(ADMIN, 'patrol', 'export', { month: '2026-11' });
    expect(file.filename).toBe('青山村-定点巡查台账-2026-11.csv');
    expect(file.mime).toBe('text/csv');
    expect(file.content.startsWith('\uFEFF日期,时间,网格,网格员,巡查地点,巡查情况,照片数,上报事件数\r\n')).toBe(true);
    expect(file.content).toContain('"台账测试地点, ""东头"""');
    expect(file.content).not.toContain('柳溪村口');
    const town = await h.ok(TOWN, 'patrol', 'export', { month: '2026-11' });
    expect(town.filename).toBe('清河镇-定点巡查台账-2026-11.csv');
    expect(town.content).toContain('柳溪村口');
    expectRefused(await h.call(WORKER_G1, 'patrol', 'export', { month: '2026-11' }), 'FORBIDDEN');
  });
});

/**
 * The demo town's 年度评比 of last year (server/demo/extras/ranking.ts): `npm start` shows the
 * page at once — 青山村 a draft one reviewer has signed (another must stand aside: their
 * household is honoured), 柳溪村 in its 公示期 for its villagers, who may object.
 */
import { C } from '@backend/repos/collections';
import type { AnnualRanking } from '@domain/ranking/types';
import { buildDemoTown } from '../../server/demo/seed';
import { seedRankingDemo } from '../../server/demo/extras/ranking';
import { NOW, openHarness, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';

let h: Harness;

async function seed(): Promise<void> {
  process.env.XIANGYUE_DEMO_RANKING = '1';
  try {
    await seedRankingDemo(h.db, buildDemoTown(NOW), NOW);
  } finally {
    delete process.env.XIANGYUE_DEMO_RANKING;
  }
}

beforeAll(async () => {
  h = await openHarness();
  h.setNow(NOW);
  await seed();
}, 120_000);
afterAll(async () => h?.close());

describe('demo 年度评比 (last year)', () => {
  it('青山村: a draft with one signature; the committee sees it, villagers do not yet', async () => {
    const seen = await h.ok('demo-reviewer-1-3', 'ranking', 'get', {});
    expect(seen.year).toBe('2025');
    expect(seen.ranking).toMatchObject({ status: 'draft', villageName: '青山村', quarters: ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4'], can: { sign: true } });
    expect(seen.ranking?.signatures).toHaveLength(1);
    expect(seen.ranking?.lines.length).toBeGreaterThan(3);
    for (const l of seen.ranking?.lines ?? []) expect(l.name).toMatch(/\*/);
    expect((await h.ok('demo-villager-1', 'ranking', 'get', {})).ranking).toBeNull();
  });

  it('青山村: the reviewer whose household is honoured stands aside; another signs', async () => {
    const recused = await h.ok('demo-reviewer-1-2', 'ranking', 'get', {});
    expect(recused.ranking?.can.sign).toBe(false);
    expectRefused(await h.call('demo-reviewer-1-2', 'ranking', 'sign', { requestId: 'demo-test-sign-2', year: 2025 }), 'OWN_HOUSEHOLD_HONOURED', /回避/);
    const signed = await h.ok('demo-reviewer-1-3', 'ranking', 'sign', { requestId: 'demo-test-sign-3', year: 2025 });
    expect(signed.signatures).toHaveLength(2);
  });

  it('柳溪村: in 公示; a villager sees the honours, their own line and the window, and may object', async () => {
    const seen = await h.ok('demo-villager-2', 'ranking', 'get', {});
    expect(seen.ranking).toMatchObject({ status: 'publicity', statusLabel: '公示中', villageName: '柳溪村', can: { object: true, finalize: false } });
    expect(seen.ranking?.startDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(seen.ranking?.endDate).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect(seen.ranking?.myLine).toMatchObject({ householdId: 'h-lx-1-03', stars: expect.any(Number) });
    expect(seen.ranking?.myLine?.stars).toBeGreaterThan(0);
  });

  it('seeding again writes nothing', async () => {
    const before = await h.db.collection<AnnualRanking>(C.annualRankings).doc('v-qingshan_2025').get();
    await seed();
    expect((await h.db.collection<AnnualRanking>(C.annualRankings).doc('v-qingshan_2025').get()).data).toEqual(before.data);
  });
});

import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import { policyWithDefaults } from '@domain/org/policy';
import { annualRanking } from '@domain/ranking/annual';
import { rankingIdOf, type AnnualRanking } from '@domain/ranking/types';
import { draftRanking, publishRanking, signRanking, type RankingActor } from '@domain/ranking/workflow';
import { cstDate } from '@domain/shared/time';
import type { DemoTown } from '../seed';

/**
 * 年度评比 demo for last year, so that `npm start` shows the page at once:
 * - 青山村: a draft signed by one reviewer (demo-reviewer-1-1); reviewers 3–5 may sign next,
 *   demo-reviewer-1-2 may not — their household (二组12号) is honoured (回避).
 * - 柳溪村: in its 公示期 (opened today, the village's 公示期 days), so its villagers
 *   (demo-villager-2) see the honours and their own line, and may raise a 异议.
 * The year's points stand for its town-approved quarters (last year predates the demo's ledger);
 * the documents are built by the domain's own draft/sign/publish. Skipped under jest unless
 * XIANGYUE_DEMO_RANKING=1 (tests draft their own). Fixed ids: running again writes nothing.
 */
const POINTS: Record<string, Record<string, number>> = {
  'v-qingshan': { '1-03': 236, '2-05': 168, '3-07': 131, '2-12': 112, '1-09': 74, '3-04': 52, '2-06': 35, '1-08': 12 },
  'v-liuxi': { '1-03': 188, '2-05': 126, '3-06': 97, '1-10': 64, '2-08': 31 },
};

export async function seedRankingDemo(db: Database, t: DemoTown, now: number): Promise<void> {
  const skip = process.env.XIANGYUE_DEMO_RANKING === '0' || (process.env.JEST_WORKER_ID !== undefined && process.env.XIANGYUE_DEMO_RANKING !== '1');
  if (skip) return;
  const year = String(Number(cstDate(now).slice(0, 4)) - 1);
  for (const village of t.villages) {
    const points = POINTS[village._id];
    if (!points) continue;
    const id = rankingIdOf(village._id, year);
    if ((await db.collection<AnnualRanking>(C.annualRankings).doc(id).get()).data[0]) continue;
    const key = village._id === 'v-qingshan' ? 'qs' : 'lx';
    const gridName = new Map(t.grids.filter((g) => g.villageId === village._id).map((g) => [g._id, g.name]));
    const ranked = t.households
      .filter((h) => h.villageId === village._id && points[h._id.slice(`h-${key}-`.length)] !== undefined)
      .map((h) => ({ householdId: h._id, gridName: gridName.get(h.gridId) ?? '', doorNo: h.doorNo, name: h.headName, points: points[h._id.slice(`h-${key}-`.length)] }));
    const policy = policyWithDefaults(village.policy);
    const lines = annualRanking(ranked, new Set(), policy.honours);
    const person = (openid: string): RankingActor => {
      const binding = t.identities.find((i) => i._id === openid);
      const p = t.people.find((x) => x._id === binding?.personId);
      return { id: p?._id ?? openid, name: p?.name ?? openid, at: now };
    };
    const n = key === 'qs' ? 1 : 2;
    const committee = t.people
      .filter((p) => p.roles.some((r) => r.role === 'reviewer' && r.scopeId === village._id))
      .map((p) => ({ personId: p._id, name: p.name, householdId: p.householdId }));
    let r = draftRanking(
      null,
      { id, townId: village.townId, villageId: village._id, villageName: village.name, year, requestId: `demo-ranking-${key}-draft` },
      {
        quarters: [1, 2, 3, 4].map((q) => `${year}-Q${q}`),
        householdCount: t.households.filter((h) => h.villageId === village._id).length,
        lines: lines.filter((l) => l.stars > 0 || l.nomination !== null),
        black: [],
        policy: policy.honours,
        quorum: policy.auditQuorum,
      },
      person(`demo-admin-${n}`),
    );
    if (key === 'qs') r = signRanking(r, person('demo-reviewer-1-1'), 'demo-ranking-qs-sign-1', committee);
    else {
      for (const i of [1, 2, 3, 4, 5].slice(0, Math.max(policy.auditQuorum, 1))) r = signRanking(r, person(`demo-reviewer-2-${i}`), `demo-ranking-lx-sign-${i}`, committee);
      r = publishRanking(r, person('demo-admin-2'), 'demo-ranking-lx-publish', cstDate(now), policy.publicityDays);
    }
    const { _id, ...doc } = r;
    void _id;
    await db.collection<AnnualRanking>(C.annualRankings).doc(id).set(doc);
  }
}

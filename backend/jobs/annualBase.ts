import { policyWithDefaults } from '@domain/org/policy';
import { annualBaseDraft } from '@domain/jobs/annualBase';
import type { Balance } from '@domain/ledger/types';
import { batchSize } from '../db/types';
import { C } from '../repos/collections';
import { jobsRepo } from '../repos/jobs';
import type { VillageDoc } from '../repos/org';
import type { HouseholdDoc } from '../shop/eligibility';
import { postToLedger } from '../ledger/post';
import type { Deps } from '../runtime/deps';
import type { JobActor } from './yearEnd';
import type { AnnualBaseResult } from '@domain/api/jobs';

export type { AnnualBaseResult };

/**
 * Posts the year's annual base to each household of the village (policy `annual_base`), in
 * batches of one transaction each; the household document is read in the transaction (its veto
 * bar decides), and the entry id (`ab-{year}-{household}`) makes a second run post nothing.
 */
export async function runAnnualBase(deps: Pick<Deps, 'db' | 'now'>, village: VillageDoc, year: number, actor: JobActor): Promise<AnnualBaseResult> {
  const policy = policyWithDefaults(village.policy);
  const result: AnnualBaseResult = { villageId: village._id, villageName: village.name, year, applies: policy.baseScore.mode === 'annual_base', posted: 0, barred: 0 };
  if (!result.applies) return result;
  // Per household: the household, balance, entry, totals shard read; entry, balance, shard written.
  const size = batchSize(deps.db, 7, 0, 100);
  let after: string | null = null;
  for (;;) {
    const page = await jobsRepo.householdPage(deps.db, village._id, after, 1000);
    for (let i = 0; i < page.length; i += size) {
      const batch = page.slice(i, i + size);
      const counts = await deps.db.runTransaction(async (tx) => {
        let posted = 0;
        let barred = 0;
        for (const h of batch) {
          const { data: household } = await tx.collection<HouseholdDoc>(C.households).doc(h._id).get();
          if (!household) continue;
          const draft = annualBaseDraft(policy, { ...household, _id: h._id }, year, actor, deps.now());
          if (!draft) {
            barred += 1;
            continue;
          }
          const { data: balance } = await tx.collection<Balance>(C.balances).doc(h._id).get();
          if ((await postToLedger(tx, draft, h, { balance })).created) posted += 1;
        }
        return { posted, barred };
      });
      result.posted += counts.posted;
      result.barred += counts.barred;
    }
    if (page.length < 1000) break;
    after = page[page.length - 1]._id;
  }
  return result;
}

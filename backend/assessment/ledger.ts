import type { Person } from '@domain/org/types';
import type { Workbook } from '@domain/sheets/workbook';
import { assessmentLedgerBook, summarize, type AssessmentRow, type VillageAssessmentSummary } from '@domain/grid/assessmentLedger';
import type { Month } from '@domain/grid/assessmentScore';
import { adminVillage, overseenTown } from '@domain/grid/policy';
import { orgRepo, type VillageDoc } from '../repos/org';
import { fundRepo } from '../repos/fund';
import { assessmentRepo } from '../repos/assessment';
import type { Database } from '../db/types';

/** The 台账 asked for: a village, or the whole town; who may read it is mayReadAssessmentLedger's. */
export type LedgerScope = { scope: { villageId: string } | { townId: string }; name: string; village: VillageDoc | null };

/** The town admin's whole town or the village named; the village admin's named or own village. */
export async function loadLedgerScope(db: Database, person: Person, villageId: string | undefined): Promise<LedgerScope> {
  const townId = overseenTown(person);
  if (townId && villageId === undefined) {
    const town = await orgRepo.town(db, townId);
    return { scope: { townId }, name: town?.name ?? '全镇', village: null };
  }
  const id = villageId ?? adminVillage(person) ?? '';
  const village = await orgRepo.village(db, id);
  return { scope: { villageId: id }, name: village?.name ?? '', village };
}

export async function ledgerPage(
  db: Database,
  { scope, name }: LedgerScope,
  input: { month: Month; page?: number; pageSize?: number },
): Promise<{ rows: AssessmentRow[]; total: number; page: number; pageSize: number; scopeName: string }> {
  const page = input.page ?? 0;
  const pageSize = input.pageSize ?? 50;
  const { rows, total } = await assessmentRepo.ledgerPage(db, scope, input.month, page, pageSize);
  return { rows, total, page, pageSize, scopeName: name };
}

export async function ledgerExport(db: Database, { scope, name }: LedgerScope, month: Month): Promise<Workbook> {
  return assessmentLedgerBook(name, month, await assessmentRepo.allRows(db, scope, month));
}

/** Town dashboard "网格员积分评定": per village, grids published / all, workers, total, average. */
export async function townOverview(db: Database, townId: string, month: Month): Promise<{ month: Month; villages: VillageAssessmentSummary[] }> {
  const [villages, published, rows] = await Promise.all([
    fundRepo.villagesOfTown(db, townId),
    assessmentRepo.publishedOfTown(db, townId, month),
    assessmentRepo.allRows(db, { townId }, month),
  ]);
  const summaries = await Promise.all(
    villages.map(async (v) => {
      const grids = await orgRepo.gridsOfVillage(db, v._id);
      return summarize(
        v,
        grids.length,
        published.filter((a) => a.villageId === v._id).length,
        rows.filter((r) => r.villageId === v._id),
      );
    }),
  );
  return { month, villages: summaries };
}

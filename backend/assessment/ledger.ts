import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { ExportFile } from '@domain/shared/csv';
import { ledgerCsv, summarize, type AssessmentRow, type VillageAssessmentSummary } from '@domain/grid/assessmentLedger';
import type { Month } from '@domain/grid/assessmentScore';
import { scopesOf } from '../runtime/scope';
import { orgRepo } from '../repos/org';
import { fundRepo } from '../repos/fund';
import { assessmentRepo } from '../repos/assessment';
import type { Database } from '../db/types';

type LedgerScope = { scope: { villageId: string } | { townId: string }; name: string };

/**
 * Whose 台账 the caller reads: the village admin their village (another village: FORBIDDEN);
 * the town admin the whole town or one village of it (a village elsewhere: NOT_FOUND).
 */
export async function ledgerScope(db: Database, person: Person, villageId: string | undefined): Promise<LedgerScope> {
  const [townId] = scopesOf(person, ['town_admin']);
  if (townId) {
    if (villageId === undefined) {
      const town = await orgRepo.town(db, townId);
      return { scope: { townId }, name: town?.name ?? '全镇' };
    }
    const village = await orgRepo.village(db, villageId);
    if (!village || village.townId !== townId) throw new DomainError('NOT_FOUND', '找不到该村');
    return { scope: { villageId }, name: village.name };
  }
  const [own] = scopesOf(person, ['village_admin']);
  if (!own) throw new DomainError('FORBIDDEN', '只有村两委和镇管理员可以查看网格员积分评定台账');
  if (villageId !== undefined && villageId !== own) throw new DomainError('FORBIDDEN', '只能查看本村的网格员积分评定台账');
  const village = await orgRepo.village(db, own);
  return { scope: { villageId: own }, name: village?.name ?? '' };
}

export async function ledgerPage(
  db: Database,
  person: Person,
  input: { month: Month; villageId?: string; page?: number; pageSize?: number },
): Promise<{ rows: AssessmentRow[]; total: number; page: number; pageSize: number; scopeName: string }> {
  const { scope, name } = await ledgerScope(db, person, input.villageId);
  const page = input.page ?? 0;
  const pageSize = input.pageSize ?? 50;
  const { rows, total } = await assessmentRepo.ledgerPage(db, scope, input.month, page, pageSize);
  return { rows, total, page, pageSize, scopeName: name };
}

export async function ledgerExport(db: Database, person: Person, input: { month: Month; villageId?: string }): Promise<ExportFile> {
  const { scope, name } = await ledgerScope(db, person, input.villageId);
  return ledgerCsv(name, input.month, await assessmentRepo.allRows(db, scope, input.month));
}

/** Town dashboard "网格员积分评定": per village, grids published / all, workers, total, average. */
export async function townOverview(db: Database, person: Person, month: Month): Promise<{ month: Month; villages: VillageAssessmentSummary[] }> {
  const [townId] = scopesOf(person, ['town_admin']);
  if (!townId) throw new DomainError('FORBIDDEN', '只有镇管理员可以查看全镇网格员积分评定');
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

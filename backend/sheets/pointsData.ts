import type { Application } from '@domain/points/application';
import type { AuditMonth } from '@domain/audit/types';
import { auditMonthId } from '@domain/audit/types';
import type { BaseScoreRecord } from '@domain/audit/baseScore';
import { baseScoreId } from '@domain/audit/baseScore';
import type { Balance, LedgerEntry } from '@domain/ledger/types';
import type { Household } from '@domain/org/types';
import type { Period } from '@domain/sheets/period';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { pagedAll } from '../repos/paged';

/** The period's months whose audit the village has closed: only those are in the ledger. */
async function closedMonths(db: Database, villageId: string, period: Period): Promise<string[]> {
  const ids = period.months.map((m) => auditMonthId(villageId, m));
  const { data } = await db.collection<AuditMonth>(C.auditMonths).where({ _id: db.command.in(ids) }).limit(ids.length).get();
  return data.filter((m) => m.status === 'closed').map((m) => m.month).sort();
}

const DECIDED = ['approved', 'rejected', 'fraud'];

/** What a village's 积分台账 and 积分手册 are built from, for one period. */
export interface VillagePeriodData {
  households: Household[];
  grids: Map<string, string>;
  applications: Application[];
  entries: LedgerEntry[];
  /** Month results (application entries) of the period's months. */
  monthResults: LedgerEntry[];
  balances: Balance[];
  baseScores: BaseScoreRecord[];
}

/** Village-wide reads (a bounded number of indexed pages, never one read per household). */
export async function loadVillagePeriod(db: Database, villageId: string, period: Period): Promise<VillagePeriodData> {
  const _ = db.command;
  const months = await closedMonths(db, villageId, period);
  const [grids, households, entries, monthResults, balances, applications, baseScores] = await Promise.all([
    orgRepo.gridsOfVillage(db, villageId),
    orgRepo.householdsOfVillage(db, villageId),
    pagedAll<LedgerEntry>(db, C.ledgerEntries, { villageId, at: _.gte(period.from).and(_.lt(period.to)) }),
    pagedAll<LedgerEntry>(db, C.ledgerEntries, { villageId, period: _.in(period.months), kind: 'application' }),
    pagedAll<Balance>(db, C.balances, { villageId }),
    months.length ? pagedAll<Application>(db, C.applications, { villageId, auditMonth: _.in(months), status: _.in(DECIDED) }) : Promise.resolve([]),
    Promise.all(period.quarters.map((q) => pagedAll<BaseScoreRecord>(db, C.baseScores, { villageId, quarter: q }))).then((x) => x.flat()),
  ]);
  return { households, grids: new Map(grids.map((g) => [g._id, g.name])), applications, entries, monthResults, balances, baseScores };
}

/** One household's year, read by the household's own indexes. */
export async function loadHouseholdPeriod(db: Database, household: Household, period: Period): Promise<VillagePeriodData> {
  const _ = db.command;
  const months = await closedMonths(db, household.villageId, period);
  const [grid, entries, monthResults, balance, applications, baseScores] = await Promise.all([
    orgRepo.grid(db, household.gridId),
    pagedAll<LedgerEntry>(db, C.ledgerEntries, { householdId: household._id, at: _.gte(period.from).and(_.lt(period.to)) }),
    pagedAll<LedgerEntry>(db, C.ledgerEntries, { householdId: household._id, period: _.in(period.months), kind: 'application' }),
    db.collection<Balance>(C.balances).doc(household._id).get(),
    months.length ? pagedAll<Application>(db, C.applications, { householdId: household._id, auditMonth: _.in(months), status: _.in(DECIDED) }) : Promise.resolve([]),
    db.collection<BaseScoreRecord>(C.baseScores).where({ _id: _.in(period.quarters.map((q) => baseScoreId(household._id, q))) }).limit(period.quarters.length).get(),
  ]);
  return {
    households: [household],
    grids: new Map(grid ? [[grid._id, grid.name]] : []),
    applications,
    entries,
    monthResults,
    balances: balance.data,
    baseScores: baseScores.data,
  };
}

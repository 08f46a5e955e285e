import { DomainError } from '@domain/shared/errors';
import type { Grid, Person } from '@domain/org/types';
import { defaultOverseenVillage, overseenTown, type PatrolLedgerTarget } from '@domain/grid/policy';
import type { Patrol } from '@domain/grid/records';
import type { LedgerRow } from '@domain/api/patrol';
import type { Workbook } from '@domain/sheets/workbook';
import { CST_OFFSET_MS } from '@domain/shared/time';
import type { Database } from '../db/types';
import { orgRepo, type VillageDoc } from '../repos/org';
import { patrolsRepo, type PatrolScope } from '../repos/patrols';

/** The grid, village or town a 台账 is asked for (who may read it: mayReadPatrolLedger). */
export type LedgerTarget = PatrolLedgerTarget<Grid, VillageDoc>;

/** What the caller asked for: a grid, a village (by default the village admin's own), else the town admin's town. */
export async function loadLedgerTarget(db: Database, actor: Person, q: { gridId?: string; villageId?: string }): Promise<LedgerTarget> {
  if (q.gridId) {
    const grid = await orgRepo.grid(db, q.gridId);
    // The same answer as another village's grid: ids cannot be probed.
    if (!grid) throw new DomainError('NOT_FOUND', '找不到该网格');
    return { grid };
  }
  const villageId = q.villageId ?? defaultOverseenVillage(actor);
  if (villageId) {
    const village = await orgRepo.village(db, villageId);
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    return { village };
  }
  return { townId: overseenTown(actor) ?? '' };
}

/** The repository scope and the file label of an authorized target. */
export async function ledgerScope(db: Database, target: LedgerTarget): Promise<{ scope: PatrolScope; label: string }> {
  if ('grid' in target) {
    const g = target.grid;
    return { scope: { gridId: g._id }, label: g.name };
  }
  if ('village' in target) {
    const v = target.village;
    return { scope: { villageId: v._id }, label: v.name };
  }
  const t = await orgRepo.town(db, target.townId);
  return { scope: { townId: target.townId }, label: t?.name ?? '全镇' };
}

function hhmm(at: number): string {
  return new Date(at + CST_OFFSET_MS).toISOString().slice(11, 16);
}

export async function toRows(db: Database, patrols: Patrol[]): Promise<LedgerRow[]> {
  const grids = await orgRepo.grids(db, [...new Set(patrols.map((x) => x.gridId))]);
  const names = new Map(grids.map((g) => [g._id, g.name]));
  return patrols.map((x) => ({
    id: x._id,
    date: x.date,
    at: x.at,
    villageId: x.villageId,
    gridId: x.gridId,
    gridName: names.get(x.gridId) ?? '',
    workerName: x.workerName,
    place: x.place,
    findings: x.findings,
    photoCount: x.photos.length,
    eventCount: x.eventIds.length,
  }));
}

/** The whole month as CSV, read in pages of 1000. */
export async function ledgerBook(db: Database, scope: PatrolScope, label: string, month: string): Promise<Workbook> {
  const rows: LedgerRow[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await patrolsRepo.ledgerPage(db, scope, month, skip, 1000);
    rows.push(...(await toRows(db, page)));
    if (page.length < 1000) break;
  }
  const text = (header: string, width?: number) => ({ header, ...(width ? { width } : {}) });
  const int = (header: string) => ({ header, kind: 'int' as const });
  return {
    filename: `${label}-定点巡查台账-${month}`,
    sheets: [
      {
        name: `${month} 定点巡查台账`,
        title: `${label} 定点巡查台账（${month}）`,
        columns: [text('日期', 12), text('时间', 8), text('网格'), text('网格员'), text('巡查地点'), text('巡查情况', 40), int('照片数'), int('上报事件数')],
        rows: rows.map((r) => [r.date, hhmm(r.at), r.gridName, r.workerName, r.place, r.findings, r.photoCount, r.eventCount]),
      },
    ],
  };
}

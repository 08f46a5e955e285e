import { DomainError } from '@domain/shared/errors';
import { scopesOf } from '../runtime/scope';
import type { Person } from '@domain/org/types';
import type { Patrol } from '@domain/grid/records';
import type { LedgerRow } from '@domain/api/patrol';
import { csvFile, type ExportFile } from '@domain/shared/csv';
import { CST_OFFSET_MS } from '@domain/shared/time';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';
import { patrolsRepo, type PatrolScope } from '../repos/patrols';

/**
 * Whose 定点巡查台账 this caller may read: the village admin their village (or one grid of it),
 * the town admin the town (or one village / grid of it). Anyone else: FORBIDDEN.
 */
export async function ledgerScope(db: Database, p: Person, q: { gridId?: string; villageId?: string }): Promise<{ scope: PatrolScope; label: string }> {
  const town = scopesOf(p, ['town_admin'])[0];
  const village = scopesOf(p, ['village_admin'])[0];
  if (!town && !village) throw new DomainError('FORBIDDEN', '只有村两委和镇管理员可以查看定点巡查台账');
  if (q.gridId) {
    const g = await orgRepo.grid(db, q.gridId);
    if (!g || !(g.townId === town || g.villageId === village)) throw new DomainError('NOT_FOUND', '找不到该网格');
    return { scope: { gridId: g._id }, label: g.name };
  }
  const villageId = q.villageId ?? (town ? undefined : village);
  if (villageId) {
    const v = await orgRepo.village(db, villageId);
    if (!v || !(v.townId === town || v._id === village)) throw new DomainError('NOT_FOUND', '找不到该村');
    return { scope: { villageId: v._id }, label: v.name };
  }
  const t = await orgRepo.town(db, town as string);
  return { scope: { townId: town as string }, label: t?.name ?? '全镇' };
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
export async function ledgerCsv(db: Database, scope: PatrolScope, label: string, month: string): Promise<ExportFile> {
  const rows: LedgerRow[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await patrolsRepo.ledgerPage(db, scope, month, skip, 1000);
    rows.push(...(await toRows(db, page)));
    if (page.length < 1000) break;
  }
  return csvFile(
    `${label}-定点巡查台账-${month}.csv`,
    ['日期', '时间', '网格', '网格员', '巡查地点', '巡查情况', '照片数', '上报事件数'],
    rows.map((r) => [r.date, hhmm(r.at), r.gridName, r.workerName, r.place, r.findings, r.photoCount, r.eventCount]),
  );
}

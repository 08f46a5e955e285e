import type { PhotoView } from '../moderation/verdicts';
import { z } from 'zod';
import { text as line, textLines, token } from './text';
import { monthValue } from './dates';
import type { ExportFile } from '../shared/csv';
import type { IsoDate } from '../shared/time';
import type { Patrol, Visit } from '../grid/records';
import { requestId } from './points';

/** Up to 100 characters: one line (a place); longer: may run over lines (descriptions, notes). */
const text = (min: number, max: number, label: string) =>
  (max > 100 ? textLines : line)({ error: `请填写${label}` })
    .min(min, { error: min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` });
const month = monthValue();
const id = token().min(1).max(64);

export const recordInput = z
  .object({
    requestId,
    gridId: id.optional(),
    place: text(1, 100, '巡查地点'),
    findings: text(2, 500, '巡查情况'),
    photos: z.array(token().min(1).max(256), { error: '照片格式不正确' }).max(3, { error: '最多上传 3 张照片' }),
    /** When the patrol took place (epoch ms); default now. Up to 3 days back. */
    at: z.number({ error: '巡查时间不正确' }).int().positive().optional(),
  })
  .strict();
export const visitInput = z.object({ requestId, householdId: id, note: text(2, 300, '走访情况') }).strict();
export const dueInput = z.object({ gridId: id.optional() }).strict();
export const mineInput = z.object({ month: month.optional() }).strict();
export const ledgerInput = z
  .object({ month, gridId: id.optional(), villageId: id.optional(), page: z.number().int().min(0).max(1000).optional() })
  .strict();
export const exportInput = z.object({ month, gridId: id.optional(), villageId: id.optional() }).strict();

export type PatrolView = Omit<Patrol, 'photos'> & { photos: PhotoView[]; gridName: string };
export type VisitView = Visit & { doorNo: string; headName: string };

export interface GridDue {
  gridId: string;
  gridName: string;
  /** This worker's last patrol of the grid, and whether one is due today. */
  lastPatrolDate: IsoDate | null;
  patrolDue: boolean;
  householdCount: number;
  /** Households nobody visited within the policy's days. */
  householdsDue: { id: string; doorNo: string; headName: string; lastVisit: IsoDate | null }[];
}

/** One line of the 定点巡查台账. */
export interface LedgerRow {
  id: string;
  date: IsoDate;
  at: number;
  villageId: string;
  gridId: string;
  gridName: string;
  workerName: string;
  place: string;
  findings: string;
  photoCount: number;
  eventCount: number;
}

export interface PatrolApi {
  record: { input: z.infer<typeof recordInput>; output: PatrolView };
  visit: { input: z.infer<typeof visitInput>; output: VisitView };
  due: { input: { gridId?: string }; output: { today: IsoDate; patrolEveryDays: number; visitEveryDays: number; grids: GridDue[] } };
  mine: { input: { month?: string }; output: { month: string; patrols: PatrolView[]; visits: VisitView[] } };
  ledger: { input: z.infer<typeof ledgerInput>; output: { month: string; items: LedgerRow[]; page: number; hasMore: boolean; total: number } };
  export: { input: z.infer<typeof exportInput>; output: ExportFile };
}

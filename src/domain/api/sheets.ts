import { z } from 'zod';
import { token } from './text';
import { PERIOD } from '../sheets/period';
import type { ExportFile } from '../shared/csv';
import type { PublicityApi } from './publicity';
import type { PatrolApi } from './patrol';
import type { AssessmentApi } from './assessment';
import type { GridApi } from './grid';

const id = token().min(1).max(64);

export const pointsLedgerInput = z
  .object({
    villageId: id.optional(),
    /** 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
    period: token().regex(PERIOD, { error: '期间格式不正确，例如 2026、2026-Q3 或 2026-09' }),
  })
  .strict();

export const handbookInput = z
  .object({
    /** One of: a household (default: the caller's own), a grid, a village. */
    householdId: id.optional(),
    gridId: id.optional(),
    villageId: id.optional(),
    year: token().regex(/^20\d\d$/, { error: '年份格式不正确，例如 2026' }),
  })
  .strict()
  .refine((i) => [i.householdId, i.gridId, i.villageId].filter(Boolean).length <= 1, { error: '一次只能导出一户、一个网格或一个村的积分手册' });

/**
 * The `sheets` function: every export as a real .xlsx (the same inputs and permissions as the
 * CSV actions of each function), plus the 积分台账 and the 积分手册.
 */
export interface SheetsApi {
  publicity: { input: PublicityApi['export']['input']; output: ExportFile };
  patrol: { input: PatrolApi['export']['input']; output: ExportFile };
  assessment: { input: AssessmentApi['export']['input']; output: ExportFile };
  people: { input: GridApi['exportPeopleLedger']['input']; output: ExportFile };
  pointsLedger: { input: z.infer<typeof pointsLedgerInput>; output: ExportFile };
  handbook: { input: z.infer<typeof handbookInput>; output: ExportFile };
}

import { z } from 'zod';
import { textLines, token } from './text';
import { monthValue } from './dates';
import type { ExportFile } from '../shared/csv';
import type { AssessmentWeights } from '../grid/assessmentWeights';
import { MANUAL_CATEGORIES, type AssessmentHistoryEntry, type AssessmentLine, type AssessmentStatus, type Correction, type ManualItem } from '../grid/assessment';
import type { AssessmentRow, VillageAssessmentSummary } from '../grid/assessmentLedger';

const requestId = token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });
const month = monthValue();
const gridId = token({ error: '请选择网格' }).min(1, { error: '请选择网格' }).max(64);
const reason = textLines({ error: '请填写理由' }).min(2, { error: '请填写理由（至少 2 字）' }).max(200, { error: '理由不能超过 200 字' });
const points = (max: number) =>
  z
    .number({ error: '分值必须是整数' })
    .int({ error: '分值必须是整数' })
    .min(-max, { error: `分值绝对值不超过 ${max}` })
    .max(max, { error: `分值绝对值不超过 ${max}` })
    .refine((n) => n !== 0, { error: '分值不能为 0' });

export const gridMonthInput = z.object({ gridId, month }).strict();
export const addManualItemInput = z
  .object({
    requestId,
    gridId,
    month,
    workerId: token({ error: '请选择网格员' }).min(1, { error: '请选择网格员' }).max(64),
    category: z.enum(MANUAL_CATEGORIES, { error: '请选择加减分类别' }),
    points: points(100),
    reason,
  })
  .strict();
export const removeManualItemInput = z.object({ gridId, month, itemId: token().min(1).max(64) }).strict();
export const correctInput = z
  .object({
    requestId,
    gridId,
    month,
    workerId: token({ error: '请选择网格员' }).min(1, { error: '请选择网格员' }).max(64),
    points: points(1000),
    reason,
  })
  .strict();
export const mineInput = z.object({}).strict();
export const ledgerInput = z
  .object({
    month,
    /** Town admin: one village of the town (default: the whole town). Village admin: their own. */
    villageId: token().min(1).max(64).optional(),
    page: z.number().int().min(0, { error: '页码不正确' }).max(10_000).optional(),
    pageSize: z.number().int().min(1, { error: '每页至少 1 条' }).max(100, { error: '每页最多 100 条' }).optional(),
  })
  .strict();
export const exportInput = z.object({ month, villageId: token().min(1).max(64).optional() }).strict();
export const townOverviewInput = z.object({ month }).strict();

/** A worker's line with their manual items and corrections, as the leader's page shows it. */
export interface AssessmentLineView extends AssessmentLine {
  manualItems: ManualItem[];
  corrections: Correction[];
}

export interface AssessmentView {
  gridId: string;
  gridName: string;
  villageName: string;
  month: string;
  status: AssessmentStatus | 'none';
  /** Live figures for a draft (as of now); frozen ones once published. */
  lines: AssessmentLineView[];
  weights: AssessmentWeights;
  householdCount: number;
  history: AssessmentHistoryEntry[];
  publishedAt: number | null;
  /** The caller is the grid's leader: may add items, publish, correct. */
  canEdit: boolean;
  /** Publication waits for the month's end (China time). */
  monthEnded: boolean;
}

export interface AssessmentApi {
  /** Grid leader: the month's figures per worker with the breakdown (preview; writes nothing). */
  compute: { input: z.infer<typeof gridMonthInput>; output: AssessmentView };
  /** The grid's assessment: its leader (draft or published); its workers, the village admin, the town (published only). */
  get: { input: z.infer<typeof gridMonthInput>; output: AssessmentView };
  /** Grid leader, draft only: 表彰 + / 群众投诉 − / 纪律处分 − / 其他, with a reason. Idempotent on requestId. */
  addManualItem: { input: z.infer<typeof addManualItemInput>; output: AssessmentView };
  /** Grid leader, draft only. */
  removeManualItem: { input: z.infer<typeof removeManualItemInput>; output: AssessmentView };
  /** Grid leader, after the month ends: freezes the figures; published once. */
  publish: { input: z.infer<typeof gridMonthInput>; output: AssessmentView };
  /** Grid leader or village admin: 更正 appended to a published assessment, with a reason. Idempotent on requestId. */
  correct: { input: z.infer<typeof correctInput>; output: AssessmentView };
  /** A grid worker: their own published results, newest month first. */
  mine: { input: Record<string, never>; output: { rows: AssessmentRow[] } };
  /** Village admin (their village) / town admin (their town or one village): 网格员积分评定台账, paged. */
  ledger: {
    input: z.infer<typeof ledgerInput>;
    output: { rows: AssessmentRow[]; total: number; page: number; pageSize: number; scopeName: string };
  };
  /** The same as a CSV file (client: services/saveExport). */
  export: { input: z.infer<typeof exportInput>; output: ExportFile };
  /** Town admin: per village, the month's published grids, workers, total and average. */
  townOverview: { input: z.infer<typeof townOverviewInput>; output: { month: string; villages: VillageAssessmentSummary[] } };
}

import { z } from 'zod';
import { token } from './text';
import { villagePeriodInput } from './period';
import type { ExportAnswer } from '../shared/csv';
import type { PublicityApi } from './publicity';
import type { PatrolApi } from './patrol';
import type { AssessmentApi } from './assessment';
import type { GridApi } from './grid';
import { pasted } from './text';

const id = token().min(1).max(64);

/** 积分台账: a village (default: the caller's) and a period. */
export const pointsLedgerInput = villagePeriodInput;

const year = z.number({ error: '请选择年份' }).int({ error: '请选择年份' }).min(2000, { error: '年份不正确' }).max(2099, { error: '年份不正确' });
/** One household (default: the caller's own), one grid or one village: `of` says which, `id` names it. */
export const handbookInput = z
  .object({
    year,
    of: z.enum(['household', 'grid', 'village']).optional(),
    id: id.optional(),
  })
  .strict()
  .refine((i) => i.id !== undefined || (i.of ?? 'household') === 'household', { error: '请选择要导出的网格或村', path: ['id'] });

/** 奖状 of a published 年度评比: every honoured household, or one. */
export const rankingCertificatesInput = z.object({ year, householdId: id.optional() }).strict();

/** A roster as .xlsx (base64): the same file limit as the CSV import (grid.importPreview). */
export const rosterXlsxInput = z
  .object({ content: pasted().min(1, '请选择要导入的 .xlsx 文件').max(6_000_000, '文件太大，请分批导入') })
  .strict();

/** A stored export (an answer with `encoding: 'file'`) fetched again: its file id. */
export const exportFileInput = z.object({ fileId: token({ error: '请选择文件' }).min(1, '请选择文件').max(300, '文件编号不正确') }).strict();

/**
 * The `sheets` function: every export as a real .xlsx (the same inputs and permissions as the
 * CSV actions of each function), plus the 积分台账 and the 积分手册. An export answers the file
 * itself up to 1 MB, else where it was stored (`ExportAnswer`, src/domain/sheets/limits.ts).
 */
export interface SheetsApi {
  publicity: { input: PublicityApi['export']['input']; output: ExportAnswer };
  patrol: { input: PatrolApi['export']['input']; output: ExportAnswer };
  assessment: { input: AssessmentApi['export']['input']; output: ExportAnswer };
  people: { input: GridApi['exportPeopleLedger']['input']; output: ExportAnswer };
  /** The printable 公示栏 sheet, a PDF. */
  publicityPoster: { input: PublicityApi['export']['input']; output: ExportAnswer };
  pointsLedger: { input: z.infer<typeof pointsLedgerInput>; output: ExportAnswer };
  /** 兑换记录台账 as .xlsx. */
  receipts: { input: z.infer<typeof villagePeriodInput>; output: ExportAnswer };
  handbook: { input: z.infer<typeof handbookInput>; output: ExportAnswer };
  /** Village admin: the 奖状 (PDF, one A4 landscape page per honoured household) of the published 年度评比. */
  rankingCertificates: { input: z.infer<typeof rankingCertificatesInput>; output: ExportAnswer };
  /** Village admin: the roster as .xlsx, read with exceljs after a bounded zip check; otherwise as grid.importPreview / importCommit. */
  /** The maker of a stored export (and only they): a fresh temporary URL for it. */
  exportFile: { input: z.infer<typeof exportFileInput>; output: { url: string; expiresInSeconds: number } };
  importPreview: { input: z.infer<typeof rosterXlsxInput>; output: GridApi['importPreview']['output'] };
  importCommit: { input: z.infer<typeof rosterXlsxInput>; output: GridApi['importCommit']['output'] };
}

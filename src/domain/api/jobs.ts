/** Scheduled jobs (year end), also runnable by an admin. */
import { z } from 'zod';
import { token } from './text';
import type { YearEndRun } from '../jobs/yearEnd';

export interface AnnualBaseResult {
  villageId: string;
  villageName: string;
  year: number;
  /** The village's mode is not annual_base: nothing posted. */
  applies: boolean;
  posted: number;
  /** Households barred by a veto on 1 January: no base. */
  barred: number;
}

export const yearEndInput = z
  .object({
    /** The year that ended; default: last year (China time). */
    year: z.number({ error: '年份必须是整数' }).int({ error: '年份必须是整数' }).min(2020, { error: '年份不正确' }).max(2100, { error: '年份不正确' }).optional(),
    /** Town admin: one village of the town (default: every village of the town). Village admin: their own. */
    villageId: token().min(1).max(64).optional(),
  })
  .strict();

export const runsInput = z
  .object({
    year: z.number({ error: '年份必须是整数' }).int({ error: '年份必须是整数' }).min(2020, { error: '年份不正确' }).max(2100, { error: '年份不正确' }).optional(),
  })
  .strict();

/** 年度基础分: the year (default and only: this year, China time) and, for the town admin, one village. */
export const annualBaseInput = yearEndInput;

export interface JobsApi {
  /** 年度基础分 (seed 000, policy baseScore.mode annual_base): post this year's base to each household without a veto. Idempotent. */
  annualBase: { input: z.infer<typeof annualBaseInput>; output: { results: AnnualBaseResult[] } };
  /** 年底结转: run the year-end job (年底清零 or 滚动结存 per village policy) for the year just ended. Idempotent. */
  yearEnd: { input: z.infer<typeof yearEndInput>; output: { runs: YearEndRun[] } };
  /** The year-end runs of my village (village admin) or of every village of my town (town admin), newest year first. */
  runs: { input: z.infer<typeof runsInput>; output: { items: YearEndRun[] } };
}

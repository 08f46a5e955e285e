import { z } from 'zod';
import { text, textLines, token } from './text';
import type { FundEntry, PoolView } from '../fund/types';
import { PERIOD } from '../sheets/period';
import type { Dashboard } from '../dashboard/view';

export const recordInput = z
  .object({
    requestId: token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' }),
    kind: z.enum(['donation', 'sponsor', 'collective_income', 'other_out'], { error: '请选择类别' }),
    amountYuan: z.number({ error: '金额格式不正确' }).positive({ error: '金额必须大于 0' }).max(10_000_000, { error: '金额过大' }),
    counterparty: text().max(60).optional(),
    note: textLines().max(200).optional(),
    /** The town admin names the village of the town (乡贤 donations, sponsors recorded at the town [003]); the village admin records for their own. */
    villageId: token().min(1, { error: '请选择村' }).max(64).optional(),
  })
  .strict();
export const villageInput = z.object({}).strict();
export const townInput = z.object({}).strict();
export const dashboardInput = z
  .object({
    /** 'YYYY', 'YYYY-Qn' or 'YYYY-MM'. */
    period: token().regex(PERIOD, { error: '期间格式不正确，例如 2026、2026-Q3 或 2026-09（年份在 2000 至 2099 之间）' }),
    /** Town admin: one village of the town (default: every village). */
    villageId: token().min(1).max(64).optional(),
  })
  .strict();

export interface FundApi {
  /** Village admin: money in (donation, sponsor, collective income) or out. Purchases come from stock-in. */
  record: { input: z.infer<typeof recordInput>; output: FundEntry };
  /** Village admin, committee: my village's pool and its entries. */
  village: { input: Record<string, never>; output: { pool: PoolView; entries: FundEntry[] } };
  /** Town admin: every village's pool, and the town's sum. */
  town: { input: Record<string, never>; output: { villages: PoolView[]; total: Omit<PoolView, 'villageId' | 'villageName'> } };
  /** 镇看板: town admin (every village, or one), village admin (own village): per village for a period. */
  dashboard: { input: z.infer<typeof dashboardInput>; output: Dashboard };
}

import { z } from 'zod';
import { textLines, token } from './text';
import { isoDateField } from './dates';
import type { Balance, BalanceFigures, LedgerEntry } from '../ledger/types';

export const balanceInput = z.object({ householdId: token().min(1).max(64).optional() }).strict();
export const entriesInput = z
  .object({
    householdId: token().min(1).max(64).optional(),
    /** Entries with seq below this (paging backwards from the newest). */
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1, { error: '每页至少 1 条' }).max(100, { error: '每页最多 100 条' }).optional(),
  })
  .strict();
export const adjustInput = z
  .object({
    requestId: token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' }),
    householdId: token().min(1).max(64),
    points: z
      .number({ error: '积分必须是整数' })
      .int({ error: '积分必须是整数' })
      .min(-10000, { error: '单次调整不超过 10000 分' })
      .max(10000, { error: '单次调整不超过 10000 分' })
      .refine((n) => n !== 0, { error: '积分不能为 0' }),
    reason: textLines({ error: '请填写调整原因' }).min(2, { error: '请填写调整原因' }).max(200, { error: '原因不能超过 200 字' }),
  })
  .strict();

export const reverseInput = z
  .object({
    requestId: token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' }),
    entryId: token({ error: '请选择要冲销的记录' }).min(1, { error: '请选择要冲销的记录' }).max(64),
    reason: textLines({ error: '请填写冲销原因' }).min(2, { error: '请填写冲销原因' }).max(200, { error: '原因不能超过 200 字' }),
  })
  .strict();

export const balanceAtInput = z
  .object({
    householdId: token().min(1).max(64).optional(),
    date: isoDateField(),
  })
  .strict();

export interface BalanceAtView {
  householdId: string;
  householdName: string;
  doorNo: string;
  /** The China date asked for: figures at its end (23:59:59). */
  date: string;
  figures: BalanceFigures;
  /** How many entries were posted by then. */
  entries: number;
}

export type BalanceView = Omit<Balance, '_id'> & { householdId: string; householdName: string; doorNo: string };

export interface LedgerApi {
  /** My household's balance (or, for the village admin / committee, any household of the village). */
  balance: { input: { householdId?: string }; output: BalanceView };
  /** The balance at the end of a past date, replayed from the ledger (same readers as `balance`). */
  balanceAt: { input: z.infer<typeof balanceAtInput>; output: BalanceAtView };
  /** Newest first. */
  entries: { input: { householdId?: string; beforeSeq?: number; limit?: number }; output: { items: LedgerEntry[]; nextBeforeSeq: number | null } };
  /** Village admin: an audited grant (or deduction) of redeemable points, until the audit issue posts them. */
  adjust: { input: z.infer<typeof adjustInput>; output: { entry: LedgerEntry; balance: BalanceView } };
  /**
   * Village admin: 更正冲销 — a new entry with the opposite delta naming the entry it reverses and
   * why. Never a reversal, a redemption (refunds go through the shop) or an entry reversed before.
   */
  reverse: { input: z.infer<typeof reverseInput>; output: { entry: LedgerEntry; balance: BalanceView } };
}

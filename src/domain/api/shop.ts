import { z } from 'zod';
import { text, textLines, token } from './text';
import { isoDateField, monthValue } from './dates';
import type { Goods, Receipt, StockMove } from '../shop/types';
import type { Eligibility } from '../shop/eligibility';
import type { RedemptionDayPolicy } from '../shop/redemptionDay';
import type { ExportFile } from '../shared/csv';
import { villagePeriodInput } from './period';

const requestId = token({ error: '缺少请求编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });
const code = token({ error: '请输入兑换码' }).regex(/^\d{8}$/, { error: '兑换码是 8 位数字' });
const qty = z.number({ error: '数量必须是正整数' }).int({ error: '数量必须是正整数' }).min(1, { error: '数量必须是正整数' }).max(999, { error: '数量过大' });
const goodsName = text({ error: '请填写商品名称' }).min(1, { error: '请填写商品名称' }).max(40, { error: '商品名称不超过 40 字' });
const price = z.number({ error: '积分价格必须是正整数' }).int({ error: '积分价格必须是正整数' }).min(1, { error: '积分价格必须是正整数' }).max(100000, { error: '积分价格过大' });
const yuan = z.number({ error: '金额格式不正确' }).min(0, { error: '金额不能为负' }).max(10_000_000, { error: '金额过大' });

export const goodsInput = z.object({ includeInactive: z.boolean().optional() }).strict();
/** `unitId`: a code for a unit the caller is the 负责人 of (单位积分, where the village lets units redeem). */
export const myCodeInput = z.object({ unitId: token().min(1).max(96).optional() }).strict();
export const scanInput = z.object({ code }).strict();
export const redeemInput = z
  .object({
    requestId,
    code,
    lines: z.array(z.object({ goodsId: token().min(1).max(64), quantity: qty }).strict(), { error: '请选择商品' }).min(1, { error: '请先选择要兑换的商品' }).max(30),
  })
  .strict();
/** 退货: some lines (or all) of a receipt, with a reason; idempotent on requestId. */
export const returnGoodsInput = z
  .object({
    requestId,
    receiptId: token({ error: '请选择小票' }).min(1, { error: '请选择小票' }).max(64),
    lines: z.array(z.object({ goodsId: token().min(1).max(64), quantity: qty }).strict(), { error: '请选择要退的商品' }).min(1, { error: '请选择要退的商品' }).max(30),
    reason: textLines({ error: '请填写退货原因' }).min(2, { error: '请填写退货原因' }).max(200, { error: '原因不能超过 200 字' }),
  })
  .strict();
/**
 * Whose receipts: my household's, the ones I issued (clerk), or my village's (village admin).
 * Default: the village's for a village admin, else the ones I issued for a clerk, else my household's.
 */
export const RECEIPT_SCOPES = ['household', 'issued', 'village'] as const;
export type ReceiptScope = (typeof RECEIPT_SCOPES)[number];
export const receiptsInput = z
  .object({ limit: z.number().int().min(1).max(100).optional(), scope: z.enum(RECEIPT_SCOPES, { error: '查看范围不正确' }).optional() })
  .strict();
/** photo: a file id from the photo upload (null removes the photo, absent keeps it). */
export const saveGoodsInput = z
  .object({
    goodsId: token().min(1).max(64).optional(),
    name: goodsName,
    price,
    photo: token({ error: '商品照片格式不正确' }).min(1, { error: '商品照片格式不正确' }).max(256, { error: '商品照片格式不正确' }).nullable().optional(),
    active: z.boolean().optional(),
  })
  .strict();
/** A household member asks whether their code has been used yet (the 兑换码 page polls it). */
export const codeStatusInput = z.object({ code }).strict();
export const stockInInput = z.object({ requestId, goodsId: token().min(1).max(64), quantity: qty, costYuan: yuan, supplier: text().max(60).optional() }).strict();
export const stockOutInput = z
  .object({ requestId, goodsId: token().min(1).max(64), quantity: qty, reason: textLines({ error: '请填写报损原因' }).min(2, { error: '请填写报损原因' }).max(200) })
  .strict();
export const stockMovesInput = z.object({ goodsId: token().min(1).max(64) }).strict();
export const getPolicyInput = z.object({}).strict();
/**
 * When neither form fits, zod says only "Invalid input": the message of the form that was meant
 * (the one whose keys were given) is shown instead — e.g. a market date before 2000.
 */
const marketMessage = (iss: { code?: string; errors?: { code?: string; message?: string }[][] }): string | undefined => {
  if (iss.code !== 'invalid_union' || !iss.errors) return undefined;
  const meant = iss.errors.find((issues) => issues.length > 0 && !issues.some((i) => i.code === 'unrecognized_keys' || i.code === 'invalid_type'));
  return meant?.[0]?.message ?? '赶场日请填写“逢三六九”这样的规律，或具体日期';
};
const market = z.union(
  [
    z.object({ pattern: token().regex(/^逢[一二三四五六七八九十]+$/, { error: '赶场日格式应如“逢三六九”' }) }).strict(),
    z.object({ dates: z.array(isoDateField({ format: '请填写正确的赶场日期（YYYY-MM-DD）' })).min(1, { error: '请至少填写一个赶场日期' }).max(120) }).strict(),
  ],
  { error: marketMessage },
);
export const setPolicyInput = z
  .object({
    redemptionDay: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('any_day') }).strict(),
      z.object({ mode: z.literal('last_market_day'), market }).strict(),
      z
        .object({
          mode: z.literal('every_n_months'),
          market,
          everyMonths: z.number({ error: '间隔月数应为 1–12' }).int({ error: '间隔月数应为 1–12' }).min(1, { error: '间隔月数应为 1–12' }).max(12, { error: '间隔月数应为 1–12' }),
          anchorMonth: monthValue({ required: '起始月份格式应为 YYYY-MM', format: '起始月份格式应为 YYYY-MM' }),
        })
        .strict(),
    ]),
  })
  .strict();

/** What a clerk sees of a household: enough to redeem, nothing more (no tags, IDs, phones). */
export interface ScanView {
  code: string;
  householdLabel: string;
  redeemable: number;
  eligibility: Eligibility;
  expiresAt: number;
}

export interface MyCodeView {
  code: string;
  expiresAt: number;
  ttlSeconds: number;
  redeemable: number;
  eligibility: Eligibility;
}

/** Goods as the client sees them: the photo resolved to a URL it can show (null: no photo). */
export type GoodsView = Goods & {
  photoUrl: string | null;
  /** Only to the admin who set the photo, while it waits for or failed its content check (no URL for others). */
  photoHeld?: 'pending' | 'risky';
};

export type CodeState = 'active' | 'expired' | 'used';

/** A code as its household sees it after showing it: still usable, expired, or used — with the receipt. */
export interface CodeStatusView {
  state: CodeState;
  receipt: Receipt | null;
}

export interface ShopApi {
  goods: { input: { includeInactive?: boolean }; output: { items: GoodsView[] } };
  myCode: { input: { unitId?: string }; output: MyCodeView };
  /** A member of the code's household: has the clerk confirmed yet? The receipt once used. */
  codeStatus: { input: { code: string }; output: CodeStatusView };
  scan: { input: { code: string }; output: ScanView };
  redeem: { input: z.infer<typeof redeemInput>; output: Receipt };
  /** 退货: clerk or village admin of the receipt's village, within the return window; the receipt with its returns. */
  returnGoods: { input: z.infer<typeof returnGoodsInput>; output: Receipt };
  /** A household member: my household's receipts; a clerk: receipts I issued; the admin: the village's. */
  receipts: { input: { limit?: number; scope?: ReceiptScope }; output: { items: Receipt[] } };
  saveGoods: { input: z.infer<typeof saveGoodsInput>; output: GoodsView };
  stockIn: { input: z.infer<typeof stockInInput>; output: { goods: Goods; move: StockMove } };
  stockOut: { input: z.infer<typeof stockOutInput>; output: { goods: Goods; move: StockMove } };
  stockMoves: { input: { goodsId: string }; output: { items: StockMove[] } };
  /** 兑换记录台账 of a month, quarter or year (CSV; the .xlsx is sheets.receipts). */
  exportReceipts: { input: z.infer<typeof villagePeriodInput>; output: ExportFile };
  getPolicy: { input: Record<string, never>; output: { redemptionDay: RedemptionDayPolicy; description: string; codeTtlSeconds: number } };
  setPolicy: { input: z.infer<typeof setPolicyInput>; output: { redemptionDay: RedemptionDayPolicy; description: string; codeTtlSeconds: number } };
}

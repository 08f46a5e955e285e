import { z } from 'zod';
import { textLines, token } from './text';
import { isoDateField, monthValue, quarterValue } from './dates';
import type { ApplicationView } from './points';
import type { AuditMonthStatus, AuditSignature, MonthHistoryEntry } from '../audit/types';
import type { BaseScoreRecord } from '../audit/baseScore';

/** 一月一审核: the committee's monthly audit, quorum sign-off, month close, base score. */

const id = (label: string) => token({ error: `请选择${label}` }).min(1, { error: `请选择${label}` }).max(64);
export const monthField = monthValue();
const reason = textLines().max(200, { error: '理由不能超过 200 字' });

export const monthInput = z
  .object({
    month: monthField,
    /** Town admin: which village (others: their own). */
    villageId: id('村').optional(),
    /** Paging: applications after this id. */
    afterId: token().min(1).max(64).optional(),
    limit: z.number().int().min(1, { error: '每页至少 1 条' }).max(100, { error: '每页最多 100 条' }).optional(),
  })
  .strict();

export const signInput = z
  .object({
    applicationId: id('申报'),
    decision: z.enum(['approve', 'reject', 'adjust', 'fraud'], { error: '请选择通过、不通过、调整分值或认定虚假' }),
    points: z.number({ error: '分值必须是整数' }).int({ error: '分值必须是整数' }).min(-10000).max(10000).optional(),
    reason: reason.optional(),
  })
  .strict();

export const freezeInput = z
  .object({ applicationId: id('申报'), reason: textLines({ error: '请填写冻结原因' }).min(2, { error: '请填写冻结原因' }).max(200, { error: '原因不能超过 200 字' }) })
  .strict();
export const unfreezeInput = z.object({ applicationId: id('申报'), reason: reason.optional() }).strict();
export const closeInput = z.object({ month: monthField }).strict();
export const monthsInput = z.object({ villageId: id('村').optional() }).strict();

export const recordBaseScoreInput = z
  .object({
    requestId: token({ error: '缺少请求编号' }).regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' }),
    householdId: id('户'),
    date: isoDateField({ required: '请选择检查日期' }),
    score: z
      .number({ error: '评分必须是 0～100 的整数' })
      .int({ error: '评分必须是 0～100 的整数' })
      .min(0, { error: '评分必须是 0～100 的整数' })
      .max(100, { error: '评分必须是 0～100 的整数' }),
    note: textLines().max(200, { error: '备注不能超过 200 字' }).optional(),
  })
  .strict();

export const baseScoresInput = z
  .object({
    gridId: id('网格'),
    quarter: quarterValue(),
  })
  .strict();

export type MonthInput = z.infer<typeof monthInput>;
export type SignInput = z.infer<typeof signInput>;
export type FreezeInput = z.infer<typeof freezeInput>;
export type UnfreezeInput = z.infer<typeof unfreezeInput>;
export type RecordBaseScoreInput = z.infer<typeof recordBaseScoreInput>;
export type BaseScoresInput = z.infer<typeof baseScoresInput>;

/** An application in the audit: the application (photos, history, signatures, freeze) and what the caller may do. */
export type AuditItemView = ApplicationView & {
  /** The caller's own signature, if any. */
  mySignature: AuditSignature | null;
  /** Reviewer, not own household, not frozen, not decided. */
  canSign: boolean;
  canFreeze: boolean;
  canUnfreeze: boolean;
};

/** A village month at a glance (the months overview and the audit page's header). */
export interface MonthSummary {
  _id: string;
  villageId: string;
  villageName: string;
  month: string;
  status: AuditMonthStatus;
  /** Closed after the deadline, or still open after it. */
  late: boolean;
  /** 'YYYY-MM-DD': close by this day. */
  closeBy: string;
  undecided: number;
  frozen: number;
  closedAt: number | null;
  closedByName: string | null;
  postedHouseholds: number;
  postedPoints: number;
}

export interface MonthView {
  summary: MonthSummary;
  quorum: number;
  history: MonthHistoryEntry[];
  items: AuditItemView[];
  nextAfterId: string | null;
  /** What the caller may do here. */
  role: { reviewer: boolean; leader: boolean; supervisor: boolean };
  canClose: boolean;
}

export interface CloseResult {
  summary: MonthSummary;
}

export interface BaseScoreRow {
  householdId: string;
  doorNo: string;
  /** Masked head's name. */
  headName: string;
  record: BaseScoreRecord | null;
  /** The household's redemption gate as last recomputed (null: not in force or never scored). */
  baseScoreOk: boolean | null;
}

export interface AuditApi {
  /** A village month's applications (reviewers, supervisors, village admin; town admin with villageId). */
  month: { input: MonthInput; output: MonthView };
  /** A reviewer signs (or changes their signature) on an undecided application. */
  sign: { input: SignInput; output: AuditItemView };
  /** A supervisor freezes an undecided application with a reason. */
  freeze: { input: FreezeInput; output: AuditItemView };
  /** Any supervisor of the village lifts a freeze. */
  unfreeze: { input: UnfreezeInput; output: AuditItemView };
  /** The committee leader closes the month: approved points enter the ledger as pending publicity. */
  close: { input: { month: string }; output: CloseResult };
  /** Months overview with late flags (village admin, reviewers, supervisors; town admin: every village). */
  months: { input: { villageId?: string }; output: { items: MonthSummary[] } };
  /** A reviewer records one inspection's 人居环境 score (0–100) for a household. */
  recordBaseScore: { input: RecordBaseScoreInput; output: BaseScoreRow };
  /** One grid's households and their base score for a quarter. */
  baseScores: { input: BaseScoresInput; output: { quarter: string; items: BaseScoreRow[] } };
}

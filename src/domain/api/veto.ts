/** 一票否决: negative-list events, recorded by a reviewer and countersigned by a supervisor. */
import { z } from 'zod';
import { text, textLines, token } from './text';
import { isoDateField } from './dates';
import type { Veto, VetoStatus } from '../veto/types';

const requestId = token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });
const vetoId = token({ error: '请选择事项' }).min(1, { error: '请选择事项' }).max(64);

export const recordVetoInput = z
  .object({
    requestId,
    householdId: token({ error: '请选择农户' }).min(1, { error: '请选择农户' }).max(64),
    item: text({ error: '请填写负面清单事项' }).min(2, { error: '请填写负面清单事项' }).max(40, { error: '事项不能超过 40 字' }),
    description: textLines({ error: '请填写事情经过' }).min(5, { error: '请写明事情经过（至少 5 个字）' }).max(500, { error: '经过不能超过 500 字' }),
    eventDate: isoDateField({ required: '请选择发生日期' }),
  })
  .strict();

export const countersignInput = z
  .object({ vetoId, note: textLines().max(200, { error: '意见不能超过 200 字' }).optional() })
  .strict();

export const rejectVetoInput = z
  .object({
    vetoId,
    reason: textLines({ error: '请填写驳回原因' }).min(2, { error: '请填写驳回原因' }).max(200, { error: '原因不能超过 200 字' }),
  })
  .strict();

export const VETO_STATUSES = ['recorded', 'effective', 'rejected'] as const satisfies readonly VetoStatus[];

export const listVetoInput = z
  .object({
    /** Town admin: which village of the town. Others: their own village. */
    villageId: token().min(1).max(64).optional(),
    status: z.enum(VETO_STATUSES, { error: '状态不正确' }).optional(),
    limit: z.number().int().min(1, { error: '每页至少 1 条' }).max(100, { error: '每页最多 100 条' }).optional(),
    offset: z.number().int().min(0).max(10000, { error: '请缩小查询范围' }).optional(),
  })
  .strict();

export const vetoHouseholdsInput = z.object({ gridId: token().min(1).max(64).optional() }).strict();

export interface VetoHouseholdOption {
  id: string;
  doorNo: string;
  headName: string;
}

export interface VetoApi {
  /** Reviewer of the household's village: record a negative-list event; it waits for a supervisor. Idempotent on requestId. */
  record: { input: z.infer<typeof recordVetoInput>; output: Veto };
  /** Supervisor of the village: countersign — the veto takes effect (points cleared per policy, redemption barred). */
  countersign: { input: z.infer<typeof countersignInput>; output: Veto };
  /** Supervisor of the village: refuse to countersign, with a reason. */
  reject: { input: z.infer<typeof rejectVetoInput>; output: Veto };
  /** Reviewers, supervisors and the admin of the village (town admin: any village of the town): newest event first. */
  list: { input: z.infer<typeof listVetoInput>; output: { items: Veto[]; nextOffset: number | null } };
  /** A household member: the vetoes in force or past on my household, with the reason. */
  mine: { input: Record<string, never>; output: { items: Veto[] } };
  /** Reviewers: the village's grids and the households of one grid (the record form's picker). */
  households: {
    input: z.infer<typeof vetoHouseholdsInput>;
    output: { grids: { id: string; name: string }[]; gridId: string | null; items: VetoHouseholdOption[] };
  };
}

export const mineVetoInput = z.object({}).strict();

import type { JourneyStep } from '../points/journey';
import type { PhotoView } from '../moderation/verdicts';
import { z } from 'zod';
import { text as line, textLines, token } from './text';
import { isoDateField } from './dates';
import type { Application } from '../points/application';

/** Up to 100 characters: one line (a place); longer: may run over lines (what happened). */
const text = (max: number, label: string) =>
  (max > 100 ? textLines : line)({ error: `请填写${label}` }).min(1, { error: `请填写${label}` }).max(max, { error: `${label}不能超过 ${max} 字` });

/** A client-chosen id: a retried submit with the same requestId returns the first application. */
export const requestId = token({ error: '缺少请求编号' })
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });

export const deedFields = {
  requestId,
  itemCode: token({ error: '请选择积分项目' }).min(1, { error: '请选择积分项目' }).max(32),
  deedDate: isoDateField(),
  place: text(100, '地点'),
  description: text(500, '事情经过'),
  photos: z.array(token().min(1).max(256), { error: '照片格式不正确' }).max(3, { error: '最多上传 3 张照片' }),
  /** The household member the deed is about (default: the submitter, or the head). */
  memberId: token({ error: '请选择家庭成员' }).min(1, { error: '请选择家庭成员' }).max(64).optional(),
};

export const submitInput = z.object(deedFields).strict();
export const submitOnBehalfInput = z.object({ ...deedFields, householdId: token().min(1).max(64) }).strict();
/** 他人举报/推荐, 评议小组走访, 上级检查: a deed of the household `householdId`. */
export const reportInput = submitOnBehalfInput;
export const recordVisitInput = submitOnBehalfInput;
export const recordInspectionInput = submitOnBehalfInput;
export const reportTargetsInput = z.object({ gridId: token().min(1).max(64).optional(), villageId: token().min(1).max(64).optional() }).strict();
export const membersInput = z
  .object({
    householdId: token().min(1).max(64).optional(),
    year: z.number({ error: '年份不正确' }).int({ error: '年份不正确' }).min(2000, { error: '年份不正确' }).max(2100, { error: '年份不正确' }).optional(),
  })
  .strict();
export const firstReviewInput = z
  .object({
    applicationId: token().min(1).max(64),
    decision: z.enum(['pass', 'return'], { error: '请选择通过或退回' }),
    reason: textLines().max(200, { error: '原因不能超过 200 字' }).optional(),
  })
  .strict();
export const getInput = z.object({ applicationId: token().min(1).max(64) }).strict();
export const mineInput = z.object({}).strict();
export const gridQueueInput = z.object({ gridId: token().min(1).max(64).optional() }).strict();

export type SubmitInput = z.infer<typeof submitInput>;
export type SubmitOnBehalfInput = z.infer<typeof submitOnBehalfInput>;
export type FirstReviewInput = z.infer<typeof firstReviewInput>;

/** An application as the client sees it: photos resolved to URLs it can show. */
export type ApplicationView = Omit<Application, 'photos'> & { photos: PhotoView[] };

/** One application with where its points are on their way (已申报 → … → 可兑换). */
export type ApplicationDetailView = ApplicationView & { journey: JourneyStep[] };

/** One member's part of the household's decided points in a year (the household stays the unit scored). */
export interface MemberContribution {
  /** null: applications from before members were named (the whole household). */
  personId: string | null;
  name: string;
  relation: string | null;
  /** Decided points: approved (as adjusted), fraud (the penalty). */
  points: number;
  approved: number;
}

export interface PointsApi {
  report: { input: SubmitOnBehalfInput; output: ApplicationView };
  recordVisit: { input: SubmitOnBehalfInput; output: ApplicationView };
  recordInspection: { input: SubmitOnBehalfInput; output: ApplicationView };
  reportTargets: {
    input: { gridId?: string; villageId?: string };
    output: {
      /** The town admin's villages (empty for others). */
      villages: { id: string; name: string }[];
      villageId: string;
      grids: { id: string; name: string }[];
      gridId: string | null;
      items: { id: string; doorNo: string; headName: string }[];
    };
  };
  members: {
    input: { householdId?: string; year?: number };
    output: { householdId: string; year: number; members: MemberContribution[]; people: { id: string; name: string; relation: string | null }[] };
  };
  submit: { input: SubmitInput; output: ApplicationView };
  submitOnBehalf: { input: SubmitOnBehalfInput; output: ApplicationView };
  firstReview: { input: FirstReviewInput; output: ApplicationView };
  mine: { input: Record<string, never>; output: { items: ApplicationView[] } };
  gridQueue: { input: { gridId?: string }; output: { items: ApplicationView[] } };
  get: { input: { applicationId: string }; output: ApplicationDetailView };
}

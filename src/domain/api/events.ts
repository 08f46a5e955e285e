import type { PhotoView } from '../moderation/verdicts';
import { z } from 'zod';
import { text as line, textLines, token } from './text';
import { EVENT_CATEGORIES, type EventCategory, type EventLevel, type EventStatus, type GridEvent } from '../grid/records';
import type { EventStep } from '../grid/eventFlow';
import { requestId } from './points';

/** Up to 100 characters: one line (a place); longer: may run over lines (descriptions, notes). */
const text = (min: number, max: number, label: string) =>
  (max > 100 ? textLines : line)({ error: `请填写${label}` })
    .min(min, { error: min > 1 ? `${label}至少 ${min} 个字` : `请填写${label}` })
    .max(max, { error: `${label}不能超过 ${max} 字` });
const eventId = token({ error: '缺少事件编号' }).min(1, { error: '缺少事件编号' }).max(64);

export const reportInput = z
  .object({
    requestId,
    category: z.enum(EVENT_CATEGORIES, { error: '请选择事件类别' }),
    place: text(1, 100, '地点'),
    description: text(4, 500, '事件描述'),
    photos: z.array(token().min(1).max(256), { error: '照片格式不正确' }).max(3, { error: '最多上传 3 张照片' }),
    /** Grid workers pick one of their grids; a villager's report goes to their household's grid. */
    gridId: token().min(1).max(64).optional(),
    /** A finding of this patrol (the worker's own). */
    patrolId: token().min(1).max(64).optional(),
    /** 自巡自办: a grid worker reports what they already handled, with the closing note — the event is closed at once. */
    selfHandled: z.object({ handling: text(2, 500, '处置情况'), closingNote: text(2, 200, '办结说明') }).strict().optional(),
  })
  .strict();
export const mineInput = z.object({ page: z.number().int().min(0).max(1000).optional() }).strict();
export const QUEUE_SCOPES = ['grid', 'village', 'town', 'assigned'] as const;
export type QueueScope = (typeof QUEUE_SCOPES)[number];
export const QUEUE_FILTERS = ['open', 'overdue', 'closed'] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
export const queueInput = z
  .object({
    scope: z.enum(QUEUE_SCOPES, { error: '范围不正确' }).optional(),
    filter: z.enum(QUEUE_FILTERS, { error: '请选择待办、超期或已办结' }),
    gridId: token().min(1).max(64).optional(),
    page: z.number().int().min(0).max(1000).optional(),
    pageSize: z.number().int().min(1).max(50).optional(),
  })
  .strict();
export const getInput = z.object({ eventId }).strict();
export const escalateInput = z.object({ eventId, note: text(2, 200, '上报原因') }).strict();
export const dispatchInput = z
  .object({ eventId, handlerId: token({ error: '请选择接单人' }).min(1, { error: '请选择接单人' }).max(64), note: textLines().max(200, { error: '派单说明不能超过 200 字' }).optional() })
  .strict();
export const handlersInput = z.object({ eventId }).strict();
export const handleInput = z.object({ eventId, handling: text(2, 500, '处置情况') }).strict();
export const closeInput = z.object({ eventId, closingNote: text(2, 200, '办结说明') }).strict();
export const reopenInput = z.object({ eventId, reason: text(2, 200, '重新办理原因') }).strict();
export const followUpInput = z
  .object({
    eventId,
    satisfaction: z.enum(['satisfied', 'basic', 'unsatisfied'], { error: '请选择满意度' }),
    comment: textLines().max(200, { error: '意见不能超过 200 字' }).optional(),
  })
  .strict();
export const checkOverdueInput = z.object({}).strict();
export const statsInput = z.object({ villageId: token().min(1).max(64).optional() }).strict();

export type ReportInput = z.infer<typeof reportInput>;

/** One event as the viewer sees it: photos as URLs, whether it is overdue now, and the steps the viewer may take. */
export type EventView = Omit<GridEvent, 'photos'> & {
  photos: PhotoView[];
  gridName: string;
  overdue: boolean;
  steps: EventStep[];
};

/** A row of a list. */
export interface EventListItem {
  id: string;
  category: EventCategory;
  place: string;
  description: string;
  gridId: string;
  gridName: string;
  level: EventLevel;
  status: EventStatus;
  overdue: boolean;
  deadlineAt: number;
  createdAt: number;
  closedAt: number | null;
  reporterName: string;
  handlerName: string | null;
  satisfaction: NonNullable<GridEvent['followUp']>['satisfaction'] | null;
}

export interface EventPage {
  items: EventListItem[];
  page: number;
  hasMore: boolean;
}

/** Per grid: open now, overdue now, closed, and the 回访 ratings of closed events. */
export interface EventStatsRow {
  gridId: string;
  gridName: string;
  villageId: string;
  open: number;
  overdue: number;
  closed: number;
  satisfied: number;
  basic: number;
  unsatisfied: number;
}

export interface HandlerCandidate {
  id: string;
  name: string;
  /** e.g. 网格员（青山村一组）, 村两委 */
  title: string;
}

export interface EventsApi {
  report: { input: ReportInput; output: EventView };
  mine: { input: { page?: number }; output: EventPage };
  queue: { input: z.infer<typeof queueInput>; output: EventPage & { scope: QueueScope; scopes: QueueScope[] } };
  get: { input: { eventId: string }; output: EventView };
  escalate: { input: z.infer<typeof escalateInput>; output: EventView };
  handlers: { input: { eventId: string }; output: { items: HandlerCandidate[] } };
  dispatch: { input: z.infer<typeof dispatchInput>; output: EventView };
  handle: { input: z.infer<typeof handleInput>; output: EventView };
  close: { input: z.infer<typeof closeInput>; output: EventView };
  reopen: { input: z.infer<typeof reopenInput>; output: EventView };
  followUp: { input: z.infer<typeof followUpInput>; output: EventView };
  checkOverdue: { input: Record<string, never>; output: { flagged: number } };
  stats: { input: { villageId?: string }; output: { rows: EventStatsRow[]; total: Omit<EventStatsRow, 'gridId' | 'gridName' | 'villageId'> } };
}

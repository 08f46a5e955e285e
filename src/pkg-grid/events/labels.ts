import { EVENT_LEVEL_LABELS, EVENT_STATUS_LABELS, type EventLevel, type EventStatus } from '@domain/grid/records';
import type { QueueFilter, QueueScope } from '@domain/api/events';

export const SCOPE_LABELS: Record<QueueScope, string> = { grid: '本网格', village: '本村', town: '全镇', assigned: '派给我的' };
export const FILTER_LABELS: Record<QueueFilter, string> = { open: '待办', overdue: '超期', closed: '已办结' };

/** "村 · 已派单": where it sits and what it waits for. */
export function stateText(level: EventLevel, status: EventStatus): string {
  return status === 'closed' ? EVENT_STATUS_LABELS.closed : `${EVENT_LEVEL_LABELS[level]}级 · ${EVENT_STATUS_LABELS[status]}`;
}

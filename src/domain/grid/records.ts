import type { IsoDate } from '../shared/time';

/**
 * The grid's working records [002][004]: patrols, household visits and events. These are the
 * shapes the event/patrol flows write and the grid-worker assessment and the ledgers (台账) read.
 * Every document carries its town, village and grid so that each level can query its own.
 */
export interface GridPlace {
  townId: string;
  villageId: string;
  gridId: string;
}

/** 定点巡查: one patrol by one worker. */
export interface Patrol extends GridPlace {
  _id: string;
  workerId: string;
  workerName: string;
  /** China date of the patrol (the assessment counts patrol days). */
  date: IsoDate;
  at: number;
  place: string;
  findings: string;
  photos: string[];
  /** Events reported from this patrol. */
  eventIds: string[];
  createdAt: number;
}

/** 入户走访: one visit of one household by a grid worker. */
export interface Visit extends GridPlace {
  _id: string;
  householdId: string;
  workerId: string;
  workerName: string;
  date: IsoDate;
  at: number;
  note: string;
  createdAt: number;
}

export const EVENT_CATEGORIES = ['dispute', 'hazard', 'environment', 'security', 'request', 'other'] as const;
export type EventCategory = (typeof EVENT_CATEGORIES)[number];
export const EVENT_CATEGORY_LABELS: Record<EventCategory, string> = {
  dispute: '矛盾纠纷',
  hazard: '安全隐患',
  environment: '环境卫生',
  security: '社会治安',
  request: '代办帮办',
  other: '其他',
};

/** "员代办、组上报、村处理、乡处置" [004]: where an event sits now. */
export type EventLevel = 'grid' | 'village' | 'town';
export const EVENT_LEVEL_LABELS: Record<EventLevel, string> = { grid: '网格', village: '村', town: '镇' };

/** 自巡自办 (the finder handles it) or 巡办分离 (patrol, dispatch, handle, verify) [002]. */
export type EventMode = 'self' | 'separate';

/**
 *   open ──dispatch──▶ dispatched ──handle──▶ handled ──verify/close──▶ closed ──回访──▶ (rated)
 *    │ ▲ escalate (level up)                                              │
 *    └─┴──────────────────────── reopen ◀─────────────────────────────────┘
 * 自巡自办: the finder handles and closes without dispatch.
 */
export type EventStatus = 'open' | 'dispatched' | 'handled' | 'closed';
export const EVENT_STATUS_LABELS: Record<EventStatus, string> = {
  open: '待处理',
  dispatched: '已派单',
  handled: '已处置，待核验',
  closed: '已办结',
};

export type EventAction = 'report' | 'accept' | 'escalate' | 'dispatch' | 'handle' | 'close' | 'reopen' | 'follow_up' | 'overdue';
export const EVENT_ACTION_LABELS: Record<EventAction, string> = {
  report: '上报事件',
  accept: '受理',
  escalate: '上报上级',
  dispatch: '派单',
  handle: '登记处置',
  close: '核验办结',
  reopen: '重新办理',
  follow_up: '回访',
  overdue: '超期督办',
};

export interface EventHistoryEntry {
  at: number;
  action: EventAction;
  level: EventLevel;
  actorId: string;
  actorName: string;
  note: string | null;
}

/** 回访: the reporter's satisfaction after closing. */
export type Satisfaction = 'satisfied' | 'basic' | 'unsatisfied';
export const SATISFACTION_LABELS: Record<Satisfaction, string> = { satisfied: '满意', basic: '基本满意', unsatisfied: '不满意' };

export interface GridEvent extends GridPlace {
  _id: string;
  category: EventCategory;
  mode: EventMode;
  place: string;
  description: string;
  photos: string[];
  /** Who reported it: a villager (随手拍/说事) or a grid worker (patrol finding). */
  reporterId: string;
  reporterName: string;
  reporterRole: 'villager' | 'grid_worker';
  patrolId: string | null;
  level: EventLevel;
  status: EventStatus;
  /** The person it is dispatched to (派单), if any. */
  handlerId: string | null;
  handlerName: string | null;
  /** Handling is due by this instant (policy by category); overdue events are flagged up a level. */
  deadlineAt: number;
  /** The deadline whose overrun has been flagged (an 'overdue' history entry), so it is flagged once. */
  overdueFlaggedFor: number | null;
  handling: string | null;
  closedAt: number | null;
  /** Who closed it: counts as "solved" for that grid worker's assessment. */
  closedBy: string | null;
  /** The latest 回访 (a reopened event keeps it until it is closed and visited again; the history keeps every one). */
  followUp: { satisfaction: Satisfaction; comment: string | null; at: number; byId: string; byName: string; onBehalf: boolean } | null;
  history: EventHistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

import type { IsoDate } from '../shared/time';

/**
 * 一季一公示 [000][003]: a village's quarter is opened for publicity (every household's points,
 * masked), villagers may object during the window, the village closes it, the town reviews
 * (镇党委复核); on approval the quarter's pending points become redeemable.
 *
 * opening → open → closed → approving → approved
 *                    ↑  ↓ (town sends back)
 *                  returned → open (reopened for corrections) | closed (resubmitted)
 * `opening` and `approving` are batch phases that a crash leaves resumable (see `cursor`).
 */
export type PublicityStatus = 'opening' | 'open' | 'closed' | 'returned' | 'approving' | 'approved';

export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, string> = {
  opening: '正在生成公示',
  open: '公示中',
  closed: '公示结束，待镇复核',
  returned: '镇复核退回',
  approving: '镇复核通过，正在入账',
  approved: '镇复核通过，积分可兑换',
};

export type PublicityAction = 'open' | 'published' | 'close' | 'reopen' | 'town_return' | 'town_approve' | 'approved';

export const PUBLICITY_ACTION_LABELS: Record<PublicityAction, string> = {
  open: '发起公示',
  published: '公示名单已生成',
  close: '结束公示，提交镇复核',
  reopen: '重新公示',
  town_return: '镇复核退回',
  town_approve: '镇复核通过',
  approved: '积分已转为可兑换',
};

/** Append-only: every state change of a publicity, with who and when. */
export interface PublicityHistoryEntry {
  at: number;
  action: PublicityAction;
  actorId: string;
  actorName: string;
  note: string | null;
}

/**
 * One household on the list: masked, no ID or phone; points by source. A unit's line (单位积分,
 * `subject: 'unit'`) has the unit's id, its name unmasked (a shop's name is public), its kind as
 * the door and 单位 as the grid; units list after the households, in their own section.
 */
export interface PublicityLine {
  householdId: string;
  subject?: 'unit';
  gridName: string;
  doorNo: string;
  /** The head's name, masked (张*). */
  name: string;
  /** Month points of the quarter's three months, in month order. */
  months: [number, number, number];
  baseScore: number;
  /** Upheld objections' corrections. */
  corrections: number;
  total: number;
}

/** A red-list line: a household and its points. */
export interface RankLine {
  rank: number;
  householdId: string;
  gridName: string;
  doorNo: string;
  name: string;
  points: number;
}

/** A black-list line: a household with an effective veto whose event is in the period. */
export interface BlackLine {
  householdId: string;
  doorNo: string;
  name: string;
  item: string;
  eventDate: IsoDate;
  /** Why: an effective veto (absent, as in older data) or, where the village's rules say so, no approved application in the quarter. */
  reason?: 'veto' | 'no_application';
}

/** 红黑榜, stored with the publicity so that reading it is one document. */
export interface RedBlack {
  quarterTop: RankLine[];
  /** The year's approved quarters summed (this one included once approved). */
  yearTop: RankLine[];
  quarterBlack: BlackLine[];
  yearBlack: BlackLine[];
  computedAt: number;
}

/** Where a batch phase stands: households before `next` (in line order) are done. */
export interface PublicityCursor {
  phase: 'open' | 'approve';
  /** Opening: lines posted so far. Approving: the chunk being moved. */
  next: number;
  /** Approving: lines of chunk `next` already moved (a transaction may hold part of a chunk). Absent = 0. */
  at?: number;
}

export interface Publicity {
  _id: string; // `${villageId}_${quarter}`
  townId: string;
  villageId: string;
  villageName: string;
  /** 'YYYY-Qn' */
  quarter: string;
  status: PublicityStatus;
  startDate: IsoDate;
  endDate: IsoDate;
  /** Household lines (units not counted). */
  householdCount: number;
  /** Unit lines, after the households' (absent on publicities from before units: 0). */
  unitCount?: number;
  chunkCount: number;
  /** Sum of the lines' totals. */
  totalPoints: number;
  openObjections: number;
  cursor: PublicityCursor | null;
  /** The town's last reason for sending it back. */
  returnReason: string | null;
  redBlack: RedBlack | null;
  history: PublicityHistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

/** Lines are stored ~200 to a document: publishing 10,000 households is 50 writes, not 10,000. */
export interface LineChunk {
  _id: string; // `${publicityId}_${chunk padded}`
  publicityId: string;
  villageId: string;
  quarter: string;
  chunk: number;
  /** Sort key of the first line: finds a household's chunk with one indexed query. */
  firstKey: string;
  keys: string[];
  lines: PublicityLine[];
}

export type ObjectionStatus = 'open' | 'proposed' | 'upheld' | 'dismissed';

export const OBJECTION_STATUS_LABELS: Record<ObjectionStatus, string> = {
  open: '待调查',
  proposed: '待会签',
  upheld: '异议成立，已更正',
  dismissed: '异议不成立',
};

export type ObjectionAction = 'file' | 'propose' | 'countersign' | 'disagree';

export const OBJECTION_ACTION_LABELS: Record<ObjectionAction, string> = {
  file: '提出异议',
  propose: '提出处理意见',
  countersign: '会签确认',
  disagree: '会签不同意',
};

export interface ObjectionHistoryEntry {
  at: number;
  action: ObjectionAction;
  actorId: string;
  actorName: string;
  role: 'villager' | 'reviewer' | 'supervisor';
  note: string | null;
}

export type ObjectionOutcome = 'uphold' | 'dismiss';

/** What one side signed: the decision, the correction for an upheld one, and why. */
export interface ObjectionDecision {
  outcome: ObjectionOutcome;
  /** Points added to the line (±), for an upheld objection; 0 for a dismissal. */
  points: number;
  reason: string;
}

export interface Signature {
  personId: string;
  name: string;
  at: number;
}

export interface Objection {
  _id: string;
  townId: string;
  villageId: string;
  publicityId: string;
  quarter: string;
  /** The line objected to, and the chunk document holding it. */
  householdId: string;
  /** 'unit': the line is a unit's (单位积分); `householdId` is then the unit's id. */
  subject?: 'unit';
  /** A unit's 负责人 when the objection was filed: they do not decide it (回避). */
  responsiblePersonId?: string;
  chunkId: string;
  lineLabel: string;
  objectorId: string;
  objectorName: string;
  objectorHouseholdId: string | null;
  reason: string;
  photos: string[];
  status: ObjectionStatus;
  /** The decision on the table (proposed) or taken (upheld / dismissed). */
  decision: ObjectionDecision | null;
  /** 评议小组 and 监督小组 each sign the decision. */
  reviewerSignature: Signature | null;
  supervisorSignature: Signature | null;
  /** The ledger correction of an upheld objection. */
  correctionEntryId: string | null;
  history: ObjectionHistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

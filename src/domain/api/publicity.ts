import type { PhotoView } from '../moderation/verdicts';
import { z } from 'zod';
import { textLines, token } from './text';
import { quarterValue } from './dates';
import type { ExportFile } from '../shared/csv';
import type {
  BlackLine,
  Objection,
  ObjectionHistoryEntry,
  ObjectionStatus,
  Publicity,
  PublicityLine,
  PublicityStatus,
  RankLine,
  Signature,
} from '../publicity/types';

/** 一季一公示: quarterly publicity, objections, town review, 红黑榜. */

const quarter = quarterValue({ format: '季度格式应为 2026-Q3' });
const villageId = token().min(1).max(64);
const requestId = token().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '请求编号格式不正确' });
const reason = (what: string) =>
  textLines({ error: `请填写${what}` }).min(2, { error: `请填写${what}（至少 2 个字）` }).max(500, { error: `${what}不能超过 500 字` });

export const quarterInput = z.object({ quarter }).strict();
export const getInput = z.object({ villageId: villageId.optional(), quarter: quarter.optional() }).strict();
export const linesInput = z
  .object({
    villageId: villageId.optional(),
    quarter,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1, { error: '每页至少 1 条' }).max(100, { error: '每页最多 100 条' }).optional(),
  })
  .strict();
export const redBlackInput = z.object({ villageId: villageId.optional(), quarter: quarter.optional() }).strict();
export const objectInput = z
  .object({
    requestId,
    quarter,
    householdId: token({ error: '请选择要提出异议的户' }).min(1, { error: '请选择要提出异议的户' }).max(64),
    reason: reason('异议理由'),
    photos: z.array(token().min(1).max(256), { error: '照片格式不正确' }).max(3, { error: '最多上传 3 张照片' }),
  })
  .strict();
export const objectionsInput = z
  .object({
    /** mine: objections I filed; village: a publicity's objections (committees, admins, town). */
    scope: z.enum(['mine', 'village']).optional(),
    villageId: villageId.optional(),
    quarter: quarter.optional(),
    status: z.enum(['open', 'proposed', 'upheld', 'dismissed']).optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(100, { error: '每页最多 100 条' }).optional(),
  })
  .strict();
export const decideObjectionInput = z
  .object({
    objectionId: token().min(1).max(64),
    outcome: z.enum(['uphold', 'dismiss'], { error: '请选择异议是否成立' }),
    /** Upheld only: the correction to the line (±, integer). */
    points: z.number({ error: '更正积分必须是整数' }).int({ error: '更正积分必须是整数' }).min(-10000).max(10000).optional(),
    reason: reason('处理理由'),
  })
  .strict();
export const townQueueInput = z.object({ quarter: quarter.optional() }).strict();
export const townDecideInput = z
  .object({
    villageId,
    quarter,
    decision: z.enum(['approve', 'return'], { error: '请选择通过或退回' }),
    reason: textLines().max(500, { error: '理由不能超过 500 字' }).optional(),
  })
  .strict();
export const exportInput = z.object({ villageId: villageId.optional(), quarter }).strict();

/** A publicity as shown: no cursor internals; the 红黑榜 only through `redBlack`. */
export type PublicityView = Omit<Publicity, 'cursor' | 'redBlack'> & {
  statusLabel: string;
  /** Batch progress while opening or approving (households done). */
  progress: number | null;
  /** The caller's own household's line, if any. */
  myLine: PublicityLine | null;
  /** What the caller may do now (decided by the server's rules, shown by the page). */
  can: { object: boolean; close: boolean; reopen: boolean; townDecide: boolean; decideObjections: boolean; export: boolean };
};

export interface RedBlackView {
  quarter: string;
  villageName: string;
  /** Whether the lists are shown to the caller (policy redBlackVisibility). */
  visible: boolean;
  visibility: 'village' | 'committee';
  quarterTop: RankLine[];
  yearTop: RankLine[];
  quarterBlack: BlackLine[];
  yearBlack: BlackLine[];
  computedAt: number | null;
}

export type ObjectionView = Omit<Objection, 'photos' | 'objectorName' | 'history'> & {
  statusLabel: string;
  photos: PhotoView[];
  /** The objector's name: full for the committees, masked for others. */
  objectorName: string;
  history: ObjectionHistoryEntry[];
  /** For the objector: the decision in words once taken. */
  decisionText: string | null;
};

export interface TownQueueRow {
  villageId: string;
  villageName: string;
  quarter: string;
  status: PublicityStatus | 'not_opened';
  statusLabel: string;
  householdCount: number;
  totalPoints: number;
  openObjections: number;
  startDate: string | null;
  endDate: string | null;
  returnReason: string | null;
}

export type { Signature, ObjectionStatus };

export interface PublicityApi {
  /** Village admin: publish the quarter (its three months closed by the audit); resumes an interrupted opening. */
  open: { input: z.infer<typeof quarterInput>; output: PublicityView };
  /** Anyone of the village (and the town): the quarter's publicity (default: the latest), or null. */
  get: { input: z.infer<typeof getInput>; output: PublicityView | null };
  /** The published lines, in list order (grid, door), paged. */
  lines: { input: z.infer<typeof linesInput>; output: { items: PublicityLine[]; total: number; offset: number } };
  /** 红黑榜 of the quarter and the year, as visibility allows. */
  redBlack: { input: z.infer<typeof redBlackInput>; output: RedBlackView | null };
  /** A villager of the village objects to a line, during the window; idempotent on requestId. */
  object: { input: z.infer<typeof objectInput>; output: ObjectionView };
  /** My objections, or (committees, admins, town) a publicity's objections; newest first. */
  objections: { input: z.infer<typeof objectionsInput>; output: { items: ObjectionView[]; total: number } };
  /** A reviewer or a supervisor signs a decision; the second signature of the other committee makes it final. */
  decideObjection: { input: z.infer<typeof decideObjectionInput>; output: ObjectionView };
  /** Village admin: end the publicity (window over, no open objection) and submit it to the town. */
  close: { input: z.infer<typeof quarterInput>; output: PublicityView };
  /** Village admin: publish again after the town sent it back (a new window for objections). */
  reopen: { input: z.infer<typeof quarterInput>; output: PublicityView };
  /** Town admin: every village's status for a quarter (default: the last finished quarter). */
  townQueue: { input: z.infer<typeof townQueueInput>; output: { quarter: string; rows: TownQueueRow[] } };
  /** Town admin: approve (points become redeemable; resumes an interrupted approval) or send back with a reason. */
  townDecide: { input: z.infer<typeof townDecideInput>; output: PublicityView };
  /** The printable 公示表 for the bulletin board, as CSV. */
  export: { input: z.infer<typeof exportInput>; output: ExportFile };
}

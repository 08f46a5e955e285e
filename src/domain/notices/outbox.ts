/**
 * 订阅消息 outbox: one item per notice to push, retried with exponential backoff up to a cap,
 * every attempt recorded. Pure rules; the sender is in backend/notices/outbox.ts.
 */
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface OutboxAttempt {
  at: number;
  ok: boolean;
  /** The platform's errcode (0 when sent), or a local reason. */
  code: string;
  message: string;
}

export interface OutboxItem {
  /** The notice's id: one push per notice. */
  _id: string;
  personId: string;
  openid: string;
  templateKey: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
  status: OutboxStatus;
  attempts: OutboxAttempt[];
  nextAttemptAt: number;
  createdAt: number;
}

export const OUTBOX_POLICY = {
  /** Attempts in all before an item is given up. */
  maxAttempts: 5,
  /** First retry after this long; each next one doubles … */
  baseDelayMs: 60_000,
  /** … up to this. */
  capDelayMs: 60 * 60_000,
} as const;

/** When to try again after `attemptsSoFar` failed attempts (≥ 1). */
export function nextAttemptAt(attemptsSoFar: number, now: number): number {
  const delay = Math.min(OUTBOX_POLICY.capDelayMs, OUTBOX_POLICY.baseDelayMs * 2 ** Math.max(0, attemptsSoFar - 1));
  return now + delay;
}

/**
 * errcodes of subscribe/send that no retry fixes: 43101 the user refused (or the grant is used),
 * 40003 bad openid, 40037 bad template id, 47003 data does not fit the template.
 */
export const PERMANENT_ERRORS: readonly string[] = ['43101', '40003', '40037', '47003'];

/** The item after one attempt. */
export function afterAttempt(item: OutboxItem, attempt: OutboxAttempt): OutboxItem {
  const attempts = [...item.attempts, attempt];
  if (attempt.ok) return { ...item, attempts, status: 'sent' };
  const giveUp = PERMANENT_ERRORS.includes(attempt.code) || attempts.length >= OUTBOX_POLICY.maxAttempts;
  return { ...item, attempts, status: giveUp ? 'failed' : 'pending', nextAttemptAt: giveUp ? item.nextAttemptAt : nextAttemptAt(attempts.length, attempt.at) };
}

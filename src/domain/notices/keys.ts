import type { IsoDate } from '../shared/time';
import type { NoticeKind } from './kinds';

/**
 * Idempotency: one notice per (kind, subject, day) and recipient. A trigger retried, a
 * transaction run again or the daily job re-run the same day makes the same id, so it lands once.
 */
export function noticeKey(kind: NoticeKind, subjectId: string, day: IsoDate): string {
  return `${kind}:${subjectId}:${day}`;
}

export function noticeId(kind: NoticeKind, subjectId: string, day: IsoDate, personId: string): string {
  return `${noticeKey(kind, subjectId, day)}:${personId}`;
}

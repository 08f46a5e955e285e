import { cstDate } from '../shared/time';
import { noticeId } from './keys';
import { noticePage } from './pages';
import { noticeText } from './text';
import type { Notice, NoticeDraft } from './types';

/**
 * The notices of one draft, one per recipient. `day` is part of the key: triggers pass the
 * day of the event (default: today), reminders the day their rule is about.
 */
export function buildNotices(draft: NoticeDraft, recipients: readonly string[], now: number, day = cstDate(now)): Notice[] {
  const { title, body } = noticeText(draft.kind, draft.facts);
  const page = noticePage(draft.kind, draft.subjectId, draft.facts);
  return recipients.map((personId) => ({
    _id: noticeId(draft.kind, draft.subjectId, day, personId),
    personId,
    kind: draft.kind,
    subjectId: draft.subjectId,
    day,
    title,
    body,
    page,
    villageId: draft.facts.villageId ?? null,
    createdAt: now,
    readAt: null,
  }));
}

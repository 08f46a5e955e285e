import type { NoticeKind } from './kinds';
import type { NoticeFacts } from './types';
import { PAGES } from '../shared/pages';

/** The page a notice opens (no leading slash; PAGES in src/domain/shared/pages.ts). */
export function noticePage(kind: NoticeKind, subjectId: string, f: NoticeFacts): string {
  const q = (params: Record<string, string | null | undefined>) =>
    Object.entries(params)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
  switch (kind) {
    case 'application_submitted':
      return PAGES.grid;
    case 'application_reported':
    case 'application_first_reviewed':
    case 'application_returned':
    case 'audit_decided':
      return `${PAGES.application}?${q({ id: subjectId })}`;
    case 'audit_due':
    case 'audit_month_closed':
      return `${PAGES.audit}?${q({ villageId: f.villageId, month: f.month })}`;
    case 'publicity_opened':
    case 'quarter_approved':
    case 'quarter_returned':
    case 'objection_decided':
      return `${PAGES.publicity}?${q({ villageId: f.villageId, quarter: f.quarter })}`;
    case 'publicity_closing':
    case 'objection_filed':
      return `${PAGES.objections}?${q({ villageId: f.villageId, quarter: f.quarter })}`;
    case 'quarter_sent':
      return `${PAGES.townReview}?${q({ quarter: f.quarter })}`;
    case 'points_redeemable':
      return PAGES.points;
    case 'ranking_published':
    case 'ranking_objection_filed':
    case 'ranking_objection_proposed':
    case 'ranking_objection_answered':
      return `${PAGES.ranking}?${q({ villageId: f.villageId, year: f.year })}`;
    case 'redemption_receipt':
      return PAGES.receipts;
    case 'event_dispatched':
    case 'event_near_deadline':
    case 'event_overdue':
    case 'event_closed':
      return `${PAGES.event}?${q({ id: subjectId.split('@')[0] })}`;
    case 'veto_waiting':
      return PAGES.veto;
    case 'join_request':
      return PAGES.household;
  }
}

import type { NoticeKind } from './kinds';
import type { NoticeFacts } from './types';

/** The page a notice opens (no leading slash; app routes in src/constants/routes.ts). */
export function noticePage(kind: NoticeKind, subjectId: string, f: NoticeFacts): string {
  const q = (params: Record<string, string | null | undefined>) =>
    Object.entries(params)
      .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
  switch (kind) {
    case 'application_submitted':
      return 'pages/grid/index';
    case 'application_reported':
    case 'application_first_reviewed':
    case 'application_returned':
    case 'audit_decided':
      return `pages/application/index?${q({ id: subjectId })}`;
    case 'audit_due':
    case 'audit_month_closed':
      return `pages/audit/index?${q({ villageId: f.villageId, month: f.month })}`;
    case 'publicity_opened':
    case 'quarter_approved':
    case 'quarter_returned':
    case 'objection_decided':
      return `pages/publicity/index?${q({ villageId: f.villageId, quarter: f.quarter })}`;
    case 'publicity_closing':
    case 'objection_filed':
      return `pages/objections/index?${q({ villageId: f.villageId, quarter: f.quarter })}`;
    case 'quarter_sent':
      return `pages/town-review/index?${q({ quarter: f.quarter })}`;
    case 'points_redeemable':
      return 'pages/points/index';
    case 'redemption_receipt':
      return 'pages/receipts/index';
    case 'event_dispatched':
    case 'event_near_deadline':
    case 'event_overdue':
    case 'event_closed':
      return `pages/event/index?${q({ id: subjectId.split('@')[0] })}`;
    case 'veto_waiting':
      return 'pages/veto/index';
    case 'join_request':
      return 'pages/household/index';
  }
}

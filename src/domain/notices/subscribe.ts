import { cstDate } from '../shared/time';
import type { NoticeKind } from './kinds';
import type { Notice } from './types';

/**
 * 订阅消息 templates: the product knows three kinds of template by key; their ids are chosen in
 * each deployment's WeChat console and come from configuration (see backend/notices/templates.ts).
 * Each template is laid out thing1 (title) · thing2 (what it is about) · time3 (date).
 */
export const TEMPLATE_KEYS = ['review_result', 'todo', 'objection_result'] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** Which template pushes a kind; kinds not listed stay in the inbox only. */
export const TEMPLATE_OF: Partial<Record<NoticeKind, TemplateKey>> = {
  application_first_reviewed: 'review_result',
  application_returned: 'review_result',
  audit_decided: 'review_result',
  points_redeemable: 'review_result',
  application_submitted: 'todo',
  audit_due: 'todo',
  objection_filed: 'todo',
  veto_waiting: 'todo',
  event_dispatched: 'todo',
  event_overdue: 'todo',
  join_request: 'todo',
  objection_decided: 'objection_result',
};

/** A page asks for at most 3 templates at once (WeChat's limit for one requestSubscribeMessage). */
export const MAX_TEMPLATES_PER_ASK = 3;

/** WeChat's `thing` values hold at most 20 characters. */
export function thing(s: string): string {
  const chars = Array.from(s);
  return chars.length <= 20 ? s : `${chars.slice(0, 19).join('')}…`;
}

/** The template data of a notice. */
export function subscribeData(n: Pick<Notice, 'title' | 'body' | 'createdAt'>): Record<string, { value: string }> {
  return {
    thing1: { value: thing(n.title) },
    thing2: { value: thing(n.body) },
    time3: { value: cstDate(n.createdAt) },
  };
}

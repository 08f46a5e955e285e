/**
 * What the product tells people without their having to open it (消息中心). Each kind names
 * who receives it (./recipients.ts), its words (./text.ts) and the page it opens (./pages.ts).
 */
export const NOTICE_KINDS = [
  /** A household's application waits for 初审 (the grid's workers/leaders). */
  'application_submitted',
  /** Another villager reported or recommended a deed of the household (the household). */
  'application_reported',
  /** 初审 passed (the household). */
  'application_first_reviewed',
  /** 初审 returned with a reason (the household). */
  'application_returned',
  /** The committee's decision on an application took effect at quorum (the household). */
  'audit_decided',
  /** A month's audit is still open and the close day is near (the reviewers). */
  'audit_due',
  /** A month was closed into the ledger (the village admin). */
  'audit_month_closed',
  /** The quarter's list is published: look, object within the window (every household). */
  'publicity_opened',
  /** The objection window ends tomorrow (village admin and committees). */
  'publicity_closing',
  /** An objection was filed (reviewers and supervisors). */
  'objection_filed',
  /** An objection was decided (the objector). */
  'objection_decided',
  /** A village sent its quarter to the town (town admin). */
  'quarter_sent',
  /** The town approved the quarter (village admin). */
  'quarter_approved',
  /** The town sent the quarter back (village admin). */
  'quarter_returned',
  /** The quarter's points became redeemable (every household of the village). */
  'points_redeemable',
  /** The year's 评比 (星级文明户, 文明农家, 最美家庭) was published (every household of the village). */
  'ranking_published',
  /** A villager objected to the year's 评比 in its 公示期 (the review committee). */
  'ranking_objection_filed',
  /** A reviewer proposed an answer to an objection to the year's 评比; a second confirms it (the other reviewers). */
  'ranking_objection_proposed',
  /** The review committee answered an objection to the year's 评比 (the objector). */
  'ranking_objection_answered',
  /** A redemption at the shop (the household). */
  'redemption_receipt',
  /** An event was dispatched (the handler). */
  'event_dispatched',
  /** An event's deadline is within a day (handler, else the grid's staff). */
  'event_near_deadline',
  /** An event is past its deadline (handler and grid leaders). */
  'event_overdue',
  /** An event was closed (the reporter, for 回访). */
  'event_closed',
  /** A veto was recorded and waits for a supervisor's countersign (supervisors). */
  'veto_waiting',
  /** Somebody asks to join a household (the head and the grid's workers). */
  'join_request',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** Short labels for the inbox's tags. */
export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  application_submitted: '待初审',
  application_reported: '举报/推荐',
  application_first_reviewed: '初审',
  application_returned: '初审',
  audit_decided: '评议',
  audit_due: '评议',
  audit_month_closed: '评议',
  publicity_opened: '公示',
  publicity_closing: '公示',
  objection_filed: '异议',
  objection_decided: '异议',
  quarter_sent: '镇复核',
  quarter_approved: '镇复核',
  quarter_returned: '镇复核',
  points_redeemable: '积分',
  ranking_published: '评比',
  ranking_objection_filed: '评比',
  ranking_objection_proposed: '评比',
  ranking_objection_answered: '评比',
  redemption_receipt: '兑换',
  event_dispatched: '事件',
  event_near_deadline: '事件',
  event_overdue: '事件',
  event_closed: '事件',
  veto_waiting: '一票否决',
  join_request: '加入申请',
};

/**
 * 网格员积分评定 [004]: the items computed from the grid's records, and what each is worth.
 * Seed 004 scores 走村入户、日常巡查、情况上报、问题解决 as reward points and discipline as
 * negative points; seed 002 sets the duties (patrol every day, visit every contact household
 * every week). A village may override any weight through its policy (`assessmentWeights`).
 */
export const AUTO_ITEMS = ['patrolDay', 'householdVisit', 'eventReported', 'eventSolved', 'eventOverdue', 'visitWeekMissed'] as const;
export type AutoItem = (typeof AUTO_ITEMS)[number];

/** Points per counted unit; negative weights are deductions. */
export type AssessmentWeights = Record<AutoItem, number>;

export const DEFAULT_ASSESSMENT_WEIGHTS: AssessmentWeights = {
  /** 日常巡查: per day with at least one patrol. */
  patrolDay: 1,
  /** 走村入户: per household visited in a visit week (repeat visits in the same week count once). */
  householdVisit: 1,
  /** 情况上报: per event the worker reported. */
  eventReported: 2,
  /** 问题解决: per event the worker closed. */
  eventSolved: 3,
  /** Per event of theirs whose deadline passed in the month before it was closed. */
  eventOverdue: -2,
  /** Per full visit week in which the worker visited fewer households than their share. */
  visitWeekMissed: -5,
};

export const AUTO_ITEM_LABELS: Record<AutoItem, string> = {
  patrolDay: '日常巡查',
  householdVisit: '走村入户',
  eventReported: '情况上报',
  eventSolved: '问题解决',
  eventOverdue: '事件逾期',
  visitWeekMissed: '未完成每周走访',
};

export const AUTO_ITEM_UNITS: Record<AutoItem, string> = {
  patrolDay: '天',
  householdVisit: '户次',
  eventReported: '件',
  eventSolved: '件',
  eventOverdue: '件',
  visitWeekMissed: '周',
};

/** The village's weights: its overrides over the defaults (a stored policy may hold only some). */
export function weightsWithDefaults(partial: Partial<AssessmentWeights> | undefined): AssessmentWeights {
  return { ...DEFAULT_ASSESSMENT_WEIGHTS, ...(partial ?? {}) };
}

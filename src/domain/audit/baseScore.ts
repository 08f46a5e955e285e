import type { IsoDate } from '../shared/time';
import type { VillagePolicy } from '../org/policy';

/**
 * 基础评分 [003]: each quarter the committee inspects every household's living environment
 * (人居环境, 0–100). The quarter's average converts to points (policy: 1 score point → 0.1
 * point); redeeming needs `gateQuarters` consecutive quarters at or above `gateMin`.
 */
export interface BaseScoreInspection {
  score: number;
  date: IsoDate;
  byId: string;
  byName: string;
  note: string | null;
  at: number;
  /** The client's request id: a retried recording adds nothing. */
  requestId?: string;
}

/** One document per household per quarter: `${householdId}_${quarter}`. */
export interface BaseScoreRecord {
  _id: string;
  townId: string;
  villageId: string;
  householdId: string;
  /** 'YYYY-Qn' */
  quarter: string;
  inspections: BaseScoreInspection[];
  /** Average of the inspections, one decimal. */
  average: number;
  /** The points the average converts to (integer). */
  points: number;
  updatedAt: number;
}

export function baseScoreId(householdId: string, quarter: string): string {
  return `${householdId}_${quarter}`;
}

/** Average of the quarter's inspections to one decimal, or null with none. */
export function quarterAverage(scores: readonly number[]): number | null {
  if (scores.length === 0) return null;
  return Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
}

/** Integer points for an average: points are integers everywhere in the ledger. */
export function baseScorePoints(average: number, policy: VillagePolicy['baseScore']): number {
  if (policy.mode !== 'quarterly') return 0;
  return Math.round(average * policy.pointsPerScore);
}

/** The quarter before 'YYYY-Qn'. */
export function previousQuarter(quarter: string): string {
  const y = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  return q === 1 ? `${y - 1}-Q4` : `${y}-Q${q - 1}`;
}

/**
 * The redemption gate after a quarter is scored: the last `gateQuarters` quarters (this one
 * included) all have an average ≥ gateMin. A quarter with no inspection does not count as
 * passed. Null when the policy does not score quarterly (the gate is then not in force).
 */
export function baseScoreGate(
  averagesByQuarter: ReadonlyMap<string, number>,
  quarter: string,
  policy: VillagePolicy['baseScore'],
): boolean | null {
  if (policy.mode !== 'quarterly') return null;
  let q = quarter;
  for (let i = 0; i < policy.gateQuarters; i++) {
    const avg = averagesByQuarter.get(q);
    if (avg === undefined || avg < policy.gateMin) return false;
    q = previousQuarter(q);
  }
  return true;
}

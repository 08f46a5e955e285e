import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Household } from '@domain/org/types';
import { baseScoreGate, baseScoreId, baseScorePoints, previousQuarter, quarterAverage, type BaseScoreRecord } from '@domain/audit/baseScore';
import { cstDate, isIsoDate, quarterOf } from '@domain/shared/time';
import type { RecordBaseScoreInput } from '@domain/api/audit';
import { mayScoreHousehold } from '@domain/audit/policy';
import { C } from '../repos/collections';
import type { HouseholdDoc } from '../shop/eligibility';
import type { Deps } from '../runtime/deps';
import { enforce } from '../runtime/handler';
import { villagePolicy } from './access';

export interface Recorded {
  record: BaseScoreRecord;
  household: HouseholdDoc;
}

/**
 * 基础评分 [003]: one inspection's 人居环境 score for a household. Several per quarter are
 * allowed (the quarter's figure is their average); a retried request (same requestId) adds
 * nothing. In the same transaction the household's shop gate (`baseScoreOk`) is recomputed:
 * the last `gateQuarters` quarters up to the latest scored one all averaging ≥ gateMin.
 * The points are NOT posted here: publicity posts each quarter's points.
 */
export async function recordBaseScore(deps: Deps, actor: Person, household: Household, input: RecordBaseScoreInput): Promise<Recorded> {
  const { db } = deps;
  const now = deps.now();
  const today = cstDate(now);
  // A reviewer of the village, not for their own household (the action authorized the same).
  enforce(mayScoreHousehold(actor, household));
  if (!isIsoDate(input.date)) throw new DomainError('BAD_INPUT', '检查日期不正确');
  if (input.date > today) throw new DomainError('DATE_IN_FUTURE', '检查日期不能晚于今天');
  const quarter = quarterOf(input.date);
  const current = quarterOf(today);
  // This quarter or the last (whose figures publicity may still be waiting for).
  if (quarter !== current && quarter !== previousQuarter(current)) throw new DomainError('DATE_TOO_OLD', '只能登记本季度或上季度的检查');
  const policy = (await villagePolicy(db, household.villageId)).baseScore;
  if (policy.mode !== 'quarterly') throw new DomainError('INVALID_TRANSITION', '本村未实行季度基础评分');

  return db.runTransaction(async (tx) => {
    // Lock order: household, then its records.
    const hh = tx.collection<HouseholdDoc>(C.households).doc(household._id);
    const { data: stored } = await hh.get();
    const base: HouseholdDoc = stored ?? household;
    const records = tx.collection<BaseScoreRecord>(C.baseScores);
    const id = baseScoreId(household._id, quarter);
    const { data: existing } = await records.doc(id).get();
    if (existing?.inspections.some((i) => i.requestId === input.requestId)) return { record: existing, household: base };
    const inspections = [
      ...(existing?.inspections ?? []),
      { score: input.score, date: input.date, byId: actor._id, byName: actor.name, note: input.note?.trim() ? input.note.trim() : null, at: now, requestId: input.requestId },
    ];
    const average = quarterAverage(inspections.map((i) => i.score)) ?? 0;
    const record: BaseScoreRecord = {
      _id: id,
      townId: household.townId,
      villageId: household.villageId,
      householdId: household._id,
      quarter,
      inspections,
      average,
      points: baseScorePoints(average, policy),
      updatedAt: now,
    };
    const { _id, ...doc } = record;
    void _id;
    await records.doc(id).set(doc);

    // The gate is judged at the latest scored quarter: this one, or the current one if it has scores.
    const averages = new Map<string, number>([[quarter, average]]);
    let at = quarter;
    if (quarter !== current) {
      const { data: later } = await records.doc(baseScoreId(household._id, current)).get();
      if (later) {
        averages.set(current, later.average);
        at = current;
      }
    }
    let q = at;
    for (let i = 0; i < policy.gateQuarters; i++, q = previousQuarter(q)) {
      if (averages.has(q)) continue;
      const { data: r } = await records.doc(baseScoreId(household._id, q)).get();
      if (r) averages.set(q, r.average);
    }
    const gate = baseScoreGate(averages, at, policy);
    const next: HouseholdDoc = { ...base, baseScoreOk: gate };
    const { _id: hid, ...hdoc } = next;
    void hid;
    await hh.set(hdoc);
    return { record, household: next };
  });
}

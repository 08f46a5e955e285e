import type { Person } from '../org/types';
import type { MemberContribution } from '../api/points';
import { decisionPoints } from '../audit/decide';
import type { Application } from './application';

/**
 * People inside the household [003: the household is scored and redeems]: each member's part of
 * the household's decided points in `year` (by the deed's date). Approved applications count as
 * decided (adjusted points when adjusted), fraud with its penalty; applications from before
 * members were named count under the household as a whole. Members with nothing still show, at 0.
 */
export function memberContributions(
  apps: readonly Pick<Application, 'memberId' | 'status' | 'points' | 'audit' | 'deedDate'>[],
  members: readonly Pick<Person, '_id' | 'name' | 'relation'>[],
  year: number,
): MemberContribution[] {
  const rows = new Map<string | null, MemberContribution>();
  for (const m of members) rows.set(m._id, { personId: m._id, name: m.name, relation: m.relation, points: 0, approved: 0 });
  for (const a of apps) {
    if (Number(a.deedDate.slice(0, 4)) !== year) continue;
    if ((a.status !== 'approved' && a.status !== 'fraud') || !a.audit?.decision) continue;
    const key = a.memberId ?? null;
    let row = rows.get(key);
    if (!row) {
      // A member who left the household since, or an application from before members were named.
      row = { personId: key, name: key === null ? '全户' : '已迁出成员', relation: null, points: 0, approved: 0 };
      rows.set(key, row);
    }
    row.points += decisionPoints(a, a.audit.decision, a.audit.points);
    if (a.status === 'approved') row.approved += 1;
  }
  return [...rows.values()].sort((x, y) => y.points - x.points || (x.personId === null ? 1 : 0) - (y.personId === null ? 1 : 0));
}

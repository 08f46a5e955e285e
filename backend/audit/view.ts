import type { Person } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import type { AuditItemView, MonthSummary } from '@domain/api/audit';
import { closeByDate, isLate } from '@domain/audit/month';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { cstDate } from '@domain/shared/time';
import type { VillagePolicy } from '@domain/org/policy';
import type { FileStore } from '../files/port';
import { toView } from '../points/view';
import { mayFreeze, maySign } from '@domain/audit/policy';

/** An application as the audit page shows it to this person. */
export async function toItemView(app: Application, files: FileStore, p: Person): Promise<AuditItemView> {
  const view = await toView(app, files);
  const open = app.status === 'first_reviewed';
  const frozen = app.audit?.frozen ?? null;
  const supervisor = mayFreeze(p, app).ok;
  return {
    ...view,
    mySignature: app.audit?.signatures.find((s) => s.reviewerId === p._id) ?? null,
    canSign: open && !frozen && maySign(p, app).ok,
    canFreeze: open && !frozen && supervisor,
    canUnfreeze: open && frozen !== null && supervisor,
  };
}

/** A month's header line; `m` null = a month nobody has worked on yet. */
export function summaryOf(
  m: AuditMonth | null,
  v: { villageId: string; villageName: string; townId: string; month: string },
  counts: { undecided: number; frozen: number },
  policy: VillagePolicy,
  now: number,
): MonthSummary {
  const month = m ?? { month: v.month, status: 'open' as const, late: false };
  return {
    _id: m?._id ?? auditMonthId(v.villageId, v.month),
    villageId: v.villageId,
    villageName: v.villageName,
    month: v.month,
    status: month.status,
    late: isLate(month, cstDate(now), policy.auditCloseByDay),
    closeBy: closeByDate(v.month, policy.auditCloseByDay),
    undecided: counts.undecided,
    frozen: counts.frozen,
    closedAt: m?.closedAt ?? null,
    closedByName: m?.closedByName ?? null,
    postedHouseholds: m?.postedHouseholds ?? 0,
    postedPoints: m?.postedPoints ?? 0,
  };
}

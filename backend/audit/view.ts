import type { Person } from '@domain/org/types';
import type { Application } from '@domain/points/application';
import type { AuditItemView, MonthSummary } from '@domain/api/audit';
import { closeByDate, isLate } from '@domain/audit/month';
import { auditMonthId, type AuditMonth } from '@domain/audit/types';
import { cstDate } from '@domain/shared/time';
import type { VillagePolicy } from '@domain/org/policy';
import type { LedgerEntry } from '@domain/ledger/types';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import type { Deps } from '../runtime/deps';
import { toView } from '../points/view';
import { mayFreeze, maySign } from '@domain/audit/policy';

/** An application as the audit page shows it to this person. */
export async function toItemView(app: Application, deps: Pick<Deps, 'db' | 'files' | 'content' | 'now'>, p: Person): Promise<AuditItemView> {
  const view = await toView(app, deps, p._id);
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

/**
 * A month's 户数 and 分数 as the ledger holds them: the entries its close posted (kind
 * 'application', period the month, sourceId the audit month), one per household. The months list
 * and the month header show these rather than the counters stored on the month document, so
 * they cannot disagree with the households' ledgers — as they did when a month was marked closed
 * with its entries posted by other means (the demo's publicity quarter) and counters never set.
 * An open month has posted nothing: its document is returned as it is. Read through the
 * (villageId, period, householdId) index, in pages of 1000, two fields per entry.
 */
export async function withLedgerFigures(db: Database, m: AuditMonth | null): Promise<AuditMonth | null> {
  if (!m || m.status === 'open') return m;
  const _ = db.command;
  const households = new Set<string>();
  let points = 0;
  let after: string | null = null;
  for (;;) {
    const { data }: { data: Pick<LedgerEntry, '_id' | 'householdId' | 'delta'>[] } = await db
      .collection<LedgerEntry>(C.ledgerEntries)
      .where({ villageId: m.villageId, period: m.month, sourceId: auditMonthId(m.villageId, m.month), kind: 'application', ...(after === null ? {} : { householdId: _.gt(after) }) })
      .orderBy('householdId', 'asc')
      .field({ _id: true, householdId: true, delta: true })
      .limit(1000)
      .get();
    for (const e of data) {
      households.add(e.householdId);
      points += e.delta;
    }
    if (data.length < 1000) break;
    after = data[data.length - 1].householdId;
  }
  return { ...m, postedHouseholds: households.size, postedPoints: points };
}

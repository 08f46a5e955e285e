import { figuresOf } from '@domain/dashboard/activity';
import { participationOf, townTotal, type Dashboard, type DashboardRow } from '@domain/dashboard/view';
import { emptyTotals, poolView } from '@domain/fund/types';
import { isLate } from '@domain/audit/month';
import { PUBLICITY_STATUS_LABELS } from '@domain/publicity/types';
import { periodOf } from '@domain/sheets/period';
import { policyWithDefaults } from '@domain/org/policy';
import { cstDate, monthOf, quarterOf } from '@domain/shared/time';
import type { Database } from '../db/types';
import { mapLimit } from '../db/types';
import { C } from '../repos/collections';
import { fundRepo } from '../repos/fund';
import { auditRepo } from '../repos/audit';
import { assessmentRepo } from '../repos/assessment';
import { publicityRepo } from '../repos/publicity';
import { eventsRepo } from '../repos/events';
import type { VillageDoc } from '../repos/org';

/**
 * 镇看板 for a period: one line per village, each from a bounded set of indexed reads — the
 * village's totals shards (≤ 260 documents, carrying the per-period counters every posting
 * adds), counts of households and open/overdue events, the households with a bound member (a count), at
 * most 24 audit months, one publicity document and one month of assessment rows. Never the
 * ledger's entries.
 */
export async function dashboard(db: Database, villages: readonly VillageDoc[], period: string, now: number): Promise<Dashboard> {
  const p = periodOf(period);
  const today = cstDate(now);
  const thisMonth = monthOf(today);
  // The period's months that have begun; the last finished one for the assessment.
  const begun = p.months.filter((m) => m <= thisMonth);
  const finished = p.months.filter((m) => m < thisMonth);
  const assessedMonth = finished[finished.length - 1] ?? p.months[0];
  const quarter = quarterOf(`${begun[begun.length - 1] ?? p.months[0]}-01`);
  // A few villages at a time: each line is itself a handful of parallel reads.
  const rows = await mapLimit([...villages], 4, (v) => villageRow(db, v, period, { begun, assessedMonth, quarter, today, now }));
  return { period, label: p.label, targetPercent: 30, villages: rows, total: villages.length > 1 ? townTotal(rows) : null };
}

async function villageRow(
  db: Database,
  v: VillageDoc,
  period: string,
  at: { begun: string[]; assessedMonth: string; quarter: string; today: string; now: number },
): Promise<DashboardRow> {
  const [totals, households, bound, months, publicity, eventsOpen, eventsOverdue, assessed] = await Promise.all([
    fundRepo.totals(db, v._id),
    db.collection(C.households).where({ villageId: v._id }).count(),
    db.collection(C.households).where({ villageId: v._id, bound: true }).count(),
    auditRepo.monthsOfVillage(db, v._id, 24),
    publicityRepo.get(db, `${v._id}_${at.quarter}`),
    eventsRepo.countOf(db, { villageId: v._id }, 'open', at.now),
    eventsRepo.countOf(db, { villageId: v._id }, 'overdue', at.now),
    assessmentRepo.allRows(db, { villageId: v._id }, at.assessedMonth),
  ]);
  const t = totals ?? emptyTotals(v._id, v.townId, at.now);
  const pool = poolView(t, v.name);
  const figures = figuresOf(t.periods, period);
  const policy = policyWithDefaults(v.policy);
  const byMonth = new Map(months.map((m) => [m.month, m]));
  const lateMonths = at.begun.filter((m) => {
    const doc = byMonth.get(m);
    return doc ? isLate(doc, at.today, policy.auditCloseByDay) : false;
  }).length;
  const scored = assessed.filter((r) => typeof r.total === 'number');
  return {
    villageId: v._id,
    villageName: v.name,
    households: households.total,
    boundHouseholds: bound.total,
    ...figures,
    approvedPercent: households.total > 0 ? Math.floor((figures.approvedHouseholds * 100) / households.total) : null,
    participation: participationOf(households.total, figures.redeemingHouseholds),
    pending: t.pendingPoints,
    redeemable: t.outstandingPoints,
    poolFen: pool.poolFen,
    stockValueFen: pool.stockValueFen,
    liabilityFen: pool.liabilityFen,
    fundWarning: pool.warning,
    lateMonths,
    publicity: publicity
      ? { quarter: at.quarter, status: publicity.status, label: PUBLICITY_STATUS_LABELS[publicity.status] }
      : { quarter: at.quarter, status: 'none', label: '未开始公示' },
    eventsOpen,
    eventsOverdue,
    assessment: {
      month: at.assessedMonth,
      workers: scored.length,
      average: scored.length > 0 ? Math.round((scored.reduce((s, r) => s + r.total, 0) * 10) / scored.length) / 10 : null,
    },
  };
}

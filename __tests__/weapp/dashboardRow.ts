/** A 镇看板 row for the weapp tests: a village's figures, `redeeming` of its `households` redeeming. */
import { participationOf, type DashboardRow } from '@domain/dashboard/view';

export function dashboardRow(villageId: string, villageName: string, households: number, redeeming: number): DashboardRow {
  return {
    villageId,
    villageName,
    households,
    boundHouseholds: households - 10,
    issued: 420,
    redeemed: 130,
    approvedHouseholds: 30,
    redeemingHouseholds: redeeming,
    approvedPercent: Math.floor((30 * 100) / households),
    participation: participationOf(households, redeeming),
    pending: 40,
    redeemable: 290,
    poolFen: 50_000,
    stockValueFen: 10_000,
    liabilityFen: 29_000,
    fundWarning: null,
    lateMonths: 0,
    publicity: { quarter: '2026-Q4', status: 'none', label: '未开始公示' },
    eventsOpen: 2,
    eventsOverdue: 1,
    assessment: { month: '2026-11', workers: 3, average: 92.5 },
  };
}

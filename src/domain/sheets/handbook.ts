import type { Household } from '../org/types';
import type { Application } from '../points/application';
import { sourceLabelOf, STATUS_LABELS } from '../points/application';
import type { BaseScoreRecord } from '../audit/baseScore';
import type { Balance, LedgerEntry } from '../ledger/types';
import { ENTRY_KIND_LABELS } from '../ledger/types';
import { cstDate } from '../shared/time';
import type { Cell, Column, Table, Workbook } from './workbook';

export interface HandbookHousehold {
  household: Household;
  gridName: string;
  /** The year's decided applications of closed months. */
  applications: Application[];
  baseScores: BaseScoreRecord[];
  /** The household's ledger entries posted in the year. */
  entries: LedgerEntry[];
  /** What the ledger holds of the year's month results (月度评议入账). */
  monthResults: number;
  balance: Balance | null;
}

const COLUMNS: Column[] = [{ header: '日期', width: 12 }, { header: '类别' }, { header: '事项', width: 30 }, { header: '积分', kind: 'int' }, { header: '决定/经办', width: 24 }, { header: '说明', width: 24 }];

/** Who decided an application: the reviewers whose signatures agreed with the decision. */
function deciders(a: Application): string {
  const d = a.audit?.decision;
  const names = (a.audit?.signatures ?? []).filter((s) => s.decision === d).map((s) => s.reviewerName);
  return names.length ? `评议小组：${names.join('、')}` : '评议小组';
}

/**
 * 积分手册 [000]: one household's year on one sheet — every decided application with its date,
 * item, points and who decided, subtotals by category; base scores; redemptions; the other
 * postings; where the points stand. Section titles and subtotals are the bold rows.
 */
export function handbookTable(year: string, h: HandbookHousehold): Table {
  const rows: Cell[][] = [];
  const bold: number[] = [];
  const section = (title: string) => {
    bold.push(rows.length);
    rows.push([title]);
  };

  section('一、申报与评议');
  const apps = [...h.applications].sort((a, b) => a.deedDate.localeCompare(b.deedDate) || a._id.localeCompare(b._id));
  const byCategory = new Map<string, Application[]>();
  for (const a of apps) byCategory.set(a.categoryName, [...(byCategory.get(a.categoryName) ?? []), a]);
  let approvedTotal = 0;
  for (const [category, list] of byCategory) {
    for (const a of list) {
      rows.push([a.deedDate, category, a.itemName, a.audit?.points ?? 0, deciders(a), `${STATUS_LABELS[a.status]}（${sourceLabelOf(a)}）`]);
    }
    const sum = list.reduce((s, a) => s + (a.audit?.points ?? 0), 0);
    approvedTotal += sum;
    bold.push(rows.length);
    rows.push(['', `${category} 小计`, `${list.length} 项`, sum, '', '']);
  }
  if (apps.length === 0) rows.push(['', '', '本年没有已评议的申报', 0, '', '']);
  bold.push(rows.length);
  rows.push(['', '评议合计', `${apps.length} 项`, approvedTotal, '', '']);
  bold.push(rows.length);
  rows.push(['', '月度评议入账', '已结账月份记入积分账', h.monthResults, '', '']);

  section('二、基础评分');
  for (const b of [...h.baseScores].sort((x, y) => x.quarter.localeCompare(y.quarter))) {
    rows.push([b.quarter, '基础评分', `检查平均 ${b.average} 分`, b.points, '评议小组', '']);
  }
  if (h.baseScores.length === 0) rows.push(['', '', '本年没有基础评分记录', 0, '', '']);

  const line = (e: LedgerEntry): Cell[] => [cstDate(e.at), ENTRY_KIND_LABELS[e.kind], e.label, e.delta, e.actorName, e.reason ?? ''];
  section('三、超市兑换');
  const redemptions = h.entries.filter((e) => e.kind === 'redemption');
  for (const e of redemptions) rows.push(line(e));
  bold.push(rows.length);
  rows.push(['', '兑换合计', `${redemptions.length} 次`, redemptions.reduce((s, e) => s + e.delta, 0), '', '']);

  section('四、其他入账');
  const others = h.entries.filter((e) => e.kind !== 'redemption' && e.kind !== 'application' && e.kind !== 'base_score');
  for (const e of others) rows.push(line(e));
  if (others.length === 0) rows.push(['', '', '无', 0, '', '']);

  const b = h.balance;
  bold.push(rows.length);
  rows.push(['', '当前积分', `待兑现 ${b?.pending ?? 0}，可兑换 ${b?.redeemable ?? 0}，累计已兑换 ${b?.spent ?? 0}`, '', '', '']);

  const hh = h.household;
  return {
    name: `${hh.doorNo} ${hh.headName}`,
    title: `${hh.headName}户（${h.gridName} ${hh.doorNo}）${year}年积分手册`,
    columns: COLUMNS,
    rows,
    totalRows: bold,
  };
}

export function handbookBook(scopeName: string, year: string, households: HandbookHousehold[]): Workbook {
  return { filename: `${scopeName}-积分手册-${year}`, sheets: households.map((h) => handbookTable(year, h)) };
}

import type { Household } from '../org/types';
import type { Balance, EntryKind, LedgerEntry } from '../ledger/types';
import { ENTRY_KIND_LABELS } from '../ledger/types';
import { cstDate } from '../shared/time';
import type { Period } from './period';
import type { Cell, Column, Workbook } from './workbook';

/** A decided application of a closed month, only what the 台账 sums. */
export interface DecidedApplication {
  householdId: string;
  categoryName: string;
  /** The audit's ledger delta (fraud: −2×). */
  points: number;
}

export interface PointsLedgerInput {
  villageName: string;
  period: Period;
  /** Grid names by id, in the village's order. */
  grids: Map<string, string>;
  households: Household[];
  /** Decided applications of the period's closed months. */
  applications: DecidedApplication[];
  /** Every ledger entry of the village posted within the period. */
  entries: LedgerEntry[];
  /** The month results (application entries) of the period's months, whenever they were posted. */
  monthResults: LedgerEntry[];
  balances: Balance[];
}

/** Households as the village lists them: grid by grid (in the village's order), then by door number. */
export function inRosterOrder<H extends Pick<Household, 'gridId' | 'doorNo'>>(households: readonly H[], grids: ReadonlyMap<string, string>): H[] {
  const order = [...grids.keys()];
  return [...households].sort((a, b) => order.indexOf(a.gridId) - order.indexOf(b.gridId) || a.doorNo.localeCompare(b.doorNo, 'zh', { numeric: true }));
}

/** The ledger kinds shown as their own columns (applications are shown by category instead). */
const KIND_COLUMNS: EntryKind[] = ['base_score', 'objection', 'adjustment', 'reversal', 'veto', 'year_end', 'redemption'];

/**
 * 积分台账 [000]: one row per household — the period's approved points by catalogue category,
 * the other postings by kind, and where its points stand now (待兑现 / 可兑换 / 已兑换) — with a
 * total row; a second sheet lists every entry of the period. Internal to the village office:
 * names are not masked (the public list is the 公示表).
 */
export function pointsLedgerBook(input: PointsLedgerInput): Workbook {
  const { period, villageName } = input;
  const categories = [...new Set(input.applications.map((a) => a.categoryName))].sort((a, b) => a.localeCompare(b, 'zh'));
  const byHousehold = new Map<string, { cats: Map<string, number>; kinds: Map<EntryKind, number>; entries: number; approved: number }>();
  const row = (id: string) => {
    let r = byHousehold.get(id);
    if (!r) byHousehold.set(id, (r = { cats: new Map(), kinds: new Map(), entries: 0, approved: 0 }));
    return r;
  };
  for (const e of input.monthResults) row(e.householdId).approved += e.delta;
  for (const a of input.applications) {
    const r = row(a.householdId);
    r.cats.set(a.categoryName, (r.cats.get(a.categoryName) ?? 0) + a.points);
  }
  for (const e of input.entries) {
    const r = row(e.householdId);
    r.entries++;
    r.kinds.set(e.kind, (r.kinds.get(e.kind) ?? 0) + e.delta);
  }
  const balances = new Map(input.balances.map((b) => [b._id, b]));
  const households = inRosterOrder(input.households, input.grids);

  const figures = (h: Household): number[] => {
    const r = byHousehold.get(h._id);
    const b = balances.get(h._id);
    const cats = categories.map((c) => r?.cats.get(c) ?? 0);
    return [
      ...cats,
      r?.approved ?? 0,
      ...KIND_COLUMNS.map((k) => r?.kinds.get(k) ?? 0),
      b?.pending ?? 0,
      b?.redeemable ?? 0,
      b?.spent ?? 0,
    ];
  };
  const rows: Cell[][] = households.map((h, i) => [i + 1, input.grids.get(h.gridId) ?? '未划网格', h.doorNo, h.headName, byHousehold.get(h._id)?.entries ?? 0, ...figures(h)]);
  const sums = households.reduce<number[]>((acc, h) => {
    const f = [byHousehold.get(h._id)?.entries ?? 0, ...figures(h)];
    return f.map((n, i) => (acc[i] ?? 0) + n);
  }, []);
  rows.push(['合计', '', '', `${households.length} 户`, ...(sums.length ? sums : new Array<number>(categories.length + KIND_COLUMNS.length + 5).fill(0))]);

  const int = (header: string): Column => ({ header, kind: 'int' });
  const columns: Column[] = [
    { header: '序号', kind: 'int', width: 6 },
    { header: '网格' },
    { header: '门牌号' },
    { header: '户主' },
    int('入账笔数'),
    ...categories.map((c) => int(c)),
    int('评议小计'),
    ...KIND_COLUMNS.map((k) => int(ENTRY_KIND_LABELS[k])),
    int('当前待兑现'),
    int('当前可兑换'),
    int('累计已兑换'),
  ];

  const names = new Map(input.households.map((h) => [h._id, h]));
  const detail: Cell[][] = [...input.entries]
    .sort((a, b) => a.at - b.at || a._id.localeCompare(b._id))
    .map((e) => {
      const h = names.get(e.householdId);
      return [cstDate(e.at), h?.doorNo ?? '', h?.headName ?? '', ENTRY_KIND_LABELS[e.kind], e.label, e.delta, e.bucket === 'pending' ? '待兑现' : '可兑换', e.actorName, e.reason ?? ''];
    });

  return {
    filename: `${villageName}-积分台账-${period.label}`,
    sheets: [
      { name: '积分台账', title: `${villageName} 积分台账（${period.label}）`, columns, rows, totalRows: [rows.length - 1], notes: ['各类别为本期已结账月份评议通过的申报；评议小计为这些月份记入积分账的月度评议结果；“当前”各列为导出时的积分。'] },
      {
        name: '入账明细',
        title: `${villageName} 积分入账明细（${period.label}）`,
        columns: [{ header: '日期', width: 12 }, { header: '门牌号' }, { header: '户主' }, { header: '类型' }, { header: '事项', width: 30 }, int('积分'), { header: '账户' }, { header: '经办' }, { header: '说明', width: 30 }],
        rows: detail,
      },
    ],
  };
}

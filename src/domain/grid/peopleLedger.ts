import type { Household } from '../org/types';
import { HOUSEHOLD_TAGS, HOUSEHOLD_TAG_LABELS, type HouseholdTag } from '../org/tags';
import type { Workbook } from '../sheets/workbook';

/**
 * 人员信息分布台账 [004]: per grid, its households, its people and how many households carry
 * each care/key-group tag. Counts only: no names, phones or which household has which tag,
 * so the village and the town read it without opening anyone's detail.
 */
export interface PeopleLedgerRow {
  villageId: string;
  villageName: string;
  /** '' for households in no grid (未划网格). */
  gridId: string;
  gridName: string;
  households: number;
  people: number;
  tags: Record<HouseholdTag, number>;
}

export interface PeopleLedger {
  rows: PeopleLedgerRow[];
  total: Omit<PeopleLedgerRow, 'villageId' | 'villageName' | 'gridId' | 'gridName'>;
}

const zeroTags = (): Record<HouseholdTag, number> => Object.fromEntries(HOUSEHOLD_TAGS.map((t) => [t, 0])) as Record<HouseholdTag, number>;

export const UNASSIGNED_LABEL = '未划网格';

/** Rows in the order of `grids` (per village), then a 未划网格 row per village that has such households. */
export function peopleLedger(
  villages: { _id: string; name: string }[],
  grids: { _id: string; villageId: string; name: string }[],
  households: Pick<Household, 'villageId' | 'gridId' | 'memberCount' | 'tags'>[],
): PeopleLedger {
  const rows: PeopleLedgerRow[] = [];
  const key = (v: string, g: string) => `${v}\u0000${g}`;
  const byKey = new Map<string, PeopleLedgerRow>();
  for (const v of villages) {
    for (const g of grids.filter((x) => x.villageId === v._id)) {
      const row: PeopleLedgerRow = { villageId: v._id, villageName: v.name, gridId: g._id, gridName: g.name, households: 0, people: 0, tags: zeroTags() };
      rows.push(row);
      byKey.set(key(v._id, g._id), row);
    }
  }
  const total = { households: 0, people: 0, tags: zeroTags() };
  for (const h of households) {
    let row = byKey.get(key(h.villageId, h.gridId));
    if (!row) {
      const v = villages.find((x) => x._id === h.villageId);
      if (!v) continue;
      row = byKey.get(key(h.villageId, ''));
      if (!row) {
        row = { villageId: v._id, villageName: v.name, gridId: '', gridName: UNASSIGNED_LABEL, households: 0, people: 0, tags: zeroTags() };
        rows.push(row);
        byKey.set(key(h.villageId, ''), row);
      }
    }
    row.households++;
    row.people += h.memberCount;
    total.households++;
    total.people += h.memberCount;
    for (const t of h.tags ?? []) {
      row.tags[t]++;
      total.tags[t]++;
    }
  }
  rows.sort((a, b) => villages.findIndex((v) => v._id === a.villageId) - villages.findIndex((v) => v._id === b.villageId));
  return { rows, total };
}

export function peopleLedgerBook(title: string, date: string, ledger: PeopleLedger): Workbook {
  const rows = ledger.rows.map((r) => [r.villageName, r.gridName, r.households, r.people, ...HOUSEHOLD_TAGS.map((t) => r.tags[t])]);
  rows.push(['合计', '', ledger.total.households, ledger.total.people, ...HOUSEHOLD_TAGS.map((t) => ledger.total.tags[t])]);
  return {
    filename: `${title}-人员信息分布台账-${date}`,
    sheets: [
      {
        name: '人员信息分布台账',
        title: `${title} 人员信息分布台账（${date}）`,
        columns: [
          { header: '村' },
          { header: '网格' },
          { header: '户数', kind: 'int' },
          { header: '人数', kind: 'int' },
          ...HOUSEHOLD_TAGS.map((t) => ({ header: `${HOUSEHOLD_TAG_LABELS[t]}（户）`, kind: 'int' as const })),
        ],
        rows,
        totalRows: [rows.length - 1],
      },
    ],
  };
}

/**
 * 单位积分 [000 六、单位积分类]: a village's units (shops, associations, cooperatives, village
 * groups) score points of their own, apart from households. A unit goes through the same
 * 初审, audit, publicity and town review as a household; its ledger account is its id (the
 * ledger's `householdId` field names the account, a household's or a unit's: `isUnitId`).
 */
export const UNIT_KINDS = ['shop', 'association', 'cooperative', 'village_group', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  shop: '商铺',
  association: '协会',
  cooperative: '合作社',
  village_group: '村民小组',
  other: '其他',
};

/** Every unit id starts so: the ledger, the publicity and the dashboard tell units from households by it. */
export const UNIT_ID_PREFIX = 'unit_';

export function isUnitId(id: string): boolean {
  return id.startsWith(UNIT_ID_PREFIX);
}

export interface Unit {
  _id: string;
  townId: string;
  villageId: string;
  /** The level-3 grid it sits in: that grid's workers do its 初审. */
  gridId: string;
  name: string;
  kind: UnitKind;
  /** 负责人: a person of the village, who applies for the unit. */
  responsiblePersonId: string;
  responsibleName: string;
  /** A closed unit keeps its ledger and history but applies for nothing more. */
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** How a unit reads on lists, e.g. 清河超市（商铺）. */
export function unitLabel(u: Pick<Unit, 'name' | 'kind'>): string {
  return `${u.name}（${UNIT_KIND_LABELS[u.kind]}）`;
}

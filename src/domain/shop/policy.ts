import type { Role } from '../org/roles';
import { anyPerson, householdMember, roles } from '../access/gate';
import { allow, allowIf, deny, type Decision } from '../access/decision';
import { holdsIn, scopesOf, type Actor } from '../access/actor';
import type { ReceiptScope } from '../api/shop';

/** Who may do what at the village points shop (励志超市). */
const ADMIN: Role[] = ['village_admin'];
const CLERK: Role[] = ['shop_clerk'];
const STOCK_KEEPERS: Role[] = ['village_admin', 'shop_clerk'];
/** Who may read every receipt of a village: the admin, and the supervisors (监督小组 oversee redemption [003]). */
const VILLAGE_RECEIPTS: Role[] = ['village_admin', 'supervisor'];

export const shopGates = {
  browse: anyPerson,
  showCode: householdMember('您不属于任何一户，不能出示兑换码'),
  codeStatus: householdMember('您不属于任何一户，没有兑换码'),
  scan: roles(CLERK, '只有超市店员可以扫码兑换'),
  redeem: roles(CLERK, '只有超市店员可以确认兑换'),
  receipts: anyPerson,
  manageGoods: roles(ADMIN, '只有村两委可以管理商品'),
  stockIn: roles(STOCK_KEEPERS, '只有村两委或超市店员可以入库'),
  stockOut: roles(ADMIN, '只有村两委可以报损出库'),
  stockMoves: roles(STOCK_KEEPERS, '只有村两委或超市店员可以查看出入库记录'),
  setPolicy: roles(ADMIN, '只有村两委可以设置兑换日'),
  /** 退货: the clerk at the counter, or the village admin. */
  returnGoods: roles(STOCK_KEEPERS, '只有超市店员或村两委可以办理退货'),
  /** 兑换记录台账 of a period: who reads every receipt of the village, and the town. */
  exportReceipts: roles([...VILLAGE_RECEIPTS, 'town_admin'], '只有村两委、监督小组和镇管理员可以导出兑换记录'),
} as const;

/** A village's receipts of a period, as a file: its admin and supervisors, or its town's admin. */
export function mayExportReceipts(actor: Actor, village: { _id: string; townId: string }): Decision {
  return allowIf(holdsIn(actor, VILLAGE_RECEIPTS, village._id) || holdsIn(actor, ['town_admin'], village.townId), 'NOT_FOUND', '找不到该村，或您无权导出');
}

/**
 * The village whose shop this person uses: the one where they work at the shop or sit on the
 * village committee (a clerk's cashier lists that shop's goods, wherever the clerk lives),
 * else their home village, else where they review or supervise.
 */
export function shopVillageOf(actor: Actor): string | null {
  return scopesOf(actor, ['shop_clerk', 'village_admin'])[0] ?? actor.villageId ?? scopesOf(actor, ['reviewer', 'supervisor'])[0] ?? null;
}

/** The villages whose shop this clerk serves. */
export function clerkVillages(actor: Actor): string[] {
  return scopesOf(actor, CLERK);
}

/** The village whose inactive goods, policy and goods this person administers (their first), if any. */
export function adminVillage(actor: Actor): string | null {
  return scopesOf(actor, ADMIN)[0] ?? null;
}

/** Inactive goods are the admin's business. */
export function mayListInactive(actor: Actor): Decision {
  return allowIf(adminVillage(actor) !== null, 'FORBIDDEN', '只有村两委可以查看已下架的商品');
}

/** A goods of another village is NOT_FOUND to a keeper, so goods cannot be probed across villages. */
export function mayKeepGoods(actor: Actor, goodsVillageId: string, keepers: 'admin' | 'stock'): Decision {
  return allowIf(holdsIn(actor, keepers === 'admin' ? ADMIN : STOCK_KEEPERS, goodsVillageId), 'NOT_FOUND', '找不到该商品');
}

/** A receipt of another village is NOT_FOUND to a keeper (receipts cannot be probed across villages). */
export function mayReturn(actor: Actor, receipt: { villageId: string }): Decision {
  return allowIf(holdsIn(actor, STOCK_KEEPERS, receipt.villageId), 'NOT_FOUND', '找不到该小票');
}

/** A clerk scans only codes of a village whose shop they serve. */
export function mayScan(actor: Actor, codeVillageId: string): Decision {
  return allowIf(clerkVillages(actor).includes(codeVillageId), 'CODE_INVALID', '该兑换码不属于本村超市');
}

/** Which receipts a person reads when they do not say: the widest their roles allow. */
export function defaultReceiptScope(actor: Actor): ReceiptScope {
  if (scopesOf(actor, VILLAGE_RECEIPTS).length > 0) return 'village';
  if (clerkVillages(actor).length > 0) return 'issued';
  return 'household';
}

/** May this person read receipts at this scope? */
export function mayReadReceipts(actor: Actor, scope: ReceiptScope): Decision {
  switch (scope) {
    case 'village':
      return allowIf(scopesOf(actor, VILLAGE_RECEIPTS).length > 0, 'FORBIDDEN', '只有村两委和监督小组可以查看全村兑换记录');
    case 'issued':
      return allowIf(clerkVillages(actor).length > 0, 'FORBIDDEN', '只有超市店员可以查看经手的兑换记录');
    case 'household':
      return actor.householdId ? allow : deny('FORBIDDEN', '您不属于任何一户，没有兑换记录');
  }
}

/** The village whose receipts a person with the village scope reads. */
export function receiptsVillage(actor: Actor): string | null {
  return scopesOf(actor, VILLAGE_RECEIPTS)[0] ?? null;
}

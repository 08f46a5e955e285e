import { SCENES } from '@domain/moderation';
import {
  codeStatusInput,
  getPolicyInput,
  goodsInput,
  myCodeInput,
  receiptsInput,
  redeemInput,
  returnGoodsInput,
  saveGoodsInput,
  scanInput,
  setPolicyInput,
  stockInInput,
  stockMovesInput,
  stockOutInput,
  type CodeState,
} from '@domain/api/shop';
import { DomainError } from '@domain/shared/errors';
import { isUnitId } from '@domain/units/types';
import { mayShowUnitCode } from '@domain/units/policy';
import { unitsRepo } from '@backend/repos/units';
import { readRedeemer, unitAsRedeemer } from '@backend/shop/redeemer';
import { policyWithDefaults } from '@domain/org/policy';
import type { Goods } from '@domain/shop/types';
import { assertCodeUsable } from '@domain/shop/code';
import { allow, allowIf } from '@domain/access/decision';
import {
  adminVillage,
  clerkVillages,
  defaultReceiptScope,
  mayExportReceipts,
  mayKeepGoods,
  mayListInactive,
  mayReadReceipts,
  mayReturn,
  mayScan,
  receiptsVillage,
  shopGates,
  shopVillageOf,
} from '@domain/shop/policy';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { ledgerRepo } from '@backend/repos/ledger';
import { shopRepo } from '@backend/repos/shop';
import { issueCode } from '@backend/shop/code';
import { eligibilityOf, householdLabel, type HouseholdDoc } from '@backend/shop/eligibility';
import { redeem } from '@backend/shop/redeem';
import { returnGoods } from '@backend/shop/returns';
import { C } from '@backend/repos/collections';
import type { Receipt } from '@domain/shop/types';
import { assertGoodsPhoto, goodsView, saveGoods, stockIn, stockOut } from '@backend/shop/goods';
import { policyView, setRedemptionDay } from '@backend/shop/policy';
import { deliver } from '@backend/notices/notify';
import { csvAction, exportSpec } from '@backend/sheets/exportSpec';
import { villagePeriodInput } from '@domain/api/period';
import { periodOf } from '@domain/sheets/period';
import { receiptsBook } from '@domain/sheets/receipts';

/** 兑换记录台账 of a period: declared once — CSV here, .xlsx in the `sheets` function. */
export const receiptsExport = exportSpec({
  gate: shopGates.exportReceipts,
  schema: villagePeriodInput,
  load: async (input, { deps, actor }) => {
    const id = input.villageId ?? receiptsVillage(actor) ?? actor.villageId;
    const v = id ? await orgRepo.village(deps.db, id) : null;
    if (!v) throw new DomainError('NOT_FOUND', '找不到该村，或您无权导出');
    return v;
  },
  authorize: (v, actor) => mayExportReceipts(actor, v),
  book: async (input, { deps, loaded: v }) => {
    const period = periodOf(input.period);
    return receiptsBook({ villageName: v.name, period, receipts: await shopRepo.receiptsBetween(deps.db, v._id, period.from, period.to) });
  },
});

async function village(db: Database, id: string): Promise<VillageDoc> {
  const v = await orgRepo.village(db, id);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return v;
}

async function loadGoods(db: Database, goodsId: string): Promise<Goods> {
  const goods = await shopRepo.goods(db, goodsId);
  if (!goods) throw new DomainError('NOT_FOUND', '找不到该商品');
  return goods;
}

export const shop: FunctionDef<'shop'> = {
  /** The village's goods with point prices and stock: any villager; the admin may include inactive goods. */
  goods: action({
    gate: shopGates.browse,
    schema: goodsInput,
    load: async (input, { actor }) => (input.includeInactive ? adminVillage(actor) : shopVillageOf(actor)),
    authorize: (_villageId, actor, input) => (input.includeInactive ? mayListInactive(actor) : allow),
    run: async (input, { deps, actor, loaded: villageId }) => {
      if (!villageId) throw new DomainError('FORBIDDEN', '您不属于任何村，没有可用的积分超市');
      const items = await shopRepo.goodsOfVillage(deps.db, villageId, input.includeInactive === true);
      return { items: await Promise.all(items.map((g) => goodsView(g, deps, actor._id))) };
    },
  }),

  /** 兑换码: a fresh 8-digit code for my household, with its balance and whether today is a redemption day. */
  myCode: action({
    gate: shopGates.showCode,
    schema: myCodeInput,
    load: async (input, { deps }) => (input.unitId ? unitsRepo.get(deps.db, input.unitId) : null),
    // A unit's code: its 负责人 only (not those who apply on its behalf), where the village lets units redeem.
    authorize: (unit, actor, input) => (input.unitId ? mayShowUnitCode(actor, unit) : allow),
    run: async (_input, { deps, actor, loaded: unit }) => {
      const household = unit ? unitAsRedeemer(unit) : await orgRepo.household(deps.db, actor.householdId as string);
      if (!household) throw new DomainError('NOT_FOUND', '找不到您所在的户');
      const v = await village(deps.db, household.villageId);
      const policy = policyWithDefaults(v.policy);
      if (unit && !policy.unitsRedeem) throw new DomainError('UNITS_DO_NOT_REDEEM');
      return issueCode(deps, actor, household as HouseholdDoc, policy);
    },
  }),

  /**
   * Has my code been used? A member of the code's household only (any other code, known or not,
   * is NOT_FOUND, so codes cannot be probed): active, expired, or used with its receipt.
   */
  codeStatus: action({
    gate: shopGates.codeStatus,
    schema: codeStatusInput,
    load: async (input, { deps }) => shopRepo.code(deps.db, input.code),
    // A unit's code (单位积分): the 负责人 it was issued to.
    authorize: (code, actor) => allowIf(!!code && (code.householdId === actor.householdId || (isUnitId(code.householdId) && code.issuedTo === actor._id)), 'NOT_FOUND', '找不到该兑换码，或它不是本户的兑换码'),
    run: async (_input, { deps, loaded: code }) => {
      if (!code) throw new DomainError('NOT_FOUND');
      if (code.consumedBy) return { state: 'used', receipt: await shopRepo.receipt(deps.db, code.consumedBy) };
      const state: CodeState = deps.now() >= code.expiresAt ? 'expired' : 'active';
      return { state, receipt: null };
    },
  }),

  /** A clerk reads a code: the masked household, its redeemable points and today's eligibility — nothing else. */
  scan: action({
    gate: shopGates.scan,
    schema: scanInput,
    load: async (input, { deps }) => {
      const code = await shopRepo.code(deps.db, input.code);
      if (!code) throw new DomainError('CODE_INVALID');
      return code;
    },
    authorize: (code, actor) => mayScan(actor, code.villageId),
    run: async (_input, { deps, loaded: code }) => {
      const db = deps.db;
      const now = deps.now();
      assertCodeUsable(code, now, code.villageId);
      const household = await readRedeemer(db, code.householdId);
      if (!household) throw new DomainError('CODE_INVALID');
      const [balance, v] = await Promise.all([ledgerRepo.balance(db, household._id), village(db, household.villageId)]);
      return {
        code: code._id,
        householdLabel: householdLabel(household),
        redeemable: balance?.redeemable ?? 0,
        eligibility: eligibilityOf(household, balance, policyWithDefaults(v.policy), now),
        expiresAt: code.expiresAt,
      };
    },
  }),

  /** Confirm: points and stock drop in one transaction; idempotent on requestId. The code's village is checked inside. */
  redeem: action({
    gate: shopGates.redeem,
    schema: redeemInput,
    run: async (input, { deps, actor }) => {
      const { receipt, notices } = await redeem(deps, actor, clerkVillages(actor), input);
      await deliver(deps, notices);
      return receipt;
    },
  }),

  /**
   * 退货: the clerk (or the village admin) takes back some lines of a receipt of their village
   * within the village's return window; points and stock come back in one transaction.
   */
  returnGoods: action({
    gate: shopGates.returnGoods,
    schema: returnGoodsInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: async (input, { deps }) => {
      const { data } = await deps.db.collection<Receipt>(C.receipts).doc(input.receiptId).get();
      if (!data[0]) throw new DomainError('NOT_FOUND', '找不到该小票');
      return data[0];
    },
    authorize: (receipt, actor) => mayReturn(actor, receipt),
    run: async ({ receiptId, ...input }, { deps, actor, loaded: receipt }) => {
      const village = await orgRepo.village(deps.db, receipt.villageId);
      return returnGoods(deps, actor, receiptId, input, policyWithDefaults(village?.policy).returnDays);
    },
  }),

  /** Receipts, newest first: my household's; a clerk's issued ones; the admin's or supervisor's village's. */
  receipts: action({
    gate: shopGates.receipts,
    schema: receiptsInput,
    load: async (input, { actor }) => input.scope ?? defaultReceiptScope(actor),
    authorize: (scope, actor) => mayReadReceipts(actor, scope),
    run: async (input, { deps, actor, loaded: scope }) => {
      const limit = input.limit ?? 50;
      const filter =
        scope === 'village' ? { villageId: receiptsVillage(actor) as string } : scope === 'issued' ? { clerkId: actor._id } : { householdId: actor.householdId as string };
      return { items: await shopRepo.receipts(deps.db, filter, limit) };
    },
  }),

  /** Village admin: create goods (stock 0) or change name, price, photo (checked: a real image ≤ 2 MB), active — never stock. */
  /** 兑换记录台账 of a month, quarter or year, as CSV. */
  exportReceipts: csvAction(receiptsExport),

  saveGoods: action({
    gate: shopGates.manageGoods,
    schema: saveGoodsInput,
    content: { scene: SCENES.goods, texts: (i) => [i.name], photos: (i) => [i.photo] },
    load: async (input, { deps }) => (input.goodsId ? loadGoods(deps.db, input.goodsId) : null),
    authorize: (current, actor) => (current ? mayKeepGoods(actor, current.villageId, 'admin') : allow),
    run: async (input, { deps, actor, loaded: current }) => {
      const villageId = current ? current.villageId : (adminVillage(actor) as string);
      const v = await village(deps.db, villageId);
      // A new photo must be a real image in storage before anything is written.
      await assertGoodsPhoto(deps.files, input.photo, current?.photo ?? null, policyWithDefaults(v.policy), { db: deps.db, person: actor });
      return goodsView(await saveGoods(deps, villageId, v.townId, input), deps, actor._id);
    },
  }),

  /** 入库: village admin or clerk; the cost becomes a fund-pool purchase. Idempotent on requestId. */
  stockIn: action({
    gate: shopGates.stockIn,
    schema: stockInInput,
    content: { scene: SCENES.decision, texts: (i) => [i.supplier] },
    load: async (input, { deps }) => loadGoods(deps.db, input.goodsId),
    authorize: (goods, actor) => mayKeepGoods(actor, goods.villageId, 'stock'),
    run: async (input, { deps, actor, loaded: goods }) => stockIn(deps, actor, goods.villageId, input),
  }),

  /** 报损出库: village admin, with a reason; never below zero. Idempotent on requestId. */
  stockOut: action({
    gate: shopGates.stockOut,
    schema: stockOutInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: async (input, { deps }) => loadGoods(deps.db, input.goodsId),
    authorize: (goods, actor) => mayKeepGoods(actor, goods.villageId, 'admin'),
    run: async (input, { deps, actor, loaded: goods }) => stockOut(deps, actor, goods.villageId, input),
  }),

  /** A goods' stock moves, newest first: village admin or clerk. */
  stockMoves: action({
    gate: shopGates.stockMoves,
    schema: stockMovesInput,
    load: async (input, { deps }) => loadGoods(deps.db, input.goodsId),
    authorize: (goods, actor) => mayKeepGoods(actor, goods.villageId, 'stock'),
    run: async (_input, { deps, loaded: goods }) => ({ items: await shopRepo.stockMoves(deps.db, goods._id) }),
  }),

  /** The village's redemption days and code lifetime: any villager. */
  getPolicy: action({
    gate: shopGates.browse,
    schema: getPolicyInput,
    run: async (_input, { deps, actor }) => {
      const villageId = shopVillageOf(actor);
      if (!villageId) throw new DomainError('FORBIDDEN', '您不属于任何村');
      return policyView(policyWithDefaults((await village(deps.db, villageId)).policy));
    },
  }),

  /** Village admin: when the shop redeems (last market day of the month, every N months, any day). */
  setPolicy: action({
    gate: shopGates.setPolicy,
    schema: setPolicyInput,
    run: async (input, { deps, actor }) => setRedemptionDay(deps, adminVillage(actor) as string, input.redemptionDay),
  }),
};

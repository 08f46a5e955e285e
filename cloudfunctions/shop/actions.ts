import {
  codeStatusInput,
  getPolicyInput,
  goodsInput,
  myCodeInput,
  receiptsInput,
  redeemInput,
  saveGoodsInput,
  scanInput,
  setPolicyInput,
  stockInInput,
  stockMovesInput,
  stockOutInput,
  type CodeState,
  type ReceiptScope,
} from '@domain/api/shop';
import { DomainError } from '@domain/shared/errors';
import { policyWithDefaults } from '@domain/org/policy';
import type { Person } from '@domain/org/types';
import type { Role } from '@domain/org/roles';
import type { Goods } from '@domain/shop/types';
import { assertCodeUsable } from '@domain/shop/code';
import type { Database } from '@backend/db/types';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { holdsIn, scopesOf, shopVillageOf, villageAs } from '@backend/runtime/scope';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { ledgerRepo } from '@backend/repos/ledger';
import { shopRepo } from '@backend/repos/shop';
import { issueCode } from '@backend/shop/code';
import { eligibilityOf, householdLabel, type HouseholdDoc } from '@backend/shop/eligibility';
import { redeem } from '@backend/shop/redeem';
import { assertGoodsPhoto, goodsView, saveGoods, stockIn, stockOut } from '@backend/shop/goods';
import { policyView, setRedemptionDay } from '@backend/shop/policy';

const ADMIN: Role[] = ['village_admin'];
const CLERK: Role[] = ['shop_clerk'];
const STOCK_KEEPERS: Role[] = ['village_admin', 'shop_clerk'];

async function village(db: Database, id: string): Promise<VillageDoc> {
  const v = await orgRepo.village(db, id);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村');
  return v;
}

/** The goods, if this person holds one of `roles` in its village; FORBIDDEN without the role anywhere. */
async function goodsFor(db: Database, person: Person, roles: Role[], goodsId: string, forbidden: string): Promise<Goods> {
  if (scopesOf(person, roles).length === 0) throw new DomainError('FORBIDDEN', forbidden);
  const goods = await shopRepo.goods(db, goodsId);
  if (!goods || !holdsIn(person, roles, goods.villageId)) throw new DomainError('NOT_FOUND', '找不到该商品');
  return goods;
}

/** Who may read every receipt of a village: the admin, and the supervisors (监督小组 oversee redemption [003]). */
const VILLAGE_RECEIPTS: Role[] = ['village_admin', 'supervisor'];

function receiptScope(person: Person, asked: ReceiptScope | undefined): ReceiptScope {
  if (asked) return asked;
  if (scopesOf(person, VILLAGE_RECEIPTS).length > 0) return 'village';
  if (scopesOf(person, CLERK).length > 0) return 'issued';
  return 'household';
}

export const shop: FunctionDef<'shop'> = {
  /** The village's goods with point prices and stock: any villager; the admin may include inactive goods. */
  goods: action(goodsInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = input.includeInactive ? villageAs(person, ADMIN, '只有村两委可以查看已下架的商品') : shopVillageOf(person);
    if (!villageId) throw new DomainError('FORBIDDEN', '您不属于任何村，没有可用的积分超市');
    const items = await shopRepo.goodsOfVillage(ctx.deps.db, villageId, input.includeInactive === true);
    return { items: await Promise.all(items.map((g) => goodsView(g, ctx.deps.files))) };
  }),

  /** 兑换码: a fresh 8-digit code for my household, with its balance and whether today is a redemption day. */
  myCode: action(myCodeInput, async (_input, ctx) => {
    const person = await me(ctx);
    if (!person.householdId) throw new DomainError('FORBIDDEN', '您不属于任何一户，不能出示兑换码');
    const household = await orgRepo.household(ctx.deps.db, person.householdId);
    if (!household) throw new DomainError('NOT_FOUND', '找不到您所在的户');
    const v = await village(ctx.deps.db, household.villageId);
    return issueCode(ctx.deps, person, household as HouseholdDoc, policyWithDefaults(v.policy));
  }),

  /**
   * Has my code been used? A member of the code's household only (any other code, known or not,
   * is NOT_FOUND, so codes cannot be probed): active, expired, or used with its receipt.
   */
  codeStatus: action(codeStatusInput, async (input, ctx) => {
    const person = await me(ctx);
    if (!person.householdId) throw new DomainError('FORBIDDEN', '您不属于任何一户，没有兑换码');
    const db = ctx.deps.db;
    const code = await shopRepo.code(db, input.code);
    if (!code || code.householdId !== person.householdId) throw new DomainError('NOT_FOUND', '找不到该兑换码，或它不是本户的兑换码');
    if (code.consumedBy) return { state: 'used', receipt: await shopRepo.receipt(db, code.consumedBy) };
    const state: CodeState = ctx.deps.now() >= code.expiresAt ? 'expired' : 'active';
    return { state, receipt: null };
  }),

  /** A clerk reads a code: the masked household, its redeemable points and today's eligibility — nothing else. */
  scan: action(scanInput, async (input, ctx) => {
    const person = await me(ctx);
    const clerkVillages = scopesOf(person, CLERK);
    if (clerkVillages.length === 0) throw new DomainError('FORBIDDEN', '只有超市店员可以扫码兑换');
    const db = ctx.deps.db;
    const now = ctx.deps.now();
    const code = await shopRepo.code(db, input.code);
    if (!code) throw new DomainError('CODE_INVALID');
    if (!clerkVillages.includes(code.villageId)) throw new DomainError('CODE_INVALID', '该兑换码不属于本村超市');
    assertCodeUsable(code, now, code.villageId);
    const household = (await orgRepo.household(db, code.householdId)) as HouseholdDoc | null;
    if (!household) throw new DomainError('CODE_INVALID');
    const [balance, v] = await Promise.all([ledgerRepo.balance(db, household._id), village(db, household.villageId)]);
    return {
      code: code._id,
      householdLabel: householdLabel(household),
      redeemable: balance?.redeemable ?? 0,
      eligibility: eligibilityOf(household, balance, policyWithDefaults(v.policy), now),
      expiresAt: code.expiresAt,
    };
  }),

  /** Confirm: points and stock drop in one transaction; idempotent on requestId. */
  redeem: action(redeemInput, async (input, ctx) => {
    const person = await me(ctx);
    const clerkVillages = scopesOf(person, CLERK);
    if (clerkVillages.length === 0) throw new DomainError('FORBIDDEN', '只有超市店员可以确认兑换');
    return redeem(ctx.deps, person, clerkVillages, input);
  }),

  /** Receipts, newest first: my household's; a clerk's issued ones; the admin's village's. */
  receipts: action(receiptsInput, async (input, ctx) => {
    const person = await me(ctx);
    const limit = input.limit ?? 50;
    const db = ctx.deps.db;
    switch (receiptScope(person, input.scope)) {
      case 'village':
        return { items: await shopRepo.receipts(db, { villageId: villageAs(person, VILLAGE_RECEIPTS, '只有村两委和监督小组可以查看全村兑换记录') }, limit) };
      case 'issued':
        if (scopesOf(person, CLERK).length === 0) throw new DomainError('FORBIDDEN', '只有超市店员可以查看经手的兑换记录');
        return { items: await shopRepo.receipts(db, { clerkId: person._id }, limit) };
      case 'household':
        if (!person.householdId) throw new DomainError('FORBIDDEN', '您不属于任何一户，没有兑换记录');
        return { items: await shopRepo.receipts(db, { householdId: person.householdId }, limit) };
    }
  }),

  /** Village admin: create goods (stock 0) or change name, price, photo (checked: a real image ≤ 2 MB), active — never stock. */
  saveGoods: action(saveGoodsInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const current = input.goodsId ? await goodsFor(db, person, ADMIN, input.goodsId, '只有村两委可以管理商品') : null;
    const villageId = current ? current.villageId : villageAs(person, ADMIN, '只有村两委可以管理商品');
    const v = await village(db, villageId);
    // A new photo must be a real image in storage before anything is written.
    await assertGoodsPhoto(ctx.deps.files, input.photo, current?.photo ?? null, policyWithDefaults(v.policy), { db, person });
    return goodsView(await saveGoods(ctx.deps, villageId, v.townId, input), ctx.deps.files);
  }),

  /** 入库: village admin or clerk; the cost becomes a fund-pool purchase. Idempotent on requestId. */
  stockIn: action(stockInInput, async (input, ctx) => {
    const person = await me(ctx);
    const goods = await goodsFor(ctx.deps.db, person, STOCK_KEEPERS, input.goodsId, '只有村两委或超市店员可以入库');
    return stockIn(ctx.deps, person, goods.villageId, input);
  }),

  /** 报损出库: village admin, with a reason; never below zero. Idempotent on requestId. */
  stockOut: action(stockOutInput, async (input, ctx) => {
    const person = await me(ctx);
    const goods = await goodsFor(ctx.deps.db, person, ADMIN, input.goodsId, '只有村两委可以报损出库');
    return stockOut(ctx.deps, person, goods.villageId, input);
  }),

  /** A goods' stock moves, newest first: village admin or clerk. */
  stockMoves: action(stockMovesInput, async (input, ctx) => {
    const person = await me(ctx);
    const goods = await goodsFor(ctx.deps.db, person, STOCK_KEEPERS, input.goodsId, '只有村两委或超市店员可以查看出入库记录');
    return { items: await shopRepo.stockMoves(ctx.deps.db, goods._id) };
  }),

  /** The village's redemption days and code lifetime: any villager. */
  getPolicy: action(getPolicyInput, async (_input, ctx) => {
    const person = await me(ctx);
    const villageId = shopVillageOf(person);
    if (!villageId) throw new DomainError('FORBIDDEN', '您不属于任何村');
    return policyView(policyWithDefaults((await village(ctx.deps.db, villageId)).policy));
  }),

  /** Village admin: when the shop redeems (last market day of the month, every N months, any day). */
  setPolicy: action(setPolicyInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ADMIN, '只有村两委可以设置兑换日');
    return setRedemptionDay(ctx.deps, villageId, input.redemptionDay);
  }),
};

import { photoViews } from '../moderation/photos';
import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { VillagePolicy } from '@domain/org/policy';
import type { Goods, GoodsDoc, StockMove } from '@domain/shop/types';
import type { StockShard } from '@domain/shop/stockShards';
import { stockMove } from '@domain/shop/stockMove';
import type { FundEntry } from '@domain/fund/types';
import type { GoodsView } from '@domain/api/shop';
import { assertPhotos } from '@domain/points/submitRules';
import { DatabaseError, type Database, type Transaction } from '../db/types';
import { assertOwnFiles } from '../files/ownership';
import type { FileStore } from '../files/port';
import { C } from '../repos/collections';
import { shopRepo } from '../repos/shop';
import type { Deps } from '../runtime/deps';
import { stableId, yuanToFen } from '../shared/ids';
import { bumpTotals } from '../ledger/post';
import { ALL_SHARDS, readShards, respread, sumStock, withStock } from './stock';

type ShopDeps = Pick<Deps, 'db' | 'now' | 'newId'>;

const sameName = (name: string) => new DomainError('BAD_INPUT', `本村已有同名商品“${name}”`);

/**
 * The photo a goods is about to get, checked through the file port like evidence photos: the
 * file must exist and be a real image (bytes sniffed) within the village's size limit. A photo
 * the goods already has passes unchecked; a new one must be the caller's own upload; null (remove) and absent (keep) need no check.
 */
export async function assertGoodsPhoto(
  files: FileStore,
  photo: string | null | undefined,
  current: string | null,
  policy: VillagePolicy,
  uploader: { db: Database; person: Person },
): Promise<void> {
  if (photo === null || photo === undefined || photo === current) return;
  const facts = await files.facts(photo);
  if (!facts) throw new DomainError('BAD_INPUT', '商品照片未上传成功，请重新选择照片');
  try {
    assertPhotos([facts], policy);
  } catch (e) {
    if (e instanceof DomainError && e.code === 'PHOTO_NOT_IMAGE') throw new DomainError(e.code, '商品照片只能是图片文件（JPG、PNG、WebP）');
    if (e instanceof DomainError && e.code === 'PHOTO_TOO_LARGE') {
      throw new DomainError(e.code, `商品照片不能超过 ${Math.round(policy.maxPhotoBytes / 1024 / 1024)}MB`);
    }
    throw e;
  }
  // Only a photo the admin uploaded themself.
  await assertOwnFiles(uploader.db, uploader.person, [facts], '商品照片只能使用您本人上传的照片，请重新选择照片上传');
}

/** Goods as the client sees them: the photo's URL resolved through the file port. */
export async function goodsView(goods: Goods, deps: Pick<Deps, 'db' | 'files' | 'content' | 'now'>, viewerId: string | null): Promise<GoodsView> {
  if (!goods.photo) return { ...goods, photoUrl: null };
  const [photo] = await photoViews(deps, [goods.photo], viewerId);
  if (!photo) return { ...goods, photoUrl: null };
  return { ...goods, photoUrl: photo.url || null, ...(photo.held ? { photoHeld: photo.held } : {}) };
}

/**
 * Creates goods (stock 0: stock only ever comes from stock moves) or updates name, price,
 * photo and active — never stock. `villageId` is the admin's village, already authorized; a
 * new photo is checked by the caller first (assertGoodsPhoto).
 */
export async function saveGoods(
  deps: ShopDeps,
  villageId: string,
  townId: string,
  input: { goodsId?: string; name: string; price: number; photo?: string | null; active?: boolean },
): Promise<Goods> {
  const { db } = deps;
  const now = deps.now();
  const name = input.name.trim();
  const clash = await shopRepo.goodsByName(db, villageId, name);
  if (clash && clash._id !== input.goodsId) throw sameName(name);
  const id = input.goodsId ?? `goods_${deps.newId()}`;
  try {
    return await db.runTransaction(async (tx) => {
      const ref = tx.collection<GoodsDoc>(C.goods).doc(id);
      const { data: current } = await ref.get();
      let next: GoodsDoc;
      if (input.goodsId === undefined) {
        if (current) throw new DomainError('CONFLICT');
        next = { _id: id, townId, villageId, name, price: input.price, unitCostFen: 0, photo: input.photo ?? null, active: input.active ?? true, createdAt: now, updatedAt: now };
      } else {
        if (!current || current.villageId !== villageId) throw new DomainError('NOT_FOUND', '找不到该商品');
        next = {
          ...current,
          name,
          price: input.price,
          photo: input.photo === undefined ? current.photo : input.photo,
          active: input.active ?? current.active,
          updatedAt: now,
        };
      }
      const { _id, ...doc } = next;
      void _id;
      await ref.set(doc);
      // New goods hold nothing; a changed one shows its stock as it stands.
      return withStock(next, input.goodsId === undefined ? 0 : sumStock(await readShards(tx, next, ALL_SHARDS)));
    });
  } catch (e) {
    // Two admins naming two goods alike at once: the unique (villageId, name) index says no.
    if (e instanceof DatabaseError && e.code === 'DUPLICATE_KEY') throw sameName(name);
    throw e;
  }
}

export interface StockResult {
  goods: Goods;
  move: StockMove;
}

/** Stock value of a shelf line, in fen: what the village totals hold for it. */
const valueOf = (g: Pick<Goods, 'stock' | 'unitCostFen'>) => g.stock * g.unitCostFen;

/** A goods of the village with every stock shard, read inside `tx` (stock in / loss see the exact total). */
async function goodsWithShards(tx: Transaction, goodsId: string, villageId: string): Promise<{ goods: Goods; shards: StockShard[] }> {
  const { data } = await tx.collection<GoodsDoc>(C.goods).doc(goodsId).get();
  if (!data || data.villageId !== villageId) throw new DomainError('NOT_FOUND', '找不到该商品');
  const shards = await readShards(tx, data, ALL_SHARDS);
  return { goods: withStock(data, sumStock(shards)), shards };
}

/**
 * 入库: +quantity at a cost in yuan. In one transaction: the stock move, the goods' stock and
 * weighted average unit cost, a fund entry "purchase" for the cost, and the village's money
 * out and stock value. Idempotent on the actor's requestId.
 */
export async function stockIn(
  deps: ShopDeps,
  actor: Person,
  villageId: string,
  input: { requestId: string; goodsId: string; quantity: number; costYuan: number; supplier?: string },
): Promise<StockResult> {
  const costFen = yuanToFen(input.costYuan);
  if (costFen === null) throw new DomainError('BAD_INPUT', '金额最多保留两位小数');
  const moveId = stableId('sin', actor._id, input.requestId);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const moveRef = tx.collection<StockMove>(C.stockMoves).doc(moveId);
    const goodsRef = tx.collection<GoodsDoc>(C.goods).doc(input.goodsId);
    const [{ data: done }, { goods: g, shards }] = await Promise.all([moveRef.get(), goodsWithShards(tx, input.goodsId, villageId)]);
    if (done) return { goods: g, move: done };

    const stock = g.stock + input.quantity;
    const unitCostFen = Math.round((valueOf(g) + costFen) / stock);
    const next: Goods = { ...g, stock, unitCostFen, updatedAt: now };
    const move = stockMove(g, {
      id: moveId,
      kind: 'in',
      delta: input.quantity,
      costFen,
      reason: input.supplier ? `供货：${input.supplier}` : null,
      sourceId: null,
      actor,
      at: now,
    });
    await Promise.all([moveRef.set(strip(move)), goodsRef.update({ unitCostFen, updatedAt: now }), ...respread(tx, shards, stock, now)]);
    if (costFen > 0) {
      const fundId = stableId('pur', moveId);
      const entry: Omit<FundEntry, '_id'> = {
        townId: g.townId,
        villageId: g.villageId,
        kind: 'purchase',
        amountFen: costFen,
        counterparty: input.supplier ?? null,
        note: `${g.name} ×${input.quantity}`,
        sourceId: moveId,
        actorId: actor._id,
        actorName: actor.name,
        at: now,
      };
      await tx.collection<FundEntry>(C.fundEntries).doc(fundId).set(entry);
    }
    // Stock value follows Σ stock × unit cost exactly (the cost, up to the rounding of the average).
    await bumpTotals(tx, g, { moneyOutFen: costFen, stockValueFen: valueOf(next) - valueOf(g) }, now, 'stock');
    return { goods: next, move };
  });
}

/** 报损出库: −quantity with a reason, never below zero. Idempotent on the actor's requestId. */
export async function stockOut(
  deps: ShopDeps,
  actor: Person,
  villageId: string,
  input: { requestId: string; goodsId: string; quantity: number; reason: string },
): Promise<StockResult> {
  const moveId = stableId('sout', actor._id, input.requestId);
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const moveRef = tx.collection<StockMove>(C.stockMoves).doc(moveId);
    const goodsRef = tx.collection<GoodsDoc>(C.goods).doc(input.goodsId);
    const [{ data: done }, { goods: g, shards }] = await Promise.all([moveRef.get(), goodsWithShards(tx, input.goodsId, villageId)]);
    if (done) return { goods: g, move: done };

    // Never below zero: stockMove refuses with OUT_OF_STOCK.
    const move = stockMove(g, {
      id: moveId,
      kind: 'loss',
      delta: -input.quantity,
      costFen: null,
      reason: input.reason.trim(),
      sourceId: null,
      actor,
      at: now,
    });
    const stock = g.stock - input.quantity;
    const next: Goods = { ...g, stock, updatedAt: now };
    await Promise.all([moveRef.set(strip(move)), goodsRef.update({ updatedAt: now }), ...respread(tx, shards, stock, now)]);
    await bumpTotals(tx, g, { stockValueFen: valueOf(next) - valueOf(g) }, now, 'stock');
    return { goods: next, move };
  });
}

function strip<T extends { _id: string }>(doc: T): Omit<T, '_id'> {
  const { _id, ...rest } = doc;
  void _id;
  return rest;
}

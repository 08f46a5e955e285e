/** The points shop (励志超市) [003]: 1 point ≈ 1 yuan of goods, never cash. */
export interface Goods {
  _id: string;
  townId: string;
  villageId: string;
  name: string;
  /** Price in points: a positive integer. */
  price: number;
  /**
   * Units on the shelf: the sum of the goods' stock shards (stockShards.ts), never stored on the
   * goods itself; changed only by stock moves, in the same transaction.
   */
  stock: number;
  /** Weighted average purchase cost per unit, in fen (分), for the stock value. */
  unitCostFen: number;
  photo: string | null;
  active: boolean;
  createdAt: number;
  updatedAt: number;
}

/** The goods document as stored: its stock lives in its shards. */
export type GoodsDoc = Omit<Goods, 'stock'>;

export type StockMoveKind = 'in' | 'loss' | 'redemption' | 'refund';

export const STOCK_MOVE_LABELS: Record<StockMoveKind, string> = {
  in: '入库',
  loss: '报损出库',
  redemption: '兑换出库',
  refund: '退货入库',
};

/** Append-only, like ledger entries: stock == sum of moves. */
export interface StockMove {
  _id: string;
  townId: string;
  villageId: string;
  goodsId: string;
  goodsName: string;
  kind: StockMoveKind;
  /** Units, + in / − out, never 0. */
  delta: number;
  /** For stock in: what the units cost in total, in fen. */
  costFen: number | null;
  reason: string | null;
  /** Receipt id for redemptions. */
  sourceId: string | null;
  actorId: string;
  actorName: string;
  at: number;
  /**
   * The goods' stock after the move, for moves that see every shard (stock in, loss, return).
   * Null for a redemption: it reads and writes only the shards it takes from, so simultaneous
   * redemptions never wait for each other — and no one of them knows the exact total.
   */
  stockAfter: number | null;
}

/** A short-lived code a household shows at the shop; the first successful redemption consumes it. */
export interface RedemptionCode {
  /** The 8 digits, as typed by a clerk or read from the QR code. */
  _id: string;
  townId: string;
  villageId: string;
  householdId: string;
  issuedTo: string;
  issuedAt: number;
  expiresAt: number;
  consumedBy: string | null;
}

export interface ReceiptLine {
  goodsId: string;
  name: string;
  price: number;
  quantity: number;
  subtotal: number;
}

/** 退货: some lines (or all) of a receipt brought back, with the reason; points and stock come back. */
export interface ReceiptReturn {
  /** Derived from the actor and their requestId: a retry finds it. */
  id: string;
  lines: ReceiptLine[];
  /** Points given back: Σ price × quantity at the receipt's prices. */
  total: number;
  reason: string;
  actorId: string;
  actorName: string;
  at: number;
}

export interface Receipt {
  _id: string;
  townId: string;
  villageId: string;
  householdId: string;
  /** Masked, as the clerk saw it. */
  householdLabel: string;
  code: string;
  lines: ReceiptLine[];
  total: number;
  clerkId: string;
  clerkName: string;
  at: number;
  /** Redeemable points left after this receipt. */
  balanceAfter: number;
  /** 退货 made on it, oldest first (absent: none). The receipt's lines stay as sold. */
  returns?: ReceiptReturn[];
}

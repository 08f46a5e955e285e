import fc from 'fast-check';
import { DomainError } from '@domain/shared/errors';
import { STOCK_SHARDS, probeShards, spreadStock, stockShardId, stockShardIds, takeFromShards } from '@domain/shop/stockShards';

function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    return e instanceof DomainError ? e.code : 'not a DomainError';
  }
}

describe('stock shards: a goods’ stock spread over documents, so simultaneous redemptions write different ones', () => {
  it('names the shards after the goods', () => {
    expect(stockShardId('goods_qs-01', 3)).toBe('goods_qs-01~s03');
    expect(stockShardIds('g')).toHaveLength(STOCK_SHARDS);
    expect(new Set(stockShardIds('g')).size).toBe(STOCK_SHARDS);
  });

  it('spreads stock evenly: small stock over few shards, large over all; the sum is kept', () => {
    expect(spreadStock(0)).toEqual(Array(STOCK_SHARDS).fill(0));
    expect(spreadStock(3).filter((n) => n > 0)).toEqual([3]);
    expect(spreadStock(9).filter((n) => n > 0)).toEqual([3, 3, 3]);
    const big = spreadStock(999);
    expect(big.every((n) => n === Math.floor(999 / STOCK_SHARDS) || n === Math.ceil(999 / STOCK_SHARDS))).toBe(true);
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), (total) => {
        const s = spreadStock(total);
        return s.length === STOCK_SHARDS && s.reduce((a, b) => a + b, 0) === total && s.every((n) => n >= 0) && Math.max(...s) - Math.min(...s.filter((n) => n > 0), Math.max(...s)) <= 1;
      }),
    );
    expect(codeOf(() => spreadStock(-1))).toBe('BAD_INPUT');
  });

  it('probes one shard anywhere and one in each smaller prefix, so a fresh spread is always found', () => {
    expect(probeShards(45, 4)).toEqual([45, 13, 1, 0]);
    expect(probeShards(2, 4)).toEqual([2, 0]);
    expect(probeShards(45, 1)).toEqual([45]);
    expect(probeShards(-1, 2)).toEqual([STOCK_SHARDS - 1, 0]);
    // Any start, any stock: the shards probed hold some of it (3 units, or all when fewer).
    fc.assert(
      fc.property(fc.nat({ max: 100_000 }), fc.nat({ max: 10 * STOCK_SHARDS }), (total, start) => {
        const spread = spreadStock(total);
        const probe = probeShards(start, 4);
        return new Set(probe).size === probe.length && probe.every((n) => n >= 0 && n < STOCK_SHARDS) && Math.max(...probe.map((n) => spread[n])) >= Math.min(total, 3);
      }),
    );
  });

  it('takes from one shard that holds enough (one document written), else from several', () => {
    const shards = [
      { _id: 'a', stock: 1 },
      { _id: 'b', stock: 5 },
      { _id: 'c', stock: 2 },
    ];
    expect(takeFromShards(shards, 3, '肥皂')).toEqual([{ _id: 'b', stock: 2 }]);
    // In the order given: the first that holds enough.
    expect(takeFromShards(shards, 1, '肥皂')).toEqual([{ _id: 'a', stock: 0 }]);
    expect(takeFromShards(shards, 7, '肥皂')).toEqual([
      { _id: 'b', stock: 0 },
      { _id: 'c', stock: 0 },
    ]);
    expect(takeFromShards(shards, 8, '肥皂')).toEqual([
      { _id: 'b', stock: 0 },
      { _id: 'c', stock: 0 },
      { _id: 'a', stock: 0 },
    ]);
  });

  it('never takes more than the shards hold, never leaves one negative', () => {
    expect(codeOf(() => takeFromShards([{ stock: 2 }, { stock: 1 }], 4, '肥皂'))).toBe('OUT_OF_STOCK');
    expect(() => takeFromShards([{ stock: 2 }], 3, '肥皂')).toThrow('“肥皂”库存不足：剩 2 件');
    expect(codeOf(() => takeFromShards([{ stock: 2 }], 0, '肥皂'))).toBe('BAD_INPUT');
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 20 }), { minLength: 1, maxLength: STOCK_SHARDS }), fc.integer({ min: 1, max: 400 }), (stocks, q) => {
        const shards = stocks.map((stock, i) => ({ _id: String(i), stock }));
        const total = stocks.reduce((a, b) => a + b, 0);
        if (q > total) return codeOf(() => takeFromShards(shards, q, 'x')) === 'OUT_OF_STOCK';
        const changed = takeFromShards(shards, q, 'x');
        const taken = changed.reduce((s, c) => s + (shards.find((x) => x._id === c._id)?.stock ?? 0) - c.stock, 0);
        return taken === q && changed.every((c) => c.stock >= 0) && new Set(changed.map((c) => c._id)).size === changed.length;
      }),
    );
  });
});

/**
 * What one confirm at the shop costs the embedded database: the whole check-and-charge — code,
 * household, balance, eligibility, goods and stock, ledger entry, stock moves, receipt and the
 * household's notice — is the caller's identity (two reads) and, inside the transaction, one
 * statement reading receipt, code and village, one reading the rest with the notice's recipients,
 * and one writing everything but the household (its locked read is the claim): five, plus BEGIN
 * and COMMIT. It used to be nineteen.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresDatabase, createPgliteDriver, type Driver, type PgliteDriver } from '@backend/db/postgres';
import { dispatch } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import type { Deps } from '@backend/runtime/deps';
import type { Receipt } from '@domain/shop/types';
import type { Notice } from '@domain/notices/types';
import type { FunctionName } from '@domain/api';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { seedDemoTown } from '../../server/demo/seed';
import { localDeps } from '../../server/deps';
import { NOW } from '../support/harness';

let pglite: PgliteDriver;
let deps: Deps;
const statements: string[] = [];

async function call(openid: string, fn: FunctionName, action: string, input: Record<string, unknown> = {}): Promise<unknown> {
  const r = await dispatch(FUNCTIONS[fn] as never, { action, ...input }, { openid }, deps);
  if (!r.ok) throw new Error(`${fn}.${action}: ${r.code} ${r.message}`);
  return r.data;
}

beforeAll(async () => {
  pglite = await createPgliteDriver();
  const counting: Driver = {
    singleConnection: true,
    query: (sql, params) => {
      statements.push(sql);
      return pglite.query(sql, params);
    },
    transaction: (fn) =>
      pglite.transaction((q) =>
        fn({
          query: (sql, params, options) => {
            statements.push(options?.commit === true ? `${sql} -- and COMMIT` : sql);
            return q.query(sql, params, options);
          },
        }),
      ),
    close: async () => undefined,
  };
  const db = new PostgresDatabase(counting, { schema: 'redeem_cost' });
  await db.ensureCollections();
  deps = localDeps(db, mkdtempSync(join(tmpdir(), 'xiangyue-redeem-cost-')), { now: () => NOW });
  await seedDemoTown(db, NOW);
  await db.collection(C.identities).doc('cost-member').set({ personId: 'h-qs-1-01-m1', boundAt: NOW });
  await call('demo-admin-1', 'ledger', 'adjust', { requestId: 'cost-grant-1', householdId: 'h-qs-1-01', points: 500, reason: '测试发放' });
  for (const g of ['goods_qs-01', 'goods_qs-05']) await call('demo-admin-1', 'shop', 'stockIn', { requestId: `cost-stock-${g}`, goodsId: g, quantity: 50, costYuan: 50 });
}, 120_000);
afterAll(async () => pglite?.close());

describe('shop.redeem on the embedded database', () => {
  it('is five statements for a cart of two goods, notice included, and a repeated requestId reads only', async () => {
    // The first round creates the tables it writes (lazily, as on first use); the second is counted.
    for (const round of [0, 1]) {
      const { code } = (await call('cost-member', 'shop', 'myCode')) as { code: string };
      statements.length = 0;
      const input = { requestId: `cost-redeem-${round}`, code, lines: [{ goodsId: 'goods_qs-01', quantity: 1 }, { goodsId: 'goods_qs-05', quantity: 2 }] };
      const receipt = (await call('demo-clerk-1', 'shop', 'redeem', input)) as Receipt;
      if (round === 0) continue;
      expect(statements).toHaveLength(5);
      // The recipients of the notice are read with household, balance and goods.
      expect(statements[3]).toMatch(/"households".*"people"/s);
      // Everything is written in one statement, the household not among it.
      const writes = statements.filter((s) => /^\s*(WITH w0 AS \()?INSERT|^\s*UPDATE/.test(s));
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatch(/"receipts"/);
      expect(writes[0]).not.toMatch(/"households"/);
      // All of them new or read first (no upsert learning what it did), sent last, with the COMMIT.
      expect(writes[0]).not.toMatch(/RETURNING/);
      expect(statements[statements.length - 1]).toBe(writes[0]);
      expect(writes[0]).toMatch(/-- and COMMIT$/);
      const notice = (await deps.db.collection<Notice>(C.notices).where({ kind: 'redemption_receipt' }).get()).data.find((n) => n.subjectId === receipt._id);
      expect(notice?.personId).toBe('h-qs-1-01-m1');
      statements.length = 0;
      expect(await call('demo-clerk-1', 'shop', 'redeem', input)).toEqual(receipt);
      // Identity, then receipt + code + village: the first receipt is found, nothing is written.
      expect(statements.filter((s) => /^\s*(WITH w0 AS \()?INSERT|^\s*UPDATE/.test(s))).toEqual([]);
    }
  });
});

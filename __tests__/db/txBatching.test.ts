/**
 * What a transaction costs in statements on PostgreSQL (PGlite here): reads started together
 * go out as one statement whatever their collections, and so do writes started together —
 * blind ones (not read first) included, each still learning whether it created its document.
 * On a server, the advisory locks of one batch of reads are one statement too.
 */
import { PostgresDatabase, createPgliteDriver, type Driver, type PgliteDriver, type Queryable, type Row } from '@backend/db/postgres';

interface Counted {
  db: PostgresDatabase;
  /** Statements sent inside transactions since the last reset (BEGIN/COMMIT are the driver's own). */
  statements: string[];
}

let driver: PgliteDriver;
beforeAll(async () => {
  driver = await createPgliteDriver();
});
afterAll(async () => {
  await driver.close();
});

let n = 0;
async function counted(): Promise<Counted> {
  const statements: string[] = [];
  const wrapped: Driver = {
    singleConnection: true,
    query: (sql, params) => driver.query(sql, params),
    transaction: (fn) =>
      driver.transaction((q) =>
        fn({
          query: (sql, params) => {
            statements.push(sql);
            return q.query(sql, params);
          },
        }),
      ),
    close: async () => undefined,
  };
  const db = new PostgresDatabase(wrapped, { schema: `txb_${++n}`, indexes: [] });
  for (const c of ['a', 'b', 'c']) {
    await db.collection(c).doc('seed').set({ v: 0 });
  }
  await db.collection('a').doc('x').set({ v: 1 });
  await db.collection('b').doc('y').set({ v: 2 });
  statements.length = 0;
  return { db, statements };
}

describe('transaction batching on PostgreSQL', () => {
  it('reads of three collections started together are one statement, each answered with its own document', async () => {
    const { db, statements } = await counted();
    const got = await db.runTransaction(async (tx) => {
      const [x, y, z, x2] = await Promise.all([
        tx.collection<{ _id: string; v: number }>('a').doc('x').get(),
        tx.collection<{ _id: string; v: number }>('b').doc('y').get(),
        tx.collection<{ _id: string; v: number }>('c').doc('missing').get(),
        tx.collection<{ _id: string; v: number }>('b').doc('x').get(),
      ]);
      return [x.data, y.data, z.data, x2.data];
    });
    expect(got).toEqual([{ _id: 'x', v: 1 }, { _id: 'y', v: 2 }, null, null]);
    expect(statements).toHaveLength(1);
  });

  it('blind writes and buffered writes started together are one statement, and each blind writer learns created or replaced', async () => {
    const { db, statements } = await counted();
    const out = await db.runTransaction(async (tx) => {
      const { data } = await tx.collection<{ _id: string; v: number }>('a').doc('x').get();
      return Promise.all([
        tx.collection('a').doc('x').set({ v: (data?.v ?? 0) + 10 }),
        tx.collection('b').doc('y').set({ v: 20 }),
        tx.collection('b').doc('new').set({ v: 30 }),
        tx.collection('c').doc('new').set({ v: 40 }),
      ]);
    });
    expect(out).toEqual([
      { updated: 1, upsertedId: null },
      { updated: 1, upsertedId: null },
      { updated: 0, upsertedId: 'new' },
      { updated: 0, upsertedId: 'new' },
    ]);
    // The read, then every write in one statement; nothing left for the commit.
    expect(statements).toHaveLength(2);
    const docs = await Promise.all([db.collection('a').doc('x').get(), db.collection('b').doc('y').get(), db.collection('b').doc('new').get(), db.collection('c').doc('new').get()]);
    expect(docs.map((d) => d.data[0])).toEqual([
      { _id: 'x', v: 11 },
      { _id: 'y', v: 20 },
      { _id: 'new', v: 30 },
      { _id: 'new', v: 40 },
    ]);
  });

  it('two reads of one document in a batch get objects of their own', async () => {
    const { db } = await counted();
    await db.collection('a').doc('deep').set({ inner: { n: 1 } });
    const [first, second, other] = await db.runTransaction(async (tx) => {
      const got = await Promise.all([
        tx.collection<{ _id: string; inner: { n: number } }>('a').doc('deep').get(),
        tx.collection<{ _id: string; inner: { n: number } }>('a').doc('deep').get(),
        tx.collection<{ _id: string; v: number }>('a').doc('x').get(),
      ]);
      return got.map((g) => g.data);
    });
    (first as { inner: { n: number } }).inner.n = 99;
    expect(second).toEqual({ _id: 'deep', inner: { n: 1 } });
    expect(other).toEqual({ _id: 'x', v: 1 });
  });

  it('a plain read by id from inside the callback rides in the same statement, without a lock', async () => {
    const { db, statements } = await counted();
    const got = await db.runTransaction(async (tx) => {
      const [x, y] = await Promise.all([tx.collection<{ _id: string; v: number }>('a').doc('x').get(), db.collection<{ _id: string; v: number }>('b').doc('y').get()]);
      return [x.data, y.data];
    });
    expect(got).toEqual([{ _id: 'x', v: 1 }, [{ _id: 'y', v: 2 }]]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/"a" WHERE id = \$1 FOR UPDATE\), r1 AS \(SELECT id, doc FROM "txb_\d+"\."b" WHERE id = \$2\)/);
  });

  it('a query from inside the callback rides in the same statement too, its rows in its order', async () => {
    const { db, statements } = await counted();
    for (const [id, v] of [['q1', 30], ['q2', 10], ['q3', 20], ['q4', 99]] as const) await db.collection('c').doc(id).set({ v, k: v < 50 ? 'in' : 'out' });
    statements.length = 0;
    const got = await db.runTransaction(async (tx) => {
      const [x, list, desc, none] = await Promise.all([
        tx.collection<{ _id: string; v: number }>('a').doc('x').get(),
        db.collection<{ _id: string; v: number }>('c').where({ k: 'in' }).orderBy('v', 'asc').get(),
        db.collection<{ _id: string; v: number }>('c').where({ k: 'in' }).orderBy('v', 'desc').limit(2).field({ v: true }).get(),
        db.collection('b').where({ v: 12345 }).get(),
      ]);
      return [x.data, list.data.map((d) => d._id), desc.data, none.data];
    });
    expect(got).toEqual([{ _id: 'x', v: 1 }, ['q2', 'q3', 'q1'], [{ _id: 'q1', v: 30 }, { _id: 'q3', v: 20 }], []]);
    expect(statements).toHaveLength(1);
  });

  it('a query alone is one statement, and an invalid one fails alone, not the reads beside it', async () => {
    const { db, statements } = await counted();
    const got = await db.runTransaction(async (tx) => {
      const [x, bad] = await Promise.allSettled([
        tx.collection<{ _id: string; v: number }>('a').doc('x').get(),
        db.collection('b').where({ v: { nested: {} } }).get(),
      ]);
      const alone = await db.collection<{ _id: string; v: number }>('b').where({ v: 2 }).get();
      return [x.status === 'fulfilled' ? x.value.data : x.reason, bad.status === 'rejected' ? (bad.reason as { code?: string }).code : 'fulfilled', alone.data];
    });
    expect(got).toEqual([{ _id: 'x', v: 1 }, 'INVALID_QUERY', [{ _id: 'y', v: 2 }]]);
    expect(statements).toHaveLength(2);
  });

  it('writes of documents declared new wait for the end: one INSERT statement, no upsert', async () => {
    const { db, statements } = await counted();
    const out = await db.runTransaction(async (tx) => {
      tx.declareNew?.('c', ['n1', 'n2']);
      const r = await Promise.all([tx.collection('c').doc('n1').set({ v: 1 }), tx.collection('c').doc('n2').set({ v: 2 })]);
      // Nothing sent yet: the writes go at the end.
      expect(statements).toEqual([]);
      return r;
    });
    expect(out).toEqual([
      { updated: 0, upsertedId: 'n1' },
      { updated: 0, upsertedId: 'n2' },
    ]);
    expect(statements).toHaveLength(1);
    expect(statements[0]).not.toMatch(/ON CONFLICT|RETURNING/);
    expect((await db.collection('c').doc('n2').get()).data).toEqual([{ _id: 'n2', v: 2 }]);
    // Declared new but there: the INSERT fails as a conflict, and nothing of the transaction stays.
    await expect(
      db.runTransaction(async (tx) => {
        tx.declareNew?.('c', ['n1']);
        await Promise.all([tx.collection('a').doc('x').set({ v: 100 }), tx.collection('c').doc('n1').set({ v: 9 })]);
      }, 1),
    ).rejects.toMatchObject({ code: 'TX_CONFLICT' });
    expect((await db.collection('a').doc('x').get()).data).toEqual([{ _id: 'x', v: 1 }]);
  });

  it('a blind write is seen by a read of the same transaction, and rolled back with it', async () => {
    const { db } = await counted();
    await expect(
      db.runTransaction(async (tx) => {
        void tx.collection('a').doc('blind').set({ v: 5 });
        const { data } = await tx.collection<{ _id: string; v: number }>('a').doc('blind').get();
        expect(data).toEqual({ _id: 'blind', v: 5 });
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    expect((await db.collection('a').doc('blind').get()).data).toEqual([]);
  });
});

describe('advisory locks on a server', () => {
  it('one batch of reads takes its locks in one statement, keys in sorted order', async () => {
    const statements: { sql: string; params: readonly unknown[] }[] = [];
    const q: Queryable = {
      query: async (sql, params = []) => {
        statements.push({ sql, params });
        return [] as Row[];
      },
    };
    const server: Driver = { singleConnection: false, query: q.query, transaction: (fn) => fn(q), close: async () => undefined };
    const db = new PostgresDatabase(server, { schema: 'srv', indexes: [] });
    await db.runTransaction(async (tx) => {
      await Promise.all([tx.collection('b').doc('2').get(), tx.collection('a').doc('1').get(), tx.collection('b').doc('1').get()]);
    });
    const locks = statements.filter((s) => s.sql.includes('pg_advisory_xact_lock'));
    expect(locks).toHaveLength(1);
    expect(locks[0].params).toEqual(['{"srv.a/1","srv.b/1","srv.b/2"}']);
    expect(statements.filter((s) => s.sql.includes('FOR UPDATE'))).toHaveLength(1);
  });
});

/**
 * What PGlite is asked, call by call. Statements by id are kept prepared on its connection: the
 * second time the same text comes, only Bind and Execute go (no Parse, no planning, no row
 * description) — planning was half of what a redemption's statements cost. Answers stay the same,
 * an error drops the statement, and the least recently used are closed beyond the cap. A
 * transaction's BEGIN rides with its first statement and its COMMIT with its last: a
 * read-then-write transaction is two calls.
 */
import { PostgresDatabase, createPgliteDriver, type PgliteDriver } from '@backend/db/postgres';
import { PreparedStatements } from '@backend/db/postgres/pgliteWire';

let driver: PgliteDriver;
/** The messages of every call into PGlite since the last reset: 'P' + the SQL parsed, 'C' (Close), 'B'… */
const calls: string[][] = [];

function messageTypes(buf: Uint8Array): string[] {
  const out: string[] = [];
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  for (let at = 0; at < buf.length; at += 1 + view.getInt32(at + 1)) {
    const type = String.fromCharCode(buf[at]);
    const body = Buffer.from(buf.subarray(at + 5, at + 1 + view.getInt32(at + 1))).toString('utf8');
    if (type === 'P') out.push(`P ${body.split('\0')[1]}`);
    else if (type === 'Q') out.push(`Q ${body.split('\0')[0]}`);
    else out.push(type);
  }
  return out;
}

beforeAll(async () => {
  driver = await createPgliteDriver();
  const pg = (driver as unknown as { pg: { execProtocolStream(m: Uint8Array, o?: unknown): Promise<unknown> } }).pg;
  const exec = pg.execProtocolStream.bind(pg);
  pg.execProtocolStream = (m, o) => {
    calls.push(messageTypes(m));
    return exec(m, o);
  };
});
afterAll(async () => {
  await driver.close();
});

/** Statements parsed (BEGIN and COMMIT aside: they cost no planning). */
const parses = () => calls.flat().filter((m) => m.startsWith('P ') && !/^P (BEGIN|COMMIT|ROLLBACK)$/.test(m)).length;

describe('prepared statements on PGlite', () => {
  it('parses a read by id once, and answers each call with its own document', async () => {
    const db = new PostgresDatabase(driver, { schema: 'prep_read', indexes: [] });
    await db.collection('a').doc('x').set({ v: 1 });
    await db.collection('a').doc('y').set({ v: 2 });
    calls.length = 0;
    const got = [];
    for (const id of ['x', 'y', 'x', 'missing']) got.push((await db.collection('a').doc(id).get()).data);
    expect(got).toEqual([[{ _id: 'x', v: 1 }], [{ _id: 'y', v: 2 }], [{ _id: 'x', v: 1 }], []]);
    expect(calls).toHaveLength(4);
    // The first read may still parse (the set() above did not send this text); the others do not.
    expect(parses()).toBeLessThanOrEqual(1);
    expect(calls.slice(1).flat().filter((m) => m.startsWith('P'))).toEqual([]);
    // Nor described again: its rows' fields are known from the first call.
    expect(calls.slice(1).flat()).not.toContain('D');
  });

  it('parses a transaction’s batched read and write once across transactions', async () => {
    const db = new PostgresDatabase(driver, { schema: 'prep_tx', indexes: [] });
    await db.collection('a').doc('n').set({ v: 0 });
    await db.collection('b').doc('n').set({ v: 0 });
    const bump = () =>
      db.runTransaction(async (tx) => {
        const [a, b] = await Promise.all([tx.collection<{ _id: string; v: number }>('a').doc('n').get(), tx.collection<{ _id: string; v: number }>('b').doc('n').get()]);
        await Promise.all([tx.collection('a').doc('n').set({ v: (a.data?.v ?? 0) + 1 }), tx.collection('b').doc('n').set({ v: (b.data?.v ?? 0) + 2 })]);
      });
    await bump();
    calls.length = 0;
    await bump();
    await bump();
    expect(parses()).toBe(0);
    expect(calls.flat()).not.toContain('D');
    expect((await db.collection('a').doc('n').get()).data).toEqual([{ _id: 'n', v: 3 }]);
    expect((await db.collection('b').doc('n').get()).data).toEqual([{ _id: 'n', v: 6 }]);
  });

  it('after a failed statement parses it afresh, and the failure is reported as before', async () => {
    const db = new PostgresDatabase(driver, { schema: 'prep_err', indexes: [] });
    await db.collection('a').doc('x').set({ v: 1 });
    // A plain INSERT of an existing id (add with an id): DUPLICATE_KEY, twice, then a fresh id works.
    await expect(db.collection<{ _id: string; v: number }>('a').add({ _id: 'x', v: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await expect(db.collection<{ _id: string; v: number }>('a').add({ _id: 'x', v: 2 })).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    await db.collection('a').doc('x').set({ v: 5 });
    await db.collection('a').doc('x').set({ v: 6 });
    expect((await db.collection('a').doc('x').get()).data).toEqual([{ _id: 'x', v: 6 }]);
  });

  it('sends a transaction as its statements: BEGIN with the first, COMMIT with the last, none for an empty one', async () => {
    const db = new PostgresDatabase(driver, { schema: 'prep_calls', indexes: [] });
    await db.collection('a').doc('n').set({ v: 1 });
    calls.length = 0;
    await db.runTransaction(async (tx) => {
      const { data } = await tx.collection<{ _id: string; v: number }>('a').doc('n').get();
      await tx.collection('a').doc('n').set({ v: (data?.v ?? 0) + 1 });
    });
    expect(calls).toHaveLength(2);
    expect(calls[0][0]).toBe('Q BEGIN');
    expect(calls[1][calls[1].length - 1]).toBe('Q COMMIT');
    expect((await db.collection('a').doc('n').get()).data).toEqual([{ _id: 'n', v: 2 }]);
    calls.length = 0;
    expect(await db.runTransaction(async () => 'nothing')).toBe('nothing');
    expect(calls).toEqual([]);
  });

  it('a failing last statement rolls its transaction back, and the next one runs clean', async () => {
    const db = new PostgresDatabase(driver, { schema: 'prep_fail', indexes: [{ collection: 'a', name: 'k', unique: true, fields: [{ field: 'k', dir: 'asc' }] }] });
    await db.collection('a').doc('taken').set({ k: 'x' });
    await db.collection('a').doc('n').set({ k: 'n', v: 1 });
    calls.length = 0;
    // The buffered writes go out last, with the COMMIT: the second breaks the unique index.
    await expect(
      db.runTransaction(async (tx) => {
        await Promise.all([tx.collection('a').doc('n').get(), tx.collection('a').doc('other').get()]);
        await tx.collection('a').doc('n').set({ k: 'n', v: 99 });
        await tx.collection('a').doc('other').set({ k: 'x' });
      }),
    ).rejects.toMatchObject({ code: 'DUPLICATE_KEY' });
    expect(calls[1]).toContain('Q COMMIT');
    expect((await db.collection('a').doc('n').get()).data).toEqual([{ _id: 'n', k: 'n', v: 1 }]);
    await db.runTransaction(async (tx) => {
      await tx.collection('a').doc('n').set({ k: 'n', v: 3 });
    });
    expect((await db.collection('a').doc('n').get()).data).toEqual([{ _id: 'n', k: 'n', v: 3 }]);
    expect((await db.collection('a').doc('other').get()).data).toEqual([]);
  });

  it('keeps at most its cap, closing the least recently used first', () => {
    const kept = new PreparedStatements(2);
    const use = (sql: string) => {
      const t = kept.take(sql);
      kept.settled(sql, t.prepared, true);
      return t;
    };
    const a = use('SELECT 1');
    use('SELECT 2');
    expect(use('SELECT 1').prepared).toEqual({ name: a.prepared?.name, parse: false });
    const b = kept.take('SELECT 2');
    kept.settled('SELECT 2', b.prepared, true);
    use('SELECT 3'); // evicts SELECT 1 (least recently used)
    expect(kept.size).toBe(2);
    const next = kept.take('SELECT 2');
    expect(next.close).toEqual([a.prepared?.name]);
    expect(next.prepared?.parse).toBe(false);
    // A failure forgets the statement and closes its name with the next call.
    kept.settled('SELECT 2', next.prepared, false);
    const again = kept.take('SELECT 2');
    expect(again.close).toEqual([next.prepared?.name]);
    expect(again.prepared?.parse).toBe(true);
    // Long texts are never kept.
    expect(new PreparedStatements(2, 10).take('SELECT 1234567890').prepared).toBeUndefined();
  });
});

/**
 * The CloudBase binding's own logic, over a fake of the SDK's database (no network, and
 * the SDK itself is never loaded: see the first test).
 */
import {
  TX_ATTEMPTS,
  TX_RETRY_BUDGET_MS,
  conflictBackoffMs,
  conflictRetryWait,
  fromCloudbase,
  isDocumentNotExist,
  mapCloudbaseError,
  type SdkCollection,
  type SdkDatabase,
  type SdkDocRef,
  type SdkQuery,
  type SdkTransaction,
  type SdkTxDocRef,
} from '@backend/db/cloudbase';
import { DatabaseError } from '@backend/db/types';

type Call = [string, ...unknown[]];

/** A chainable fake of the SDK's query/collection that records every call. */
function fakeQuery(calls: Call[], results: { get?: unknown; count?: unknown; getError?: unknown }): SdkQuery {
  const q: SdkQuery = {
    where: (x) => (calls.push(['where', x]), q),
    orderBy: (f, d) => (calls.push(['orderBy', f, d]), q),
    skip: (n) => (calls.push(['skip', n]), q),
    limit: (n) => (calls.push(['limit', n]), q),
    field: (p) => (calls.push(['field', p]), q),
    get: async () => {
      calls.push(['get']);
      if (results.getError !== undefined) throw results.getError;
      return results.get;
    },
    count: async () => (calls.push(['count']), results.count),
  };
  return q;
}

interface FakeOptions {
  get?: unknown;
  count?: unknown;
  getError?: unknown;
  doc?: Partial<SdkDocRef>;
  add?: () => Promise<unknown>;
  txDoc?: Partial<SdkTxDocRef>;
  /** How many times the fake transaction reports a conflict before running cleanly. */
  conflicts?: number;
}

function fakeDb(opts: FakeOptions = {}): { sdb: SdkDatabase; calls: Call[] } {
  const calls: Call[] = [];
  const conflict = { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' };
  let conflictsLeft = opts.conflicts ?? 0;
  const txDoc: SdkTxDocRef = {
    get: async () => ({ data: null }),
    set: async () => ({ updated: 0, upserted: [{ _id: 'new' }] }),
    update: async () => ({ updated: 1 }),
    delete: async () => ({ deleted: 1 }),
    ...opts.txDoc,
  };
  const sdb: SdkDatabase = {
    command: { marker: 'sdk-command' },
    collection: (name) => {
      calls.push(['collection', name]);
      const coll: SdkCollection = {
        ...fakeQuery(calls, opts),
        doc: (id) => {
          calls.push(['doc', id]);
          return {
            get: async () => ({ data: [{ _id: id }] }),
            set: async () => ({ updated: 1, upsertedId: null }),
            update: async () => ({ updated: 1 }),
            remove: async () => ({ deleted: 1 }),
            ...opts.doc,
          };
        },
        add: opts.add ?? (async () => ({ id: 'generated' })),
      };
      return coll;
    },
    // Like the SDK: `times` more runs after a conflict, then the last error.
    runTransaction: async (cb, times = 3) => {
      calls.push(['runTransaction', times]);
      const tx: SdkTransaction = { collection: () => ({ doc: () => txDoc }) };
      for (let left = times; ; left--) {
        try {
          const out = await cb(tx);
          if (conflictsLeft > 0) {
            conflictsLeft -= 1;
            throw conflict;
          }
          return out;
        } catch (e) {
          if (left > 0 && e === conflict) continue;
          throw e;
        }
      }
    },
  };
  return { sdb, calls };
}

const codeOf = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    return e instanceof DatabaseError ? e.code : 'not a DatabaseError';
  }
  return undefined;
};

describe('fromCloudbase', () => {
  it('never loads the SDK on import; only openCloudbase does', () => {
    jest.isolateModules(() => {
      jest.doMock('@cloudbase/node-sdk', () => {
        throw new Error('SDK loaded');
      });
      const mod = jest.requireActual<typeof import('@backend/db/cloudbase')>('@backend/db/cloudbase');
      expect(typeof mod.fromCloudbase).toBe('function');
      expect(() => mod.openCloudbase()).toThrow('SDK loaded');
    });
  });

  it('passes queries through and shapes results', async () => {
    const { sdb, calls } = fakeDb({ get: { data: [{ _id: 'a' }], requestId: 'r' }, count: { total: 7, requestId: 'r' } });
    const db = fromCloudbase({ database: () => sdb });
    // The SDK's own command, its builders checking their operands first.
    expect(db.command).toMatchObject({ marker: 'sdk-command' });
    const q = db.collection('things').where({ a: 1 }).orderBy('b', 'desc').skip(5).limit(1000).field({ a: true });
    expect(await q.get()).toEqual({ data: [{ _id: 'a' }] });
    expect(await q.count()).toEqual({ total: 7 });
    expect(calls).toEqual([
      ['collection', 'things'],
      ['where', { a: 1 }],
      ['orderBy', 'b', 'desc'],
      ['skip', 5],
      ['limit', 1000],
      ['field', { a: true }],
      ['get'],
      ['count'],
    ]);
  });

  it('refuses limit above 1000 instead of letting the SDK cap it silently', async () => {
    const { sdb, calls } = fakeDb({ get: { data: [] } });
    const db = fromCloudbase({ database: () => sdb });
    expect(await codeOf(db.collection('things').limit(1001).get())).toBe('LIMIT_EXCEEDED');
    expect(calls.some(([c]) => c === 'get' || c === 'limit')).toBe(false);
  });

  it('shapes single-document results', async () => {
    const { sdb } = fakeDb();
    const db = fromCloudbase({ database: () => sdb });
    const ref = db.collection('things').doc('a');
    expect(await ref.get()).toEqual({ data: [{ _id: 'a' }] });
    expect(await ref.set({})).toEqual({ updated: 1, upsertedId: null });
    expect(await ref.update({ x: 1 })).toEqual({ updated: 1 });
    expect(await ref.remove()).toEqual({ deleted: 1 });
    expect(await db.collection('things').add({})).toEqual({ id: 'generated' });
  });

  it('maps duplicate keys to DUPLICATE_KEY and leaves other errors alone', async () => {
    const dup = { code: 'DATABASE_REQUEST_FAILED', message: 'E11000 duplicate key error collection: people index: openid' };
    const { sdb } = fakeDb({ add: async () => Promise.reject(dup) });
    const db = fromCloudbase({ database: () => sdb });
    expect(await codeOf(db.collection('people').add({}))).toBe('DUPLICATE_KEY');

    const other = new Error('network down');
    const { sdb: sdb2 } = fakeDb({ getError: other });
    const db2 = fromCloudbase({ database: () => sdb2 });
    await expect(db2.collection('x').get()).rejects.toBe(other);
    expect(mapCloudbaseError(other)).toBe(other);
  });

  it('normalises transaction get() to { data: doc | null }', async () => {
    const notExist = { code: 'DATABASE_REQUEST_FAILED', message: 'document does not exist' };
    const cases: [Partial<SdkTxDocRef>, unknown][] = [
      [{ get: async () => ({ data: { _id: 'a', n: 1 } }) }, { _id: 'a', n: 1 }],
      [{ get: async () => ({ data: null }) }, null],
      [{ get: async () => ({}) }, null],
      [{ get: async () => Promise.reject(notExist) }, null],
    ];
    for (const [txDoc, expected] of cases) {
      const { sdb } = fakeDb({ txDoc });
      const db = fromCloudbase({ database: () => sdb });
      expect(await db.runTransaction(async (tx) => (await tx.collection('c').doc('a').get()).data)).toEqual(expected);
    }
    const noCollection = { code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'collection not exist' };
    const { sdb } = fakeDb({ txDoc: { get: async () => Promise.reject(noCollection) } });
    const db = fromCloudbase({ database: () => sdb });
    await expect(db.runTransaction(async (tx) => tx.collection('c').doc('a').get())).rejects.toBe(noCollection);
  });

  it('shapes transaction writes', async () => {
    const { sdb } = fakeDb();
    const db = fromCloudbase({ database: () => sdb });
    const out = await db.runTransaction(async (tx) => {
      const ref = tx.collection('c').doc('a');
      return [await ref.set({}), await ref.update({ n: 1 }), await ref.delete()];
    });
    expect(out).toEqual([{ updated: 0, upsertedId: 'new' }, { updated: 1 }, { deleted: 1 }]);
  });

  it('runs the callback `attempts` times in all (each an SDK run without its immediate retry, conflicts retried after a backoff), then TX_CONFLICT', async () => {
    const ok = fakeDb({ conflicts: 2 });
    let runs = 0;
    const db = fromCloudbase({ database: () => ok.sdb });
    expect(await db.runTransaction(async () => ++runs)).toBe(3);
    expect(ok.calls).toEqual([
      ['runTransaction', 0],
      ['runTransaction', 0],
      ['runTransaction', 0],
    ]);
    // The default gives a hot document many tries (the time budget ends them, below).
    const hot = fakeDb({ conflicts: 9 });
    runs = 0;
    expect(await fromCloudbase({ database: () => hot.sdb }).runTransaction(async () => ++runs)).toBe(10);

    const bad = fakeDb({ conflicts: 5 });
    runs = 0;
    const db2 = fromCloudbase({ database: () => bad.sdb });
    expect(await codeOf(db2.runTransaction(async () => ++runs, 2))).toBe('TX_CONFLICT');
    expect(runs).toBe(2);
  }, 20_000);

  it('backs off exponentially from 10 ms (or half the failed attempt’s own time, if longer) to at most 2 s, jittered ×0.5–1.5', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((n) => conflictBackoffMs(n, () => 0.5))).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2000]);
    expect(conflictBackoffMs(0, () => 0)).toBe(5);
    expect(conflictBackoffMs(20, () => 0.999)).toBeLessThan(3000);
    // A busy database: an attempt that took 300 ms is not retried 10 ms later.
    expect(conflictBackoffMs(0, () => 0.5, 300)).toBe(150);
    expect(conflictBackoffMs(5, () => 0.5, 100)).toBe(320);
    expect(conflictBackoffMs(0, () => 0.5, 60_000)).toBe(2000);
    expect(TX_ATTEMPTS).toBe(30);
  });

  it('retries a conflict while attempts remain and the 8 s budget lasts, the first soon, the last wait cut to what is left of it', () => {
    const half = () => 0.5;
    expect(TX_RETRY_BUDGET_MS).toBe(8000);
    expect(conflictRetryWait(0, 0, 0, TX_ATTEMPTS, half)).toBe(10);
    // Ten attempts are no longer the end: a holder that takes seconds to commit is waited for.
    expect(conflictRetryWait(10, 4000, 100, TX_ATTEMPTS, half)).toBe(2000);
    // The wait never runs past the budget; once it is spent, no more attempts.
    expect(conflictRetryWait(12, 7200, 100, TX_ATTEMPTS, half)).toBe(800);
    expect(conflictRetryWait(12, 8000, 100, TX_ATTEMPTS, half)).toBeNull();
    expect(conflictRetryWait(TX_ATTEMPTS - 1, 0, 10, TX_ATTEMPTS, half)).toBeNull();
    expect(conflictRetryWait(1, 0, 10, 2, half)).toBeNull();
    // A first attempt that took the whole budget on a busy instance still gets a second.
    expect(conflictRetryWait(0, 9000, 9000, TX_ATTEMPTS, half)).toBe(2000);
    expect(conflictRetryWait(0, 8500, 3000, TX_ATTEMPTS, half)).toBe(1500);
    // Within the budget, a first conflict is retried soon however slow its attempt was (a
    // collision with a transaction about to commit); the second waits in proportion.
    expect(conflictRetryWait(0, 5900, 5900, TX_ATTEMPTS, half)).toBe(10);
    expect(conflictRetryWait(0, 1000, 1000, TX_ATTEMPTS, half)).toBe(10);
    expect(conflictRetryWait(1, 1000, 1000, TX_ATTEMPTS, half)).toBe(500);
    expect(conflictRetryWait(0, 7995, 7000, TX_ATTEMPTS, half)).toBe(5);
    expect(conflictRetryWait(1, 9000, 10, TX_ATTEMPTS, half)).toBeNull();
  });

  it('retries an attempt as a conflict when one operation met a conflict and a parallel one failed as aborted', async () => {
    // Operations started together: the conflicting one answers last, its sibling first with "aborted".
    let writes = 0;
    const { sdb } = fakeDb({
      txDoc: {
        set: async () => {
          writes += 1;
          if (writes === 1) {
            await new Promise((r) => setTimeout(r, 5));
            throw { code: 'DATABASE_TRANSACTION_CONFLICT', message: 'conflict' };
          }
          if (writes === 2) throw { code: 'DATABASE_TRANSACTION_FAIL', message: 'transaction aborted' };
          return { updated: 1 };
        },
      },
    });
    let runs = 0;
    const db = fromCloudbase({ database: () => sdb });
    const out = await db.runTransaction(async (tx) => {
      runs += 1;
      await Promise.all([tx.collection('c').doc('a').set({}), tx.collection('c').doc('b').set({})]);
      return 'done';
    });
    expect(out).toBe('done');
    expect(runs).toBe(2);
  });

  it('retries an attempt whose transaction the server dropped mid-callback (DATABASE_TRANSACTION_FAIL on an operation)', async () => {
    // Under load a transaction can outlive its server-side lifetime: nothing of it committed.
    let reads = 0;
    const { sdb } = fakeDb({
      txDoc: {
        get: async () => {
          reads += 1;
          if (reads === 1) throw { code: 'DATABASE_TRANSACTION_FAIL', message: '[ResourceUnavailable.TransactionNotExist] Transaction not exist.' };
          return { data: { _id: 'a', n: 1 } };
        },
      },
    });
    let runs = 0;
    const db = fromCloudbase({ database: () => sdb });
    const out = await db.runTransaction(async (tx) => {
      runs += 1;
      return (await tx.collection('c').doc('a').get()).data;
    });
    expect(out).toEqual({ _id: 'a', n: 1 });
    expect(runs).toBe(2);
  });

  it("reports an operation's own failure, not the \"transaction not exist\" that follows it, and does not retry it", async () => {
    // The callback swallows a duplicate key; the engine has aborted the transaction, so its next
    // operation (or the commit) answers "transaction not exist".
    const { sdb } = fakeDb({
      txDoc: {
        set: async () => {
          throw { code: 'DATABASE_DUPLICATE_WRITE', message: 'E11000 duplicate key error' };
        },
        get: async () => {
          throw { code: 'DATABASE_TRANSACTION_FAIL', message: '[ResourceUnavailable.TransactionNotExist] Transaction not exist.' };
        },
      },
    });
    let runs = 0;
    const db = fromCloudbase({ database: () => sdb });
    const run = db.runTransaction(async (tx) => {
      runs += 1;
      await tx.collection('c').doc('a').set({}).catch(() => null);
      return tx.collection('c').doc('b').get();
    });
    expect(await codeOf(run)).toBe('DUPLICATE_KEY');
    expect(runs).toBe(1);
  });

  it("passes the callback's own errors through unchanged", async () => {
    const { sdb } = fakeDb();
    const db = fromCloudbase({ database: () => sdb });
    // Looks like a duplicate-key failure, but it is the callback's: it must come out as is.
    const own = Object.assign(new Error('duplicate key in the domain'), { code: 'ALREADY' });
    await expect(db.runTransaction(async () => Promise.reject(own))).rejects.toBe(own);
  });

  it('recognises "document does not exist" but not "collection does not exist"', () => {
    expect(isDocumentNotExist({ code: 'DATABASE_DOCUMENT_NOT_EXIST', message: '' })).toBe(true);
    expect(isDocumentNotExist(new Error('document.get:fail document not exist'))).toBe(true);
    expect(isDocumentNotExist({ code: 'DATABASE_COLLECTION_NOT_EXIST', message: 'collection not exist' })).toBe(false);
    expect(isDocumentNotExist(new Error('timeout'))).toBe(false);
  });
});

/**
 * The retry loop of runTransaction, driven by a scripted fake driver, so that every
 * conflict path is pinned on any machine (PGlite, having one connection, never conflicts).
 */
import { PostgresDatabase, type Driver, type Queryable, type Row, type SqlParam } from '@backend/db/postgres';
import { DatabaseError } from '@backend/db/types';

interface PgLikeError {
  code: string;
  message: string;
  constraint?: string;
}
const pgError = (code: string, constraint?: string): PgLikeError => ({ code, message: `pg ${code}`, constraint });

/** Each transaction takes the next script: an error thrown by COMMIT and/or by a statement matching `failOn`. */
interface Attempt {
  commitError?: unknown;
  failOn?: RegExp;
  statementError?: unknown;
}

class ScriptedDriver implements Driver {
  readonly singleConnection = false;
  transactions = 0;
  readonly statements: string[] = [];
  constructor(private readonly script: Attempt[]) {}

  async query(sql: string): Promise<Row[]> {
    this.statements.push(sql);
    return [];
  }

  async transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R> {
    const step = this.script[this.transactions] ?? {};
    this.transactions += 1;
    const q: Queryable = {
      query: async (sql: string, _params?: readonly SqlParam[]) => {
        this.statements.push(sql);
        if (step.failOn?.test(sql)) throw step.statementError;
        return [];
      },
    };
    const result = await fn(q);
    if (step.commitError !== undefined) throw step.commitError;
    return result;
  }

  async close(): Promise<void> {}
}

const UNIQUE = [{ collection: 'accounts', name: 'email', unique: true, fields: [{ field: 'email', dir: 'asc' as const }] }];

function setup(script: Attempt[]): { driver: ScriptedDriver; db: PostgresDatabase } {
  const driver = new ScriptedDriver(script);
  return { driver, db: new PostgresDatabase(driver, { indexes: UNIQUE }) };
}

async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('runTransaction retries', () => {
  it('re-runs after a serialization failure at COMMIT, then returns the result', async () => {
    const { driver, db } = setup([{ commitError: pgError('40001') }]);
    let runs = 0;
    const out = await db.runTransaction(async () => {
      runs += 1;
      return runs;
    });
    expect([out, runs, driver.transactions]).toEqual([2, 2, 2]);
  });

  it.each([1, 3, 5])('gives up with TX_CONFLICT after %i runs', async (attempts) => {
    const deadlock = { commitError: pgError('40P01') };
    const { driver, db } = setup(Array.from({ length: 10 }, () => deadlock));
    const e = await failure(db.runTransaction(async () => 'never', attempts));
    expect(e).toBeInstanceOf(DatabaseError);
    expect((e as DatabaseError).code).toBe('TX_CONFLICT');
    expect(driver.transactions).toBe(attempts);
  });

  it('defaults to 3 runs', async () => {
    const conflict = { commitError: pgError('40001') };
    const { driver, db } = setup([conflict, conflict, conflict, conflict]);
    expect(((await failure(db.runTransaction(async () => 1))) as DatabaseError).code).toBe('TX_CONFLICT');
    expect(driver.transactions).toBe(3);
  });

  it('rethrows any other database error at once', async () => {
    const other = pgError('XX000');
    const { driver, db } = setup([{ commitError: other }]);
    expect(await failure(db.runTransaction(async () => 1))).toBe(other);
    expect(driver.transactions).toBe(1);
  });

  it('passes the callback error through unchanged, whatever it looks like', async () => {
    const { driver, db } = setup([]);
    const own = Object.assign(new Error('duplicate key, says the domain'), { code: '40001' });
    // Even an error carrying a conflict SQLSTATE is the callback's own: not retried, not wrapped.
    expect(await failure(db.runTransaction(async () => Promise.reject(own)))).toBe(own);
    expect(driver.transactions).toBe(1);
  });

  it('re-runs after a conflict in an operation, even one the callback swallowed', async () => {
    const { driver, db } = setup([{ failOn: /pg_advisory_xact_lock/, statementError: pgError('40P01') }]);
    let runs = 0;
    const out = await db.runTransaction(async (tx) => {
      runs += 1;
      const got = await tx
        .collection('things')
        .doc('a')
        .get()
        .catch(() => 'swallowed');
      return got;
    });
    expect(runs).toBe(2);
    expect(out).toEqual({ data: null });
    expect(driver.transactions).toBe(2);
  });

  it('re-runs after a primary-key race but not after a declared unique index violation', async () => {
    const pk = setup([{ failOn: /^INSERT/, statementError: pgError('23505', 'accounts_pkey') }]);
    let runs = 0;
    await pk.db.runTransaction(async (tx) => {
      runs += 1;
      await tx.collection('accounts').doc('a').get();
      await tx.collection('accounts').doc('a').set({ email: 'x' });
    });
    expect(runs).toBe(2);

    const dup = setup([{ failOn: /^INSERT/, statementError: pgError('23505', 'accounts__email') }]);
    runs = 0;
    const e = await failure(
      dup.db.runTransaction(async (tx) => {
        runs += 1;
        await tx.collection('accounts').doc('a').set({ email: 'x' });
      }),
    );
    expect((e as DatabaseError).code).toBe('DUPLICATE_KEY');
    expect(runs).toBe(1);
  });

  it('refuses a non-positive attempts count', async () => {
    const { db } = setup([]);
    expect(((await failure(db.runTransaction(async () => 1, 0))) as DatabaseError).code).toBe('INVALID_QUERY');
  });
});

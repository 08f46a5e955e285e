import { randomBytes } from 'node:crypto';
import type { Driver, Queryable, Row, SqlParam } from '@backend/db/postgres';
import { createPgDriver, createPgliteDriver } from '@backend/db/postgres';

/**
 * The PostgreSQL engines the database suites run on: PGlite (in memory) always, and a
 * PostgreSQL server when DATABASE_URL is set (CI starts one with scripts/pg-local.sh).
 */
export interface BackendSpec {
  name: string;
  /** False for PGlite: one connection, so transactions never overlap and never conflict. */
  concurrent: boolean;
  makeDriver(): Promise<Driver>;
}

export function availableBackends(): BackendSpec[] {
  const specs: BackendSpec[] = [{ name: 'pglite', concurrent: false, makeDriver: () => createPgliteDriver() }];
  const url = process.env.DATABASE_URL;
  if (url !== undefined && url.trim() !== '') {
    specs.push({ name: 'postgres', concurrent: true, makeDriver: async () => createPgDriver(url) });
  }
  return specs;
}

/** A schema name no other run uses, so runs against one server never see each other. */
export function freshSchema(prefix: string): string {
  return `${prefix}_${randomBytes(4).toString('hex')}`;
}

/** Wraps a driver and remembers the last statement it ran (for EXPLAIN checks). */
export class RecordingDriver implements Driver {
  last: { sql: string; params: readonly SqlParam[] } | null = null;
  constructor(readonly inner: Driver) {}
  get singleConnection(): boolean {
    return this.inner.singleConnection;
  }
  query(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    this.last = { sql, params };
    return this.inner.query(sql, params);
  }
  transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R> {
    return this.inner.transaction((q) =>
      fn({
        query: (sql, params = []) => {
          this.last = { sql, params };
          return q.query(sql, params);
        },
      }),
    );
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

/** Resolves when `n` callers have arrived, or after `ms` (so a single-connection engine does not hang). */
export function barrier(n: number, ms: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived >= n) open();
    return Promise.race([opened, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
  };
}

/** A promise with its resolve function exposed. */
export function signal(): { promise: Promise<void>; fire(): void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => {
    fire = resolve;
  });
  return { promise, fire };
}

/**
 * The little a PostgreSQL client must offer the document store. Two implementations:
 * ./pgliteDriver.ts (embedded, one connection) and ./pgDriver.ts (server, a pool).
 */
export type SqlParam = string | number | boolean | null;
export type Row = Record<string, unknown>;

export interface QueryOptions {
  /**
   * The statement's plan does not depend on its values (reads and writes by id): the driver may
   * keep it prepared and, the next time the same text comes, skip parsing and planning it.
   */
  reuse?: boolean;
  /**
   * Inside a transaction: its last statement. The driver may commit in the same call (PGlite
   * does; a server's driver commits after the callback as always).
   */
  commit?: boolean;
}

export interface Queryable {
  query(sql: string, params?: readonly SqlParam[], options?: QueryOptions): Promise<Row[]>;
}

export interface Driver extends Queryable {
  /**
   * True when the driver has a single connection (PGlite): a transaction then owns the
   * whole database, so calls made from inside a transaction callback must go through it
   * (the store routes them), or they would wait for themselves forever.
   */
  readonly singleConnection: boolean;
  /** BEGIN; fn on one connection; COMMIT — or ROLLBACK and rethrow if anything throws. */
  transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R>;
  close(): Promise<void>;
}

/** The fields of a PostgreSQL error that we branch on (both drivers expose them). */
export interface PgErrorLike {
  code: string;
  message: string;
  constraint?: string;
}

export function isPgError(e: unknown): e is PgErrorLike {
  if (typeof e !== 'object' || e === null) return false;
  const code: unknown = Reflect.get(e, 'code');
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code);
}

/** SQLSTATEs that mean "another transaction got in the way": retry. */
export const SERIALIZATION_FAILURE = '40001';
export const DEADLOCK_DETECTED = '40P01';
export const UNIQUE_VIOLATION = '23505';

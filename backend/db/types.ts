/**
 * The one typed database API the backend uses: the subset of CloudBase's
 * `@cloudbase/node-sdk` database that this product relies on, with the same shapes.
 * Production: the SDK's own database (see ./cloudbase.ts). Locally and in tests:
 * the PostgreSQL implementation (./postgres/…), which enforces CloudBase's limits
 * so that code passing here runs there.
 */

/** Every stored document has a string `_id`. */
export interface Doc {
  _id: string;
}

export type Primitive = string | number | boolean | null;

/** Opaque marker objects built by `db.command`. */
export interface QueryCommand {
  readonly __cmd: 'query';
  and(other: QueryCommand): QueryCommand;
  or(other: QueryCommand): QueryCommand;
}
export interface LogicCommand {
  readonly __cmd: 'logic';
}
export interface UpdateCommand {
  readonly __cmd: 'update';
}

/** A where-condition: field (dot paths allowed) → value or command; or a top-level and/or. */
export type Query = { [field: string]: Primitive | QueryCommand | Query | undefined } | LogicCommand;

/** An update: field (dot paths allowed) → new value or update command (inc, set, push, remove). */
export type UpdateData = { [field: string]: unknown };

export interface Command {
  eq(v: Primitive): QueryCommand;
  neq(v: Primitive): QueryCommand;
  lt(v: number | string): QueryCommand;
  lte(v: number | string): QueryCommand;
  gt(v: number | string): QueryCommand;
  gte(v: number | string): QueryCommand;
  in(vs: Primitive[]): QueryCommand;
  nin(vs: Primitive[]): QueryCommand;
  exists(b: boolean): QueryCommand;
  and(...qs: Query[] | [Query[]]): LogicCommand;
  or(...qs: Query[] | [Query[]]): LogicCommand;
  inc(n: number): UpdateCommand;
  set(v: unknown): UpdateCommand;
  remove(): UpdateCommand;
  push(v: unknown): UpdateCommand;
}

export type SortDirection = 'asc' | 'desc';

export interface GetResult<T> {
  data: T[];
}

export interface CollectionQuery<T extends Doc> {
  where(q: Query): CollectionQuery<T>;
  orderBy(field: string, dir: SortDirection): CollectionQuery<T>;
  skip(n: number): CollectionQuery<T>;
  /** CloudBase caps server-side reads at 1000; more throws LIMIT_EXCEEDED. Default 100. */
  limit(n: number): CollectionQuery<T>;
  field(projection: Record<string, boolean>): CollectionQuery<T>;
  get(): Promise<GetResult<T>>;
  count(): Promise<{ total: number }>;
}

export interface DocRef<T extends Doc> {
  /** Like the SDK: `data` is an array holding zero or one document. */
  get(): Promise<GetResult<T>>;
  /** Replace the whole document (create if absent). */
  set(data: Omit<T, '_id'>): Promise<{ updated: number; upsertedId?: string | null }>;
  /** Patch fields of an existing document; `updated` is 0 if it does not exist. */
  update(data: UpdateData): Promise<{ updated: number }>;
  remove(): Promise<{ deleted: number }>;
}

export interface Collection<T extends Doc> extends CollectionQuery<T> {
  doc(id: string): DocRef<T>;
  /** Insert; with an `_id` in data it fails DUPLICATE_KEY if that id exists (as CloudBase does). */
  add(data: Omit<T, '_id'> & { _id?: string }): Promise<{ id: string }>;
}

/** Inside a transaction only single-document operations exist, as in CloudBase. */
export interface TxDocRef<T extends Doc> {
  /** Unlike outside, `data` is the document itself (or null when absent — the SDK throws; we normalise). */
  get(): Promise<{ data: T | null }>;
  set(data: Omit<T, '_id'>): Promise<{ updated: number; upsertedId?: string | null }>;
  update(data: UpdateData): Promise<{ updated: number }>;
  delete(): Promise<{ deleted: number }>;
}
export interface TxCollection<T extends Doc> {
  doc(id: string): TxDocRef<T>;
}
export interface Transaction {
  collection<T extends Doc = Doc>(name: string): TxCollection<T>;
  /**
   * Optional (PostgreSQL): the caller guarantees these documents do not exist (ids derived from
   * one this transaction read as absent, like a new receipt's ledger entry). Their set() is then a
   * plain INSERT kept to the end with the other writes, not an upsert sent at once to learn
   * whether it created them; should one exist after all, the INSERT fails as a conflict.
   */
  declareNew?(collection: string, ids: readonly string[]): void;
}

/**
 * What one engine allows a batch job: how many document operations (reads and writes) one
 * transaction may hold, and how many requests to send at once. CloudBase: every operation is a
 * request (at ~10 ms each, 100 fit a function's time several times over) and the database has
 * a QPS quota; PostgreSQL: one connection, statements batched.
 */
export interface EngineLimits {
  maxTxOps: number;
  maxParallel: number;
  /**
   * A transaction's read locks the document until it ends (PostgreSQL's FOR UPDATE): two
   * transactions reading one document run one after the other. Without (CloudBase), nothing is
   * locked and the first writer wins: a transaction that must own a document early writes it.
   */
  readLocks: boolean;
}

export const CLOUDBASE_LIMITS: EngineLimits = { maxTxOps: 100, maxParallel: 10, readLocks: false };
export const POSTGRES_LIMITS: EngineLimits = { maxTxOps: 1500, maxParallel: 1000, readLocks: true };

export interface Database {
  collection<T extends Doc = Doc>(name: string): Collection<T>;
  readonly command: Command;
  /** The engine's batch limits (absent: PostgreSQL's, e.g. a test's wrapper). */
  readonly limits?: EngineLimits;
  /**
   * Runs `fn` atomically. On a write conflict the callback is run again (CloudBase does
   * the same), so it must be free of outside side effects. Default 3 attempts.
   */
  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, attempts?: number): Promise<R>;
}

/** Errors a caller may want to branch on; everything else is INTERNAL. */
export class DatabaseError extends Error {
  constructor(
    readonly code: 'LIMIT_EXCEEDED' | 'DUPLICATE_KEY' | 'UNSUPPORTED' | 'TX_CONFLICT' | 'INVALID_QUERY',
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

/** The batch limits of `db`'s engine. */
export function limitsOf(db: Pick<Database, 'limits'>): EngineLimits {
  return db.limits ?? POSTGRES_LIMITS;
}

/**
 * Does a transaction's read lock the document on `db`'s engine? Only when the engine says so:
 * a database of unknown engine (a wrapper without `limits`) is taken for one that does not, so
 * a use case relying on it keeps the safe path (writing the document first).
 */
export function readsLock(db: Pick<Database, 'limits'>): boolean {
  return db.limits?.readLocks === true;
}

/**
 * Items per transaction for a batch costing `perItem` operations each plus `fixed` per
 * transaction, within `db`'s engine limit and at most `cap` (the batch size PostgreSQL uses).
 */
export function batchSize(db: Pick<Database, 'limits'>, perItem: number, fixed: number, cap: number): number {
  return Math.max(1, Math.min(cap, Math.floor((limitsOf(db).maxTxOps - fixed) / perItem)));
}

/** `fn` over `items`, at most `parallel` at a time, results in order. */
export async function mapLimit<T, R>(items: readonly T[], parallel: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, items.length)) }, worker));
  return out;
}

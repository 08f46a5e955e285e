import { AsyncLocalStorage } from 'node:async_hooks';
import type { IndexSpec } from '../indexes';
import { DatabaseError, type Doc } from '../types';
import { assertIdentifier, isPlainObject } from '../validate';
import { isPgError, type Driver, type Queryable, type QueryOptions, type Row, type SqlParam } from './driver';
import { DDL_ALREADY_EXISTS, mapWriteError } from './errors';
import { SqlParams } from './sql';
import { createIndexSql, createSchemaSql, createTableSql, indexName, qualifiedTable } from './schema';

/** What is known inside a running transaction callback (carried by AsyncLocalStorage). */
export interface TxScope {
  driver: Driver;
  q: Queryable;
  /** Tables created by this attempt: known to exist only once it commits. */
  pendingTables: Set<string>;
  /**
   * False once the transaction ended. Work the callback left running (a timer, a promise
   * not awaited) still carries this scope; it must not touch a connection given back.
   */
  active: boolean;
  /**
   * A read by id made outside `tx` from inside the callback: it goes out with the transaction's
   * next batch of reads (one statement), without a lock.
   */
  readDoc?: (collection: string, table: string, id: string) => Promise<Row | null>;
  /**
   * A query (`where … get()`) made outside `tx` from inside the callback: it too rides in the
   * transaction's next batch of reads. `build` writes its SQL with the batch's parameters.
   */
  readQuery?: (collection: string, build: (params: SqlParams) => string) => Promise<Row[]>;
}

const txScope = new AsyncLocalStorage<TxScope>();

/** SQLSTATEs two concurrent creators of one table or index may hit: just try again. */
const DDL_RACE: ReadonlySet<string> = new Set(['23505', '40P01', ...DDL_ALREADY_EXISTS]);

/**
 * Shared state of one PostgreSQL-backed Database: driver, schema, declared indexes, and
 * which collections' tables exist. Collections are created lazily on first use (as
 * CloudBase's console would have to create them), with their declared indexes.
 */
export class Store {
  readonly declaredUnique: ReadonlySet<string>;
  private readonly ready = new Set<string>();
  private readonly inflight = new Map<string, Promise<void>>();

  constructor(
    readonly driver: Driver,
    readonly schema: string,
    readonly indexes: readonly IndexSpec[],
  ) {
    assertIdentifier('schema', schema);
    this.declaredUnique = new Set(indexes.filter((i) => i.unique === true).map(indexName));
  }

  table(collection: string): string {
    return qualifiedTable(this.schema, assertIdentifier('collection', collection));
  }

  /** The transaction callback we are inside of, if it runs on this store's driver. */
  currentScope(): TxScope | undefined {
    const s = txScope.getStore();
    return s !== undefined && s.active && s.driver === this.driver ? s : undefined;
  }

  runInScope<R>(scope: TxScope, fn: () => Promise<R>): Promise<R> {
    return txScope.run(scope, fn);
  }

  /**
   * A read outside `tx`. From inside a transaction callback it runs on the transaction's
   * connection: PGlite has no other one, and on a server a second pooled connection per
   * waiting transaction could exhaust the pool. It then also sees the callback's own writes.
   */
  async read(collection: string, sql: string, params: readonly SqlParam[], options?: QueryOptions): Promise<Row[]> {
    const scope = this.currentScope();
    if (scope !== undefined) {
      await this.ensureInTransaction(scope, collection);
      return scope.q.query(sql, params, options);
    }
    await this.ensure(collection);
    return this.driver.query(sql, params, options);
  }

  /**
   * A query outside `tx` (`build` writes its SQL and parameters; it may run twice). From inside a
   * transaction callback it joins the transaction's next batch of reads when its table exists.
   */
  query(collection: string, build: (params: SqlParams) => string): Promise<Row[]> {
    const scope = this.currentScope();
    const params = new SqlParams();
    // Built now even when batched: an invalid query fails alone, not the batch it would join.
    const sql = build(params);
    if (scope?.readQuery !== undefined && (this.ready.has(collection) || scope.pendingTables.has(collection))) {
      return scope.readQuery(collection, build);
    }
    return this.read(collection, sql, params.values);
  }

  /**
   * A write outside `tx`. Refused inside a transaction callback: it would not be rolled
   * back with the transaction, and the callback may run more than once.
   */
  async write(collection: string, sql: string, params: readonly SqlParam[], options?: QueryOptions): Promise<Row[]> {
    if (this.currentScope() !== undefined) {
      throw new DatabaseError('UNSUPPORTED', 'non-transactional write inside runTransaction: write through the tx argument');
    }
    await this.ensure(collection);
    try {
      return await this.driver.query(sql, params, options);
    } catch (e) {
      throw mapWriteError(e, this.declaredUnique);
    }
  }

  /** Creates the collection's table and indexes once (outside any transaction). */
  ensure(collection: string): Promise<void> {
    if (this.ready.has(collection)) return Promise.resolve();
    let p = this.inflight.get(collection);
    if (p === undefined) {
      p = this.createOutside(collection).then(
        () => {
          this.ready.add(collection);
          this.inflight.delete(collection);
        },
        (e: unknown) => {
          this.inflight.delete(collection);
          throw e;
        },
      );
      this.inflight.set(collection, p);
    }
    return p;
  }

  /** Inside a transaction: DDL runs on the transaction's connection and counts once committed. */
  async ensureInTransaction(scope: TxScope, collection: string): Promise<void> {
    if (this.ready.has(collection) || scope.pendingTables.has(collection)) return;
    await this.ddl(scope.q, collection);
    scope.pendingTables.add(collection);
  }

  markCreated(collections: Iterable<string>): void {
    for (const c of collections) this.ready.add(c);
  }

  private async createOutside(collection: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        // One transaction: all of the table's DDL or none, and (PGlite) no interleaving.
        await this.driver.transaction((q) => this.ddl(q, collection));
        return;
      } catch (e) {
        if (attempt < 3 && isPgError(e) && DDL_RACE.has(e.code)) continue;
        throw e;
      }
    }
  }

  private async ddl(q: Queryable, collection: string): Promise<void> {
    assertIdentifier('collection', collection);
    if (this.schema !== 'public') await q.query(createSchemaSql(this.schema));
    await q.query(createTableSql(this.schema, collection));
    for (const spec of this.indexes) {
      if (spec.collection === collection) await q.query(createIndexSql(this.schema, spec));
    }
  }
}

/** A stored row → the document callers see: `_id` first, then the stored fields. */
export function rowToDoc<T extends Doc>(row: Row): T {
  const { id, doc } = row;
  if (typeof id !== 'string' || !isPlainObject(doc)) throw new Error('malformed row from the documents table');
  // The one unchecked step: documents are typed by the caller's collection<T>(), as in the SDK.
  return { _id: id, ...doc } as unknown as T;
}

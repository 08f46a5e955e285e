import { INDEXES, indexedCollections, type IndexSpec } from '../indexes';
import { POSTGRES_LIMITS, type Collection, type Command, type Database, type Doc, type EngineLimits, type Transaction } from '../types';
import { PgCollection } from './collection';
import { pgCommand } from './commands';
import type { Driver } from './driver';
import { Store } from './store';
import { runPgTransaction } from './transaction';

export interface PostgresDatabaseOptions {
  /** PostgreSQL schema holding the collection tables (default `public`); tests use one each. */
  schema?: string;
  /** Index declarations (default: ../indexes.ts INDEXES). */
  indexes?: readonly IndexSpec[];
}

/** The `Database` API over PostgreSQL: one table `(id text, doc jsonb)` per collection. */
export class PostgresDatabase implements Database {
  readonly command: Command = pgCommand;
  readonly limits: EngineLimits = POSTGRES_LIMITS;
  private readonly store: Store;

  constructor(driver: Driver, options: PostgresDatabaseOptions = {}) {
    this.store = new Store(driver, options.schema ?? 'public', options.indexes ?? INDEXES);
  }

  get schema(): string {
    return this.store.schema;
  }

  collection<T extends Doc = Doc>(name: string): Collection<T> {
    return new PgCollection<T>(this.store, name);
  }

  runTransaction<R>(fn: (tx: Transaction) => Promise<R>, attempts = 3): Promise<R> {
    return runPgTransaction(this.store, fn, attempts);
  }

  /** Creates tables and declared indexes now (default: every collection with an index). */
  async ensureCollections(names: readonly string[] = indexedCollections(this.store.indexes)): Promise<void> {
    for (const name of names) await this.store.ensure(name);
  }
}

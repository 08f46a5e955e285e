import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from './types';
import { PostgresDatabase } from './postgres/database';
import type { Driver } from './postgres/driver';
import { createPgDriver } from './postgres/pgDriver';
import { createPgliteDriver } from './postgres/pgliteDriver';

export interface OpenDatabaseOptions {
  /** PGlite data directory (default `.data/pglite` under the working directory). */
  dataDir?: string;
  /** PostgreSQL server URL; default `process.env.DATABASE_URL`. When set, PGlite is not used. */
  url?: string;
  /** Schema for the collection tables (default `public`). */
  schema?: string;
  /** PGlite in memory: nothing written to disk. */
  memory?: boolean;
}

export interface OpenedDatabase {
  db: Database;
  /** Which engine was opened (for logs). */
  kind: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/**
 * The local/test database: a PostgreSQL server when a URL is given (or DATABASE_URL is
 * set), else embedded PGlite. Creates every declared collection and index up front.
 */
export async function openDatabase(opts: OpenDatabaseOptions = {}): Promise<OpenedDatabase> {
  const url = nonEmpty(opts.url) ?? nonEmpty(process.env.DATABASE_URL);
  let driver: Driver;
  let kind: OpenedDatabase['kind'];
  if (url !== undefined) {
    driver = createPgDriver(url);
    kind = 'postgres';
  } else if (opts.memory === true) {
    driver = await createPgliteDriver();
    kind = 'pglite';
  } else {
    const dir = resolve(opts.dataDir ?? '.data/pglite');
    mkdirSync(dir, { recursive: true });
    driver = await createPgliteDriver(dir);
    kind = 'pglite';
  }
  const db = new PostgresDatabase(driver, { schema: opts.schema });
  try {
    await db.ensureCollections();
  } catch (e) {
    await driver.close().catch(() => undefined);
    throw e;
  }
  return { db, kind, close: () => driver.close() };
}

function nonEmpty(s: string | undefined): string | undefined {
  return s === undefined || s.trim() === '' ? undefined : s;
}

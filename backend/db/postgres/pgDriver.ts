import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Driver, Queryable, QueryOptions, Row, SqlParam } from './driver';

/** Named statements per pool (each connection prepares those it is sent), and the longest text named. */
const MAX_NAMED = 500;
const MAX_NAMED_TEXT = 16_384;

/** A PostgreSQL server through a `pg` Pool; each transaction holds one pooled client. */
export class PgDriver implements Driver {
  readonly singleConnection = false;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool = true,
  ) {}

  /**
   * Statements by id (QueryOptions.reuse) go as named prepared statements: each connection parses
   * and plans one once (node-postgres remembers which it has). Names per text, at most
   * MAX_NAMED of them: beyond, statements go unnamed as before.
   */
  private readonly names = new Map<string, string>();

  private statement(sql: string, params: readonly SqlParam[], options?: QueryOptions): { name?: string; text: string; values: SqlParam[] } {
    const values = [...params];
    if (options?.reuse !== true || sql.length > MAX_NAMED_TEXT) return { text: sql, values };
    let name = this.names.get(sql);
    if (name === undefined) {
      if (this.names.size >= MAX_NAMED) return { text: sql, values };
      name = `xy_${this.names.size.toString(36)}`;
      this.names.set(sql, name);
    }
    return { name, text: sql, values };
  }

  async query(sql: string, params: readonly SqlParam[] = [], options?: QueryOptions): Promise<Row[]> {
    const res = await this.pool.query<Row>(this.statement(sql, params, options));
    return res.rows;
  }

  async transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const q: Queryable = {
        query: async (sql, params = [], options) => (await client.query<Row>(this.statement(sql, params, options))).rows,
      };
      try {
        const result = await fn(q);
        const commit = await client.query('COMMIT');
        // COMMIT of an aborted transaction "succeeds" as ROLLBACK: never report that as success.
        if (commit.command === 'ROLLBACK') throw new Error('transaction was rolled back by the server');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {
          broken = true;
        });
        throw e;
      }
    } finally {
      // A client whose ROLLBACK failed is in an unknown state: destroy it rather than reuse it.
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    if (this.ownsPool) await this.pool.end();
  }
}

export function createPgDriver(config: string | PoolConfig): PgDriver {
  // Required lazily: the server driver is only loaded when a DATABASE_URL is in use.
  const { Pool: Ctor } = require('pg') as typeof import('pg');
  const pool = new Ctor(typeof config === 'string' ? { connectionString: config, max: 10 } : config);
  // An idle client losing its connection emits 'error' on the pool; unhandled it kills Node.
  pool.on('error', () => undefined);
  return new PgDriver(pool);
}

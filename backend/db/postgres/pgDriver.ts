import type { Pool, PoolClient, PoolConfig } from 'pg';
import type { Driver, Queryable, Row, SqlParam } from './driver';

/** A PostgreSQL server through a `pg` Pool; each transaction holds one pooled client. */
export class PgDriver implements Driver {
  readonly singleConnection = false;

  constructor(
    private readonly pool: Pool,
    private readonly ownsPool = true,
  ) {}

  async query(sql: string, params: readonly SqlParam[] = []): Promise<Row[]> {
    const res = await this.pool.query<Row>(sql, [...params]);
    return res.rows;
  }

  async transaction<R>(fn: (q: Queryable) => Promise<R>): Promise<R> {
    const client: PoolClient = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const q: Queryable = {
        query: async (sql, params = []) => (await client.query<Row>(sql, [...params])).rows,
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

/**
 * On a PostgreSQL server, statements by id go as named prepared statements (node-postgres then
 * parses each once per connection); other statements stay unnamed, and so does everything
 * beyond the cap of names.
 */
import type { Pool } from 'pg';
import { PgDriver } from '@backend/db/postgres/pgDriver';

interface Sent {
  name?: string;
  text: string;
  values: unknown[];
}

function fakePool(sent: Sent[]): Pool {
  const run = async (q: Sent | string) => {
    sent.push(typeof q === 'string' ? { text: q, values: [] } : q);
    return { rows: [], command: typeof q === 'string' ? q : 'SELECT' };
  };
  return { query: run, connect: async () => ({ query: run, release: () => undefined }), end: async () => undefined } as unknown as Pool;
}

describe('PgDriver named statements', () => {
  it('names a statement by id, the same name for the same text, inside transactions too', async () => {
    const sent: Sent[] = [];
    const driver = new PgDriver(fakePool(sent));
    await driver.query('SELECT id, doc FROM t WHERE id = $1', ['a'], { reuse: true });
    await driver.query('SELECT id, doc FROM t WHERE id = $1', ['b'], { reuse: true });
    await driver.query('SELECT id, doc FROM u WHERE id = $1', ['c'], { reuse: true });
    await driver.query('SELECT count(*) FROM t WHERE (doc -> $1) IS NOT NULL', ['x']);
    await driver.transaction(async (q) => q.query('SELECT id, doc FROM t WHERE id = $1', ['d'], { reuse: true }));
    const named = sent.filter((s) => s.text.startsWith('SELECT id'));
    expect(named.map((s) => s.name)).toEqual([named[0].name, named[0].name, named[2].name, named[0].name]);
    expect(named[0].name).toBeDefined();
    expect(named[2].name).not.toBe(named[0].name);
    expect(named.map((s) => s.values)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(sent.find((s) => s.text.startsWith('SELECT count'))?.name).toBeUndefined();
  });

  it('stops naming beyond its cap', async () => {
    const sent: Sent[] = [];
    const driver = new PgDriver(fakePool(sent));
    for (let i = 0; i < 501; i++) await driver.query(`SELECT id, doc FROM t${i} WHERE id = $1`, ['a'], { reuse: true });
    expect(sent.filter((s) => s.name !== undefined)).toHaveLength(500);
    expect(sent[500].name).toBeUndefined();
  });
});

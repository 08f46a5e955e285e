/**
 * A page of one village's documents in _id order (the batch jobs' keyset pages) reads that
 * village's rows through the declared (villageId, …, _id) index, never the primary key from the
 * first id on: otherwise each village's page skips every earlier village and a town-wide job
 * grows with the square of the town.
 */
import { PostgresDatabase, createPgliteDriver, type PgliteDriver } from '@backend/db/postgres';
import { createIndexSql } from '@backend/db/postgres/schema';
import type { IndexSpec } from '@backend/db/indexes';

const INDEX: IndexSpec = {
  collection: 'apps',
  name: 'villageId_month_id',
  fields: [
    { field: 'villageId', dir: 'asc' },
    { field: 'month', dir: 'asc' },
    { field: '_id', dir: 'asc' },
  ],
};

let driver: PgliteDriver;
beforeAll(async () => {
  driver = await createPgliteDriver();
});
afterAll(async () => {
  await driver.close();
});

describe('indexes ending in _id', () => {
  it('key id as queries order it (no NULLS clause)', () => {
    expect(createIndexSql('s', INDEX)).toContain(`(doc -> 'month') ASC NULLS FIRST, id ASC)`);
  });

  it("serve a village's page in _id order, whichever village", async () => {
    const db = new PostgresDatabase(driver, { schema: 'idorder', indexes: [INDEX] });
    await db.ensureCollections(['apps']);
    const rows: string[] = [];
    const params: string[] = [];
    for (let v = 0; v < 20; v++) {
      for (let i = 0; i < 400; i++) {
        params.push(`v${String(v).padStart(2, '0')}-${String(i).padStart(4, '0')}`, JSON.stringify({ villageId: `v${String(v).padStart(2, '0')}`, month: '2026-10', pad: 'x'.repeat(200) }));
        rows.push(`($${params.length - 1}, $${params.length}::jsonb)`);
      }
    }
    await driver.query(`INSERT INTO "idorder"."apps" (id, doc) VALUES ${rows.join(', ')}`, params);
    await driver.query('ANALYZE "idorder"."apps"');
    const _ = db.command;
    const query = db.collection('apps').where({ villageId: 'v19', month: '2026-10', _id: _.gt('v19-0100') }).orderBy('_id', 'asc').limit(100);
    const { data } = await query.get();
    expect(data.map((d) => d._id)).toEqual(Array.from({ length: 100 }, (_x, i) => `v19-${String(101 + i).padStart(4, '0')}`));
    const plan = await driver.query(
      `EXPLAIN SELECT id, doc FROM "idorder"."apps" WHERE (doc -> 'villageId') = $1::jsonb AND (doc -> 'month') = $2::jsonb AND id > $3 ORDER BY id ASC LIMIT 100`,
      ['"v19"', '"2026-10"', 'v19-0100'],
    );
    const text = plan.map((r) => String(r['QUERY PLAN'])).join('\n');
    expect(text).toContain('apps__villageId_month_id');
    expect(text).not.toContain('apps_pkey');
  });
});

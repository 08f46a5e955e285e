/**
 * The Database conformance suite (./conformanceSuite.ts) on the PostgreSQL implementation:
 * PGlite always, and a PostgreSQL server when DATABASE_URL is set.
 */
import { PostgresDatabase } from '@backend/db/postgres';
import { RecordingDriver, availableBackends, freshSchema } from './backends';
import { defineConformance } from './conformanceSuite';

for (const backend of availableBackends()) {
  defineConformance({
    name: backend.name,
    concurrent: backend.concurrent,
    async open(indexes) {
      const schema = freshSchema(`conf_${backend.name}`);
      const driver = new RecordingDriver(await backend.makeDriver());
      const db = new PostgresDatabase(driver, { schema, indexes });
      return {
        db,
        // PostgreSQL creates a collection's table on first use.
        prepare: () => undefined,
        async explainLast() {
          const last = driver.last;
          if (last === null) return '';
          const plan = await driver.inner.transaction(async (q) => {
            await q.query('SET LOCAL enable_seqscan = off');
            return q.query(`EXPLAIN ${last.sql}`, last.params);
          });
          return plan.map((r) => String(Object.values(r)[0])).join('\n');
        },
        async close() {
          await driver.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
          await driver.close();
        },
      };
    },
  });
}

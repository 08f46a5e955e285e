import type { IndexSpec } from '../indexes';
import { assertIdentifier, fieldSegments } from '../validate';
import { ident, jsonPath } from './sql';

/**
 * DDL for one collection: a table `(id text primary key, doc jsonb)` and the expression
 * indexes declared for it. Index keys use the same expressions as queries (./sql.ts
 * jsonPath) and the same NULLS placement as ORDER BY (missing fields sort first
 * ascending, last descending — CloudBase treats missing as the lowest value), so the
 * planner can use them both for filtering and for ordering.
 */
export function qualifiedTable(schema: string, collection: string): string {
  return `${ident(schema)}.${ident(collection)}`;
}

export function createSchemaSql(schema: string): string {
  return `CREATE SCHEMA IF NOT EXISTS ${ident(schema)}`;
}

export function createTableSql(schema: string, collection: string): string {
  // COLLATE "C": ids order by bytes, as strings do in CloudBase, whatever the server locale.
  return `CREATE TABLE IF NOT EXISTS ${qualifiedTable(schema, collection)} (id text COLLATE "C" PRIMARY KEY, doc jsonb NOT NULL)`;
}

/** PostgreSQL index names are per schema: prefix with the collection. */
export function indexName(spec: IndexSpec): string {
  return assertIdentifier('index', `${spec.collection}__${spec.name}`);
}

export function createIndexSql(schema: string, spec: IndexSpec): string {
  if (spec.fields.length === 0) throw new Error(`index ${spec.collection}.${spec.name} has no fields`);
  const keys = spec.fields.map(({ field, dir }) => {
    // `id` is never null, and queries order it plainly (`id ASC` / `id DESC`, ./collection.ts):
    // with a NULLS clause of its own the index could not give that order, and PostgreSQL walked
    // the primary key instead, skipping every other village's rows (a batch job grew with the
    // square of the town).
    if (field === '_id') return `id ${dir === 'desc' ? 'DESC' : 'ASC'}`;
    return `${jsonPath(fieldSegments(field))} ${dir === 'desc' ? 'DESC NULLS LAST' : 'ASC NULLS FIRST'}`;
  });
  // NULLS NOT DISTINCT (PostgreSQL 15+): like CloudBase, a unique index counts a missing
  // field as one value, so two documents both lacking it collide.
  const unique = spec.unique === true;
  return (
    `CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${ident(indexName(spec))} ` +
    `ON ${qualifiedTable(schema, spec.collection)} (${keys.join(', ')})${unique ? ' NULLS NOT DISTINCT' : ''}`
  );
}

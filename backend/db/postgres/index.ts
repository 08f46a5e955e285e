export { PostgresDatabase, type PostgresDatabaseOptions } from './database';
export { DEFAULT_LIMIT, MAX_LIMIT } from './collection';
export type { Driver, Queryable, Row, SqlParam } from './driver';
export { PgliteDriver, createPgliteDriver } from './pgliteDriver';
export { PgDriver, createPgDriver } from './pgDriver';

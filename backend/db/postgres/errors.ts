import { DatabaseError } from '../types';
import {
  DEADLOCK_DETECTED,
  SERIALIZATION_FAILURE,
  UNIQUE_VIOLATION,
  isPgError,
  type PgErrorLike,
} from './driver';

/**
 * How PostgreSQL errors surface. Unique violations on our declared indexes and on the
 * primary key are DUPLICATE_KEY; a type clash in an update operator (inc on a string,
 * push on a number) is INVALID_QUERY; anything else passes through unchanged.
 */
export function mapWriteError(e: unknown, declaredUnique: ReadonlySet<string>): unknown {
  if (!isPgError(e)) return e;
  if (e.code === UNIQUE_VIOLATION && isOurConstraint(e, declaredUnique)) {
    return new DatabaseError('DUPLICATE_KEY', `duplicate key (${e.constraint ?? 'unique index'})`);
  }
  if (e.code === '22023' || e.code === '22P02') {
    return new DatabaseError('INVALID_QUERY', `update does not fit the stored value: ${e.message}`);
  }
  return e;
}

function isOurConstraint(e: PgErrorLike, declaredUnique: ReadonlySet<string>): boolean {
  const c = e.constraint ?? '';
  return c.endsWith('_pkey') || declaredUnique.has(c);
}

/** True for a unique violation on a document id (the table's primary key). */
export function isPrimaryKeyViolation(e: unknown): boolean {
  return isPgError(e) && e.code === UNIQUE_VIOLATION && (e.constraint ?? '').endsWith('_pkey');
}

/** duplicate_table, duplicate_schema, duplicate_object: only our lazy DDL can raise them. */
export const DDL_ALREADY_EXISTS: ReadonlySet<string> = new Set(['42P07', '42P06', '42710']);

/**
 * Inside a transaction: another transaction got in the way, so running the callback
 * again may succeed. A unique violation on a declared secondary index is NOT one of
 * these (re-running would hit it again): it is DUPLICATE_KEY at once.
 */
export function isConflict(e: unknown, declaredUnique: ReadonlySet<string>): boolean {
  if (!isPgError(e)) return false;
  if (e.code === SERIALIZATION_FAILURE || e.code === DEADLOCK_DETECTED) return true;
  // Two transactions lazily creating the same new table: the loser sees "already exists".
  if (DDL_ALREADY_EXISTS.has(e.code)) return true;
  // The primary key (two inserts of one id) or a catalog index (two creators of one table).
  return e.code === UNIQUE_VIOLATION && !declaredUnique.has(e.constraint ?? '');
}

import { DatabaseError } from './types';

/**
 * Names that end up inside SQL text (identifiers, jsonb path literals) are checked here,
 * so that no caller-supplied string is ever spliced into SQL unchecked. Values are always
 * bound as parameters; only these validated names are inlined.
 */
export const FIELD_PATH = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Splits a dot path after checking it; throws INVALID_QUERY otherwise. */
export function fieldSegments(path: string): string[] {
  if (typeof path !== 'string' || !FIELD_PATH.test(path)) {
    throw new DatabaseError('INVALID_QUERY', `invalid field path: ${JSON.stringify(path)}`);
  }
  return path.split('.');
}

/** Collection and schema names become SQL identifiers: letters, digits, underscore. */
export function assertIdentifier(kind: string, name: string): string {
  if (typeof name !== 'string' || !IDENTIFIER.test(name)) {
    throw new DatabaseError('INVALID_QUERY', `invalid ${kind} name: ${JSON.stringify(name)}`);
  }
  return name;
}

export function assertDocId(id: unknown): string {
  if (typeof id !== 'string' || id.length === 0 || id.length > 256) {
    throw new DatabaseError('INVALID_QUERY', `invalid document id: ${JSON.stringify(id)}`);
  }
  return id;
}

/**
 * A `{...}` object (or Object.create(null)), not a Date, Map or class instance. Realm-neutral:
 * an object made in another V8 context (rows from a driver loaded outside Jest's sandbox)
 * has that realm's Object.prototype, whose own prototype is null all the same.
 */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || (typeof proto === 'object' && Object.getPrototypeOf(proto) === null);
}

import { DatabaseError, type Query } from '../types';
import { fieldSegments, isPlainObject } from '../validate';
import { LogicCmd, QueryCmd, UpdateCmd, type QueryNode } from './commands';
import { jsonPath, type SqlParams } from './sql';

/**
 * Translates a CloudBase where-condition into a SQL boolean over `doc` (jsonb) and `id`.
 *
 * Semantics follow CloudBase (MongoDB):
 * - `{a: {b: 1}}` is the dot path `a.b == 1` (CloudBase flattens nested objects).
 * - equality is type-exact: 1 never equals "1"; numbers compare numerically.
 * - lt/lte/gt/gte only match values of the argument's type (numbers with numbers,
 *   strings with strings — byte order under the C collation).
 * - `eq(null)` / `{a: null}` also match a missing field; `neq(x)` and `nin([...])` match
 *   documents where the field is missing (unless x / the list is null).
 */
export function compileWhere(q: Query | null, params: SqlParams): string {
  if (q === null) return 'TRUE';
  if (!(q instanceof LogicCmd)) {
    if (!isPlainObject(q)) throw invalid('where() takes an object');
    const keys = Object.keys(q);
    if (keys.length > 0 && keys.every((k) => q[k] === undefined)) {
      // The SDK rejects this too: it is almost always a bug (a filter that filters nothing).
      throw invalid('where() with only undefined values');
    }
  }
  return condition([], q, params) ?? 'TRUE';
}

function invalid(message: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', message);
}

/** null means "no condition" (an undefined value). */
function condition(path: readonly string[], value: unknown, params: SqlParams): string | null {
  if (value === undefined) return null;
  if (value instanceof LogicCmd) {
    const parts = value.operands.map((o) => condition(path, o, params) ?? 'TRUE');
    return combine(value.op, parts);
  }
  if (value instanceof QueryCmd) {
    if (path.length === 0) throw invalid('a query command must be the value of a field');
    return fieldCondition(path, value.node, params);
  }
  if (value instanceof UpdateCmd) throw invalid('update commands cannot be used in where()');
  if (isPlainObject(value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) {
      if (path.length === 0) return null;
      throw invalid(`empty object as the value of ${path.join('.')}`);
    }
    const parts: string[] = [];
    for (const [key, v] of entries) {
      const sub = condition([...path, ...fieldSegments(key)], v, params);
      if (sub !== null) parts.push(sub);
    }
    return parts.length === 0 ? null : combine('and', parts);
  }
  if (path.length === 0) throw invalid('where() takes an object');
  if (value === null || typeof value === 'string' || typeof value === 'boolean') {
    return fieldCondition(path, { op: 'eq', value }, params);
  }
  if (typeof value === 'number' && Number.isFinite(value)) return fieldCondition(path, { op: 'eq', value }, params);
  throw invalid(`unsupported value for ${path.join('.')} (use a string, finite number, boolean, null or a command)`);
}

function combine(op: 'and' | 'or', parts: readonly string[]): string {
  if (parts.length === 0) return op === 'and' ? 'TRUE' : 'FALSE';
  if (parts.length === 1) return parts[0];
  return `(${parts.join(op === 'and' ? ' AND ' : ' OR ')})`;
}

type LeafNode = Exclude<QueryNode, { op: 'and' | 'or' }>;
const isLogic = (n: QueryNode): n is Extract<QueryNode, { op: 'and' | 'or' }> => n.op === 'and' || n.op === 'or';

function fieldCondition(path: readonly string[], node: QueryNode, params: SqlParams): string {
  if (isLogic(node)) {
    return combine(
      node.op,
      node.operands.map((o) => fieldCondition(path, o.node, params)),
    );
  }
  if (path.length === 1 && path[0] === '_id') return idCondition(node, params);
  return jsonCondition(jsonPath(path), node, params);
}

const json = (params: SqlParams, v: unknown): string => params.json(JSON.stringify(v));

function jsonCondition(e: string, node: LeafNode, params: SqlParams): string {
  switch (node.op) {
    case 'eq':
      return node.value === null ? `(${e} IS NULL OR ${e} = 'null'::jsonb)` : `${e} = ${json(params, node.value)}`;
    case 'neq':
      return node.value === null
        ? `(${e} IS NOT NULL AND ${e} <> 'null'::jsonb)`
        : `(${e} IS NULL OR ${e} <> ${json(params, node.value)})`;
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      // jsonb orders across types (string < number < boolean…); keep the comparison within
      // the argument's type, as CloudBase does. The type name is a constant, not input.
      const type = typeof node.value === 'number' ? 'number' : 'string';
      return `(jsonb_typeof(${e}) = '${type}' AND ${e} ${SQL_OP[node.op]} ${json(params, node.value)})`;
    }
    case 'in':
    case 'nin': {
      const nonNull = node.values.filter((v) => v !== null);
      const hasNull = nonNull.length !== node.values.length;
      const parts: string[] = [];
      if (nonNull.length > 0) parts.push(`${e} IN (${nonNull.map((v) => json(params, v)).join(', ')})`);
      if (hasNull) parts.push(`${e} IS NULL`, `${e} = 'null'::jsonb`);
      const within = combine('or', parts);
      // COALESCE: a missing field makes `IN` yield NULL, which must count as "not in".
      return node.op === 'in' ? within : `NOT COALESCE(${within}, FALSE)`;
    }
    case 'exists':
      return node.value ? `${e} IS NOT NULL` : `${e} IS NULL`;
  }
}

const SQL_OP = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

/** `_id` is the text primary key: compare it as text so the primary key index is used. */
function idCondition(node: LeafNode, params: SqlParams): string {
  const isStr = (v: unknown): v is string => typeof v === 'string';
  switch (node.op) {
    case 'eq':
      return isStr(node.value) ? `id = ${params.add(node.value)}` : 'FALSE';
    case 'neq':
      return isStr(node.value) ? `id <> ${params.add(node.value)}` : 'TRUE';
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte':
      return isStr(node.value) ? `id ${SQL_OP[node.op]} ${params.add(node.value)}` : 'FALSE';
    case 'in':
    case 'nin': {
      const ids = node.values.filter(isStr);
      const within = ids.length === 0 ? 'FALSE' : `id IN (${ids.map((v) => params.add(v)).join(', ')})`;
      return node.op === 'in' ? within : `NOT ${within}`;
    }
    case 'exists':
      return node.value ? 'TRUE' : 'FALSE';
  }
}

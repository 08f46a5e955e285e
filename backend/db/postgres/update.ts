import { DatabaseError, type UpdateData } from '../types';
import { fieldSegments, isPlainObject } from '../validate';
import { LogicCmd, QueryCmd, UpdateCmd, type UpdateNode } from './commands';
import { toJsonText } from './json';
import { jsonPath, pathLiteral, type SqlParams } from './sql';

/**
 * Translates `doc(id).update(data)` into one SQL expression computing the new `doc` from
 * the old one, so the write is a single atomic UPDATE (no read-modify-write in JS).
 *
 * As CloudBase: a plain nested object is a partial update of its fields
 * (`{a: {b: 1}}` sets only a.b; use `_.set({...})` to replace a whole object), arrays and
 * scalars replace the value, missing parent objects are created, and an update may not
 * touch the same field twice (`a` and `a.b`).
 */
export function compileUpdate(data: UpdateData, params: SqlParams): string {
  if (!isPlainObject(data)) throw invalid('update() takes an object');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw invalid('update() cannot change _id');
  const ops: { path: string[]; node: UpdateNode }[] = [];
  flatten([], data, ops);
  if (ops.length === 0) throw invalid('update() with nothing to update');
  assertNoOverlap(ops.map((o) => o.path));

  let expr = 'doc';
  // First make sure every parent of a written path is an object (or array), creating it
  // from the old document if missing: jsonb_set does not create intermediate levels.
  const parents = new Map<string, string[]>();
  for (const { path, node } of ops) {
    if (node.op === 'remove') continue;
    for (let n = 1; n < path.length; n++) parents.set(path.slice(0, n).join('.'), path.slice(0, n));
  }
  for (const p of [...parents.values()].sort((a, b) => a.length - b.length)) {
    const old = jsonPath(p);
    expr = `jsonb_set(${expr}, ${pathLiteral(p)}, CASE WHEN jsonb_typeof(${old}) IN ('object', 'array') THEN ${old} ELSE '{}'::jsonb END)`;
  }
  // Each value is computed from the OLD document (`doc`), which is right because no two
  // operations touch overlapping paths.
  for (const { path, node } of ops) {
    const old = jsonPath(path);
    const at = pathLiteral(path);
    switch (node.op) {
      case 'set':
        expr = `jsonb_set(${expr}, ${at}, ${params.json(toJsonText(node.value))}, true)`;
        break;
      case 'remove':
        expr = `(${expr} #- ${at})`;
        break;
      case 'inc':
        // A non-number field makes the cast fail (SQLSTATE 22023): surfaced as INVALID_QUERY.
        expr = `jsonb_set(${expr}, ${at}, to_jsonb(COALESCE((${old})::numeric, 0) + ${params.add(node.by)}::numeric), true)`;
        break;
      case 'push':
        // jsonb_array_length raises 22023 on a non-array: pushing onto a scalar is an error, as in CloudBase.
        expr =
          `jsonb_set(${expr}, ${at}, (CASE WHEN ${old} IS NULL THEN '[]'::jsonb ` +
          `WHEN jsonb_array_length(${old}) >= 0 THEN ${old} END) || ${params.json(toJsonText(node.values))}, true)`;
        break;
    }
  }
  return expr;
}

function invalid(message: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', message);
}

function flatten(prefix: readonly string[], value: Record<string, unknown>, out: { path: string[]; node: UpdateNode }[]): void {
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const path = [...prefix, ...fieldSegments(key)];
    if (v instanceof UpdateCmd) out.push({ path, node: v.node });
    else if (v instanceof QueryCmd || v instanceof LogicCmd) throw invalid(`query command in update() at ${path.join('.')}`);
    else if (isPlainObject(v) && Object.keys(v).length > 0) flatten(path, v, out);
    else out.push({ path, node: { op: 'set', value: v } });
  }
}

function assertNoOverlap(paths: readonly string[][]): void {
  const keys = paths.map((p) => p.join('.')).sort();
  for (let i = 1; i < keys.length; i++) {
    if (keys[i] === keys[i - 1] || keys[i].startsWith(`${keys[i - 1]}.`)) {
      throw invalid(`update() touches ${keys[i - 1]} and ${keys[i]}: conflicting paths`);
    }
  }
}

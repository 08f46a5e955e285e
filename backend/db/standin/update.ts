import { update as mingoUpdate } from 'mingo';
import { requestFailed } from './errors';
import type { StoredDoc } from './store';

/**
 * Update documents (`$set`, `$inc`, …) and replacement documents, checked the way MongoDB
 * checks them before mingo applies them (mingo itself is lenient: it would skip an `$inc` of a
 * string, for instance, where MongoDB refuses the whole update).
 */

const OPERATORS = new Set(['$set', '$unset', '$inc', '$mul', '$min', '$max', '$push', '$pull', '$pullAll', '$addToSet', '$pop', '$rename']);

function isPlain(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || (typeof proto === 'object' && Object.getPrototypeOf(proto) === null);
}

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Date) return 'date';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'double';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

/** MongoDB < 5 storage rules (CloudBase's engine): no `$`-prefixed and no dotted field names. */
export function assertStorable(value: unknown, path = ''): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => assertStorable(v, `${path}.${i}`));
    return;
  }
  if (!isPlain(value)) return;
  for (const [k, v] of Object.entries(value)) {
    const at = path === '' ? k : `${path}.${k}`;
    if (k.startsWith('$')) throw requestFailed(`The dollar ($) prefixed field '${k}' in '${at}' is not valid for storage.`);
    if (k.includes('.')) throw requestFailed(`The dotted field '${k}' in '${at}' is not valid for storage.`);
    if (k === '') throw requestFailed(`An empty field name in '${at}' is not valid for storage.`);
    assertStorable(v, at);
  }
}

/** A replacement document (set()): stored as given, with the id. */
export function replacement(id: string, data: unknown): StoredDoc {
  if (!isPlain(data)) throw requestFailed('replacement document must be an object');
  const { _id, ...rest } = data;
  if (_id !== undefined && _id !== id) throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  assertStorable(rest);
  return { _id: id, ...rest };
}

function valueAt(doc: unknown, path: string): { found: boolean; value: unknown; blockedBy?: { at: string; value: unknown } } {
  let v: unknown = doc;
  const segs = path.split('.');
  for (let i = 0; i < segs.length; i++) {
    if (v === undefined || v === null) return { found: false, value: undefined };
    if (Array.isArray(v) && /^\d+$/.test(segs[i])) {
      v = v[Number(segs[i])];
      continue;
    }
    if (!isPlain(v)) return { found: false, value: undefined, blockedBy: { at: segs.slice(0, i).join('.'), value: v } };
    v = v[segs[i]];
  }
  return { found: v !== undefined, value: v };
}

/**
 * Applies an update document to `doc` (a copy the caller owns). Returns the new document;
 * throws DATABASE_REQUEST_FAILED with MongoDB's wording on what MongoDB refuses.
 */
export function applyUpdate(doc: StoredDoc, modifier: unknown): StoredDoc {
  if (!isPlain(modifier)) throw requestFailed('update document must be an object');
  const ops = Object.keys(modifier);
  if (ops.length === 0) throw requestFailed("Update document requires atomic operators ('$set' is empty)");
  const paths: string[] = [];
  for (const op of ops) {
    if (!OPERATORS.has(op)) throw requestFailed(`Unknown modifier: ${op}. Expected a valid update modifier or pipeline-style update`);
    const fields = modifier[op];
    if (!isPlain(fields) || Object.keys(fields).length === 0) throw requestFailed(`'${op}' is empty. You must specify a field like so: {${op}: {<field>: ...}}`);
    for (const [path, arg] of Object.entries(fields)) {
      if (path === '_id' || path.startsWith('_id.')) {
        throw requestFailed(`Performing an update on the path '_id' would modify the immutable field '_id'`);
      }
      if (path === '' || path.split('.').some((s) => s === '')) throw requestFailed(`An empty update path is not valid: '${path}'`);
      paths.push(path);
      const here = valueAt(doc, path);
      if (here.blockedBy !== undefined) {
        throw requestFailed(`Cannot create field '${path.slice(here.blockedBy.at.length + (here.blockedBy.at ? 1 : 0)).split('.')[0]}' in element {${here.blockedBy.at}: ${JSON.stringify(here.blockedBy.value)}}`);
      }
      if (op === '$inc' || op === '$mul') {
        if (typeof arg !== 'number') throw requestFailed(`Cannot ${op === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${JSON.stringify(arg)}}`);
        if (here.found && typeof here.value !== 'number') {
          throw requestFailed(
            `Cannot apply ${op} to a value of non-numeric type. {_id: ${JSON.stringify(doc._id)}} has the field '${path.split('.').pop()}' of non-numeric type ${typeName(here.value)}`,
          );
        }
      }
      if (op === '$push' || op === '$addToSet' || op === '$pull' || op === '$pullAll' || op === '$pop') {
        if (here.found && !Array.isArray(here.value)) {
          throw requestFailed(`The field '${path}' must be an array but is of type ${typeName(here.value)} in document {_id: ${JSON.stringify(doc._id)}}`);
        }
      }
      if (op === '$set' || op === '$push' || op === '$addToSet') {
        const stored = op === '$set' ? arg : isPlain(arg) && Array.isArray(arg.$each) ? arg.$each : arg;
        assertStorable(stored, path);
      }
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a === b || b.startsWith(`${a}.`)) throw requestFailed(`Updating the path '${b}' would create a conflict at '${a}'`);
  }
  const next = structuredClone(doc);
  mingoUpdate(next, modifier as Parameters<typeof mingoUpdate>[1], undefined, undefined, { cloneMode: 'deep' });
  return next;
}

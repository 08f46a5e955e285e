import { DatabaseError } from '../types';
import { isPlainObject } from '../validate';
import { LogicCmd, QueryCmd, UpdateCmd } from './commands';

/**
 * Serialises a value to be stored. Only JSON-shaped data is accepted: a Date, a class
 * instance, NaN or Infinity would come back different (or as null) from what CloudBase
 * returns, so they fail here instead of silently changing. Keys may not contain '.' or
 * start with '$' (they could not be queried). `undefined` properties are dropped, as JSON does.
 */
export function toJsonText(value: unknown): string {
  // The quick walk builds no paths; only a value it refuses is walked again to say where.
  if (!storable(value)) check(value, '');
  return JSON.stringify(value);
}

function storable(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) {
    for (const x of v) if (x === undefined || !storable(x)) return false;
    return true;
  }
  if (v instanceof QueryCmd || v instanceof LogicCmd || v instanceof UpdateCmd || !isPlainObject(v)) return false;
  for (const k in v) {
    if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
    if (k.includes('.') || k.startsWith('$')) return false;
    const x = v[k];
    if (x !== undefined && !storable(x)) return false;
  }
  return true;
}

function check(v: unknown, at: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return;
    throw bad(at, 'a non-finite number');
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (x === undefined) throw bad(`${at}[${i}]`, 'undefined inside an array');
      check(x, `${at}[${i}]`);
    });
    return;
  }
  if (v instanceof QueryCmd || v instanceof LogicCmd || v instanceof UpdateCmd) {
    throw bad(at, 'a db.command value (only update() takes update commands)');
  }
  if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('.') || k.startsWith('$')) throw bad(`${at}.${k}`, "a key containing '.' or starting with '$'");
      if (x !== undefined) check(x, at ? `${at}.${k}` : k);
    }
    return;
  }
  throw bad(at, v instanceof Date ? 'a Date (store epoch ms or an ISO string)' : `a ${typeof v}`);
}

function bad(at: string, what: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', `cannot store ${what}${at ? ` at ${at}` : ''}`);
}

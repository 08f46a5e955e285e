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
  check(value, '');
  return JSON.stringify(value);
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

import { DatabaseError, type Command, type Query, type UpdateData } from './types';
import { assertIdentifier, fieldSegments, isPlainObject } from './validate';

/**
 * What the local implementation (backend/db/postgres) refuses and the SDK would send on — for
 * CloudBase to match nothing, store something else, or refuse with its own codes: the binding
 * (./cloudbase.ts) refuses it first, with the same DatabaseError INVALID_QUERY. Only SDK *types*
 * are known here: its command objects are recognised by their internal marker.
 */

type CommandKind = 'LOGIC_COMMAND' | 'QUERY_COMMAND' | 'UPDATE_COMMAND';

/** Commands built through `checkedCommand`, whatever the SDK behind it (a test may put another Database there). */
const built = new WeakMap<object, CommandKind>();

function mark<C>(kind: CommandKind, c: C): C {
  if (typeof c === 'object' && c !== null) built.set(c, kind);
  return c;
}

/**
 * A command object's kind: the SDK marks its commands with a non-enumerable `_internalType`
 * whose `target` names the kind (chained ones too: `_.gt(1).and(…)`); those built through
 * `checkedCommand` are known as well.
 */
export function commandKind(v: unknown): CommandKind | null {
  if (typeof v !== 'object' || v === null) return null;
  const marker = Reflect.get(v, '_internalType') as unknown;
  const target = typeof marker === 'object' && marker !== null ? (Reflect.get(marker, 'target') as unknown) : undefined;
  if (target === 'LOGIC_COMMAND' || target === 'QUERY_COMMAND' || target === 'UPDATE_COMMAND') return target;
  return built.get(v) ?? null;
}

function invalid(message: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', message);
}

function primitive(v: unknown, what: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number' && Number.isFinite(v)) return;
  throw invalid(`${what} takes a string, finite number, boolean or null`);
}

function comparable(v: unknown, what: string): void {
  if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return;
  throw invalid(`${what} takes a string or a finite number`);
}

function list(vs: unknown, what: string): void {
  if (!Array.isArray(vs)) throw invalid(`${what} takes an array`);
  for (const v of vs) primitive(v, what);
}

/** The SDK's command builders, their operands checked as the local ones check them. */
export function checkedCommand(sdk: Command): Command {
  const q = 'QUERY_COMMAND';
  const u = 'UPDATE_COMMAND';
  return {
    ...sdk,
    eq: (v) => (primitive(v, 'eq'), mark(q, sdk.eq(v))),
    neq: (v) => (primitive(v, 'neq'), mark(q, sdk.neq(v))),
    lt: (v) => (comparable(v, 'lt'), mark(q, sdk.lt(v))),
    lte: (v) => (comparable(v, 'lte'), mark(q, sdk.lte(v))),
    gt: (v) => (comparable(v, 'gt'), mark(q, sdk.gt(v))),
    gte: (v) => (comparable(v, 'gte'), mark(q, sdk.gte(v))),
    in: (vs) => (list(vs, 'in'), mark(q, sdk.in(vs))),
    nin: (vs) => (list(vs, 'nin'), mark(q, sdk.nin(vs))),
    exists: (b) => {
      if (typeof b !== 'boolean') throw invalid('exists takes a boolean');
      return mark(q, sdk.exists(b));
    },
    and: (...qs) => mark('LOGIC_COMMAND', sdk.and(...(qs as Query[]))),
    or: (...qs) => mark('LOGIC_COMMAND', sdk.or(...(qs as Query[]))),
    inc: (n) => {
      if (typeof n !== 'number' || !Number.isFinite(n)) throw invalid('inc takes a finite number');
      return mark(u, sdk.inc(n));
    },
    set: (v) => mark(u, sdk.set(v)),
    remove: () => mark(u, sdk.remove()),
    push: (v) => mark(u, sdk.push(v)),
  };
}

export function checkCollectionName(name: string): string {
  return assertIdentifier('collection', name);
}

/** Field values compared for equality (nested objects included): no update command, no undefined. */
function checkEquality(v: unknown, at: string): void {
  if (v === undefined) throw invalid(`where(): ${at} is undefined`);
  const kind = commandKind(v);
  if (kind === 'UPDATE_COMMAND') throw invalid(`where(): ${at} is an update command`);
  if (kind !== null) return; // a field's query command (its operands were checked when built)
  if (isPlainObject(v)) for (const [k, x] of Object.entries(v)) checkEquality(x, `${at}.${k}`);
}

/**
 * A where() argument checked (field paths, values) and rewritten where MongoDB would refuse
 * what the local implementation answers: an empty `_.or([])` matches nothing, an empty
 * `_.and([])` everything (MongoDB: "$and/$or/$nor must be a nonempty array").
 */
export function checkedWhere(q: Query, command: Command): Query {
  const kind = commandKind(q);
  if (kind === 'LOGIC_COMMAND') {
    const operator = Reflect.get(q, 'operator') as unknown;
    const operands = Reflect.get(q, 'operands') as unknown;
    // Not the SDK's (a test's Database behind the binding): passed on as it is.
    if (operator === undefined) return q;
    if ((operator !== 'and' && operator !== 'or') || !Array.isArray(operands)) throw invalid('where(): only and / or combine queries');
    if (operands.length === 0) return operator === 'or' ? { _id: command.in([]) } : {};
    const checked = operands.map((o) => checkedWhere(o as Query, command));
    return operator === 'or' ? command.or(checked) : command.and(checked);
  }
  if (kind !== null || !isPlainObject(q)) throw invalid('where() takes an object of fields, or command.and / command.or');
  for (const [k, v] of Object.entries(q)) {
    fieldSegments(k);
    checkEquality(v, k);
  }
  return q;
}

/** orderBy(): a valid field path, 'asc' or 'desc'. */
export function checkOrder(field: string, dir: unknown): void {
  fieldSegments(field);
  if (dir !== 'asc' && dir !== 'desc') throw invalid(`orderBy direction must be 'asc' or 'desc'`);
}

export function checkSkip(n: unknown): void {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw invalid('skip() takes a non-negative integer');
}

/** field(): booleans on valid paths, not inclusion and exclusion together (_id aside). */
export function checkProjection(p: unknown): void {
  if (!isPlainObject(p)) throw invalid('field() takes an object of booleans');
  let include = false;
  let exclude = false;
  for (const [key, v] of Object.entries(p)) {
    if (typeof v !== 'boolean') throw invalid(`field(): ${key} must be true or false`);
    if (key === '_id') continue;
    fieldSegments(key);
    if (v) include = true;
    else exclude = true;
  }
  if (include && exclude) throw invalid('field() cannot mix inclusion and exclusion');
}

/**
 * A value to store as it will come back: JSON-shaped (no Date, NaN, Infinity, class instance),
 * keys without '.' or a leading '$', no command objects. `undefined` properties are dropped.
 */
function checkStorable(v: unknown, at: string): void {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
  if (typeof v === 'number') {
    if (Number.isFinite(v)) return;
    throw cannotStore(at, 'a non-finite number');
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (x === undefined) throw cannotStore(`${at}[${i}]`, 'undefined inside an array');
      checkStorable(x, `${at}[${i}]`);
    });
    return;
  }
  if (commandKind(v) !== null) throw cannotStore(at, 'a db.command value (only update() takes update commands)');
  if (isPlainObject(v)) {
    for (const [k, x] of Object.entries(v)) {
      if (k.includes('.') || k.startsWith('$')) throw cannotStore(`${at}.${k}`, "a key containing '.' or starting with '$'");
      if (x !== undefined) checkStorable(x, at ? `${at}.${k}` : k);
    }
    return;
  }
  throw cannotStore(at, v instanceof Date ? 'a Date (store epoch ms or an ISO string)' : `a ${typeof v}`);
}

function cannotStore(at: string, what: string): DatabaseError {
  return invalid(`cannot store ${what}${at ? ` at ${at}` : ''}`);
}

/** add() / set(): a storable document; set() names its id by doc(), never inside. */
export function checkDocument(data: unknown, op: 'add' | 'set'): void {
  if (!isPlainObject(data)) throw invalid(`${op}() takes an object`);
  if (op === 'set' && Object.prototype.hasOwnProperty.call(data, '_id')) throw invalid('set(): the id is the document\'s (doc(id)), not a field');
  checkStorable(data, '');
}

/**
 * update(): at least one field; valid paths, no `_id`, no path inside another one of the same
 * update ({o: {p: 1}, 'o.p': 2}); update commands or storable values, never a query command.
 */
export function checkUpdate(data: UpdateData): void {
  if (!isPlainObject(data) || Object.keys(data).length === 0) throw invalid('update() takes at least one field');
  const paths: string[] = [];
  const walk = (o: Record<string, unknown>, prefix: string): void => {
    for (const [k, v] of Object.entries(o)) {
      if (v === undefined) continue;
      const path = prefix ? `${prefix}.${k}` : k;
      fieldSegments(path);
      if (path === '_id' || path.startsWith('_id.')) throw invalid('update() cannot change _id');
      const kind = commandKind(v);
      if (kind === 'QUERY_COMMAND' || kind === 'LOGIC_COMMAND') throw invalid(`update(): ${path} is a query command`);
      if (kind === null && isPlainObject(v) && Object.keys(v).length > 0) walk(v, path);
      else {
        if (kind === null) checkStorable(v, path);
        paths.push(path);
      }
    }
  };
  walk(data, '');
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1] || sorted[i].startsWith(`${sorted[i - 1]}.`)) throw invalid(`update(): ${sorted[i - 1]} and ${sorted[i]} overlap`);
  }
}

import { DatabaseError } from '../types';
import { fieldSegments, isPlainObject } from '../validate';
import { pathLiteral } from './sql';

/**
 * `field({...})`: either an inclusion (`{a: true, 'b.c': true}`, `_id` kept unless
 * `_id: false`) or an exclusion (`{a: false}`), never both, as in CloudBase.
 * The document is cut down in SQL (top-level keys for inclusions, exact paths for
 * exclusions); nested inclusions are then trimmed from those returned rows in JS.
 */
export interface Projection {
  mode: 'include' | 'exclude';
  paths: string[][];
  keepId: boolean;
}

export function parseProjection(p: Record<string, boolean>): Projection {
  if (!isPlainObject(p)) throw invalid('field() takes an object of booleans');
  let keepId = true;
  const include: string[][] = [];
  const exclude: string[][] = [];
  for (const [key, v] of Object.entries(p)) {
    if (typeof v !== 'boolean') throw invalid(`field(): ${key} must be true or false`);
    if (key === '_id') {
      keepId = v;
      continue;
    }
    (v ? include : exclude).push(fieldSegments(key));
  }
  if (include.length > 0 && exclude.length > 0) throw invalid('field() cannot mix inclusion and exclusion');
  return include.length > 0 ? { mode: 'include', paths: include, keepId } : { mode: 'exclude', paths: exclude, keepId };
}

function invalid(message: string): DatabaseError {
  return new DatabaseError('INVALID_QUERY', message);
}

/** The SELECT expression for the projected `doc`. Keys are validated names, inlined as literals. */
export function projectionSql(p: Projection | null): string {
  if (p === null) return 'doc';
  if (p.mode === 'exclude') return p.paths.reduce((e, path) => `(${e} #- ${pathLiteral(path)})`, 'doc');
  const tops = [...new Set(p.paths.map((path) => path[0]))].map((k) => `'${k}'`);
  return `(SELECT COALESCE(jsonb_object_agg(key, value), '{}'::jsonb) FROM jsonb_each(doc) WHERE key IN (${tops.join(', ')}))`;
}

/** Trims nested inclusions (`a.b`) that SQL returned whole (`a`). */
export function trimProjected(doc: Record<string, unknown>, p: Projection | null): Record<string, unknown> {
  if (p === null || p.mode === 'exclude' || p.paths.every((path) => path.length === 1)) return doc;
  const out: Record<string, unknown> = {};
  for (const path of p.paths) copyPath(doc, out, path);
  return out;
}

function copyPath(from: Record<string, unknown>, to: Record<string, unknown>, path: readonly string[]): void {
  const [head, ...rest] = path;
  if (!Object.prototype.hasOwnProperty.call(from, head)) return;
  const v = from[head];
  if (rest.length === 0) {
    to[head] = v;
    return;
  }
  if (!isPlainObject(v)) return;
  const existing = to[head];
  const target: Record<string, unknown> = isPlainObject(existing) ? existing : {};
  copyPath(v, target, rest);
  if (Object.keys(target).length > 0) to[head] = target;
}

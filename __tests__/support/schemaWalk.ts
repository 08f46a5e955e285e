import type { ZodType } from 'zod';

/**
 * Walks an action's zod schema (zod 4's `_zod.def`): every string field, and an input that
 * the schema accepts, built from sample values. Lets a test send a bad string to every string
 * field of every action without a hand-kept list.
 */
type Def = { type: string; [k: string]: unknown };
const defOf = (s: unknown): Def => (s as { _zod: { def: Def } })._zod.def;

export type Path = (string | number)[];

/** Paths of every string leaf (through objects, optionals, nullables, arrays and unions). */
export function stringPaths(schema: unknown, path: Path = []): Path[] {
  const d = defOf(schema);
  switch (d.type) {
    case 'string':
      return [path];
    case 'object':
      return Object.entries(d.shape as Record<string, unknown>).flatMap(([k, v]) => stringPaths(v, [...path, k]));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return stringPaths(d.innerType, path);
    case 'pipe':
      return stringPaths(d.in, path);
    case 'array':
      return stringPaths(d.element, [...path, 0]);
    case 'union': {
      // Each option's leaves, tagged with the option's index so the sample takes that branch.
      return (d.options as unknown[]).flatMap((o, i) => stringPaths(o, [...path, `#${i}`]));
    }
    default:
      return [];
  }
}

/** Sample strings tried in turn for a string field: the first its checks accept is used. */
const STRING_SAMPLES = ['测试内容，足够长的说明文字', '2026-11-02', '2026-11', '2026-Q4', 'req-abcdef-123456', '12345678', '逢三六九', 'A1', 'x'];
const NUMBER_SAMPLES = [1, 5, 2026, 0, -1];

/**
 * An input the schema accepts (every optional field filled in), or undefined when no sample fits.
 * `branch` picks union options along the path of a field (`#i` segments from stringPaths).
 */
export function sampleInput(schema: unknown, branches: Map<string, number> = new Map(), at = ''): unknown {
  const d = defOf(schema);
  const z = schema as ZodType;
  switch (d.type) {
    case 'string':
      return STRING_SAMPLES.find((s) => z.safeParse(s).success);
    case 'number':
      return NUMBER_SAMPLES.find((n) => z.safeParse(n).success);
    case 'boolean':
      return true;
    case 'enum':
      return Object.values(d.entries as Record<string, unknown>)[0];
    case 'literal':
      return (d.values as unknown[])[0];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(d.shape as Record<string, unknown>)) {
        const value = sampleInput(v, branches, `${at}/${k}`);
        if (value !== undefined) out[k] = value;
      }
      return out;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
    case 'nonoptional':
      return sampleInput(d.innerType, branches, at);
    case 'pipe':
      return sampleInput(d.in, branches, at);
    case 'array': {
      const one = sampleInput(d.element, branches, `${at}/0`);
      return one === undefined ? [] : [one];
    }
    case 'union': {
      const options = d.options as unknown[];
      return sampleInput(options[branches.get(at) ?? 0], branches, `${at}/#${branches.get(at) ?? 0}`);
    }
    default:
      return undefined;
  }
}

/** The union choices a path makes (its `#i` segments), keyed as sampleInput looks them up. */
export function branchesOf(path: Path): Map<string, number> {
  const m = new Map<string, number>();
  let at = '';
  for (const seg of path) {
    if (typeof seg === 'string' && seg.startsWith('#')) m.set(at, Number(seg.slice(1)));
    at += `/${seg}`;
  }
  return m;
}

/** The path as zod reports it (union segments dropped). */
export function dataPath(path: Path): Path {
  return path.filter((seg) => !(typeof seg === 'string' && seg.startsWith('#')));
}

/** Sets the value at a data path in a sample input (arrays and objects already there). */
export function setAt(input: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(input) as Record<string | number, unknown>;
  let node = copy;
  for (const seg of path.slice(0, -1)) node = node[seg] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy;
}

import type { SqlParam } from './driver';

/** Collects bound parameters while SQL text is assembled: values never enter the text. */
export class SqlParams {
  readonly values: SqlParam[] = [];

  add(v: SqlParam): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }

  /** A JSON value, bound as text and cast: `$n::jsonb`. */
  json(jsonText: string): string {
    return `${this.add(jsonText)}::jsonb`;
  }
}

/** Quotes an identifier already checked by assertIdentifier (so no quote can occur in it). */
export function ident(name: string): string {
  return `"${name}"`;
}

/**
 * The SQL expression for a document field. The path is inlined as a literal (segments are
 * validated by FIELD_PATH: letters, digits, underscore) rather than bound, so that the
 * planner can match it against the expression indexes built from the very same function.
 * `_id` is the `id` column and never reaches here.
 */
export function jsonPath(segments: readonly string[]): string {
  return segments.length === 1 ? `(doc -> '${segments[0]}')` : `(doc #> '{${segments.join(',')}}')`;
}

/** A `text[]` path literal for jsonb_set / #- . */
export function pathLiteral(segments: readonly string[]): string {
  return `'{${segments.join(',')}}'`;
}

import type { PGlite } from '@electric-sql/pglite';
import type { Row, SqlParam } from './driver';

/**
 * One statement as ONE call into PGlite: Parse, Bind, Describe, Execute and Sync in a single
 * buffer of the wire protocol. `PGlite.query` sends each of them (and a Describe of the
 * statement) as a call of its own; on the redemption's hot path those calls cost more than the
 * statements. Parameters go as text (the SQL casts what needs casting, as with `query`), rows
 * come back through PGlite's own type parsers. Errors are PGlite's DatabaseError, as from `query`.
 */
const encoder = new TextEncoder();

class Writer {
  private chunks: Uint8Array[] = [];
  private size = 0;

  message(type: string, body: Uint8Array[]): void {
    const len = body.reduce((s, b) => s + b.length, 4);
    const head = new Uint8Array(5);
    head[0] = type.charCodeAt(0);
    new DataView(head.buffer).setInt32(1, len);
    this.push(head);
    for (const b of body) this.push(b);
  }

  private push(b: Uint8Array): void {
    this.chunks.push(b);
    this.size += b.length;
  }

  bytes(): Uint8Array {
    const out = new Uint8Array(this.size);
    let at = 0;
    for (const c of this.chunks) {
      out.set(c, at);
      at += c.length;
    }
    return out;
  }
}

const cstring = (s: string): Uint8Array => encoder.encode(`${s}\0`);
function int16(n: number): Uint8Array {
  const b = new Uint8Array(2);
  new DataView(b.buffer).setInt16(0, n);
  return b;
}
function int32(n: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, n);
  return b;
}

function text(v: SqlParam): string | null {
  if (v === null) return null;
  if (typeof v === 'boolean') return v ? 't' : 'f';
  return String(v);
}

/**
 * How a statement goes out: unnamed (parsed and planned each time), or as a named prepared
 * statement — parsed now (`parse`) or already (`parse: false`, only Bind and Execute go).
 */
export interface Prepared {
  name: string;
  parse: boolean;
  /**
   * Its rows' fields, known from an earlier call: then the statement is not described again
   * (a row description parsed on every call cost more than the ids it carried). Filled in by
   * the call that learns them.
   */
  fields?: Field[];
}

/** What else rides in the same call into PGlite. */
export interface Call {
  prepared?: Prepared;
  /** Prepared statements to drop first (Close of an unknown name is no error). */
  close?: readonly string[];
  /** BEGIN first, as a simple query ahead of the statement: a transaction's first statement. */
  begin?: boolean;
  /**
   * COMMIT after the statement's Sync, as a simple query: a transaction's last statement. Should
   * the statement fail, the transaction is aborted and that COMMIT ends it as a ROLLBACK.
   */
  commit?: boolean;
  /** Sync PGlite's file system afterwards (outside a transaction, and at its commit), as `query` does. */
  sync?: boolean;
}

/** The extended-protocol messages of one statement with its parameters, ending with Sync. */
export function statementMessages(sql: string, params: readonly SqlParam[], call: Call = {}): Uint8Array {
  const w = new Writer();
  for (const name of call.close ?? []) w.message('C', [encoder.encode('S'), cstring(name)]);
  if (call.begin) w.message('Q', [cstring('BEGIN')]);
  const prepared = call.prepared;
  const name = prepared?.name ?? '';
  if (!prepared || prepared.parse) w.message('P', [cstring(name), cstring(sql), int16(0)]);
  const values: Uint8Array[] = [];
  for (const p of params) {
    const t = text(p);
    if (t === null) values.push(int32(-1));
    else {
      const bytes = encoder.encode(t);
      values.push(int32(bytes.length), bytes);
    }
  }
  w.message('B', [cstring(''), cstring(name), int16(0), int16(params.length), ...values, int16(0)]);
  if (!prepared?.fields) w.message('D', [encoder.encode('P\0')]);
  w.message('E', [cstring(''), int32(0)]);
  w.message('S', []);
  if (call.commit) w.message('Q', [cstring('COMMIT')]);
  return w.bytes();
}

export interface Field {
  name: string;
  dataTypeID: number;
}
type Message = { name: string; fields?: unknown[] };
type Parsers = Record<number, (value: string, typeId: number) => unknown>;

/**
 * Runs one statement in one call; the rows as `query` would give them. Through
 * `execProtocolStream`: the reply is parsed as it comes, not also copied whole; the file system
 * is synced only when asked (PGlite's own `query` does not sync inside a transaction either).
 */
export async function wireQuery(pg: PGlite, sql: string, params: readonly SqlParam[], call: Call = {}): Promise<Row[]> {
  const messages = (await pg.execProtocolStream(statementMessages(sql, params, call), { syncToFs: call.sync === true })) as unknown as Message[];
  const parsers = (pg as unknown as { parsers: Parsers }).parsers;
  let fields: Field[] = call.prepared?.fields ?? [];
  const rows: Row[] = [];
  for (const m of messages) {
    if (m.name === 'rowDescription') {
      fields = (m.fields as Field[]).map(({ name, dataTypeID }) => ({ name, dataTypeID }));
      if (call.prepared) call.prepared.fields = fields;
    } else if (m.name === 'noData') {
      if (call.prepared) call.prepared.fields = [];
    } else if (m.name === 'dataRow') {
      const values = m.fields as (string | null)[];
      const row: Row = {};
      for (let i = 0; i < fields.length; i++) {
        const v = values[i];
        const parse = parsers[fields[i].dataTypeID];
        row[fields[i].name] = v === null ? null : parse ? parse(v, fields[i].dataTypeID) : v;
      }
      rows.push(row);
    }
  }
  return rows;
}

/**
 * The statements kept prepared on the connection, by text, the least recently used dropped
 * beyond `max`. Planning is most of what a short statement by id costs PGlite (a redemption's
 * statements took twice as long parsed and planned each time). Only statements whose plan does
 * not depend on the values are kept (QueryOptions.reuse), and only short ones (a batch job's
 * many-row statements are seldom sent twice with the same shape).
 */
export class PreparedStatements {
  private readonly byText = new Map<string, { name: string; fields?: Field[] }>();
  private closing: string[] = [];
  private n = 0;

  constructor(
    private readonly max = 200,
    private readonly maxText = 16_384,
  ) {}

  /** How to send `sql` now, and the names to close first; then `settled` with the outcome. */
  take(sql: string): { prepared?: Prepared; close: string[] } {
    const close = this.closing;
    this.closing = [];
    if (sql.length > this.maxText) return { close };
    const known = this.byText.get(sql);
    if (known !== undefined) {
      // Most recently used last: Map keeps insertion order.
      this.byText.delete(sql);
      this.byText.set(sql, known);
      return { prepared: { name: known.name, parse: false, ...(known.fields ? { fields: known.fields } : {}) }, close };
    }
    return { prepared: { name: `xy_${(++this.n).toString(36)}`, parse: true }, close };
  }

  /** After the call: a statement parsed without error is kept; after an error its name is dropped. */
  settled(sql: string, prepared: Prepared | undefined, ok: boolean): void {
    if (!prepared) return;
    if (!ok) {
      // Parse may have succeeded before Bind or Execute failed: drop it with the next call.
      this.byText.delete(sql);
      this.closing.push(prepared.name);
      return;
    }
    const known = this.byText.get(sql);
    if (!prepared.parse) {
      if (known && !known.fields && prepared.fields) known.fields = prepared.fields;
      return;
    }
    this.byText.set(sql, { name: prepared.name, ...(prepared.fields ? { fields: prepared.fields } : {}) });
    if (this.byText.size > this.max) {
      const [oldest, { name }] = this.byText.entries().next().value as [string, { name: string }];
      this.byText.delete(oldest);
      this.closing.push(name);
    }
  }

  get size(): number {
    return this.byText.size;
  }
}

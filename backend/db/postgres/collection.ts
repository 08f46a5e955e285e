import { randomBytes } from 'node:crypto';
import {
  DatabaseError,
  type Collection,
  type CollectionQuery,
  type Doc,
  type DocRef,
  type GetResult,
  type Query,
  type SortDirection,
  type UpdateData,
} from '../types';
import { assertDocId, fieldSegments, isPlainObject } from '../validate';
import type { QueryOptions, Row } from './driver';
import { toJsonText } from './json';
import { parseProjection, projectionSql, trimProjected, type Projection } from './projection';
import { SqlParams, jsonPath } from './sql';
import { rowToDoc, type Store } from './store';
import { compileUpdate } from './update';
import { compileWhere } from './where';

/** CloudBase's server-side read limits. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

interface QueryState {
  where: Query | null;
  orders: readonly { path: string[]; dir: SortDirection }[];
  skip: number;
  limit: number | null;
  projection: Projection | null;
}

const EMPTY: QueryState = { where: null, orders: [], skip: 0, limit: null, projection: null };

/** Immutable like the SDK's: every builder call returns a new query. */
class PgQuery<T extends Doc> implements CollectionQuery<T> {
  constructor(
    protected readonly store: Store,
    protected readonly name: string,
    protected readonly state: QueryState,
  ) {}

  private with(patch: Partial<QueryState>): PgQuery<T> {
    return new PgQuery<T>(this.store, this.name, { ...this.state, ...patch });
  }

  where(q: Query): CollectionQuery<T> {
    return this.with({ where: q });
  }

  orderBy(field: string, dir: SortDirection): CollectionQuery<T> {
    if (dir !== 'asc' && dir !== 'desc') throw new DatabaseError('INVALID_QUERY', `orderBy direction must be 'asc' or 'desc'`);
    return this.with({ orders: [...this.state.orders, { path: fieldSegments(field), dir }] });
  }

  skip(n: number): CollectionQuery<T> {
    if (!Number.isInteger(n) || n < 0) throw new DatabaseError('INVALID_QUERY', 'skip() takes a non-negative integer');
    return this.with({ skip: n });
  }

  /** Checked when the query runs (get rejects), so callers handle it like any database error. */
  limit(n: number): CollectionQuery<T> {
    return this.with({ limit: n });
  }

  field(projection: Record<string, boolean>): CollectionQuery<T> {
    return this.with({ projection: parseProjection(projection) });
  }

  async get(): Promise<GetResult<T>> {
    const { limit, skip, orders, projection } = this.state;
    const n = limit ?? DEFAULT_LIMIT;
    if (!Number.isInteger(n) || n < 1) throw new DatabaseError('INVALID_QUERY', 'limit() takes a positive integer');
    if (n > MAX_LIMIT) {
      throw new DatabaseError('LIMIT_EXCEEDED', `limit(${n}): CloudBase returns at most ${MAX_LIMIT} documents per query`);
    }
    const orderSql = orders.map(({ path, dir }) => {
      if (path.length === 1 && path[0] === '_id') return `id ${dir === 'asc' ? 'ASC' : 'DESC'}`;
      // Missing fields count as the lowest value in CloudBase: first ascending, last descending.
      return `${jsonPath(path)} ${dir === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}`;
    });
    // No tie-break after the caller's keys: CloudBase adds none, so ties come in no promised
    // order on either engine, and a query paging with skip() names its last key (orderBy('_id')).
    // Without any key, id order stands in for CloudBase's natural order (stable between pages).
    if (orderSql.length === 0) orderSql.push('id ASC');
    const table = this.store.table(this.name);
    // Inside a transaction callback it may ride in the transaction's next batch of reads.
    const rows = await this.store.query(
      this.name,
      (params) =>
        `SELECT id, ${projectionSql(projection)} AS doc FROM ${table} WHERE ${compileWhere(this.state.where, params)} ` +
        `ORDER BY ${orderSql.join(', ')} LIMIT ${params.add(n)} OFFSET ${params.add(skip)}`,
    );
    return { data: rows.map((r) => project<T>(r, projection)) };
  }

  /**
   * Multi-document writes are not offered (CloudBase forbids them in transactions and this
   * product forbids them everywhere). Not in the interface; kept so a cast call fails clearly.
   */
  update(): Promise<never> {
    return Promise.reject(new DatabaseError('UNSUPPORTED', 'where().update(): multi-document writes are not supported'));
  }

  remove(): Promise<never> {
    return Promise.reject(new DatabaseError('UNSUPPORTED', 'where().remove(): multi-document writes are not supported'));
  }

  /** Like CloudBase, count ignores skip and limit. */
  async count(): Promise<{ total: number }> {
    const params = new SqlParams();
    const where = compileWhere(this.state.where, params);
    const rows = await this.store.read(
      this.name,
      `SELECT count(*)::int AS n FROM ${this.store.table(this.name)} WHERE ${where}`,
      params.values,
    );
    return { total: Number(rows[0]?.n ?? 0) };
  }
}

function project<T extends Doc>(row: Row, p: Projection | null): T {
  const doc = rowToDoc<T>(row);
  if (p === null) return doc;
  const { _id, ...rest } = doc;
  const trimmed = trimProjected(rest, p);
  // Narrowing a projected document back to T is the caller's choice, as with the SDK.
  return (p.keepId ? { _id, ...trimmed } : trimmed) as unknown as T;
}

export class PgCollection<T extends Doc> extends PgQuery<T> implements Collection<T> {
  constructor(store: Store, name: string) {
    super(store, name, EMPTY);
    store.table(name); // validates the name now, where the mistake is
  }

  doc(id: string): DocRef<T> {
    return new PgDocRef<T>(this.store, this.name, assertDocId(id));
  }

  async add(data: Omit<T, '_id'> & { _id?: string }): Promise<{ id: string }> {
    if (!isPlainObject(data)) throw new DatabaseError('INVALID_QUERY', 'add() takes an object');
    const { _id, ...doc } = data;
    const id = _id === undefined ? newId() : assertDocId(_id);
    const params = new SqlParams();
    const sql = `INSERT INTO ${this.store.table(this.name)} (id, doc) VALUES (${params.add(id)}, ${params.json(toJsonText(doc))})`;
    await this.store.write(this.name, sql, params.values);
    return { id };
  }
}

/** 32 hex characters, the shape of CloudBase's generated ids. */
export function newId(): string {
  return randomBytes(16).toString('hex');
}

/** A statement by id: its plan does not depend on the values, so the driver may keep it prepared. */
const BY_ID: QueryOptions = { reuse: true };

class PgDocRef<T extends Doc> implements DocRef<T> {
  constructor(
    private readonly store: Store,
    private readonly name: string,
    private readonly id: string,
  ) {}

  async get(): Promise<GetResult<T>> {
    const readDoc = this.store.currentScope()?.readDoc;
    if (readDoc) {
      const row = await readDoc(this.name, this.store.table(this.name), this.id);
      return { data: row ? [rowToDoc<T>(row)] : [] };
    }
    const rows = await this.store.read(this.name, `SELECT id, doc FROM ${this.store.table(this.name)} WHERE id = $1`, [this.id], BY_ID);
    return { data: rows.map((r) => rowToDoc<T>(r)) };
  }

  async set(data: Omit<T, '_id'>): Promise<{ updated: number; upsertedId?: string | null }> {
    const params = new SqlParams();
    const sql = upsertSql(this.store.table(this.name), this.id, data, params);
    const rows = await this.store.write(this.name, sql, params.values, BY_ID);
    return upsertResult(rows, this.id);
  }

  async update(data: UpdateData): Promise<{ updated: number }> {
    const params = new SqlParams();
    const sql = updateSql(this.store.table(this.name), this.id, data, params);
    const rows = await this.store.write(this.name, sql, params.values, BY_ID);
    return { updated: rows.length };
  }

  async remove(): Promise<{ deleted: number }> {
    const rows = await this.store.write(this.name, `DELETE FROM ${this.store.table(this.name)} WHERE id = $1 RETURNING id`, [this.id], BY_ID);
    return { deleted: rows.length };
  }
}

/** set() replaces the whole document; like the SDK it refuses `_id` and update commands in data. */
export function setDocText(data: unknown): string {
  if (!isPlainObject(data)) throw new DatabaseError('INVALID_QUERY', 'set() takes an object');
  if (Object.prototype.hasOwnProperty.call(data, '_id')) throw new DatabaseError('INVALID_QUERY', 'set() data cannot contain _id');
  return toJsonText(data);
}

export function upsertSql(table: string, id: string, data: unknown, params: SqlParams): string {
  // xmax = 0 only on a freshly inserted row: tells "created" from "replaced".
  return (
    `INSERT INTO ${table} (id, doc) VALUES (${params.add(id)}, ${params.json(setDocText(data))}) ` +
    `ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc RETURNING (xmax = 0) AS inserted`
  );
}

export function upsertResult(rows: readonly Row[], id: string): { updated: number; upsertedId: string | null } {
  return rows[0]?.inserted === true ? { updated: 0, upsertedId: id } : { updated: 1, upsertedId: null };
}

export function updateSql(table: string, id: string, data: UpdateData, params: SqlParams): string {
  const expr = compileUpdate(data, params);
  return `UPDATE ${table} SET doc = ${expr} WHERE id = ${params.add(id)} RETURNING id`;
}

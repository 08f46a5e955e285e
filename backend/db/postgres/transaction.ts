import { DatabaseError, type Doc, type Transaction, type TxCollection, type TxDocRef, type UpdateData } from '../types';
import { assertDocId } from '../validate';
import type { Row, SqlParam } from './driver';
import { setDocText, updateSql, upsertResult, upsertSql } from './collection';
import { isConflict, mapWriteError } from './errors';
import { SqlParams } from './sql';
import { rowToDoc, type Store, type TxScope } from './store';

/**
 * runTransaction on PostgreSQL: READ COMMITTED with row locks.
 *
 * `tx.doc(id).get()` takes a transaction-scoped advisory lock on (collection, id) (on a
 * server; PGlite's single connection already runs transactions one at a time) and then
 * `SELECT … FOR UPDATE`: two transactions reading the same document run one after the
 * other, and this holds for a document that does not exist yet — the second one waits,
 * then sees the first one's insert. A `set()` of a document this transaction read as
 * absent is a plain INSERT, so an insert that still races (e.g. with a non-transactional
 * add) fails on the primary key, which counts as a conflict.
 *
 * Conflicts (deadlock, serialization failure, primary-key race) roll back and run the
 * callback again, `attempts` runs in all, then TX_CONFLICT. Any other error rolls back
 * and is rethrown unchanged. After a failed operation PostgreSQL has aborted the
 * transaction: its error is rethrown at the end even if the callback caught it.
 */
export async function runPgTransaction<R>(
  store: Store,
  fn: (tx: Transaction) => Promise<R>,
  attempts: number,
): Promise<R> {
  if (!Number.isInteger(attempts) || attempts < 1) throw new DatabaseError('INVALID_QUERY', 'attempts must be a positive integer');
  if (store.currentScope() !== undefined) throw new DatabaseError('UNSUPPORTED', 'runTransaction inside a transaction callback');
  let last: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    // Filled in by the driver's callback (a box, so TypeScript sees the assignment).
    const box: { tx?: PgTransaction; thrown?: { e: unknown } } = {};
    try {
      const result = await store.driver.transaction(async (q) => {
        const scope: TxScope = { driver: store.driver, q, pendingTables: new Set(), active: true };
        const current = new PgTransaction(store, scope);
        box.tx = current;
        try {
          let r: R;
          try {
            r = await store.runInScope(scope, () => fn(current));
          } catch (e) {
            box.thrown = { e };
            throw e;
          }
          if (current.failure !== undefined) throw current.failure;
          await current.flush();
          return r;
        } finally {
          current.finished = true;
          scope.active = false;
        }
      });
      if (box.tx !== undefined) store.markCreated(box.tx.scope.pendingTables);
      return result;
    } catch (e) {
      // A conflict either broke one of the callback's operations (even if it then threw
      // something else) or came from BEGIN/COMMIT. The callback's own errors are never
      // inspected: they come out as they are.
      const fromCallback = box.thrown !== undefined && box.thrown.e === e;
      const conflict = box.tx?.failure instanceof TxConflict || (!fromCallback && isConflict(e, store.declaredUnique));
      if (!conflict) throw e;
      last = e;
      // A little random backoff so that deadlocked peers do not collide again in lockstep.
      if (attempt < attempts) await sleep(Math.random() * 5 * attempt);
    }
  }
  throw new DatabaseError('TX_CONFLICT', `transaction conflicted ${attempts} times: ${describe(last)}`);
}

/** The error a transaction operation throws on a conflict; the loop above retries on it. */
class TxConflict extends DatabaseError {
  constructor(cause: unknown) {
    super('TX_CONFLICT', `transaction conflict: ${describe(cause)}`);
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

class PgTransaction implements Transaction {
  /** The first database error: PostgreSQL has aborted the transaction from there on. */
  failure: unknown = undefined;
  finished = false;
  /** What this transaction knows about documents it read: decides INSERT vs upsert in set(). */
  readonly known = new Map<string, 'absent' | 'present'>();
  /**
   * Writes of documents this transaction has read (so it holds their locks), kept until the
   * callback ends and then sent as one multi-row statement per table and kind: a batch job
   * that reads and rewrites hundreds of documents pays for the reads, not for every write.
   * A later read of the same document answers from here; update()/delete() flush first.
   */
  readonly pending = new Map<string, PendingWrite>();

  constructor(
    readonly store: Store,
    readonly scope: TxScope,
  ) {}

  collection<T extends Doc = Doc>(name: string): TxCollection<T> {
    this.store.table(name);
    return { doc: (id: string) => new PgTxDocRef<T>(this, name, assertDocId(id)) };
  }

  /** Sends the buffered writes (insert where the document was read as absent, else upsert). */
  async flush(): Promise<void> {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending.clear();
    const groups = new Map<string, PendingWrite[]>();
    for (const w of writes) {
      const k = `${w.name}\u0000${w.insert ? 'i' : 'u'}`;
      const g = groups.get(k);
      if (g) g.push(w);
      else groups.set(k, [w]);
    }
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += FLUSH_ROWS) {
        const chunk = group.slice(i, i + FLUSH_ROWS);
        const first = chunk[0];
        const params = new SqlParams();
        const values = chunk.map((w) => `(${params.add(w.id)}, ${params.json(w.docText)})`).join(', ');
        const sql =
          `INSERT INTO ${first.table} (id, doc) VALUES ${values}` + (first.insert ? '' : ' ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc');
        await this.exec(first.name, sql, params.values);
      }
    }
  }

  async exec(collection: string, sql: string, params: readonly SqlParam[]): Promise<Row[]> {
    if (this.finished) throw new DatabaseError('UNSUPPORTED', 'transaction already finished: an operation outlived its callback');
    if (this.failure !== undefined) throw this.failure;
    try {
      await this.store.ensureInTransaction(this.scope, collection);
      return await this.scope.q.query(sql, params);
    } catch (e) {
      const mapped = isConflict(e, this.store.declaredUnique) ? new TxConflict(e) : mapWriteError(e, this.store.declaredUnique);
      if (this.failure === undefined) this.failure = mapped;
      throw mapped;
    }
  }
}

/** Rows per buffered multi-row INSERT (2 parameters each, far below PostgreSQL's 65535). */
const FLUSH_ROWS = 500;

interface PendingWrite {
  name: string;
  table: string;
  id: string;
  docText: string;
  /** Read as absent: a plain INSERT (a racing insert then fails on the key: a conflict). */
  insert: boolean;
}

class PgTxDocRef<T extends Doc> implements TxDocRef<T> {
  private readonly table: string;
  private readonly key: string;

  constructor(
    private readonly tx: PgTransaction,
    private readonly name: string,
    private readonly id: string,
  ) {
    this.table = tx.store.table(name);
    this.key = `${tx.store.schema}.${name}/${id}`;
  }

  async get(): Promise<{ data: T | null }> {
    const buffered = this.tx.pending.get(this.key);
    if (buffered) {
      if (this.tx.finished) throw new DatabaseError('UNSUPPORTED', 'transaction already finished: an operation outlived its callback');
      if (this.tx.failure !== undefined) throw this.tx.failure;
      return { data: { _id: this.id, ...(JSON.parse(buffered.docText) as object) } as T };
    }
    // With one connection (PGlite) transactions run one at a time, so there is nobody to wait
    // for: the lock would be a wasted round trip on the hottest path (every tx read).
    if (!this.tx.store.driver.singleConnection) {
      await this.tx.exec(this.name, 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [this.key]);
    }
    const rows = await this.tx.exec(this.name, `SELECT id, doc FROM ${this.table} WHERE id = $1 FOR UPDATE`, [this.id]);
    this.tx.known.set(this.key, rows.length > 0 ? 'present' : 'absent');
    return { data: rows.length > 0 ? rowToDoc<T>(rows[0]) : null };
  }

  async set(data: Omit<T, '_id'>): Promise<{ updated: number; upsertedId?: string | null }> {
    if (this.tx.finished) throw new DatabaseError('UNSUPPORTED', 'transaction already finished: an operation outlived its callback');
    if (this.tx.failure !== undefined) throw this.tx.failure;
    const docText = setDocText(data);
    const known = this.tx.known.get(this.key);
    const buffered = this.tx.pending.get(this.key);
    if (known !== undefined || buffered) {
      // Read first (locked): the write can wait for the end of the callback.
      const insert = buffered ? buffered.insert : known === 'absent';
      this.tx.pending.set(this.key, { name: this.name, table: this.table, id: this.id, docText, insert });
      this.tx.known.set(this.key, 'present');
      return insert ? { updated: 0, upsertedId: this.id } : { updated: 1, upsertedId: null };
    }
    // A blind write: sent now, so that its outcome (created or replaced) is known.
    const params = new SqlParams();
    const sql = upsertSql(this.table, this.id, data, params);
    const rows = await this.tx.exec(this.name, sql, params.values);
    this.tx.known.set(this.key, 'present');
    return upsertResult(rows, this.id);
  }

  async update(data: UpdateData): Promise<{ updated: number }> {
    await this.tx.flush();
    const params = new SqlParams();
    const sql = updateSql(this.table, this.id, data, params);
    const rows = await this.tx.exec(this.name, sql, params.values);
    return { updated: rows.length };
  }

  async delete(): Promise<{ deleted: number }> {
    await this.tx.flush();
    const rows = await this.tx.exec(this.name, `DELETE FROM ${this.table} WHERE id = $1 RETURNING id`, [this.id]);
    this.tx.known.set(this.key, 'absent');
    return { deleted: rows.length };
  }
}

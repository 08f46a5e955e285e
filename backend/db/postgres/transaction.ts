import { DatabaseError, type Doc, type Transaction, type TxCollection, type TxDocRef, type UpdateData } from '../types';
import { assertDocId } from '../validate';
import type { QueryOptions, Row, SqlParam } from './driver';
import { setDocText, updateSql } from './collection';
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
        // A plain doc(id).get() from inside the callback joins the transaction's next batch.
        scope.readDoc = (name, table, id) => current.read(name, table, id, `${store.schema}.${name}/${id}`, false);
        // … and so does a query (`db…where().get()`): the recipients of a receipt's notice, say.
        scope.readQuery = (name, build) => current.query(name, build);
        try {
          let r: R;
          try {
            r = await store.runInScope(scope, () => fn(current));
          } catch (e) {
            box.thrown = { e };
            throw e;
          }
          if (current.failure !== undefined) throw current.failure;
          // The buffered writes; the last statement may carry the COMMIT (PGlite).
          await current.flush(true);
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
  /**
   * Reads asked for in the same tick (`Promise.all(ids.map((id) => tx…doc(id).get()))`) go
   * out as one `WHERE id = ANY(…) FOR UPDATE` per collection: a batch job locks and reads
   * hundreds of documents in one round trip. A lone read is simply a batch of one.
   */
  private loads = new Map<string, PendingRead[]>();
  private loadScheduled = false;

  constructor(
    readonly store: Store,
    readonly scope: TxScope,
  ) {}

  collection<T extends Doc = Doc>(name: string): TxCollection<T> {
    this.store.table(name);
    return { doc: (id: string) => new PgTxDocRef<T>(this, name, assertDocId(id)) };
  }

  declareNew(name: string, ids: readonly string[]): void {
    this.store.table(name);
    for (const id of ids) {
      const key = `${this.store.schema}.${name}/${assertDocId(id)}`;
      // What this transaction already knows (read, or written) stands.
      if (!this.known.has(key)) this.known.set(key, 'absent');
    }
  }

  /**
   * A read of the next batch. `lock`: the transaction's own `tx…doc(id).get()` (FOR UPDATE, and
   * what it finds decides INSERT or upsert on set()); without: a plain `db…doc(id).get()` made
   * from inside the callback, which rides in the same statement but locks nothing.
   */
  read(name: string, table: string, id: string, key: string, lock = true): Promise<Row | null> {
    return new Promise<Row | null>((resolve, reject) => {
      const k = `${name}\u0000${lock ? 'l' : 'r'}`;
      const group = this.loads.get(k);
      const read: PendingRead = { name, table, id, key, lock, resolve, reject };
      if (group) group.push(read);
      else this.loads.set(k, [read]);
      this.scheduleLoads();
    });
  }

  /** A plain query made from inside the callback: it rides in the next batch, unlocked. */
  query(name: string, build: (params: SqlParams) => string): Promise<Row[]> {
    return new Promise<Row[]>((resolve, reject) => {
      this.queries.push({ name, build, resolve, reject });
      this.scheduleLoads();
    });
  }

  private queries: PendingQuery[] = [];

  private scheduleLoads(): void {
    if (this.loadScheduled) return;
    this.loadScheduled = true;
    // After the current tick: every get() started synchronously with this one joins it.
    void Promise.resolve().then(() => this.runLoads());
  }

  private async runLoads(): Promise<void> {
    this.loadScheduled = false;
    const groups = [...this.loads.values()];
    this.loads.clear();
    const all = groups.flat();
    const allQueries = this.queries;
    let queries = allQueries;
    this.queries = [];
    try {
      const locked = all.filter((r) => r.lock);
      // With one connection (PGlite) transactions run one at a time, so there is nobody to
      // wait for: the lock would be a wasted round trip on the hottest path (every tx read).
      if (!this.store.driver.singleConnection && locked.length > 0) {
        // One statement, keys sorted: two transactions locking overlapping sets queue instead of
        // deadlocking (unnest keeps the array's order, so the locks are taken in that order).
        const keys = [...new Set(locked.map((r) => r.key))].sort();
        const names = [...new Set(locked.map((r) => r.name))];
        await this.exec(names, 'SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest($1::text[]) AS k', [`{${keys.map(pgArrayItem).join(',')}}`]);
      }
      // Every collection's ids in one statement (a SELECT … [FOR UPDATE] per collection, as
      // WITH clauses): the reads a use case starts together cost one round trip, not one each.
      const parts: { group: number; name: string; table: string; lock: boolean; ids: string[] }[] = [];
      for (const [group, reads] of groups.entries()) {
        const ids = [...new Set(reads.map((r) => r.id))];
        const { name, table, lock } = reads[0];
        for (let i = 0; i < ids.length; i += READ_IDS) parts.push({ group, name, table, lock, ids: ids.slice(i, i + READ_IDS) });
      }
      const rows = new Map<string, Row>();
      // Queries ride in the first statement (q0, q1, … beside r0, r1, …), each with its rows'
      // order (o), which a UNION ALL does not promise to keep.
      const answers = queries.map((): Row[] => []);
      for (let i = 0; i < parts.length || queries.length > 0; ) {
        let ids = 0;
        let j = i;
        while (j < parts.length && (j === i || ids + parts[j].ids.length <= READ_IDS)) ids += parts[j++].ids.length;
        const batch = parts.slice(i, j);
        i = j;
        const qs = queries;
        queries = [];
        const params = new SqlParams();
        const select = (p: (typeof batch)[number]): string =>
          `SELECT id, doc FROM ${p.table} WHERE ` +
          (p.ids.length === 1 ? `id = ${params.add(p.ids[0])}` : `id IN (${p.ids.map((id) => params.add(id)).join(', ')})`) +
          (p.lock ? ' FOR UPDATE' : '');
        const o = qs.length > 0 ? ', 0 AS o' : '';
        const sql =
          batch.length === 1 && qs.length === 0
            ? select(batch[0]).replace(/^SELECT id, doc/, 'SELECT 0 AS g, id, doc')
            : `WITH ${[...batch.map((p, n) => `r${n} AS (${select(p)})`), ...qs.map((q, n) => `q${n} AS (${q.build(params)})`)].join(', ')} ` +
              [
                ...batch.map((_, n) => `SELECT ${n} AS g, id, doc${o} FROM r${n}`),
                ...qs.map((_, n) => `SELECT ${-1 - n} AS g, id, doc, (row_number() OVER ())::int AS o FROM q${n}`),
              ].join(' UNION ALL ');
        const got = await this.exec([...new Set([...batch.map((p) => p.name), ...qs.map((q) => q.name)])], sql, params.values);
        for (const row of got) {
          const g = Number(row.g);
          if (g < 0) answers[-1 - g].push(row);
          else rows.set(`${batch[g].group}\u0000${row.id as string}`, { id: row.id, doc: row.doc });
        }
        for (const [n, q] of qs.entries()) q.resolve(answers[n].sort((a, b) => Number(a.o) - Number(b.o)).map((r) => ({ id: r.id, doc: r.doc })));
      }
      for (const [group, reads] of groups.entries()) {
        // Two reads of one document must not share objects: each gets its own copy. A document
        // read once (the usual case) is handed its row as parsed, uncopied.
        const readers = new Map<string, number>();
        for (const r of reads) readers.set(r.id, (readers.get(r.id) ?? 0) + 1);
        for (const r of reads) {
          const row = rows.get(`${group}\u0000${r.id}`) ?? null;
          if (r.lock) this.known.set(r.key, row ? 'present' : 'absent');
          r.resolve(row && (readers.get(r.id) ?? 0) > 1 ? { id: row.id, doc: structuredClone(row.doc) } : row);
        }
      }
    } catch (e) {
      for (const r of all) r.reject(e);
      // (Those already answered stay answered.)
      for (const q of allQueries) q.reject(e);
    }
  }

  /**
   * Blind writes (documents not read first) started in one tick go out together, with the
   * buffered ones, as soon as the tick ends: their callers await the outcome (created or
   * replaced), so they cannot wait for the commit, but they need not cost a statement each.
   */
  private writeScheduled = false;

  scheduleFlush(): void {
    if (this.writeScheduled) return;
    this.writeScheduled = true;
    void Promise.resolve().then(() => {
      this.writeScheduled = false;
      // A failure rejects the blind writers and is the transaction's failure: nothing to add here.
      return this.flush().catch(() => undefined);
    });
  }

  /**
   * Sends the buffered writes (insert where the document was read as absent, else upsert).
   * `last`: the callback has ended, nothing follows: the driver may commit with the last statement.
   */
  async flush(last = false): Promise<void> {
    if (this.pending.size === 0) return;
    const writes = [...this.pending.values()];
    this.pending.clear();
    const groups = new Map<string, PendingWrite[]>();
    for (const w of writes) {
      const k = `${w.name}\u0000${w.waiters ? 'b' : w.insert ? 'i' : 'u'}`;
      const g = groups.get(k);
      if (g) g.push(w);
      else groups.set(k, [w]);
    }
    // Every group's rows, as INSERT statements of at most FLUSH_ROWS rows each …
    const parts: { name: string; blind: boolean; build(params: SqlParams): string }[] = [];
    for (const group of groups.values()) {
      for (let i = 0; i < group.length; i += FLUSH_ROWS) {
        const chunk = group.slice(i, i + FLUSH_ROWS);
        const first = chunk[0];
        const blind = first.waiters !== undefined;
        parts.push({
          name: first.name,
          blind,
          build: (params) =>
            `INSERT INTO ${first.table} (id, doc) VALUES ${chunk.map((w) => `(${params.add(w.id)}, ${params.json(w.docText)})`).join(', ')}` +
            (first.insert ? '' : ' ON CONFLICT (id) DO UPDATE SET doc = EXCLUDED.doc') +
            // xmax = 0 only on a freshly inserted row: tells a blind writer "created" from "replaced".
            (blind ? ` RETURNING ${params.add(first.name)}::text AS c, id, (xmax = 0) AS inserted` : ''),
        });
      }
    }
    // … sent as few statements as possible: several tables' inserts ride in one statement as
    // data-modifying WITH clauses (each touches other rows, so they cannot see each other).
    const inserted = new Map<string, boolean>();
    try {
      for (let i = 0; i < parts.length; i += FLUSH_STATEMENTS) {
        const batch = parts.slice(i, i + FLUSH_STATEMENTS);
        const params = new SqlParams();
        const blind = batch.map((p, n) => (p.blind ? n : -1)).filter((n) => n >= 0);
        const sql =
          batch.length === 1
            ? batch[0].build(params)
            : `WITH ${batch.map((p, n) => `w${n} AS (${p.build(params)})`).join(', ')} ` +
              (blind.length === 0 ? 'SELECT 1' : blind.map((n) => `SELECT c, id, inserted FROM w${n}`).join(' UNION ALL '));
        const rows = await this.exec(
          batch.map((p) => p.name),
          sql,
          params.values,
          last && i + FLUSH_STATEMENTS >= parts.length ? LAST : BY_ID,
        );
        for (const r of rows) if (typeof r.c === 'string') inserted.set(`${r.c}\u0000${r.id as string}`, r.inserted === true);
      }
    } catch (e) {
      for (const w of writes) for (const waiter of w.waiters ?? []) waiter.reject(e);
      throw e;
    }
    for (const w of writes) {
      const created = inserted.get(`${w.name}\u0000${w.id}`) === true;
      for (const waiter of w.waiters ?? []) waiter.resolve(created ? { updated: 0, upsertedId: w.id } : { updated: 1, upsertedId: null });
    }
  }

  /** Every statement a transaction sends is by id (reads, writes, locks): kept prepared by the driver. */
  async exec(collection: string | string[], sql: string, params: readonly SqlParam[], options: QueryOptions = BY_ID): Promise<Row[]> {
    if (this.finished) throw new DatabaseError('UNSUPPORTED', 'transaction already finished: an operation outlived its callback');
    if (this.failure !== undefined) throw this.failure;
    try {
      for (const c of typeof collection === 'string' ? [collection] : collection) await this.store.ensureInTransaction(this.scope, c);
      return await this.scope.q.query(sql, params, options);
    } catch (e) {
      const mapped = isConflict(e, this.store.declaredUnique) ? new TxConflict(e) : mapWriteError(e, this.store.declaredUnique);
      if (this.failure === undefined) this.failure = mapped;
      throw mapped;
    }
  }
}

const BY_ID: QueryOptions = { reuse: true };
/** The transaction's last statement: by id too, and the driver may commit with it. */
const LAST: QueryOptions = { reuse: true, commit: true };

/** Ids per batched read statement. */
const READ_IDS = 1000;

/** A text[] literal's element, quoted: keys hold dots and slashes, never trusted to be plain. */
function pgArrayItem(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

interface PendingRead {
  name: string;
  table: string;
  lock: boolean;
  id: string;
  key: string;
  resolve(row: Row | null): void;
  reject(e: unknown): void;
}

interface PendingQuery {
  name: string;
  build(params: SqlParams): string;
  resolve(rows: Row[]): void;
  reject(e: unknown): void;
}

/** Rows per buffered multi-row INSERT (2 parameters each, far below PostgreSQL's 65535). */
const FLUSH_ROWS = 500;
/** INSERTs per flushed statement (at most 16 × 500 × 2 = 16,000 parameters; a redemption writes nine tables). */
const FLUSH_STATEMENTS = 16;

interface PendingWrite {
  name: string;
  table: string;
  id: string;
  docText: string;
  /** Read as absent: a plain INSERT (a racing insert then fails on the key: a conflict). */
  insert: boolean;
  /** A blind write (not read first): its callers, waiting for the outcome of the upsert. */
  waiters?: { resolve(r: { updated: number; upsertedId: string | null }): void; reject(e: unknown): void }[];
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
    if (this.tx.finished) throw new DatabaseError('UNSUPPORTED', 'transaction already finished: an operation outlived its callback');
    if (this.tx.failure !== undefined) throw this.tx.failure;
    const row = await this.tx.read(this.name, this.table, this.id, this.key);
    return { data: row ? rowToDoc<T>(row) : null };
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
      this.tx.pending.set(this.key, { name: this.name, table: this.table, id: this.id, docText, insert, waiters: buffered?.waiters });
      this.tx.known.set(this.key, 'present');
      return insert ? { updated: 0, upsertedId: this.id } : { updated: 1, upsertedId: null };
    }
    // A blind write: its outcome (created or replaced) is known once it is sent, at the end of
    // this tick, with the other writes started meanwhile (one statement for all of them).
    return new Promise((resolve, reject) => {
      this.tx.pending.set(this.key, { name: this.name, table: this.table, id: this.id, docText, insert: false, waiters: [{ resolve, reject }] });
      this.tx.known.set(this.key, 'present');
      this.tx.scheduleFlush();
    });
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

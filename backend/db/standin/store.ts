import { randomBytes } from 'node:crypto';
import { EJSON } from 'bson';
import type { IndexSpec } from '../indexes';
import { collectionExists, collectionNotExist, duplicateKey, StandinError, transactionGone, writeConflict } from './errors';

/**
 * The stand-in's storage: MongoDB's transaction model as CloudBase exposes it, in memory.
 *
 * - Every committed write gets a commit timestamp; a document keeps its versions while an
 *   open transaction may still need an older one.
 * - A transaction reads a snapshot taken at its first operation (not at startTransaction, as
 *   in MongoDB), plus its own writes. Reads take no locks.
 * - A transaction's write takes the document's write lock. It fails at once with a write
 *   conflict (and the transaction is aborted, as MongoDB aborts it) when another open
 *   transaction holds that lock, or when a version newer than its snapshot was committed:
 *   first writer wins. A write that changes nothing (an update matching no document, a
 *   no-op update) writes nothing and takes no lock, as in MongoDB.
 * - A write outside a transaction waits for the lock holder to end, then applies to the
 *   newest version.
 * - Any failed operation inside a transaction aborts it; later operations, and the commit,
 *   answer DATABASE_TRANSACTION_FAIL.
 * - A transaction not committed within `txLifetimeMs` (CloudBase: 30 s) is aborted.
 * - Unique indexes count a missing field as null (MongoDB): at most one document may lack it.
 *   A key held by another open transaction's uncommitted write is a conflict inside a
 *   transaction and a wait outside one.
 * - Queries (outside transactions) see the newest committed versions, in insertion order
 *   (MongoDB's natural order; a sort is stable on it, so ties come out in insertion order).
 */

export type StoredDoc = Record<string, unknown> & { _id: string };

interface Version {
  ts: number;
  /** Record id: insertion order; kept when a document is replaced or updated. */
  rid: number;
  doc: StoredDoc | null;
}

interface Entry {
  id: string;
  versions: Version[];
  writer: Tx | null;
}

class Coll {
  readonly entries = new Map<string, Entry>();
  constructor(
    readonly name: string,
    readonly uniques: readonly IndexSpec[],
  ) {}
}

interface PendingWrite {
  coll: Coll;
  entry: Entry;
  doc: StoredDoc | null;
}

export class Tx {
  state: 'active' | 'committed' | 'aborted' = 'active';
  reason = '';
  snapshot: number | null = null;
  /** Document operations (reads and writes) run in it. */
  ops = 0;
  readonly writes = new Map<string, PendingWrite>();
  readonly done: Promise<void>;
  finish!: () => void;
  timer: NodeJS.Timeout | null = null;

  constructor(readonly id: string) {
    this.done = new Promise<void>((resolve) => {
      this.finish = resolve;
    });
  }
}

/** What a write computes from the current document. `changed: false` writes nothing. */
export interface WriteOutcome<R> {
  changed: boolean;
  next?: StoredDoc | null;
  result: R;
}

export interface StoreOptions {
  indexes: readonly IndexSpec[];
  /** CloudBase aborts a transaction not committed within 30 s. */
  txLifetimeMs?: number;
}

const key = (coll: string, id: string): string => `${coll}\u0000${id}`;

export class Store {
  private clock = 0;
  private ridSeq = 0;
  private readonly colls = new Map<string, Coll>();
  private readonly txs = new Map<string, Tx>();
  /** The open ones (prune looks at their snapshots on every write). */
  private readonly open = new Set<Tx>();
  readonly txLifetimeMs: number;
  /**
   * Counters for reports: transactions begun / committed / aborted on a conflict, and the most
   * document operations one committed transaction held (CloudBase: keep it ≤ 100).
   */
  readonly stats = { started: 0, committed: 0, conflicts: 0, aborted: 0, waits: 0, maxTxOps: 0 };

  constructor(private readonly options: StoreOptions) {
    this.txLifetimeMs = options.txLifetimeMs ?? 30_000;
  }

  // ------------------------------------------------------------ collections

  createCollection(name: string): void {
    if (this.colls.has(name)) throw collectionExists(name);
    this.colls.set(
      name,
      new Coll(
        name,
        this.options.indexes.filter((i) => i.collection === name && i.unique === true),
      ),
    );
  }

  hasCollection(name: string): boolean {
    return this.colls.has(name);
  }

  collectionNames(): string[] {
    return [...this.colls.keys()];
  }

  private coll(name: string): Coll {
    const c = this.colls.get(name);
    if (c === undefined) throw collectionNotExist(name);
    return c;
  }

  /**
   * The committed documents of every collection, in natural order, as EJSON: a backup a later
   * stand-in can `load()` (the tests restore their seeded demo town this way instead of seeding
   * it again through the SDK).
   */
  dump(): string {
    if (this.open.size > 0) throw new Error('dump() with open transactions');
    const out: Record<string, StoredDoc[]> = {};
    for (const name of this.colls.keys()) out[name] = this.scan(name, null);
    return EJSON.stringify(out, { relaxed: false });
  }

  /** Restores a `dump()`: creates missing collections and inserts the documents as committed. */
  load(dump: string): void {
    const data = EJSON.parse(dump) as Record<string, StoredDoc[]>;
    for (const [name, docs] of Object.entries(data)) {
      if (!this.colls.has(name)) this.createCollection(name);
      const coll = this.coll(name);
      for (const doc of docs) {
        if (coll.entries.has(doc._id)) throw new Error(`load(): ${name}/${doc._id} exists`);
        this.newEntry(coll, doc._id).versions.push({ ts: ++this.clock, rid: ++this.ridSeq, doc });
      }
    }
  }

  // ------------------------------------------------------------ transactions

  begin(): Tx {
    const tx = new Tx(randomBytes(12).toString('hex'));
    this.txs.set(tx.id, tx);
    this.open.add(tx);
    this.stats.started += 1;
    tx.timer = setTimeout(() => this.abort(tx, `not committed within ${this.txLifetimeMs} ms`), this.txLifetimeMs);
    tx.timer.unref?.();
    return tx;
  }

  /** The open transaction with this id, else DATABASE_TRANSACTION_FAIL. */
  tx(id: string): Tx {
    const tx = this.txs.get(id);
    if (tx === undefined) throw transactionGone('unknown transaction');
    if (tx.state !== 'active') throw transactionGone(`transaction ${tx.state}: ${tx.reason}`);
    if (tx.snapshot === null) tx.snapshot = this.clock;
    return tx;
  }

  commit(id: string): void {
    const tx = this.tx(id);
    const ts = ++this.clock;
    for (const w of tx.writes.values()) {
      w.entry.versions.push({ ts, rid: this.ridFor(w.entry, w.doc), doc: w.doc });
      w.entry.writer = null;
    }
    this.end(tx, 'committed', 'committed');
    this.stats.committed += 1;
    this.stats.maxTxOps = Math.max(this.stats.maxTxOps, tx.ops);
    for (const w of tx.writes.values()) this.prune(w.coll, w.entry);
  }

  /** Ends an open transaction without applying it (idempotent on ended ones, unknown ids throw). */
  abort(tx: Tx | string, reason: string): void {
    const t = typeof tx === 'string' ? this.txs.get(tx) : tx;
    if (t === undefined) throw transactionGone('unknown transaction');
    if (t.state !== 'active') return;
    for (const w of t.writes.values()) {
      w.entry.writer = null;
      if (w.entry.versions.length === 0) w.coll.entries.delete(w.entry.id);
    }
    this.end(t, 'aborted', reason);
    this.stats.aborted += 1;
  }

  private end(tx: Tx, state: 'committed' | 'aborted', reason: string): void {
    tx.state = state;
    tx.reason = reason;
    this.open.delete(tx);
    if (tx.timer !== null) clearTimeout(tx.timer);
    tx.finish();
    // Keep ended transactions briefly, so that a late call gets "transaction aborted", not "unknown".
    setTimeout(() => this.txs.delete(tx.id), 60_000).unref?.();
  }

  /** Runs `op` inside `tx`; any failure aborts the transaction (MongoDB does), then rethrows. */
  private guarded<R>(tx: Tx, op: () => R): R {
    tx.ops += 1;
    try {
      return op();
    } catch (e) {
      if (e instanceof StandinError && e.code === 'DATABASE_TRANSACTION_CONFLICT') this.stats.conflicts += 1;
      this.abort(tx, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  // ------------------------------------------------------------ reads

  private visible(entry: Entry | undefined, tx: Tx | null): StoredDoc | null {
    if (entry === undefined) return null;
    if (tx === null) return entry.versions.length === 0 ? null : entry.versions[entry.versions.length - 1].doc;
    const snap = tx.snapshot ?? this.clock;
    for (let i = entry.versions.length - 1; i >= 0; i--) if (entry.versions[i].ts <= snap) return entry.versions[i].doc;
    return null;
  }

  private current(coll: Coll, id: string, tx: Tx | null): StoredDoc | null {
    if (tx !== null) {
      const own = tx.writes.get(key(coll.name, id));
      if (own !== undefined) return own.doc;
    }
    return this.visible(coll.entries.get(id), tx);
  }

  /** One document by id (a copy), as the caller (transaction or not) sees it. */
  get(collection: string, id: string, tx: Tx | null): StoredDoc | null {
    const read = (): StoredDoc | null => {
      const doc = this.current(this.coll(collection), id, tx);
      return doc === null ? null : structuredClone(doc);
    };
    return tx === null ? read() : this.guarded(tx, read);
  }

  /** Every visible document of a collection in natural (insertion) order. Not copied: read-only. */
  scan(collection: string, tx: Tx | null): StoredDoc[] {
    const run = (): StoredDoc[] => {
      const coll = this.coll(collection);
      const rows: { rid: number; doc: StoredDoc }[] = [];
      for (const entry of coll.entries.values()) {
        const doc = this.current(coll, entry.id, tx);
        if (doc === null) continue;
        rows.push({ rid: this.ridOf(entry, tx), doc });
      }
      rows.sort((a, b) => a.rid - b.rid);
      return rows.map((r) => r.doc);
    };
    return tx === null ? run() : this.guarded(tx, run);
  }

  private ridOf(entry: Entry, tx: Tx | null): number {
    const last = entry.versions[entry.versions.length - 1];
    if (last !== undefined && last.doc !== null) return last.rid;
    // Inserted by this transaction and not committed yet: after everything committed.
    return tx !== null && entry.writer === tx ? Number.MAX_SAFE_INTEGER : (last?.rid ?? Number.MAX_SAFE_INTEGER);
  }

  private ridFor(entry: Entry, next: StoredDoc | null): number {
    const last = entry.versions[entry.versions.length - 1];
    if (last !== undefined && last.doc !== null) return last.rid;
    return next === null ? (last?.rid ?? 0) : ++this.ridSeq;
  }

  // ------------------------------------------------------------ writes

  /**
   * One single-document write. `compute` sees the document as the caller sees it (null when
   * absent) and says what to store; it may throw (bad update, duplicate _id).
   */
  async write<R>(collection: string, id: string, tx: Tx | null, compute: (cur: StoredDoc | null) => WriteOutcome<R>): Promise<R> {
    if (tx !== null) return this.guarded(tx, () => this.writeInTx(this.coll(collection), id, tx, compute));
    for (;;) {
      const coll = this.coll(collection);
      const entry = coll.entries.get(id);
      if (entry?.writer) {
        // MongoDB: a write outside a transaction waits for the transaction holding the document.
        this.stats.waits += 1;
        await entry.writer.done;
        continue;
      }
      const cur = this.visible(entry, null);
      const out = compute(cur === null ? null : structuredClone(cur));
      if (!out.changed) return out.result;
      const next = out.next ?? null;
      if (next !== null) {
        const clash = this.uniqueClash(coll, id, next, null);
        if (clash instanceof Tx) {
          this.stats.waits += 1;
          await clash.done;
          continue;
        }
        if (clash !== null) throw clash;
      }
      const e = entry ?? this.newEntry(coll, id);
      e.versions.push({ ts: ++this.clock, rid: this.ridFor(e, next), doc: next });
      this.prune(coll, e);
      return out.result;
    }
  }

  private writeInTx<R>(coll: Coll, id: string, tx: Tx, compute: (cur: StoredDoc | null) => WriteOutcome<R>): R {
    const k = key(coll.name, id);
    const own = tx.writes.get(k);
    const entry = coll.entries.get(id);
    const cur = own !== undefined ? own.doc : this.visible(entry, tx);
    const out = compute(cur === null ? null : structuredClone(cur));
    if (!out.changed) return out.result;
    if (own === undefined && entry !== undefined) {
      if (entry.writer !== null && entry.writer !== tx) throw writeConflict();
      const last = entry.versions[entry.versions.length - 1];
      if (last !== undefined && last.ts > (tx.snapshot ?? this.clock)) throw writeConflict();
    }
    const next = out.next ?? null;
    if (next !== null) {
      const clash = this.uniqueClash(coll, id, next, tx);
      if (clash instanceof Tx) throw writeConflict();
      if (clash !== null) throw clash;
    }
    const e = entry ?? this.newEntry(coll, id);
    e.writer = tx;
    tx.writes.set(k, { coll, entry: e, doc: next });
    return out.result;
  }

  private newEntry(coll: Coll, id: string): Entry {
    const e: Entry = { id, versions: [], writer: null };
    coll.entries.set(id, e);
    return e;
  }

  /**
   * Another document holding `doc`'s key in a unique index: a DATABASE_DUPLICATE_WRITE error,
   * a write conflict (inside a transaction, when the holder committed after its snapshot),
   * or the open transaction whose uncommitted write holds the key.
   */
  private uniqueClash(coll: Coll, id: string, doc: StoredDoc, tx: Tx | null): StandinError | Tx | null {
    for (const index of coll.uniques) {
      const mine = uniqueKey(index, doc);
      for (const entry of coll.entries.values()) {
        if (entry.id === id) continue;
        const own = tx?.writes.get(key(coll.name, entry.id));
        if (own !== undefined) {
          if (own.doc !== null && uniqueKey(index, own.doc) === mine) return duplicateKey(coll.name, index.name, mine);
          continue;
        }
        const last = entry.versions[entry.versions.length - 1];
        if (entry.writer !== null && entry.writer !== tx) {
          const pending = entry.writer.writes.get(key(coll.name, entry.id))?.doc ?? null;
          const holds = [pending, last?.doc ?? null].some((d) => d !== null && uniqueKey(index, d) === mine);
          if (holds) return entry.writer;
          continue;
        }
        if (last === undefined || last.doc === null || uniqueKey(index, last.doc) !== mine) continue;
        if (tx !== null && last.ts > (tx.snapshot ?? this.clock)) return writeConflict();
        return duplicateKey(coll.name, index.name, mine);
      }
    }
    return null;
  }

  /** Drops versions no open transaction can read any more. */
  private prune(coll: Coll, entry: Entry): void {
    let oldest = this.clock;
    for (const t of this.open) if (t.snapshot !== null && t.snapshot < oldest) oldest = t.snapshot;
    let keepFrom = 0;
    for (let i = entry.versions.length - 1; i >= 0; i--) {
      if (entry.versions[i].ts <= oldest) {
        keepFrom = i;
        break;
      }
    }
    if (keepFrom > 0) entry.versions.splice(0, keepFrom);
    if (entry.writer === null && entry.versions.length === 1 && entry.versions[0].doc === null && entry.versions[0].ts <= oldest) {
      coll.entries.delete(entry.id);
    }
  }
}

/** A unique index's key of a document: missing fields count as null (MongoDB). */
export function uniqueKey(index: IndexSpec, doc: StoredDoc): string {
  const values = index.fields.map((f) => {
    let v: unknown = doc;
    for (const seg of f.field.split('.')) {
      v = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>)[seg] : undefined;
      if (v === undefined) break;
    }
    return v === undefined ? null : v;
  });
  const shown: Record<string, unknown> = {};
  index.fields.forEach((f, i) => {
    shown[f.field] = values[i];
  });
  return EJSON.stringify(shown, { relaxed: true });
}

import { AsyncLocalStorage } from 'node:async_hooks';
import type { ICloudBaseConfig } from '@cloudbase/node-sdk';
import {
  CLOUDBASE_LIMITS,
  DatabaseError,
  type Collection,
  type CollectionQuery,
  type Command,
  type Database,
  type Doc,
  type DocRef,
  type GetResult,
  type Query,
  type SortDirection,
  type Transaction,
  type TxDocRef,
  type UpdateData,
} from './types';
import { isPlainObject } from './validate';
import { checkCollectionName, checkDocument, checkOrder, checkProjection, checkSkip, checkUpdate, checkedCommand, checkedWhere } from './cloudbaseChecks';

/**
 * Production binding: our `Database` over `@cloudbase/node-sdk`'s `app.database()`.
 * Mostly a pass-through; it adds what the SDK leaves loose:
 * - limit() above 1000 rejects LIMIT_EXCEEDED (the SDK silently caps it);
 * - in a transaction, `doc.get()` is `{ data: doc | null }` (absent → null, never a throw);
 * - duplicate-key and transaction-conflict failures become DatabaseError DUPLICATE_KEY /
 *   TX_CONFLICT; errors thrown by a transaction callback come out unchanged;
 * - `attempts` means total runs (the SDK's `times` counts retries after the first run);
 * - `update({ x: {} })` sets `x` to `{}`, as locally (the SDK alone would drop the field);
 * - what the local implementation refuses is refused here too, as INVALID_QUERY, before the SDK
 *   sends it (./cloudbaseChecks.ts: field paths, command operands, values that would not
 *   round-trip, limit(0), skip(-1), mixed projections, overlapping update paths), and an empty
 *   `_.or([])` / `_.and([])` matches nothing / everything instead of MongoDB's refusal; the
 *   server's own refusals (DATABASE_REQUEST_FAILED, INVALID_PARAM) become INVALID_QUERY;
 * - in a transaction, an operation that failed stays the transaction's error even if the
 *   callback swallowed it (CloudBase then fails the commit with DATABASE_TRANSACTION_FAIL), and
 *   an operation on a finished transaction is refused as UNSUPPORTED;
 * - inside a transaction's callback, plain writes (db.collection().add / doc().set …) and a
 *   nested runTransaction are refused as UNSUPPORTED, as locally. Plain reads are not: they read
 *   outside the transaction here (CloudBase's transactions hold documents, not queries), where
 *   locally they read through it — no production code reads its own writes that way.
 *
 * This file only imports SDK *types*: nothing here loads or initialises the SDK (an
 * uninitialised SDK call kills Node with an unhandled rejection). `openCloudbase` is the
 * one place that requires it, lazily.
 */

/** The slice of the SDK's database this binding calls (the SDK's own typings are mostly `any`). */
export interface SdkQuery {
  where(query: object): SdkQuery;
  orderBy(field: string, direction: SortDirection): SdkQuery;
  skip(n: number): SdkQuery;
  limit(n: number): SdkQuery;
  field(projection: object): SdkQuery;
  get(): Promise<unknown>;
  count(): Promise<unknown>;
}
export interface SdkDocRef {
  get(): Promise<unknown>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  remove(): Promise<unknown>;
}
export interface SdkTxDocRef {
  get(): Promise<unknown>;
  set(data: object): Promise<unknown>;
  update(data: object): Promise<unknown>;
  delete(): Promise<unknown>;
}
export interface SdkCollection extends SdkQuery {
  doc(id: string): SdkDocRef;
  add(data: object): Promise<unknown>;
}
export interface SdkTransaction {
  collection(name: string): { doc(id: string): SdkTxDocRef };
}
export interface SdkDatabase {
  collection(name: string): SdkCollection;
  command: unknown;
  runTransaction(callback: (tx: SdkTransaction) => Promise<unknown>, times?: number): Promise<unknown>;
}
export interface CloudbaseApp {
  database(): SdkDatabase;
}

export const MAX_LIMIT = 1000;

export function fromCloudbase(app: CloudbaseApp): Database {
  const sdb = app.database();
  // The SDK's command builders are the real thing (our Command type describes the subset we
  // use), their operands checked as locally.
  const command = checkedCommand(sdb.command as Command);
  return {
    limits: CLOUDBASE_LIMITS,
    command,
    collection: <T extends Doc = Doc>(name: string): Collection<T> => new CbCollection<T>(sdb.collection(checkCollectionName(name)), command),
    runTransaction: <R>(fn: (tx: Transaction) => Promise<R>, attempts = TX_ATTEMPTS) => runTransaction(sdb, command, fn, attempts),
  };
}

/** Initialises the SDK (lazily required) for the current cloud function's environment. */
export function openCloudbase(config: ICloudBaseConfig = {}): Database {
  const sdk = require('@cloudbase/node-sdk') as typeof import('@cloudbase/node-sdk');
  return fromCloudbase(sdk.init({ env: sdk.SYMBOL_CURRENT_ENV, ...config }));
}

// ---------------------------------------------------------------- errors

function prop(o: unknown, key: string): unknown {
  return typeof o === 'object' && o !== null ? Reflect.get(o, key) : undefined;
}

function text(e: unknown): string {
  const code = prop(e, 'code');
  const message = prop(e, 'message');
  return `${typeof code === 'string' ? code : ''} ${typeof message === 'string' ? message : ''}`.trim();
}

export function isSdkConflict(e: unknown): boolean {
  return prop(e, 'code') === 'DATABASE_TRANSACTION_CONFLICT';
}

/** An operation found its transaction gone (aborted, or past its server-side lifetime): nothing of it committed. */
function isTransactionGone(e: unknown): boolean {
  return prop(e, 'code') === 'DATABASE_TRANSACTION_FAIL';
}

/** Maps SDK/server failures we branch on to DatabaseError; everything else is returned unchanged. */
export function mapCloudbaseError(e: unknown): unknown {
  if (e instanceof DatabaseError) return e;
  const t = text(e);
  if (/E11000|duplicate key|DUPLICATE/i.test(t)) return new DatabaseError('DUPLICATE_KEY', t);
  if (isSdkConflict(e)) return new DatabaseError('TX_CONFLICT', t);
  // The server (or the SDK) refused the request itself: a malformed query or write.
  const code = prop(e, 'code');
  if (code === 'DATABASE_REQUEST_FAILED' || code === 'INVALID_PARAM') return new DatabaseError('INVALID_QUERY', t);
  return e;
}

/** "This document does not exist" (not: the collection does not exist). */
export function isDocumentNotExist(e: unknown): boolean {
  const t = text(e);
  return /DOCUMENT_NOT_EXIST|document.{0,20}(not exist|does not exist|不存在)|doc.{0,10}not.{0,5}exist/i.test(t) && !/collection/i.test(t);
}

async function call<R>(p: () => Promise<unknown>, read: (res: unknown) => R): Promise<R> {
  let res: unknown;
  try {
    res = await p();
  } catch (e) {
    throw mapCloudbaseError(e);
  }
  return read(res);
}

// ---------------------------------------------------------------- inside a transaction's callback

/** The attempt whose callback the current code runs in (async context), if any. */
const callbackOf = new AsyncLocalStorage<{ ended: boolean }>();

/** Plain writes and nested transactions are refused inside a callback still running, as locally. */
function refusedInCallback(what: string): DatabaseError | null {
  const attempt = callbackOf.getStore();
  if (attempt === undefined || attempt.ended) return null;
  return new DatabaseError('UNSUPPORTED', `${what} inside a transaction's callback: write through the transaction (tx.collection(…).doc(…)), one transaction at a time`);
}

/** `write`, unless refused inside a transaction's callback. */
function plainWrite<R>(what: string, write: () => Promise<R>): Promise<R> {
  const refused = refusedInCallback(what);
  return refused ? Promise.reject(refused) : write();
}

// ---------------------------------------------------------------- updates

/**
 * The SDK turns an update's plain objects into dot paths (`{o: {p: 1}}` → `$set {'o.p': 1}`) and
 * an empty one becomes nothing: `update({ x: {} })` would leave `x` as it was, where PostgreSQL
 * (and the SDK's own `set`) store `{}`. Each empty plain object, at any depth, is sent as
 * `_.set({})`, which the SDK passes on as `$set {x: {}}`.
 */
export function keepEmptyObjects(data: UpdateData, command: Pick<Command, 'set'>): UpdateData {
  const out: UpdateData = {};
  for (const [k, v] of Object.entries(data)) {
    if (!isPlainObject(v)) out[k] = v;
    else if (Object.keys(v).length === 0) out[k] = command.set({});
    else out[k] = keepEmptyObjects(v, command);
  }
  return out;
}

// ---------------------------------------------------------------- result shapes

function num(res: unknown, key: string): number {
  const v = prop(res, key);
  return typeof v === 'number' ? v : 0;
}

function docs<T>(res: unknown): T[] {
  const data = prop(res, 'data');
  // Typed by the caller's collection<T>(), exactly as with the SDK.
  return Array.isArray(data) ? (data as T[]) : [];
}

function setResult(res: unknown): { updated: number; upsertedId: string | null } {
  const direct = prop(res, 'upsertedId');
  // Inside a transaction the SDK reports `upserted: [{ _id }]` instead.
  const viaList = prop(prop(prop(res, 'upserted'), '0'), '_id');
  const id = typeof direct === 'string' ? direct : typeof viaList === 'string' ? viaList : null;
  return { updated: num(res, 'updated'), upsertedId: id };
}

// ---------------------------------------------------------------- collections

class CbQuery<T extends Doc> implements CollectionQuery<T> {
  constructor(
    protected readonly q: SdkQuery,
    protected readonly cmd: Command,
    private readonly requestedLimit: number | null = null,
    /** A where() that was refused: get() and count() reject with it, as locally. */
    private readonly refused: DatabaseError | null = null,
  ) {}

  where(query: Query): CollectionQuery<T> {
    let checked: Query;
    try {
      checked = checkedWhere(query, this.cmd);
    } catch (e) {
      if (e instanceof DatabaseError) return new CbQuery<T>(this.q, this.cmd, this.requestedLimit, e);
      throw e;
    }
    return new CbQuery<T>(this.q.where(checked), this.cmd, this.requestedLimit, this.refused);
  }
  orderBy(field: string, dir: SortDirection): CollectionQuery<T> {
    checkOrder(field, dir);
    return new CbQuery<T>(this.q.orderBy(field, dir), this.cmd, this.requestedLimit, this.refused);
  }
  skip(n: number): CollectionQuery<T> {
    checkSkip(n);
    return new CbQuery<T>(this.q.skip(n), this.cmd, this.requestedLimit, this.refused);
  }
  limit(n: number): CollectionQuery<T> {
    // Remember the request: the SDK would cap it at 1000 (and send 0 as 100) silently; get() rejects instead.
    const sendable = Number.isInteger(n) && n >= 1 && n <= MAX_LIMIT;
    return new CbQuery<T>(sendable ? this.q.limit(n) : this.q, this.cmd, n, this.refused);
  }
  field(projection: Record<string, boolean>): CollectionQuery<T> {
    checkProjection(projection);
    return new CbQuery<T>(this.q.field(projection), this.cmd, this.requestedLimit, this.refused);
  }
  async get(): Promise<GetResult<T>> {
    if (this.refused) throw this.refused;
    const n = this.requestedLimit;
    if (n !== null && (!Number.isInteger(n) || n < 1)) throw new DatabaseError('INVALID_QUERY', 'limit() takes a positive integer');
    if (n !== null && n > MAX_LIMIT) {
      throw new DatabaseError('LIMIT_EXCEEDED', `limit(${n}): CloudBase returns at most ${MAX_LIMIT} documents per query`);
    }
    return call(() => this.q.get(), (res) => ({ data: docs<T>(res) }));
  }
  async count(): Promise<{ total: number }> {
    if (this.refused) throw this.refused;
    return call(() => this.q.count(), (res) => ({ total: num(res, 'total') }));
  }
  /** Multi-document writes are not offered; kept so that a cast call fails clearly. */
  update(): Promise<never> {
    return Promise.reject(new DatabaseError('UNSUPPORTED', 'where().update(): multi-document writes are not supported'));
  }
  remove(): Promise<never> {
    return Promise.reject(new DatabaseError('UNSUPPORTED', 'where().remove(): multi-document writes are not supported'));
  }
}

class CbCollection<T extends Doc> extends CbQuery<T> implements Collection<T> {
  constructor(
    private readonly coll: SdkCollection,
    command: Command,
  ) {
    super(coll, command);
  }
  doc(id: string): DocRef<T> {
    const ref = this.coll.doc(id);
    return {
      get: () => call(() => ref.get(), (res) => ({ data: docs<T>(res) })),
      set: (data) => plainWrite('doc().set()', () => call(() => (checkDocument(data, 'set'), ref.set(data)), setResult)),
      update: (data: UpdateData) =>
        plainWrite('doc().update()', () => call(() => (checkUpdate(data), ref.update(keepEmptyObjects(data, this.cmd))), (res) => ({ updated: num(res, 'updated') }))),
      remove: () => plainWrite('doc().remove()', () => call(() => ref.remove(), (res) => ({ deleted: num(res, 'deleted') }))),
    };
  }
  add(data: Omit<T, '_id'> & { _id?: string }): Promise<{ id: string }> {
    const refused = refusedInCallback('add()');
    if (refused) return Promise.reject(refused);
    return call(
      () => (checkDocument(data, 'add'), this.coll.add(data)),
      (res) => {
        const id = prop(res, 'id');
        if (typeof id !== 'string') throw new Error('CloudBase add() returned no id');
        return { id };
      },
    );
  }
}

// ---------------------------------------------------------------- transactions

/** One attempt's state: the first conflict any of its operations met, and its first other failure. */
interface Attempt {
  conflict: unknown;
  /** The first operation that failed otherwise (mapped): the transaction's error even if the callback swallowed it. */
  failed: unknown;
  /** The attempt is over: later operations on its documents are refused. */
  ended: boolean;
  /** Operations not answered yet (a failed callback waits for them before judging its error). */
  pending: Set<Promise<unknown>>;
}

/** Runs one operation of `attempt`, keeping it in `pending` until it is answered. */
function track<R>(attempt: Attempt, p: Promise<R>): Promise<R> {
  attempt.pending.add(p);
  const done = (): void => {
    attempt.pending.delete(p);
  };
  p.then(done, done);
  return p;
}

function txDoc<T extends Doc>(ref: SdkTxDocRef, attempt: Attempt, command: Command): TxDocRef<T> {
  // Conflict errors pass through raw inside the callback: the SDK retries only on its own code.
  // Each is remembered: operations started together with the conflicting one fail as "transaction
  // aborted", and whichever error the callback throws, the attempt is retried as a conflict.
  const seen = (e: unknown): unknown => {
    // A transaction gone before its commit (the server aborted it, or it outlived its lifetime
    // under load) is retried like a conflict: nothing of it was committed.
    // (Not when an operation of it failed before: CloudBase aborts the transaction for that one.)
    if (isSdkConflict(e) || (isTransactionGone(e) && attempt.failed === null)) {
      attempt.conflict ??= e;
      return e;
    }
    const mapped = mapCloudbaseError(e);
    attempt.failed ??= mapped;
    return mapped;
  };
  const over = (): DatabaseError => new DatabaseError('UNSUPPORTED', 'this transaction has ended: its documents can no longer be read or written through it');
  const inTx = async <R>(p: () => Promise<unknown>, read: (res: unknown) => R): Promise<R> => {
    if (attempt.ended) throw over();
    let res: unknown;
    try {
      res = await track(attempt, p());
    } catch (e) {
      throw seen(e);
    }
    return read(res);
  };
  return {
    get: async () => {
      if (attempt.ended) throw over();
      try {
        const res = await track(attempt, ref.get());
        const data = prop(res, 'data');
        // Typed by the caller's collection<T>(), as with the SDK.
        return { data: typeof data === 'object' && data !== null && !Array.isArray(data) ? (data as T) : null };
      } catch (e) {
        if (isDocumentNotExist(e)) return { data: null };
        throw seen(e);
      }
    },
    set: (data) => inTx(() => (checkDocument(data, 'set'), ref.set(data)), setResult),
    update: (data) => inTx(() => (checkUpdate(data), ref.update(keepEmptyObjects(data, command))), (res) => ({ updated: num(res, 'updated') })),
    delete: () => inTx(() => ref.delete(), (res) => ({ deleted: num(res, 'deleted') })),
  };
}

/**
 * Attempts a transaction gets before its conflict reaches the caller (as CONFLICT, a clear
 * message) — at most; the retry budget below usually ends them first.
 */
export const TX_ATTEMPTS = 30;

/**
 * How long conflicts are retried, from the first attempt: many writers of one document (200
 * clerks confirming one code) wait for its holder to commit, and under load that holder may
 * take seconds; counting attempts alone gave some of them up before it did. Well within a
 * function's timeout (shop: 20 s, see cloudfunctions/shop/config.json).
 */
export const TX_RETRY_BUDGET_MS = 8000;

/** The longest wait between two attempts. */
export const BACKOFF_CAP_MS = 2000;

/**
 * The wait before attempt `n + 1` after a conflict: exponential from 10 ms — or half as long as
 * the failed attempt took, if longer — capped at 2 s, jittered (×0.5–1.5) so that the transactions
 * that collided do not collide again in step. An attempt that took long says the database (or
 * the function) is busy: coming back at once only adds to it while the document's holder
 * still has to commit (200 clerks confirming one code kept the holder waiting until their
 * retries ran out). A short cap (160 ms was tried) made many writers of one document worse.
 */
export function conflictBackoffMs(n: number, random: () => number = Math.random, attemptMs = 0): number {
  return Math.min(BACKOFF_CAP_MS, Math.max(10 * 2 ** n, attemptMs / 2)) * (0.5 + random());
}

/**
 * The wait before retrying attempt `n` (from 0), which met a conflict `elapsedMs` after the
 * first attempt began and itself took `attemptMs`; null when no attempt is left. Attempts go on
 * until the budget is spent, the last wait cut to what remains of it. The first conflict is
 * retried after the short wait (10 ms jittered) however long its attempt took: it is most often
 * a collision with a transaction about to commit (two households' postings meeting on a shard),
 * and a wait scaled by a slow attempt made the unlucky one of 50 simultaneous redemptions the
 * slowest by ~0.5 s. Only from the second conflict on (a contended document) does the wait
 * grow with the attempt's time. The first conflict is always retried, even past the budget —
 * a busy instance (200 confirms of one code in one process) can spend it all on one attempt;
 * that last attempt then waits as a contended one does, and the holder has usually committed.
 */
export function conflictRetryWait(
  n: number,
  elapsedMs: number,
  attemptMs: number,
  attempts: number,
  random: () => number = Math.random,
  budgetMs = TX_RETRY_BUDGET_MS,
): number | null {
  if (n + 1 >= attempts) return null;
  const wait = conflictBackoffMs(n, random, attemptMs);
  const left = budgetMs - elapsedMs;
  if (n === 0) return left > 0 ? Math.min(conflictBackoffMs(0, random), left) : wait;
  return left > 0 ? Math.min(wait, left) : null;
}

/**
 * CloudBase's first writer wins and the loser's transaction aborts. The SDK's own retry runs the
 * callback again at once; here each attempt is one SDK run without its retry, and a conflict is
 * retried after a jittered backoff, up to `attempts` in all and within TX_RETRY_BUDGET_MS.
 */
async function runTransaction<R>(sdb: SdkDatabase, command: Command, fn: (tx: Transaction) => Promise<R>, attempts: number): Promise<R> {
  if (!Number.isInteger(attempts) || attempts < 1) throw new DatabaseError('INVALID_QUERY', 'attempts must be a positive integer');
  const nested = refusedInCallback('runTransaction()');
  if (nested) throw nested;
  const started = Date.now();
  for (let n = 0; ; n++) {
    const attemptStarted = Date.now();
    try {
      return await runOnce(sdb, command, fn);
    } catch (e) {
      const conflict = e instanceof DatabaseError && e.code === 'TX_CONFLICT';
      const wait = conflict ? conflictRetryWait(n, Date.now() - started, Date.now() - attemptStarted, attempts) : null;
      if (wait === null) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function runOnce<R>(sdb: SdkDatabase, command: Command, fn: (tx: Transaction) => Promise<R>): Promise<R> {
  const attempt: Attempt = { conflict: null, failed: null, ended: false, pending: new Set() };
  const tx = (sdkTx: SdkTransaction): Transaction => ({
    collection: <T extends Doc = Doc>(name: string) => ({ doc: (id: string) => txDoc<T>(sdkTx.collection(checkCollectionName(name)).doc(id), attempt, command) }),
  });
  // Boxes, filled in by the callback (which may run more than once).
  const thrown: { e?: unknown; set: boolean } = { set: false };
  const done: { value?: R; set: boolean } = { set: false };
  try {
    await sdb.runTransaction(async (sdkTx) => {
      thrown.set = false;
      try {
        const value = await callbackOf.run(attempt, () => fn(tx(sdkTx)));
        done.value = value;
        done.set = true;
        return value;
      } catch (e) {
        thrown.e = e;
        thrown.set = true;
        // Operations started together with the failed one may still bring the conflict that caused it.
        if (attempt.pending.size > 0) await Promise.allSettled([...attempt.pending]);
        throw e;
      }
    }, 0);
  } catch (e) {
    // An operation of this attempt met a conflict: whatever failed after it, retry as a conflict.
    if (attempt.conflict !== null) throw new DatabaseError('TX_CONFLICT', text(attempt.conflict));
    // The callback's own errors (DomainError…) come out unchanged, except a conflict that ran out of retries.
    if (thrown.set && thrown.e === e && !isSdkConflict(e) && !isTransactionGone(e)) throw e;
    // The engine dropped the transaction: after an operation's own failure (a swallowed duplicate
    // key), that failure is the answer; otherwise it expired or was aborted under us (at the
    // commit, too) — nothing was committed, so it is retried as a conflict.
    if (isTransactionGone(e)) {
      if (attempt.failed !== null) throw attempt.failed;
      throw new DatabaseError('TX_CONFLICT', text(e));
    }
    throw mapCloudbaseError(e);
  } finally {
    attempt.ended = true;
  }
  if (!done.set) throw new Error('CloudBase runTransaction finished without running the callback');
  return done.value as R;
}

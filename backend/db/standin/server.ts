import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EJSON } from 'bson';
import { Query, find } from 'mingo';
import { INDEXES, type IndexSpec } from '../indexes';
import { StandinError, duplicateKey, requestFailed } from './errors';
import { Store, type StoredDoc, type Tx } from './store';
import { applyUpdate, assertStorable, replacement } from './update';

/**
 * A local HTTP stand-in for CloudBase's database endpoint (`POST /admin?env=…`, the URL the
 * node SDK posts every database call to). It answers the wire format `@cloudbase/node-sdk`
 * 3.18 really sends (captured; see ./README.md):
 *
 *   { action: 'database.getDocument' | 'database.calculateDocument' | 'database.insertDocument'
 *             | 'database.modifyDocument' | 'database.removeDocument' | 'database.addCollection'
 *             | 'database.startTransaction' | 'database.commitTransaction'
 *             | 'database.abortTransaction',
 *     collectionName, transactionId?, queryType: 'DOC' | 'WHERE',
 *     query / order / projection / data: EJSON strings (canonical: {"$numberInt": "1"}),
 *     offset?, limit?, multi, merge, upsert, envName, … }
 *
 * and answers `{ requestId, data: { list: [EJSON strings] | total | updated, upsert_id |
 * deleted | insertedIds } }` or `{ requestId, code, message }`. Queries and updates are
 * evaluated by mingo (MongoDB's query language in JS); transactions, locks and unique
 * indexes by ./store. Requests are not authenticated (the SDK signs them; nobody checks).
 */

export interface StandinOptions {
  /** Unique indexes (and the collections created up front): default backend/db/indexes.ts. */
  indexes?: readonly IndexSpec[];
  /** Create these collections at start (default: every collection named by `indexes`). */
  collections?: readonly string[];
  /** Added before each request is answered (default: XIANGYUE_TCB_LATENCY_MS, else 0). */
  latencyMs?: number;
  /** CloudBase aborts a transaction not committed within 30 s (default: XIANGYUE_TCB_TX_LIFETIME_MS, else 30000). */
  txLifetimeMs?: number;
}

export interface Standin {
  /** The endpoint, e.g. `http://127.0.0.1:41234/admin` (what a function container injects). */
  readonly url: string;
  readonly store: Store;
  /** Creates a collection, as the console (or `db.createCollection`) does. */
  createCollection(name: string): void;
  /** Requests answered so far, by action. */
  readonly requests: Record<string, number>;
  /** Changes the per-request latency from now on (a bench seeds at 0, then measures at 10 ms). */
  setLatencyMs(ms: number): void;
  close(): Promise<void>;
}

/** CloudBase's per-query caps: 100 documents unless asked, never more than 1000. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

function envNumber(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name} must be a non-negative number, got ${JSON.stringify(raw)}`);
  return n;
}

export async function startStandin(opts: StandinOptions = {}): Promise<Standin> {
  const indexes = opts.indexes ?? INDEXES;
  let latencyMs = opts.latencyMs ?? envNumber('XIANGYUE_TCB_LATENCY_MS') ?? 0;
  const store = new Store({ indexes, txLifetimeMs: opts.txLifetimeMs ?? envNumber('XIANGYUE_TCB_TX_LIFETIME_MS') });
  for (const name of opts.collections ?? [...new Set(indexes.map((i) => i.collection))]) store.createCollection(name);
  const requests: Record<string, number> = {};

  const server: Server = createServer((req, res) => {
    void serve(req, res);
  });
  // Node closes an idle kept-alive connection after 5 s; a client (the SDK's agent) reusing it
  // just then gets "socket hang up" — seen when 50 function instances on two busy cores left
  // connections idle for seconds. CloudBase's gateway keeps them longer than that.
  server.keepAliveTimeout = 60_000;
  server.headersTimeout = 65_000;

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const requestId = `standin_${randomBytes(6).toString('hex')}`;
    let answer: object;
    try {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
      const action = typeof body.action === 'string' ? body.action : '';
      requests[action] = (requests[action] ?? 0) + 1;
      if (latencyMs > 0) await sleep(latencyMs);
      answer = { requestId, ...(await handle(store, action, body)) };
    } catch (e) {
      if (e instanceof StandinError) answer = { requestId, code: e.code, message: e.message };
      else answer = { requestId, code: 'SYS_ERR', message: e instanceof Error ? e.message : String(e) };
    }
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(answer));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/admin`,
    store,
    requests,
    createCollection: (name) => store.createCollection(name),
    setLatencyMs: (ms) => {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- actions

type Body = Record<string, unknown>;

function str(body: Body, key: string): string {
  const v = body[key];
  if (typeof v !== 'string' || v === '') throw new StandinError('INVALID_PARAM', `${key} is required`);
  return v;
}

function ejson(body: Body, key: string): unknown {
  const v = body[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new StandinError('INVALID_PARAM', `${key} must be an EJSON string`);
  try {
    return EJSON.parse(v);
  } catch (e) {
    throw new StandinError('INVALID_PARAM', `${key}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function txOf(store: Store, body: Body): Tx | null {
  const id = body.transactionId;
  return typeof id === 'string' && id !== '' ? store.tx(id) : null;
}

/** The `_id` of a `queryType: 'DOC'` request: `{"_id": "…"}`. */
function docId(body: Body): string {
  const q = ejson(body, 'query');
  const id = q !== null && typeof q === 'object' ? (q as Record<string, unknown>)._id : undefined;
  if (typeof id !== 'string') throw new StandinError('INVALID_PARAM', 'a document request needs query {_id}');
  return id;
}

const toWire = (doc: object): string => EJSON.stringify(doc as never, { relaxed: false });

async function handle(store: Store, action: string, body: Body): Promise<object> {
  switch (action) {
    case 'database.addCollection':
      store.createCollection(str(body, 'collectionName'));
      return {};
    case 'database.startTransaction':
      return { transactionId: store.begin().id };
    case 'database.commitTransaction':
      store.commit(str(body, 'transactionId'));
      return {};
    case 'database.abortTransaction':
      store.abort(str(body, 'transactionId'), 'aborted by the client');
      return {};
    case 'database.getDocument':
      return { data: { list: read(store, body).map(toWire) } };
    case 'database.calculateDocument':
      return { data: { total: count(store, body) } };
    case 'database.insertDocument':
      return { data: { insertedIds: await insert(store, body) } };
    case 'database.modifyDocument':
      return { data: await modify(store, body) };
    case 'database.removeDocument':
      return { data: await remove(store, body) };
    default:
      throw new StandinError('INVALID_ACTION', `the stand-in does not implement ${JSON.stringify(action)}`);
  }
}

function criteria(body: Body): Record<string, unknown> {
  const q = ejson(body, 'query') ?? {};
  if (q === null || typeof q !== 'object' || Array.isArray(q)) throw requestFailed('query must be an object');
  checkLogic(q);
  return q as Record<string, unknown>;
}

/** MongoDB refuses an empty $and/$or/$nor (mingo would not). */
function checkLogic(q: unknown): void {
  if (Array.isArray(q)) {
    q.forEach(checkLogic);
    return;
  }
  if (q === null || typeof q !== 'object' || q instanceof Date) return;
  for (const [k, v] of Object.entries(q)) {
    if ((k === '$and' || k === '$or' || k === '$nor') && (!Array.isArray(v) || v.length === 0)) {
      throw requestFailed('$and/$or/$nor must be a nonempty array');
    }
    checkLogic(v);
  }
}

function matcher(q: Record<string, unknown>): (d: StoredDoc) => boolean {
  try {
    const query = new Query(q);
    return (d) => query.test(d);
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e));
  }
}

function read(store: Store, body: Body): StoredDoc[] {
  const collection = str(body, 'collectionName');
  const tx = txOf(store, body);
  const projection = ejson(body, 'projection') as Record<string, unknown> | undefined;
  if (body.queryType === 'DOC') {
    const doc = store.get(collection, docId(body), tx);
    return doc === null ? [] : [project(doc, projection)];
  }
  const q = criteria(body);
  const offset = body.offset === undefined ? 0 : Number(body.offset);
  if (!Number.isInteger(offset) || offset < 0) throw requestFailed(`Skip value must be non-negative, but received: ${String(body.offset)}`);
  const asked = body.limit === undefined ? DEFAULT_LIMIT : Number(body.limit);
  if (!Number.isInteger(asked) || asked < 0) throw requestFailed(`Limit value must be non-negative, but received: ${String(body.limit)}`);
  const limit = Math.min(asked === 0 ? DEFAULT_LIMIT : asked, MAX_LIMIT);
  const order = (ejson(body, 'order') ?? {}) as Record<string, unknown>;
  for (const [field, dir] of Object.entries(order)) {
    if (dir !== 1 && dir !== -1) throw requestFailed(`$sort key ordering must be 1 (for ascending) or -1 (for descending): ${field}`);
  }
  const test = matcher(q);
  const matched = store.scan(collection, tx).filter(test);
  let rows: StoredDoc[];
  try {
    // mingo's sort is stable: ties keep natural (insertion) order, as a MongoDB sort does.
    rows = (Object.keys(order).length === 0 ? matched : (find(matched, {}).sort(order).all() as StoredDoc[])).slice(offset, offset + limit);
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e));
  }
  return rows.map((d) => project(structuredClone(d), projection));
}

function project(doc: StoredDoc, projection: Record<string, unknown> | undefined): StoredDoc {
  if (projection === undefined || Object.keys(projection).length === 0) return doc;
  const keys = Object.entries(projection).filter(([k]) => k !== '_id');
  const inc = keys.filter(([, v]) => v === 1 || v === true).length;
  const exc = keys.filter(([, v]) => v === 0 || v === false).length;
  if (inc > 0 && exc > 0) throw requestFailed(`Cannot do exclusion on field ${keys.find(([, v]) => v === 0 || v === false)?.[0]} in inclusion projection`);
  try {
    const out = find([doc], {}, projection as never).all()[0] as StoredDoc;
    // MongoDB returns _id first.
    if (out._id === undefined) return out;
    const { _id, ...rest } = out;
    return { _id, ...rest };
  } catch (e) {
    throw requestFailed(e instanceof Error ? e.message : String(e));
  }
}

function count(store: Store, body: Body): number {
  const collection = str(body, 'collectionName');
  const test = matcher(criteria(body));
  return store.scan(collection, txOf(store, body)).filter(test).length;
}

/** CloudBase's generated ids: 32 hex characters. */
const newId = (): string => randomBytes(16).toString('hex');

async function insert(store: Store, body: Body): Promise<string[]> {
  const collection = str(body, 'collectionName');
  const tx = txOf(store, body);
  const data = body.data;
  if (!Array.isArray(data) || data.length === 0) throw new StandinError('INVALID_PARAM', 'data must be a non-empty array');
  const ids: string[] = [];
  for (const raw of data) {
    const doc = typeof raw === 'string' ? (EJSON.parse(raw) as Record<string, unknown>) : raw;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new StandinError('INVALID_PARAM', 'each document must be an object');
    const { _id, ...rest } = doc as Record<string, unknown>;
    if (_id !== undefined && typeof _id !== 'string') throw requestFailed('the stand-in stores string _id values only');
    const id = _id ?? newId();
    assertStorable(rest);
    await store.write(collection, id, tx, (cur) => {
      if (cur !== null) throw duplicateKey(collection, '_id_', `{ _id: ${JSON.stringify(id)} }`);
      return { changed: true, next: { _id: id, ...rest }, result: undefined };
    });
    ids.push(id);
  }
  return ids;
}

const same = (a: unknown, b: unknown): boolean => toWire({ v: a }) === toWire({ v: b });

async function modify(store: Store, body: Body): Promise<object> {
  const collection = str(body, 'collectionName');
  const tx = txOf(store, body);
  if (body.queryType !== 'DOC' || body.multi === true) {
    throw new StandinError('INVALID_ACTION', 'the stand-in models single-document modifyDocument only (queryType DOC, multi false)');
  }
  const id = docId(body);
  const data = ejson(body, 'data');
  if (body.merge === true) {
    if (body.upsert === true) throw new StandinError('INVALID_ACTION', 'the stand-in does not model update with upsert');
    return store.write(collection, id, tx, (cur) => {
      if (cur === null) return { changed: false, result: { updated: 0, upsert_id: null } };
      const next = applyUpdate(cur, data);
      // MongoDB counts modified documents: an update that changes nothing reports 0.
      const changed = !same(cur, next);
      return { changed, next, result: { updated: changed ? 1 : 0, upsert_id: null } };
    });
  }
  if (body.upsert !== true) throw new StandinError('INVALID_ACTION', 'the stand-in models replace-with-upsert (set) only');
  const next = replacement(id, data);
  return store.write<{ updated: number; upsert_id: string | null }>(collection, id, tx, (cur) => {
    if (cur === null) return { changed: true, next, result: { updated: 0, upsert_id: id } };
    const changed = !same(cur, next);
    return { changed, next, result: { updated: changed ? 1 : 0, upsert_id: null } };
  });
}

async function remove(store: Store, body: Body): Promise<object> {
  const collection = str(body, 'collectionName');
  const tx = txOf(store, body);
  if (body.queryType !== 'DOC' || body.multi === true) {
    throw new StandinError('INVALID_ACTION', 'the stand-in models single-document removeDocument only (queryType DOC, multi false)');
  }
  const id = docId(body);
  return store.write(collection, id, tx, (cur) =>
    cur === null ? { changed: false, result: { deleted: 0 } } : { changed: true, next: null, result: { deleted: 1 } },
  );
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { ERROR_MESSAGES, type ErrorCode } from '@domain/shared/errors';
import { ROLE_LABELS } from '@domain/org/roles';
import type { Person } from '@domain/org/types';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { FunctionName } from '@domain/api';
import { dispatch, type FunctionEvent } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import { isLocalFileStore } from '@backend/files/localDisk';
import { sniffImageMime } from '@backend/files/sniff';
import { C } from '@backend/repos/collections';
import { orgRepo } from '@backend/repos/org';
import type { Household, IdentityBinding, Village } from '@domain/org/types';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { readOneFile } from './multipart';
import { newWechatUsers } from './demo/newUsers';

export interface LocalServerOptions {
  deps: Deps;
  /** Demo mode: identity from the X-Openid header and the identity picker. Never in a deployed build. */
  demo: boolean;
  /** The H5 build to serve at `/` (dist-h5). */
  staticDir: string | null;
  /** Where local uploads live (the file store in `deps.files` reads and signs them). */
  filesDir: string;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'application/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/** A cloud function call: JSON, small. */
const MAX_JSON = 256 * 1024;
/** The roster import (grid.importPreview / importCommit, sheets' for .xlsx) carries a whole file: 6 MB of content at most. */
const MAX_JSON_BY_FUNCTION: Partial<Record<string, number>> = { grid: 6_000_000 + 64 * 1024, sheets: 6_000_000 + 64 * 1024 };
/** One photo (≤ 2 MB after client compression) plus the multipart envelope. */
const MAX_PHOTO = DEFAULT_POLICY.maxPhotoBytes;
const MAX_UPLOAD = MAX_PHOTO + 64 * 1024;
/** After a refusal the unread rest of a body is read and dropped up to this much, then the socket is cut. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 5_000;

function jsonHeaders(text: string, extra: Record<string, string> = {}): Record<string, string | number> {
  return { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text), ...extra };
}

/** The request still has body bytes nobody has read. */
function hasUnreadBody(req: IncomingMessage): boolean {
  const declared = req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return declared && !req.readableEnded && !req.destroyed;
}

/**
 * Answers while the client may still be sending: the whole answer goes out at once with
 * Connection: close, then the rest of the body is read and dropped (bounded in bytes and
 * time) before the response ends and the socket closes. Closing with unread bytes would make
 * the client's kernel see a reset and lose the answer.
 */
function sendAndDrain(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, jsonHeaders(text, { connection: 'close' }));
  res.write(text);
  let dropped = 0;
  let ended = false;
  const finish = (cut: boolean) => {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    req.off('data', onData);
    req.off('end', onEnd);
    req.off('error', onError);
    req.off('close', onEnd);
    res.end();
    if (cut) {
      // Enough was drained: give the answer a moment on the wire, then cut.
      setTimeout(() => req.socket?.destroy(), 250).unref();
    }
  };
  const onData = (c: Buffer) => {
    dropped += c.length;
    if (dropped > DRAIN_MAX_BYTES) finish(true);
  };
  const onEnd = () => finish(false);
  const onError = () => finish(true);
  const timer = setTimeout(() => finish(true), DRAIN_MAX_MS);
  timer.unref();
  if (req.readableEnded || req.destroyed) return finish(false);
  req.on('data', onData);
  req.on('end', onEnd);
  req.on('error', onError);
  req.on('close', onEnd);
  req.resume();
}

function reply(req: IncomingMessage, res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent || res.writableEnded) return;
  const text = JSON.stringify(body);
  if (hasUnreadBody(req)) return sendAndDrain(req, res, status, text);
  res.writeHead(status, jsonHeaders(text));
  res.end(text);
}

function failWith(req: IncomingMessage, res: ServerResponse, status: number, code: ErrorCode, message?: string): void {
  reply(req, res, status, { ok: false, code, message: message ?? ERROR_MESSAGES[code] });
}

type BodyRead = { ok: true; body: Buffer } | { ok: false; tooLarge: boolean };

/**
 * Reads a body of at most `max` bytes, counting as it arrives: a declared length over the
 * budget is refused before a byte is read, a stream that passes it stops being collected at
 * once (the caller answers and drains). Never destroys the request.
 */
function readBody(req: IncomingMessage, max: number): Promise<BodyRead> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (Number.isFinite(declared) && declared > max) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = (r: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      req.pause();
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) return done({ ok: false, tooLarge: true });
      chunks.push(chunk);
    };
    const onEnd = () => done({ ok: true, body: Buffer.concat(chunks) });
    const onError = () => done({ ok: false, tooLarge: false });
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('aborted', onError);
  });
}

function callerOpenid(req: IncomingMessage, demo: boolean): string | null {
  if (!demo) return null; // outside demo mode there is no WeChat context locally
  const h = req.headers['x-openid'];
  return typeof h === 'string' && h.length > 0 && h.length <= 128 ? h : null;
}

async function demoIdentities(deps: Deps) {
  const { db } = deps;
  const { data: bindings } = await db.collection<IdentityBinding>(C.identities).orderBy('_id', 'asc').limit(200).get();
  const pids = bindings.map((b) => b.personId);
  const { data: people } = pids.length ? await db.collection<Person>(C.people).where({ _id: db.command.in(pids) }).limit(200).get() : { data: [] as Person[] };
  const hids = [...new Set(people.map((p) => p.householdId).filter((x): x is string => !!x))];
  const { data: households } = hids.length
    ? await db.collection<Household>(C.households).where({ _id: db.command.in(hids) }).limit(200).get()
    : { data: [] as Household[] };
  const { data: villages } = await db.collection<Village>(C.villages).limit(100).get();
  const bound = bindings.flatMap((b) => {
    const p = people.find((x) => x._id === b.personId);
    if (!p) return [];
    const hh = households.find((h) => h._id === p.householdId) ?? null;
    const vname = villages.find((v) => v._id === p.villageId)?.name ?? '';
    const labels = [...new Set(p.roles.map((r) => ROLE_LABELS[r.role]))];
    return [{
      openid: b._id,
      name: p.name,
      villageName: vname,
      householdDoorNo: hh?.doorNo ?? null,
      roles: p.roles,
      summary: [labels.join('、'), vname, hh?.doorNo].filter(Boolean).join(' · '),
    }];
  });
  return [...bound, ...(await newWechatUsers(db))];
}

/** Decodes a URL path; null for a malformed escape (`%`, `%E0%A4%A`, overlong UTF-8 …) or a NUL. */
function decodePath(path: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return null;
  }
  return decoded.includes('\0') ? null : decoded;
}

async function serveStatic(req: IncomingMessage, res: ServerResponse, dir: string, decodedPath: string): Promise<void> {
  const root = resolve(dir);
  let file = resolve(root, `.${sep}${normalize(decodedPath)}`);
  if (file !== root && !file.startsWith(root + sep)) return failWith(req, res, 404, 'NOT_FOUND');
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
  } catch {
    file = join(root, 'index.html'); // hash router: every unknown path is the app
  }
  let body: Buffer;
  try {
    body = await readFile(file);
  } catch {
    return failWith(req, res, 404, 'NOT_FOUND');
  }
  res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'content-length': body.length });
  res.end(body);
}

/** The request target as a path and query; null when it is no URL at all. */
function parseTarget(raw: string | undefined): { path: string; decoded: string; query: URLSearchParams } | null {
  let url: URL;
  try {
    url = new URL(raw ?? '/', 'http://localhost');
  } catch {
    return null;
  }
  const decoded = decodePath(url.pathname);
  return decoded === null ? null : { path: url.pathname, decoded, query: url.searchParams };
}

async function handle(opts: LocalServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { deps, demo } = opts;
  const target = parseTarget(req.url);
  if (!target) return failWith(req, res, 400, 'BAD_INPUT', '请求地址格式不正确');
  const { path } = target;

  if (path === '/api/health') return reply(req, res, 200, { ok: true, data: { status: 'up', demo } });

  if (path === '/api/demo/identities' && req.method === 'GET') {
    if (!demo) return failWith(req, res, 404, 'NOT_FOUND');
    return reply(req, res, 200, { ok: true, data: { identities: await demoIdentities(deps) } });
  }

  const fn = /^\/api\/functions\/([a-z]+)$/.exec(path);
  if (fn && req.method === 'POST') {
    const name = fn[1] as FunctionName;
    if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) return failWith(req, res, 404, 'UNKNOWN_ACTION', '不存在的云函数');
    const read = await readBody(req, MAX_JSON_BY_FUNCTION[name] ?? MAX_JSON);
    if (!read.ok) {
      if (read.tooLarge) return failWith(req, res, 413, 'TOO_LARGE');
      return failWith(req, res, 400, 'BAD_INPUT', '请求格式不正确');
    }
    let event: FunctionEvent;
    try {
      const parsed: unknown = JSON.parse(read.body.toString('utf8') || '{}');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      event = parsed as FunctionEvent;
    } catch {
      return failWith(req, res, 400, 'BAD_INPUT', '请求格式不正确');
    }
    const result = await dispatch(FUNCTIONS[name] as never, event, { openid: callerOpenid(req, demo) }, deps);
    return reply(req, res, 200, result);
  }

  if (path === '/api/files' && req.method === 'POST') {
    // Only a registered person uploads; the upload is theirs (checked when a use case attaches it).
    const openid = callerOpenid(req, demo);
    if (!openid || !(await orgRepo.personByOpenid(deps.db, openid))) return failWith(req, res, 401, 'NOT_REGISTERED');
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > MAX_UPLOAD) return failWith(req, res, 413, 'PHOTO_TOO_LARGE');
    const up = await readOneFile(req, { maxFileBytes: MAX_PHOTO, maxBodyBytes: MAX_UPLOAD });
    if (!up.ok) {
      if (up.reason === 'bad') return failWith(req, res, 400, 'BAD_INPUT', up.message);
      return failWith(req, res, 413, 'PHOTO_TOO_LARGE');
    }
    if (!sniffImageMime(up.bytes)) return failWith(req, res, 400, 'PHOTO_NOT_IMAGE');
    const fileId = await deps.files.put(up.bytes, openid);
    return reply(req, res, 200, { ok: true, data: { fileId, url: await deps.files.url(fileId) } });
  }

  const file = /^\/api\/files\/([^/]+)$/.exec(path);
  if (file && req.method === 'GET') {
    const store = deps.files;
    if (!isLocalFileStore(store)) return failWith(req, res, 404, 'NOT_FOUND');
    const got = await store.readSigned(file[1], target.query.get('exp'), target.query.get('sig'));
    if (got.status === 403) return failWith(req, res, 403, 'FORBIDDEN', '图片链接无效或已过期，请刷新页面后重试');
    if (got.status === 404) return failWith(req, res, 404, 'NOT_FOUND');
    res.writeHead(200, {
      'content-type': got.mime ?? 'application/octet-stream',
      'content-length': got.bytes.byteLength,
      'cache-control': `private, max-age=${got.expiresInSeconds}`,
      'x-content-type-options': 'nosniff',
    });
    res.end(got.bytes);
    return;
  }

  if (path.startsWith('/api/')) return failWith(req, res, 404, 'NOT_FOUND');
  if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(req, res, opts.staticDir, target.decoded);
  return failWith(req, res, 404, 'NOT_FOUND');
}

export function createLocalServer(opts: LocalServerOptions): Server {
  const server = createServer((req, res) => {
    // Every failure stays inside this request: awaited here, answered 500 (or cut) and logged.
    handle(opts, req, res).catch((e: unknown) => {
      console.error('[xiangyue] server error', e);
      if (!res.headersSent) failWith(req, res, 500, 'INTERNAL');
      else res.destroy();
    });
  });
  // Request lines and headers the parser rejects: a 400 when the socket can still take one.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !socket.destroyed && err.code !== 'ECONNRESET') {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else {
      socket.destroy();
    }
  });
  return server;
}

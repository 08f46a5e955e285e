import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { ERROR_MESSAGES, type ErrorCode } from '@domain/shared/errors';
import { ROLE_LABELS } from '@domain/org/roles';
import type { Person } from '@domain/org/types';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { FunctionName } from '@domain/api';
import { dispatch, type FunctionEvent } from '@backend/runtime/handler';
import type { Deps } from '@backend/runtime/deps';
import { readLocalFile } from '@backend/files/localDisk';
import { sniffImageMime } from '@backend/files/sniff';
import { C } from '@backend/repos/collections';
import type { Household, IdentityBinding, Village } from '@domain/org/types';
import { FUNCTIONS } from '../cloudfunctions/registry';
import { firstFilePart } from './multipart';
import { newWechatUsers } from './demo/newUsers';

export interface LocalServerOptions {
  deps: Deps;
  /** Demo mode: identity from the X-Openid header and the identity picker. Never in a deployed build. */
  demo: boolean;
  /** The H5 build to serve at `/` (dist-h5). */
  staticDir: string | null;
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

const MAX_JSON = 256 * 1024;
/** A photo after client compression is ≤ 2 MB; allow multipart overhead. */
const MAX_UPLOAD = DEFAULT_POLICY.maxPhotoBytes + 64 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function fail(res: ServerResponse, status: number, code: ErrorCode, message?: string): void {
  send(res, status, { ok: false, code, message: message ?? ERROR_MESSAGES[code] });
}

class TooLarge extends Error {}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new TooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
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

async function serveStatic(res: ServerResponse, dir: string, urlPath: string): Promise<void> {
  const rel = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, '');
  let file = join(dir, rel);
  if (!file.startsWith(dir)) return fail(res, 404, 'NOT_FOUND');
  try {
    if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
  } catch {
    file = join(dir, 'index.html'); // hash router: every unknown path is the app
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' });
    res.end(body);
  } catch {
    fail(res, 404, 'NOT_FOUND');
  }
}

export function createLocalServer(opts: LocalServerOptions): Server {
  const { deps, demo } = opts;
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    try {
      if (path === '/api/health') return send(res, 200, { ok: true, data: { status: 'up', demo } });

      if (path === '/api/demo/identities' && req.method === 'GET') {
        if (!demo) return fail(res, 404, 'NOT_FOUND');
        return send(res, 200, { ok: true, data: { identities: await demoIdentities(deps) } });
      }

      const fn = /^\/api\/functions\/([a-z]+)$/.exec(path);
      if (fn && req.method === 'POST') {
        const name = fn[1] as FunctionName;
        if (!Object.prototype.hasOwnProperty.call(FUNCTIONS, name)) return fail(res, 404, 'UNKNOWN_ACTION', '不存在的云函数');
        let event: FunctionEvent;
        try {
          const parsed: unknown = JSON.parse((await readBody(req, MAX_JSON)).toString('utf8') || '{}');
          if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
          event = parsed as FunctionEvent;
        } catch (e) {
          if (e instanceof TooLarge) return fail(res, 413, 'BAD_INPUT', '提交的内容过大');
          return fail(res, 400, 'BAD_INPUT', '请求格式不正确');
        }
        const result = await dispatch(FUNCTIONS[name] as never, event, { openid: callerOpenid(req, demo) }, deps);
        return send(res, 200, result);
      }

      if (path === '/api/files' && req.method === 'POST') {
        const openid = callerOpenid(req, demo);
        if (!openid) return fail(res, 401, 'NOT_REGISTERED');
        let body: Buffer;
        try {
          body = await readBody(req, MAX_UPLOAD);
        } catch (e) {
          if (e instanceof TooLarge) return fail(res, 413, 'PHOTO_TOO_LARGE');
          throw e;
        }
        const bytes = firstFilePart(body, String(req.headers['content-type'] ?? ''));
        if (!bytes) return fail(res, 400, 'BAD_INPUT', '没有收到照片');
        if (bytes.length > DEFAULT_POLICY.maxPhotoBytes) return fail(res, 413, 'PHOTO_TOO_LARGE');
        if (!sniffImageMime(bytes)) return fail(res, 400, 'PHOTO_NOT_IMAGE');
        const fileId = await deps.files.put(bytes, openid);
        return send(res, 200, { ok: true, data: { fileId, url: await deps.files.url(fileId) } });
      }

      const file = /^\/api\/files\/([0-9a-f]{32})$/.exec(path);
      if (file && req.method === 'GET') {
        const bytes = await readLocalFile(opts.filesDir, file[1]);
        if (!bytes) return fail(res, 404, 'NOT_FOUND');
        res.writeHead(200, { 'content-type': sniffImageMime(bytes) ?? 'application/octet-stream', 'cache-control': 'private, max-age=3600' });
        return res.end(bytes);
      }

      if (path.startsWith('/api/')) return fail(res, 404, 'NOT_FOUND');
      if (opts.staticDir && req.method === 'GET') return serveStatic(res, opts.staticDir, path);
      return fail(res, 404, 'NOT_FOUND');
    } catch (e) {
      console.error('[xiangyue] server error', e);
      if (!res.headersSent) fail(res, 500, 'INTERNAL');
    }
  });
}

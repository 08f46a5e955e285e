/**
 * Fuzz of the raw HTTP layer: a few hundred malformed request lines, paths, headers and bodies
 * over raw TCP to a server on a random loopback port (demo mode on and off), deterministic from
 * a seed. Whatever they get back, the server must still answer GET /api/health with 200, and
 * no answer may be a 500 or carry a stack trace.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createLocalServer } from '../../server/app';
import { JPEG, openHarness, type Harness } from '../support/harness';
import { portOf, rawRequest, type RawReply } from './rawHttp';

const SEED = Number(process.env.XIANGYUE_FUZZ_SEED ?? 20261120);
const CASES = 300;

/** mulberry32: small, fast, deterministic. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let h: Harness;
const servers: Server[] = [];
const ports: number[] = [];

beforeAll(async () => {
  h = await openHarness();
  const staticDir = mkdtempSync(join(tmpdir(), 'xiangyue-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  for (const demo of [true, false]) {
    const server = createLocalServer({ deps: h.deps, demo, staticDir, filesDir: h.filesDir });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    ports.push(portOf(server));
  }
}, 60_000);
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await h?.close();
});

function generator(next: () => number) {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const int = (n: number) => Math.floor(next() * n);
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT', 'TRACE', 'G\u0000T', 'get', 'X'.repeat(40), ''];
  const PATHS = [
    '/', '/api/health', '/api/files', `/api/files/${'a'.repeat(32)}`, `/api/files/${'a'.repeat(32)}?exp=99999999999&sig=${'A'.repeat(43)}`,
    '/api/functions/identity', '/api/functions/points', '/api/functions/grid', '/api/functions/nothing', '/api/demo/identities',
    '/%', '/%E0%A4%A', '/%C0%AF', '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd', '/..%2f..%2fetc/passwd', '/../../../../etc/passwd',
    '/%00', '/a%00.js', '//[', 'http://[::1/', 'http://a:b:c/', 'http://evil.example/api/health', '*', '', '/?' + '&'.repeat(2000),
    '/' + 'a'.repeat(9000), '/api/files/%ZZ', '/api/functions/%E0', '/\u00ff\u00fe', '/\t', '/a b', '/%25%', '/%%%%',
  ];
  const VERSIONS = ['HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9.9', 'HTTP/1.1x', '', 'http/1.1', 'HTTP/1'];
  const HEADERS = [
    'Host: 127.0.0.1', 'Content-Length: 5', 'Content-Length: -1', 'Content-Length: 99999999999999999999', 'Content-Length: 1, 2',
    'Content-Length: abc', 'Transfer-Encoding: chunked', 'Transfer-Encoding: gzip, chunked', 'Transfer-Encoding: identity',
    'Content-Type: multipart/form-data; boundary=x', 'Content-Type: multipart/form-data', 'Content-Type: multipart/form-data; boundary=' + 'b'.repeat(300),
    'Content-Type: application/json', 'Content-Type: text/plain; charset=utf-8', 'X-Openid: demo-villager-1', 'X-Openid: ' + 'o'.repeat(500),
    'X-Openid: stranger', 'Connection: keep-alive', 'Connection: close', 'Expect: 100-continue', 'Upgrade: websocket', 'Bad Header', ': empty-name',
    'X-Long: ' + 'v'.repeat(20000), 'X-Ctl: a\u0001b', 'Host:', 'Cookie: ' + 'c=1; '.repeat(500),
  ];
  const BODIES = [
    () => '', () => '{}', () => '{"action":"whoami"}', () => '{not json', () => '[]', () => 'null', () => '"x"', () => '{"action":"submit","photos":["local/' + 'f'.repeat(32) + '"]}',
    () => '{"__proto__":{"x":1},"action":"whoami"}', () => '{"a":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
    () => bytes(int(4096)).toString('latin1'),
    () => '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n' + Buffer.from(JPEG).toString('latin1') + '\r\n--x--\r\n',
    () => '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nshort',
    () => '--x\r\n\r\n\r\n--x--',
    () => '0\r\n\r\n', () => 'zz\r\nabc\r\n0\r\n\r\n', () => '5\r\nabc\r\n',
    () => 'x'.repeat(300 * 1024),
  ];
  return (): (string | Buffer)[] => {
    const kind = int(10);
    if (kind === 0) return [bytes(1 + int(600))]; // pure noise
    if (kind === 1) return [pick(['\r\n\r\n', '\r\n', ' ', 'GET\r\n\r\n', 'GET / HTTP/1.1\r\n', 'GET / HTTP/1.1\n\n', 'GET / HTTP/1.1\r\nHost: x\r\n\r\nGARBAGE\r\n\r\n'])];
    const method = pick(METHODS);
    const path = pick(PATHS);
    const version = pick(VERSIONS);
    const headers: string[] = [];
    for (let i = int(6); i > 0; i--) headers.push(pick(HEADERS));
    const body = pick(BODIES)();
    const sep = pick(['\r\n', '\r\n', '\r\n', '\n', '\r']);
    const withLength = next() < 0.5 && !headers.some((x) => /content-length|transfer-encoding/i.test(x));
    if (withLength) headers.push(`Content-Length: ${pick([Buffer.byteLength(body, 'latin1'), Buffer.byteLength(body, 'latin1') + int(50), Math.max(0, Buffer.byteLength(body, 'latin1') - int(50))])}`);
    const head = `${method} ${path} ${version}${sep}${headers.join(sep)}${headers.length ? sep : ''}${sep}`;
    const parts: (string | Buffer)[] = [Buffer.from(head, 'latin1'), Buffer.from(body, 'latin1')];
    if (next() < 0.2) parts.push(Buffer.from(`GET /api/health HTTP/1.1${sep}Host: x${sep}${sep}`, 'latin1')); // pipelined follower
    return parts;
  };
}

async function healthy(port: number): Promise<void> {
  const r = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true, data: { status: 'up' } });
}

function check(reply: RawReply, label: string): void {
  // A 500 would mean an unexpected error escaped into the generic handler.
  if (reply.status === 500) throw new Error(`500 for case ${label}: ${reply.text.slice(0, 300)}`);
  expect(reply.text).not.toMatch(/at .*\.(ts|js):\d+/);
}

describe(`raw HTTP fuzz (seed ${SEED}, ${CASES} cases)`, () => {
  it('the server answers health after every batch of malformed requests, and never a 500', async () => {
    const next = rng(SEED);
    const gen = generator(next);
    const batch = 20;
    for (let i = 0; i < CASES; i += batch) {
      const replies = await Promise.all(
        Array.from({ length: Math.min(batch, CASES - i) }, (_, j) => {
          const parts = gen();
          const port = ports[(i + j) % ports.length];
          return rawRequest(port, parts, { timeoutMs: 1500, endAfterWrite: next() < 0.5 }).then((r) => ({ r, label: `${SEED}#${i + j}` }));
        }),
      );
      for (const { r, label } of replies) check(r, label);
      for (const port of ports) await healthy(port);
    }
  }, 60_000);
});

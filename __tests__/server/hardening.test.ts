/**
 * Request-level hardening of the local server: no request kills it, oversized bodies get a
 * readable 413 with Connection: close, uploads are cut off while they are read. These tests
 * prove each fix at the request level (the process-level backstop in start.ts is not running).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { createLocalServer } from '../../server/app';
import { JPEG, openHarness, type Harness } from '../support/harness';
import { portOf, rawRequest, writeBytes } from './rawHttp';

let h: Harness;
const servers: Server[] = [];
let demoPort: number;
let prodPort: number;

async function start(demo: boolean): Promise<number> {
  const staticDir = mkdtempSync(join(tmpdir(), 'xiangyue-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  const server = createLocalServer({ deps: h.deps, demo, staticDir, filesDir: h.filesDir });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return portOf(server);
}

beforeAll(async () => {
  h = await openHarness();
  demoPort = await start(true);
  prodPort = await start(false);
}, 60_000);
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await h?.close();
});

async function healthy(port: number): Promise<void> {
  const r = await fetch(`http://127.0.0.1:${port}/api/health`);
  expect(r.status).toBe(200);
  expect(await r.json()).toMatchObject({ ok: true, data: { status: 'up' } });
}

const get = (target: string) => `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`;

describe('malformed paths and request lines get a 400 and the server lives', () => {
  const targets = [
    '/%',
    '/%E0%A4%A',
    '/%C0%AF', // overlong '/'
    '/%C0%AE%C0%AE/%C0%AE%C0%AE/etc/passwd',
    '/%ED%A0%80', // a lone surrogate
    '/%FF%FE',
    '/assets/%zz.js',
    '/api/files/%',
    '//[',
    'http://[::1/',
    'http://a:b:c/',
  ];
  it.each(targets)('GET %s', async (target) => {
    for (const port of [demoPort, prodPort]) {
      const r = await rawRequest(port, [get(target)]);
      expect(r.status).toBe(400);
      if (r.headers['content-type']?.startsWith('application/json')) {
        expect(JSON.parse(r.body)).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
      }
      await healthy(port);
    }
  });

  it('a good static path still serves the app, and an unknown one falls back to it', async () => {
    const r = await fetch(`http://127.0.0.1:${demoPort}/some/page%20x`);
    expect(r.status).toBe(200);
    expect(await r.text()).toContain('<title>app</title>');
  });
});

describe('an oversized body gets a 413 the client can read', () => {
  const big = JSON.stringify({ action: 'whoami', pad: 'x'.repeat(300 * 1024) });

  it('on a keep-alive connection: 413 with Connection: close, a stable code and a Chinese message, no reset', async () => {
    for (const port of [demoPort, prodPort]) {
      const r = await rawRequest(
        port,
        [`POST /api/functions/identity HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(big)}\r\n\r\n`, big],
        { timeoutMs: 5000 },
      );
      expect(r.status).toBe(413);
      expect(r.headers.connection).toBe('close');
      expect(JSON.parse(r.body)).toEqual({ ok: false, code: 'TOO_LARGE', message: expect.stringMatching(/过大/) });
      expect(r.error).toBeNull();
      expect(r.closed).toBe(true);
      await healthy(port);
    }
  });

  it('fetch reads the 413 every time (no connection reset)', async () => {
    for (let i = 0; i < 10; i++) {
      const res = await fetch(`http://127.0.0.1:${demoPort}/api/functions/identity`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
      expect(res.status).toBe(413);
      expect(await res.json()).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    }
    await healthy(demoPort);
  });

  it('a declared length over the budget is refused before the body is read', async () => {
    const head = 'POST /api/functions/identity HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n';
    const r = await writeBytes(demoPort, head, 100 * 1024 * 1024, { timeoutMs: 8000 });
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(100 * 1024 * 1024);
    await healthy(demoPort);
  });

  it('a chunked body that never ends is cut off once over the budget: the 413 arrives while the client is still sending', async () => {
    const head = 'POST /api/functions/identity HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const r = await writeBytes(demoPort, head, 100 * 1024 * 1024, { timeoutMs: 8000, chunked: true });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, code: 'TOO_LARGE' });
    expect(r.sent).toBeLessThan(100 * 1024 * 1024);
    await healthy(demoPort);
  });
});

describe('uploads are measured while they are read', () => {
  const boundary = 'xyBoundary42';
  const partHead = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`;

  it('a file part over 2 MB is refused with PHOTO_TOO_LARGE before the body is over (the server does not wait for the rest)', async () => {
    // 2 MB + 40 KB of file data: under the old whole-body budget, over the per-photo limit; the
    // closing boundary never comes, so only a parser that counts while reading can answer.
    const head =
      `POST /api/files HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Openid: demo-villager-1\r\nContent-Type: multipart/form-data; boundary=${boundary}\r\n` +
      `Content-Length: ${50 * 1024 * 1024}\r\n\r\n${partHead}`;
    const r = await writeBytes(demoPort, head, 2 * 1024 * 1024 + 40 * 1024, { timeoutMs: 4000 });
    expect(r.status).toBe(413);
    expect(r.headers.connection).toBe('close');
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, code: 'PHOTO_TOO_LARGE', message: expect.stringMatching(/2MB/) });
    await healthy(demoPort);
  });

  it('a body with no file part, a broken boundary or a missing content type is a 400 with a Chinese message', async () => {
    const bodies: [string, string][] = [
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`],
      [`multipart/form-data; boundary=${boundary}`, `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n`],
      ['multipart/form-data', 'garbage'],
      ['text/plain', 'garbage'],
      [`multipart/form-data; boundary=${boundary}`, ''],
    ];
    for (const [type, body] of bodies) {
      const r = await fetch(`http://127.0.0.1:${demoPort}/api/files`, { method: 'POST', headers: { 'x-openid': 'demo-villager-1', 'content-type': type }, body });
      expect(r.status).toBe(400);
      expect(await r.json()).toMatchObject({ ok: false, code: 'BAD_INPUT', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    }
    await healthy(demoPort);
  });

  it('a well-formed upload with an extra text field still stores the photo', async () => {
    const fd = new FormData();
    fd.append('note', '随手拍');
    fd.append('file', new Blob([Uint8Array.from(JPEG)]), 'a.jpg');
    const r = await fetch(`http://127.0.0.1:${demoPort}/api/files`, { method: 'POST', headers: { 'x-openid': 'demo-villager-1' }, body: fd });
    expect(await r.json()).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^local\//) } });
  });
});

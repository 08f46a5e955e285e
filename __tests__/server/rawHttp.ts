/** Raw TCP to a local test server (loopback only): what an attacker sends, byte for byte. */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';

export interface RawReply {
  /** Everything the server sent before it closed (or before the timeout). */
  text: string;
  /** The status of the first response, or null when none came. */
  status: number | null;
  /** The first response's body, as UTF-8. */
  body: string;
  /** Lower-cased headers of the first response. */
  headers: Record<string, string>;
  /** The socket error seen, if any (ECONNRESET …). */
  error: string | null;
  /** The server closed the connection (rather than the timeout firing). */
  closed: boolean;
}

export function portOf(server: Server): number {
  return (server.address() as AddressInfo).port;
}

export function parseReply(bytes: Buffer, error: string | null, closed: boolean): RawReply {
  const text = bytes.toString('latin1');
  const at = bytes.indexOf('\r\n\r\n');
  const body = at >= 0 ? bytes.subarray(at + 4).toString('utf8') : '';
  const m = /^HTTP\/1\.[01] (\d{3})/.exec(text);
  const headers: Record<string, string> = {};
  const head = text.split('\r\n\r\n')[0] ?? '';
  for (const line of head.split('\r\n').slice(1)) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  return { text, body, status: m ? Number(m[1]) : null, headers, error, closed };
}

/**
 * Sends `parts` in order (a function part is called with the socket and may write more, e.g. a
 * body that never ends) and collects the answer until the server closes or `timeoutMs` passes.
 * `endAfterWrite` half-closes our side once everything is written.
 */
export function rawRequest(
  port: number,
  parts: (string | Buffer)[],
  opts: { timeoutMs?: number; endAfterWrite?: boolean; untilStatus?: boolean } = {},
): Promise<RawReply> {
  const { timeoutMs = 3000, endAfterWrite = false, untilStatus = false } = opts;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let done = false;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseReply(Buffer.concat(chunks), error, closed));
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      if (untilStatus) {
        const t = Buffer.concat(chunks).toString('latin1');
        const i = t.indexOf('\r\n\r\n');
        const len = /content-length:\s*(\d+)/i.exec(t);
        if (i >= 0 && len && Buffer.byteLength(t.slice(i + 4), 'latin1') >= Number(len[1])) finish(false);
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
    socket.on('connect', () => {
      for (const p of parts) {
        if (socket.destroyed) break;
        socket.write(p, () => undefined);
      }
      if (endAfterWrite) socket.end();
    });
  });
}

/** Writes `head`, then `total` bytes of body (raw, or in chunked framing) to the socket in 64 KB chunks, respecting back-pressure. */
export async function writeBytes(port: number, head: string, total: number, opts: { timeoutMs?: number; chunked?: boolean } = {}): Promise<RawReply & { sent: number }> {
  const { timeoutMs = 5000, chunked = false } = opts;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let error: string | null = null;
    let done = false;
    let sent = 0;
    const socket = connect({ host: '127.0.0.1', port });
    const finish = (closed: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ ...parseReply(Buffer.concat(chunks), error, closed), sent });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (c: Buffer) => {
      chunks.push(c);
      const t = Buffer.concat(chunks).toString('latin1');
      const i = t.indexOf('\r\n\r\n');
      const len = /content-length:\s*(\d+)/i.exec(t);
      if (i >= 0 && len && Buffer.byteLength(t.slice(i + 4), 'latin1') >= Number(len[1])) finish(false);
    });
    socket.on('error', (e: NodeJS.ErrnoException) => {
      error = e.code ?? e.message;
    });
    socket.on('close', () => finish(true));
    const block = Buffer.alloc(64 * 1024, 0x61);
    const pump = () => {
      while (!done && !socket.destroyed && sent < total) {
        const n = Math.min(block.length, total - sent);
        sent += n;
        const piece = chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), block.subarray(0, n), Buffer.from('\r\n')]) : block.subarray(0, n);
        if (!socket.write(piece)) return void socket.once('drain', pump);
      }
    };
    socket.on('connect', () => {
      socket.write(head);
      pump();
    });
  });
}

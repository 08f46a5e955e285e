import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signed file URLs for the local server: `/api/files/<hex>?exp=<unix seconds>&sig=<hmac>`, the
 * HMAC-SHA256 of the file and the expiry under a server secret. Without the secret nobody can
 * make or stretch one; after `exp` it is refused.
 */
export function signature(secret: Uint8Array, hex: string, exp: number): string {
  return createHmac('sha256', secret).update(`file\u0000${hex}\u0000${exp}`).digest('base64url');
}

export function signedFilePath(secret: Uint8Array, hex: string, exp: number): string {
  return `/api/files/${hex}?exp=${exp}&sig=${signature(secret, hex, exp)}`;
}

/** True only for an untampered signature whose expiry is still ahead of `nowMs`. */
export function verifyFileSignature(secret: Uint8Array, hex: string, exp: string | null, sig: string | null, nowMs: number): boolean {
  if (exp === null || sig === null || !/^\d{1,12}$/.test(exp) || !/^[A-Za-z0-9_-]{43}$/.test(sig)) return false;
  const expiry = Number(exp);
  if (expiry * 1000 <= nowMs) return false;
  const want = Buffer.from(signature(secret, hex, expiry), 'utf8');
  const got = Buffer.from(sig, 'utf8');
  return want.length === got.length && timingSafeEqual(want, got);
}

/**
 * The local server's secret: XIANGYUE_FILE_SECRET when set (≥ 32 characters, so URLs survive a
 * restart), otherwise random per process (URLs handed out before a restart stop working, which
 * is what short-lived URLs are for anyway).
 */
export function fileSecretFromEnv(env: NodeJS.ProcessEnv = process.env): Uint8Array {
  const s = env.XIANGYUE_FILE_SECRET;
  if (typeof s === 'string' && s.length >= 32) return Buffer.from(s, 'utf8');
  return randomBytes(32);
}

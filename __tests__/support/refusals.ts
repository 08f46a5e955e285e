import type { Database } from '@backend/db/types';
import { shopFingerprint } from './invariants';

/** Runs `fn` and asserts that no ledger, shop or fund document changed. */
export async function expectNoWriteIn<T>(db: Database, fn: () => Promise<T>): Promise<T> {
  const before = await shopFingerprint(db);
  const r = await fn();
  expect(await shopFingerprint(db)).toBe(before);
  return r;
}

/** A refusal: the stable code, a Chinese message (matching `message` if given), no stack trace. */
export function expectRefused(r: { ok: boolean; code?: string; message?: string }, code: string, message?: RegExp): void {
  expect(r).toMatchObject({ ok: false, code });
  if (!r.ok) {
    expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
    if (message) expect(r.message).toMatch(message);
    expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
  }
}

import type { ErrorCode } from '../shared/errors';

/**
 * A policy's answer. A refusal carries the code and the Chinese message the caller sees;
 * NOT_FOUND is used where saying "forbidden" would confirm that something exists.
 */
export type Decision = { ok: true } | { ok: false; code: ErrorCode; message: string };

export const allow: Decision = { ok: true };
export function deny(code: ErrorCode, message: string): Decision {
  return { ok: false, code, message };
}
/** `allow` when `cond`, else the refusal. */
export function allowIf(cond: boolean, code: ErrorCode, message: string): Decision {
  return cond ? allow : deny(code, message);
}

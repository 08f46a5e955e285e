import type { ErrorCode } from './errors';

/** What every cloud function returns to the client. Never a stack trace. */
export type ApiOk<T> = { ok: true; data: T };
export type ApiErr = { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };
export type ApiResult<T> = ApiOk<T> | ApiErr;

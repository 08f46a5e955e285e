import { ERROR_MESSAGES, type ErrorCode } from '@domain/shared/errors';

/** NETWORK: the request never got an answer from the backend. */
export type ApiErrorCode = ErrorCode | 'NETWORK';

export const NETWORK_MESSAGE = '网络连接失败，请检查网络后重试';

/** A refusal or failure from the backend. `message` is Chinese and meant for the villager. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details?: Record<string, unknown>;
  constructor(code: ApiErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message || (code === 'NETWORK' ? NETWORK_MESSAGE : ERROR_MESSAGES[code]) || ERROR_MESSAGES.INTERNAL);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ApiError');
}

/** The Chinese message to show for anything thrown by a call. */
export function messageOf(e: unknown): string {
  if (isApiError(e)) return e.message;
  return ERROR_MESSAGES.INTERNAL;
}

/** Narrow an unknown answer to an ApiResult, or fail as the backend being unreachable/broken. */
export function asApiResult(raw: unknown, httpStatus?: number):
  | { ok: true; data: unknown }
  | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> } {
  if (typeof raw === 'object' && raw !== null && typeof (raw as { ok?: unknown }).ok === 'boolean') {
    const r = raw as { ok: boolean; data?: unknown; code?: unknown; message?: unknown; details?: unknown };
    if (r.ok) return { ok: true, data: r.data };
    const code = (typeof r.code === 'string' && r.code in ERROR_MESSAGES ? r.code : 'INTERNAL') as ErrorCode;
    const message = typeof r.message === 'string' && r.message ? r.message : ERROR_MESSAGES[code];
    const details = typeof r.details === 'object' && r.details !== null ? (r.details as Record<string, unknown>) : undefined;
    return { ok: false, code, message, details };
  }
  throw new ApiError(httpStatus === undefined || httpStatus >= 500 ? 'INTERNAL' : 'NETWORK');
}

/**
 * How a call reaches the backend. Platform files: transport.weapp.ts (wx.cloud) and
 * transport.h5.ts (the local server, demo identities). Taro picks the file for the platform
 * being built; TypeScript sees this declaration. Both throw ApiError when no answer comes.
 */
export type RawResult =
  | { ok: true; data: unknown }
  | { ok: false; code: import('@domain/shared/errors').ErrorCode; message: string; details?: Record<string, unknown> };

/** Call cloud function `fn` with `payload` (= { action, ...input }). */
export function invoke(fn: string, payload: Record<string, unknown>): Promise<RawResult>;

/** Where an upload goes in cloud storage (weapp): evidence photos, or goods photos. */
export type PhotoFolder = 'evidence' | 'goods';

/** Compress/upload a chosen photo; resolves to the file id the backend stores. */
export function uploadPhoto(tempFilePath: string, folder?: PhotoFolder): Promise<string>;

import type { PhotoFacts } from '@domain/points/submitRules';
import type { ExportOwner } from '@domain/sheets/policy';

export type { ExportOwner };

/** What the store knows of a file: its real type and size, and who uploaded it. */
export interface FileFacts extends PhotoFacts {
  /** The OPENID that uploaded the file, or null when the store cannot tell (never trusted then). */
  owner: string | null;
}

/**
 * Evidence photos. Locally they live under .data/files and the local server serves them;
 * in production the mini-program uploads straight to CloudBase storage and the functions
 * only inspect and sign them.
 */
export interface FileStore {
  /** Stores an upload (local server only) and returns its file id. */
  put(bytes: Uint8Array, ownerOpenid: string): Promise<string>;
  /** What the bytes really are and who uploaded them, or null when no such file exists. */
  facts(fileId: string): Promise<FileFacts | null>;
  /**
   * A short-lived URL the client can show: signed and expiring (the local server checks an
   * HMAC over the file and the expiry; CloudBase hands out its own temporary URLs).
   */
  url(fileId: string): Promise<string>;
  /**
   * Stores an export too large for a function's answer (src/domain/sheets/limits.ts) under the
   * requester's place and the requester — `exports/<scopeId>/<personId>/…` — and returns its id.
   */
  putExport(bytes: Uint8Array, owner: ExportOwner, extension: 'xlsx' | 'pdf'): Promise<string>;
  /** Whose export a file id is, or null when it is none (a photo, a forged or unknown id). */
  exportOwner(fileId: string): Promise<ExportOwner | null>;
  /** Deletes a stored export (gone already: nothing to do). */
  deleteExport(fileId: string): Promise<void>;
}

/** How long a file URL handed to a client stays valid. */
export const FILE_URL_TTL_SECONDS = 30 * 60;

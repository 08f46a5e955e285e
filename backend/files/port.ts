import type { PhotoFacts } from '@domain/points/submitRules';

/**
 * Evidence photos. Locally they live under .data/files and the local server serves them;
 * in production the mini-program uploads straight to CloudBase storage and the functions
 * only inspect and sign them.
 */
export interface FileStore {
  /** Stores an upload (local server only) and returns its file id. */
  put(bytes: Uint8Array, ownerOpenid: string): Promise<string>;
  /** What the bytes really are, or null when no such file exists. */
  facts(fileId: string): Promise<PhotoFacts | null>;
  /** A URL the client can show. */
  url(fileId: string): Promise<string>;
}

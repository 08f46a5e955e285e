import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FILE_URL_TTL_SECONDS, type ExportOwner, type FileStore } from './port';
import { signedFilePath, verifyFileSignature } from './signing';
import { sniffImageMime } from './sniff';

const ID = /^local\/([0-9a-f]{32})$/;
const HEX = /^[0-9a-f]{32}$/;
/** An OPENID as the local server accepts it (see server/app.ts callerOpenid). */
const OWNER = /^[\x21-\x7e]{1,128}$/;
/** A place or person id in an export's path (`exports/<scopeId>/<personId>/…`). */
const PATH_PART = /^[A-Za-z0-9_-]{1,64}$/;

function exportPath(owner: ExportOwner): string {
  if (!PATH_PART.test(owner.scopeId) || !PATH_PART.test(owner.personId)) throw new Error('an export needs its place and its requester');
  return `exports/${owner.scopeId}/${owner.personId}`;
}

export interface LocalFileStoreOptions {
  /** The HMAC key of the signed URLs. */
  secret: Uint8Array;
  /** How long a URL stays valid. */
  ttlSeconds?: number;
  /** Wall clock for URL expiry (not the business clock of the use cases). */
  clock?: () => number;
}

/** What the local server may answer for GET /api/files/<hex>?exp=…&sig=… */
export type LocalRead = { status: 200; bytes: Uint8Array; mime: string | null; expiresInSeconds: number } | { status: 403 } | { status: 404 };

export interface LocalFileStore extends FileStore {
  /** The bytes of a file, only for a valid, unexpired signature. */
  readSigned(hex: string, exp: string | null, sig: string | null): Promise<LocalRead>;
}

export function isLocalFileStore(store: FileStore): store is LocalFileStore {
  return typeof (store as Partial<LocalFileStore>).readSigned === 'function';
}

/**
 * Files under `<dir>/<hex>` (uploader's OPENID in `<dir>/<hex>.owner`; an export's path,
 * `exports/<scopeId>/<personId>`, in `<dir>/<hex>.export`); ids look like `local/<hex>` and are
 * served at `/api/files/<hex>` with a signed, expiring query.
 */
export function localDiskFileStore(dir: string, opts: LocalFileStoreOptions): LocalFileStore {
  const ttl = opts.ttlSeconds ?? FILE_URL_TTL_SECONDS;
  const clock = opts.clock ?? (() => Date.now());
  const pathOf = (fileId: string): { hex: string; path: string } | null => {
    const m = ID.exec(fileId);
    return m ? { hex: m[1], path: join(dir, m[1]) } : null;
  };
  return {
    async put(bytes, ownerOpenid) {
      if (!OWNER.test(ownerOpenid)) throw new Error('an upload needs its uploader');
      await mkdir(dir, { recursive: true });
      const hex = randomBytes(16).toString('hex');
      await writeFile(join(dir, `${hex}.owner`), ownerOpenid);
      await writeFile(join(dir, hex), bytes);
      return `local/${hex}`;
    },
    async putExport(bytes, owner) {
      const path = exportPath(owner);
      await mkdir(dir, { recursive: true });
      const hex = randomBytes(16).toString('hex');
      await writeFile(join(dir, `${hex}.export`), path);
      await writeFile(join(dir, hex), bytes);
      return `local/${hex}`;
    },
    async deleteExport(fileId) {
      const p = pathOf(fileId);
      if (!p) return;
      // Only a stored export (it has its .export record): never a photo.
      if (!(await stat(`${p.path}.export`).catch(() => null))) return;
      await rm(p.path, { force: true });
      await rm(`${p.path}.export`, { force: true });
    },
    async exportOwner(fileId) {
      const p = pathOf(fileId);
      if (!p) return null;
      try {
        const m = /^exports\/([A-Za-z0-9_-]{1,64})\/([A-Za-z0-9_-]{1,64})$/.exec((await readFile(`${p.path}.export`, 'utf8')).trim());
        return m ? { scopeId: m[1], personId: m[2] } : null;
      } catch {
        return null;
      }
    },
    async facts(fileId) {
      const p = pathOf(fileId);
      if (!p) return null;
      try {
        const s = await stat(p.path);
        if (!s.isFile()) return null;
        const fh = await open(p.path, 'r');
        let head: Uint8Array;
        try {
          head = new Uint8Array(16);
          await fh.read(head, 0, 16, 0);
        } finally {
          await fh.close();
        }
        let owner: string | null = null;
        try {
          const o = (await readFile(`${p.path}.owner`, 'utf8')).trim();
          owner = OWNER.test(o) ? o : null;
        } catch {
          owner = null;
        }
        return { fileId, mime: sniffImageMime(head), size: s.size, owner };
      } catch {
        return null;
      }
    },
    async url(fileId) {
      const p = pathOf(fileId);
      if (!p) return '';
      const exp = Math.floor(clock() / 1000) + ttl;
      return signedFilePath(opts.secret, p.hex, exp);
    },
    async readSigned(hex, exp, sig) {
      if (!HEX.test(hex)) return { status: 404 };
      const now = clock();
      if (!verifyFileSignature(opts.secret, hex, exp, sig, now)) return { status: 403 };
      try {
        const bytes = await readFile(join(dir, hex));
        return { status: 200, bytes, mime: sniffImageMime(bytes), expiresInSeconds: Math.max(0, Math.floor(Number(exp) - now / 1000)) };
      } catch {
        return { status: 404 };
      }
    },
  };
}

import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileStore } from './port';
import { sniffImageMime } from './sniff';

const ID = /^local\/([0-9a-f]{32})$/;

/** Files under `<dir>/<hex>`; ids look like `local/<hex>` and are served at `/api/files/<hex>`. */
export function localDiskFileStore(dir: string): FileStore {
  const pathOf = (fileId: string): string | null => {
    const m = ID.exec(fileId);
    return m ? join(dir, m[1]) : null;
  };
  return {
    async put(bytes, ownerOpenid) {
      await mkdir(dir, { recursive: true });
      const hex = randomBytes(16).toString('hex');
      await writeFile(join(dir, hex), bytes);
      await writeFile(join(dir, `${hex}.owner`), ownerOpenid);
      return `local/${hex}`;
    },
    async facts(fileId) {
      const p = pathOf(fileId);
      if (!p) return null;
      try {
        const s = await stat(p);
        const fh = await open(p, 'r');
        try {
          const head = new Uint8Array(16);
          await fh.read(head, 0, 16, 0);
          return { fileId, mime: sniffImageMime(head), size: s.size };
        } finally {
          await fh.close();
        }
      } catch {
        return null;
      }
    },
    async url(fileId) {
      const m = ID.exec(fileId);
      return m ? `/api/files/${m[1]}` : '';
    },
  };
}

/** Reads a stored file for the local server; null when the id is not one of ours. */
export async function readLocalFile(dir: string, hex: string): Promise<Uint8Array | null> {
  if (!/^[0-9a-f]{32}$/.test(hex)) return null;
  try {
    return await readFile(join(dir, hex));
  } catch {
    return null;
  }
}

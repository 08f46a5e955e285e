import { createHash } from 'node:crypto';
import type { Database } from '../db/types';
import { C } from './collections';

/** An export written to storage (backend/sheets/deliver.ts), kept until it is purged. */
export interface StoredExportDoc {
  _id: string;
  fileId: string;
  personId: string;
  createdAt: number;
}

/** File ids hold `/` and `:`: the record's id is derived from it. */
const recordId = (fileId: string): string => `se_${createHash('sha256').update(fileId).digest('hex').slice(0, 32)}`;

export const storedExportsRepo = {
  async add(db: Database, fileId: string, personId: string, createdAt: number): Promise<void> {
    await db.collection<StoredExportDoc>(C.storedExports).doc(recordId(fileId)).set({ fileId, personId, createdAt });
  },

  async exists(db: Database, fileId: string): Promise<boolean> {
    const { data } = await db.collection<StoredExportDoc>(C.storedExports).doc(recordId(fileId)).get();
    return data.length > 0;
  },

  /** Exports made before `before`, oldest first, a page at a time. */
  async madeBefore(db: Database, before: number, limit: number): Promise<StoredExportDoc[]> {
    const { data } = await db
      .collection<StoredExportDoc>(C.storedExports)
      .where({ createdAt: db.command.lt(before) })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(limit)
      .get();
    return data;
  },

  async remove(db: Database, id: string): Promise<void> {
    await db.collection<StoredExportDoc>(C.storedExports).doc(id).remove();
  },
};

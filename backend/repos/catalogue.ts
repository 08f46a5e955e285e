import type { CatalogueVersion } from '@domain/catalogue/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const catalogueRepo = {
  /** All versions of a village's catalogue, newest first (a handful per year at most). */
  async versions(db: Database, villageId: string): Promise<CatalogueVersion[]> {
    const { data } = await db
      .collection<CatalogueVersion>(C.catalogueVersions)
      .where({ villageId })
      .orderBy('effectiveFrom', 'desc')
      .orderBy('version', 'desc')
      .limit(100)
      .get();
    return data;
  },
};

import type { CatalogueVersion } from '@domain/catalogue/types';
import type { Database } from '../db/types';
import { C } from './collections';

export const catalogueRepo = {
  /**
   * All versions of a village's catalogue, newest first (a handful per year at most), drafts
   * included: `versionInForce` only ever picks filed ones.
   */
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

  async get(db: Database, id: string): Promise<CatalogueVersion | null> {
    const { data } = await db.collection<CatalogueVersion>(C.catalogueVersions).doc(id).get();
    return data[0] ?? null;
  },

  /** Submitted drafts of these villages (the town's filing queue), index status_villageId. */
  async submitted(db: Database, villageIds: string[]): Promise<CatalogueVersion[]> {
    if (villageIds.length === 0) return [];
    const { data } = await db
      .collection<CatalogueVersion>(C.catalogueVersions)
      .where({ status: 'submitted', villageId: db.command.in(villageIds) })
      .orderBy('villageId', 'asc')
      .limit(1000)
      .get();
    return data;
  },
};

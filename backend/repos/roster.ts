import type { Database, Transaction } from '../db/types';
import { C } from './collections';

/**
 * Append-only records of the grid tree and roster: every change (who, what, when) and every
 * admin read of a tagged household's detail ("严格保护个人隐私" [002]).
 */
export type OrgChangeKind = 'create_grid' | 'rename_grid' | 'move_household' | 'set_role' | 'save_roster' | 'import';

export interface OrgChange {
  _id: string;
  townId: string;
  villageId: string;
  kind: OrgChangeKind;
  /** The grid, household or import it is about. */
  targetId: string;
  /** In words, for the admin reading the history. */
  summary: string;
  actorId: string;
  actorName: string;
  at: number;
}

export interface PrivacyRead {
  _id: string;
  townId: string;
  villageId: string;
  gridId: string;
  householdId: string;
  doorNo: string;
  readerId: string;
  readerName: string;
  readerRole: 'village_admin' | 'town_admin';
  at: number;
}

export interface RosterImport {
  _id: string;
  townId: string;
  villageId: string;
  actorId: string;
  actorName: string;
  at: number;
  rows: number;
  written: { households: number; people: number };
}

export const rosterRepo = {
  async logChange(db: Database | Transaction, change: OrgChange): Promise<void> {
    const { _id, ...rest } = change;
    await db.collection<OrgChange>(C.orgChanges).doc(_id).set(rest);
  },

  async logRead(db: Database, read: PrivacyRead): Promise<void> {
    const { _id, ...rest } = read;
    await db.collection<PrivacyRead>(C.privacyReads).add({ _id, ...rest });
  },

  async readsOfVillage(db: Database, villageId: string, beforeAt: number | undefined, limit: number): Promise<PrivacyRead[]> {
    const where = beforeAt === undefined ? { villageId } : { villageId, at: db.command.lt(beforeAt) };
    const { data } = await db.collection<PrivacyRead>(C.privacyReads).where(where).orderBy('at', 'desc').limit(limit).get();
    return data;
  },

  async saveImport(db: Database, record: RosterImport): Promise<void> {
    const { _id, ...rest } = record;
    await db.collection<RosterImport>(C.rosterImports).doc(_id).set(rest);
  },
};

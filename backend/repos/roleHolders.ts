import { roleHolderChanges, roleHoldersOf, type RoleHolder } from '@domain/org/roleHolders';
import type { Role, RoleAssignment } from '@domain/org/roles';
import type { Person } from '@domain/org/types';
import type { Database, Transaction } from '../db/types';
import { C } from './collections';

/**
 * The role index (src/domain/org/roleHolders.ts). Every writer of Person.roles calls `sync` in the
 * transaction that writes the roles, so the index never disagrees with the people it indexes.
 */
export const roleHoldersRepo = {
  async sync(tx: Transaction, personId: string, before: readonly RoleAssignment[], after: readonly RoleAssignment[]): Promise<void> {
    const { add, remove } = roleHolderChanges(personId, before, after);
    for (const { _id, ...doc } of add) await tx.collection<RoleHolder>(C.roleHolders).doc(_id).set(doc);
    for (const id of remove) await tx.collection<RoleHolder>(C.roleHolders).doc(id).delete();
  },

  /** The people holding any of these roles on this scope (a village's committee is a few dozen at most). */
  async personIds(db: Database, scopeId: string, roles: readonly Role[]): Promise<string[]> {
    if (roles.length === 0) return [];
    const { data } = await db
      .collection<RoleHolder>(C.roleHolders)
      .where({ scopeId, role: db.command.in([...roles]) })
      .limit(1000)
      .get();
    return [...new Set(data.map((h) => h.personId))];
  },

  /**
   * Adds the index entries these people's roles call for and are missing (idempotent): for
   * people written before the index existed, and the demo seed.
   */
  async backfill(db: Database, people: readonly Person[]): Promise<number> {
    let written = 0;
    for (const p of people) {
      for (const { _id, ...doc } of roleHoldersOf(p._id, p.roles)) {
        const { data } = await db.collection<RoleHolder>(C.roleHolders).doc(_id).get();
        if (data[0]) continue;
        await db.collection<RoleHolder>(C.roleHolders).doc(_id).set(doc);
        written++;
      }
    }
    return written;
  },
};

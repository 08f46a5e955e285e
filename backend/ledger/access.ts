import { DomainError } from '@domain/shared/errors';
import type { Household, Person } from '@domain/org/types';
import type { Role } from '@domain/org/roles';
import type { BalanceView } from '@domain/api/ledger';
import { emptyBalance } from '@domain/ledger/post';
import type { Balance } from '@domain/ledger/types';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';
import { holdsIn } from '../runtime/scope';

/** Village roles that may read any household's points in their village. */
export const LEDGER_OVERSIGHT: Role[] = ['village_admin', 'reviewer', 'supervisor'];

/**
 * The household whose points this person may read: their own (no id, or their own id), or
 * for the village's admins and committee any household of the village. Anything else is
 * NOT_FOUND, the same answer as an unknown id, so other households cannot be probed.
 */
export async function readableHousehold(db: Database, person: Person, householdId: string | undefined): Promise<Household> {
  const id = householdId ?? person.householdId;
  if (!id) throw new DomainError('FORBIDDEN', '您不属于任何一户，没有积分账户');
  const household = await orgRepo.household(db, id);
  const allowed = household && (household._id === person.householdId || holdsIn(person, LEDGER_OVERSIGHT, household.villageId));
  if (!household || !allowed) throw new DomainError('NOT_FOUND', '找不到该户，或您无权查看');
  return household;
}

export function balanceView(household: Household, balance: Balance | null, now: number): BalanceView {
  const { _id, ...b } = balance ?? emptyBalance(household._id, household.townId, household.villageId, now);
  return { ...b, householdId: _id, householdName: `${household.headName}户`, doorNo: household.doorNo };
}

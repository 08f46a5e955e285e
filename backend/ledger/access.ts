import type { Household } from '@domain/org/types';
import type { BalanceView } from '@domain/api/ledger';
import { emptyBalance } from '@domain/ledger/post';
import type { Balance } from '@domain/ledger/types';

export function balanceView(household: Household, balance: Balance | null, now: number): BalanceView {
  const { _id, ...b } = balance ?? emptyBalance(household._id, household.townId, household.villageId, now);
  return { ...b, householdId: _id, householdName: `${household.headName}户`, doorNo: household.doorNo };
}

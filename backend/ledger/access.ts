import type { Household } from '@domain/org/types';
import type { BalanceView } from '@domain/api/ledger';
import { emptyBalance } from '@domain/ledger/post';
import type { Balance } from '@domain/ledger/types';
import { isUnitId } from '@domain/units/types';

export function balanceView(household: Household, balance: Balance | null, now: number): BalanceView {
  const { _id, ...b } = balance ?? emptyBalance(household._id, household.townId, household.villageId, now);
  // A unit's account (单位积分) stands in a household's fields: its name, its kind as the door.
  return { ...b, householdId: _id, householdName: isUnitId(_id) ? household.headName : `${household.headName}户`, doorNo: household.doorNo };
}

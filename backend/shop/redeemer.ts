import { isUnitId, UNIT_KIND_LABELS, type Unit } from '@domain/units/types';
import type { Database, Transaction } from '../db/types';
import { C } from '../repos/collections';
import type { HouseholdDoc } from './eligibility';

/**
 * Who redeems with a code: a household, or — where the village lets units redeem (policy
 * unitsRedeem) — a unit (单位积分), standing in the household's fields (its name as the head's,
 * its kind as the door) with no veto or base-score gate. Its document is where a redemption
 * writes `lastReceiptId`, as a household's is.
 */
/** A redeemer's document as stored: a household's, or a unit's with the receipt that last claimed it. */
export type RedeemerDoc = HouseholdDoc | (Unit & { lastReceiptId?: string });

export function redeemerCollection(id: string): string {
  return isUnitId(id) ? C.units : C.households;
}

export function unitAsRedeemer(u: Unit & { lastReceiptId?: string }): HouseholdDoc {
  return {
    _id: u._id,
    townId: u.townId,
    villageId: u.villageId,
    gridId: u.gridId,
    doorNo: UNIT_KIND_LABELS[u.kind],
    headPersonId: u.responsiblePersonId,
    headName: u.name,
    memberCount: 1,
    unit: true,
    ...(u.lastReceiptId ? { lastReceiptId: u.lastReceiptId } : {}),
  };
}

/** The redeemer's document as `db` or `tx` reads it (null when absent). */
export async function readRedeemer(db: Database | Transaction, id: string): Promise<HouseholdDoc | null> {
  const { data } = await db.collection<RedeemerDoc>(redeemerCollection(id)).doc(id).get();
  const doc = (Array.isArray(data) ? data[0] : data) ?? null;
  return doc ? asRedeemer(id, doc) : null;
}

/** The redeemer read from `redeemerCollection(id)`, in a household's shape. */
export function asRedeemer(id: string, doc: RedeemerDoc): HouseholdDoc {
  return isUnitId(id) ? unitAsRedeemer(doc as Unit) : (doc as HouseholdDoc);
}

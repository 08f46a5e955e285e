import { createHash } from 'node:crypto';
import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { UnitView } from '@domain/api/units';
import type { z } from 'zod';
import type { saveUnitInput } from '@domain/api/units';
import { normalizeUnitName, registeredUnit, unitIdFor } from '@domain/units/register';
import { stableId } from '../shared/ids';
import { UNIT_KIND_LABELS, type Unit } from '@domain/units/types';
import type { Balance } from '@domain/ledger/types';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import { orgRepo, type VillageDoc } from '../repos/org';
import { unitsRepo } from '../repos/units';
import { ledgerRepo } from '../repos/ledger';
import type { Deps } from '../runtime/deps';

export function unitView(unit: Unit, balance: Balance | null): UnitView {
  return { ...unit, kindLabel: UNIT_KIND_LABELS[unit.kind], balance: { pending: balance?.pending ?? 0, redeemable: balance?.redeemable ?? 0, spent: balance?.spent ?? 0 } };
}

/** Units with their balances (one read each: a village has a few dozen units). */
export async function unitViews(db: Database, units: Unit[]): Promise<UnitView[]> {
  const balances = await Promise.all(units.map((u) => ledgerRepo.balance(db, u._id)));
  return units.map((u, i) => unitView(u, balances[i]));
}

/**
 * 单位登记: the village admin registers a unit (id from the requestId: a retry finds the first)
 * or changes one of the village. The grid and the 负责人 must be of the village, the name free.
 * Authorization (mayManageUnit on a change; the admin's own village on a new one) is the caller's.
 */
export async function saveUnit(deps: Deps, actor: Person, village: VillageDoc, prior: Unit | null, input: z.infer<typeof saveUnitInput>): Promise<Unit> {
  const { db } = deps;
  const id = prior?._id ?? unitIdFor(village._id, createHash('sha256').update(`${actor._id}\u0000${input.requestId}`).digest('hex').slice(0, 16));
  if (!prior) {
    const again = await unitsRepo.get(db, id);
    if (again) return again;
  }
  const [grid, person, others] = await Promise.all([orgRepo.grid(db, input.gridId), orgRepo.person(db, input.responsiblePersonId), unitsRepo.ofVillage(db, village._id)]);
  const unit = registeredUnit(
    prior,
    { name: input.name, kind: input.kind, gridId: input.gridId, responsiblePersonId: input.responsiblePersonId, active: input.active ?? prior?.active ?? true },
    { id, townId: village.townId, villageId: village._id, grid, person, namesTaken: others.filter((u) => u._id !== id).map((u) => u.name), now: deps.now() },
  );
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<Unit>(C.units).doc(id);
    const { data: cur } = await ref.get();
    if (!prior && cur) return cur;
    if (prior && !cur) throw new DomainError('NOT_FOUND', '找不到该单位');
    // The name's key document, in the same transaction: of two registrations of one name at
    // once, the second finds it (or conflicts, and its retry does) — the list read above cannot.
    const names = tx.collection<UnitNameKey>(C.unitNames);
    const newKey = unitNameKeyId(unit.villageId, unit.name);
    const { data: holder } = await names.doc(newKey).get();
    if (holder && holder.unitId !== id) throw new DomainError('UNIT_NAME_TAKEN');
    if (cur) {
      const oldKey = unitNameKeyId(cur.villageId, cur.name);
      if (oldKey !== newKey) {
        const { data: old } = await names.doc(oldKey).get();
        if (old && old.unitId === id) await names.doc(oldKey).delete();
      }
    }
    if (!holder) await names.doc(newKey).set({ villageId: unit.villageId, unitId: id, name: unit.name, at: unit.updatedAt });
    const { _id, ...doc } = unit;
    void _id;
    await ref.set(doc);
    return unit;
  });
}

/** The key document of a unit name in a village: who holds it. */
export interface UnitNameKey {
  _id: string;
  villageId: string;
  unitId: string;
  name: string;
  at: number;
}

/** Its id: from the village and the normalized name (see normalizeUnitName). */
export function unitNameKeyId(villageId: string, name: string): string {
  return stableId('uname', villageId, normalizeUnitName(name));
}

import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import type { GridStaff, Household, Person } from '@domain/org/types';
import type { HouseholdTag } from '@domain/org/tags';
import type { DemoTown } from '../seed';

/**
 * Grid roster demo data: each grid's staff list (from the roles the seed gave), phone numbers
 * for the members of the first grids, and care/key-group tags on a few households, so the
 * roster, the privacy log and the 人员信息分布台账 have something to show. Idempotent: writes
 * only what differs; points and members are untouched.
 */
export const DEMO_TAGS: Record<string, HouseholdTag[]> = {
  'h-qs-1-04': ['hardship', 'low_income'],
  'h-qs-1-06': ['empty_nest', 'over_70'],
  'h-qs-1-09': ['over_70'],
  'h-qs-2-07': ['migrant'],
  'h-qs-2-12': ['hardship', 'disabled'],
  'h-qs-3-09': ['key_person'],
  'h-qs-3-14': ['empty_nest', 'over_70', 'low_income'],
  'h-lx-1-05': ['empty_nest'],
  'h-lx-2-08': ['low_income'],
};

/** A stable, obviously fake mobile number per person: 139000 (柳溪村 138000) + grid + household + member. */
export function demoPhone(personId: string): string | null {
  const m = /^h-(qs|lx)-(\d)-(\d\d)-m(\d+)$/.exec(personId);
  if (!m) return null;
  return `13${m[1] === 'qs' ? 9 : 8}000${m[2]}${m[3]}${m[4].padStart(2, '0')}`;
}

export async function seedGridRosterDemo(db: Database, t: DemoTown): Promise<void> {
  for (const g of t.grids) {
    const staff: GridStaff[] = t.people.flatMap((p) =>
      p.roles
        .filter((r) => (r.role === 'grid_leader' || r.role === 'grid_worker') && r.scopeId === g._id)
        .map((r) => ({ personId: p._id, name: p.name, role: r.role as GridStaff['role'] })),
    );
    const stored = (await db.collection(C.grids).doc(g._id).get()).data[0] as { staff?: GridStaff[] } | undefined;
    if (stored && stored.staff === undefined) await db.collection(C.grids).doc(g._id).update({ staff });
  }
  for (const [hid, tags] of Object.entries(DEMO_TAGS)) {
    const h = (await db.collection<Household>(C.households).doc(hid).get()).data[0];
    if (h && h.tags === undefined) await db.collection(C.households).doc(hid).update({ tags });
  }
  // Phones for 青山村 一组 and 二组 and 柳溪村 一组: enough to show masking, not every household.
  for (const p of t.people) {
    if (!/^h-(qs-[12]|lx-1)-/.test(p._id)) continue;
    const phone = demoPhone(p._id);
    const stored = (await db.collection<Person>(C.people).doc(p._id).get()).data[0];
    if (stored && stored.phone === undefined && phone) await db.collection(C.people).doc(p._id).update({ phone });
  }
}

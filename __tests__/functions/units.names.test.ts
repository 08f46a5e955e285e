/**
 * 单位登记: a unit's name is one in its village, also when two admins register it at the same
 * moment. Under `--selectProjects cloudbase` (the faithful engine: snapshot reads, first writer
 * wins) the list read before the transaction cannot see the other registration; the name's key
 * document, written in the same transaction as the unit, makes the second one fail.
 */
import { C } from '@backend/repos/collections';
import type { Person } from '@domain/org/types';
import type { Unit } from '@domain/units/types';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { expectRefused } from '../support/refusals';
import { ADMIN, HEAD } from '../support/people';

jest.setTimeout(60_000);

let h: Harness;
/** A second village admin of 青山村 (the demo has one): 一组3号's head, appointed here. */
const SECOND_ADMIN = HEAD;
beforeAll(async () => {
  h = await openHarness();
  const me = await h.ok(SECOND_ADMIN, 'identity', 'whoami', {});
  const person = (await h.db.collection<Person>(C.people).doc(me.person.id).get()).data[0];
  await h.db.collection<Person>(C.people).doc(me.person.id).update({ roles: [...person.roles, { role: 'village_admin', scope: 'village', scopeId: 'v-qingshan' }] });
}, 90_000);
afterAll(async () => h?.close());

let seq = 0;
const rid = () => `uname-${Date.now().toString(36)}-${++seq}`;
const fields = (name: string, extra: Record<string, unknown> = {}) => ({ requestId: rid(), name, kind: 'cooperative' as const, gridId: 'g-qs-3', responsiblePersonId: 'h-qs-3-06-m1', ...extra });
const named = async (name: string) => (await readAll<Unit>(h.db, C.units)).filter((u) => u.villageId === 'v-qingshan' && u.name.replace(/\s/g, '') === name.replace(/\s/g, ''));

describe('one name, one unit (concurrent registrations)', () => {
  it.each([0, 1, 2, 3, 4])('two admins register the same name at once (round %s): one unit, the other is told 已有同名单位', async (round) => {
    const name = `青山同名合作社${round}`;
    const results = await Promise.all([ADMIN, SECOND_ADMIN].map((who) => h.call(who, 'units', 'save', fields(name))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const refused = results.find((r) => !r.ok)!;
    expectRefused(refused, 'UNIT_NAME_TAKEN');
    expect(await named(name)).toHaveLength(1);
  });

  it('five registrations of one name at once, by both admins: one unit', async () => {
    const name = '青山五连合作社';
    const results = await Promise.all([ADMIN, SECOND_ADMIN, ADMIN, SECOND_ADMIN, ADMIN].map((who) => h.call(who, 'units', 'save', fields(name))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await named(name)).toHaveLength(1);
  });

  it('spaces and full-width letters do not make another name', async () => {
    await h.ok(ADMIN, 'units', 'save', fields('青山ABC农场'));
    expectRefused(await h.call(SECOND_ADMIN, 'units', 'save', fields('青山 ＡＢＣ 农场')), 'UNIT_NAME_TAKEN');
    expectRefused(await h.call(SECOND_ADMIN, 'units', 'save', fields('青山abc农场')), 'UNIT_NAME_TAKEN');
  });

  it('a rename frees the old name and takes the new one; two renames to one name at once: one wins', async () => {
    const a = await h.ok(ADMIN, 'units', 'save', fields('青山旧名甲'));
    const b = await h.ok(ADMIN, 'units', 'save', fields('青山旧名乙'));
    const results = await Promise.all([
      h.call(ADMIN, 'units', 'save', fields('青山新名', { unitId: a._id })),
      h.call(SECOND_ADMIN, 'units', 'save', fields('青山新名', { unitId: b._id })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await named('青山新名')).toHaveLength(1);
    // the loser keeps its name; the winner's old name is free again
    const winner = results[0].ok ? a : b;
    const freed = winner === a ? '青山旧名甲' : '青山旧名乙';
    expect((await h.ok(SECOND_ADMIN, 'units', 'save', fields(freed))).name).toBe(freed);
    // renaming a unit to its own name (another field changed) is no conflict
    expect((await h.ok(ADMIN, 'units', 'save', fields('青山新名', { unitId: winner._id, kind: 'association' }))).kind).toBe('association');
  });
});

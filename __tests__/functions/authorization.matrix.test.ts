/**
 * The authorization matrix, derived from the declarations: every action of every function ×
 * every role (and an unbound WeChat user, and no identity at all). Whoever the action's gate
 * refuses gets FORBIDDEN with the gate's own words (NOT_REGISTERED when unbound) and nothing is
 * written; whoever it admits gets past the gate. A new action cannot ship without a gate: the
 * type requires one (`action({ gate, … })`), and this test checks every registered action.
 */
import { ROLES, ROLE_SCOPE, type Role } from '@domain/org/roles';
import type { Person } from '@domain/org/types';
import { admits, type Gate } from '@domain/access/gate';
import type { ActionDef } from '@backend/runtime/handler';
import { C } from '@backend/repos/collections';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { DEMO_TOWN_ID } from '../../server/demo/seed';
import { openHarness, type Harness } from '../support/harness';

const VILLAGE = 'v-qingshan';
const GRID = 'g-qs-1';
const HOUSEHOLD = 'h-qs-1-07';

type Subject = { label: string; openid: string | null; person: Person | null };

function personWith(role: Role): Person {
  const scopeId = ROLE_SCOPE[role] === 'grid' ? GRID : ROLE_SCOPE[role] === 'town' ? DEMO_TOWN_ID : VILLAGE;
  const lives = role === 'villager' || role === 'household_head';
  return {
    _id: `mx-${role}`,
    townId: DEMO_TOWN_ID,
    villageId: role === 'town_admin' ? null : VILLAGE,
    householdId: lives ? HOUSEHOLD : null,
    name: `矩阵${role}`,
    relation: lives ? (role === 'household_head' ? '户主' : '子女') : null,
    roles: [{ role, scope: ROLE_SCOPE[role], scopeId }],
  };
}

const subjects: Subject[] = [
  { label: 'no identity', openid: null, person: null },
  { label: 'unbound WeChat user', openid: 'mx-unbound', person: null },
  ...ROLES.map((role) => ({ label: role, openid: `mx-openid-${role}`, person: personWith(role) })),
];

const actions = Object.entries(FUNCTIONS).flatMap(([fn, def]) =>
  Object.entries(def as Record<string, ActionDef<unknown, unknown>>).map(([name, a]) => ({ fn, name, gate: a.gate })),
);

function gateText(gate: Gate): string {
  return gate.kind === 'roles' ? `roles ${gate.roles.join('|')}` : gate.kind;
}

let h: Harness;
/** (Re)binds every subject: an admitted call may unbind its caller (org.unbind) or change their roles. */
async function bindSubjects(): Promise<void> {
  for (const s of subjects) {
    if (!s.person || !s.openid) continue;
    const { _id, ...person } = s.person;
    await h.db.collection(C.people).doc(_id).set(person);
    await h.db.collection(C.identities).doc(s.openid).set({ personId: s.person._id, boundAt: 0 });
  }
}
beforeAll(async () => {
  h = await openHarness();
  await bindSubjects();
}, 60_000);
afterAll(() => h.close());

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of Object.values(C)) out[name] = await h.count(name);
  return out;
}

describe('authorization matrix', () => {
  it('every action of every function declares its gate', () => {
    expect(actions.length).toBeGreaterThan(100);
    for (const a of actions) expect(['wechat', 'registered', 'household', 'roles']).toContain(a.gate?.kind);
  });

  it('whoever a gate refuses is refused with its words, and nothing is written', async () => {
    const before = await counts();
    const wrong: string[] = [];
    let refusals = 0;
    for (const a of actions) {
      for (const s of subjects) {
        if (admits(a.gate, s.person, s.openid !== null)) continue;
        refusals++;
        const r = await h.call(s.openid, a.fn as never, a.name as never, {});
        const expected = s.person && s.openid ? { code: 'FORBIDDEN', message: 'denied' in a.gate ? a.gate.denied : undefined } : { code: 'NOT_REGISTERED' };
        const got = r.ok ? 'ok' : r.code;
        if (got !== expected.code || (expected.message && !r.ok && r.message !== expected.message)) {
          wrong.push(`${a.fn}.${a.name} [${gateText(a.gate)}] as ${s.label}: ${r.ok ? 'ok' : `${r.code} ${r.message}`}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(refusals).toBeGreaterThan(actions.length);
    expect(await counts()).toEqual(before);
  }, 120_000);

  it('whoever a gate admits gets past it', async () => {
    const wrong: string[] = [];
    for (const a of actions) {
      for (const s of subjects) {
        if (!admits(a.gate, s.person, s.openid !== null)) continue;
        await bindSubjects();
        const r = await h.call(s.openid, a.fn as never, a.name as never, {});
        const stoppedAtGate = !r.ok && (r.code === 'NOT_REGISTERED' || (r.code === 'FORBIDDEN' && 'denied' in a.gate && r.message === a.gate.denied));
        if (stoppedAtGate) wrong.push(`${a.fn}.${a.name} as ${s.label}: ${r.code} ${r.message}`);
      }
    }
    expect(wrong).toEqual([]);
  }, 180_000);
});

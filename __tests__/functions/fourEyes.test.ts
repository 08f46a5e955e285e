/**
 * Four eyes (SPEC: committees decide): what one committee records another countersigns, by a
 * different person. The hard case is one person holding BOTH the reviewer and the supervisor
 * role of the village: they may act for either committee, never for both on the same matter.
 */
import { C } from '@backend/repos/collections';
import type { Person } from '@domain/org/types';
import { DEMO_TOWN_ID } from '../../server/demo/seed';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, REVIEWER, SUPERVISOR, VILLAGER } from '../support/people';
import { expectRefused } from '../support/refusals';
import { Q, closeMonths } from './publicity.fixture';

const QS = 'v-qingshan';
/** Sits on both committees of 青山村; lives in 二组1号. */
const BOTH = 'fe-both';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
  const people: Person[] = [
    {
      _id: BOTH,
      townId: DEMO_TOWN_ID,
      villageId: QS,
      householdId: 'h-qs-2-01',
      name: '两组兼任',
      relation: '户主',
      roles: [
        { role: 'reviewer', scope: 'village', scopeId: QS },
        { role: 'supervisor', scope: 'village', scopeId: QS },
      ],
    },
  ];
  for (const p of people) {
    const { _id, ...doc } = p;
    await h.db.collection(C.people).doc(_id).set(doc);
    await h.db.collection(C.identities).doc(_id).set({ personId: _id, boundAt: 0 });
  }
}, 60_000);
afterAll(async () => h?.close());

let seq = 0;
const rid = () => `fe-req-${++seq}-${Date.now().toString(36)}`;

async function snapshot(collections: string[]): Promise<string> {
  const parts: unknown[] = [];
  for (const c of collections) parts.push((await h.db.collection(c).orderBy('_id', 'asc').limit(1000).get()).data);
  return JSON.stringify(parts);
}

describe('veto: recorded by a reviewer, countersigned by a different person who is a supervisor', () => {
  it('whoever recorded it may neither countersign nor reject it, though they are a supervisor too', async () => {
    const v = await h.ok(BOTH, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-3-02', item: '违法违纪', description: '据反映乱倒垃圾', eventDate: '2026-11-15' });
    const before = await snapshot([C.vetoes, C.ledgerEntries, C.balances, C.households]);
    expectRefused(await h.call(BOTH, 'veto', 'countersign', { vetoId: v._id }), 'FORBIDDEN', /登记人/);
    expectRefused(await h.call(BOTH, 'veto', 'reject', { vetoId: v._id, reason: '不属实' }), 'FORBIDDEN', /登记人/);
    expect(await snapshot([C.vetoes, C.ledgerEntries, C.balances, C.households])).toBe(before);
    // Another supervisor may.
    expect(await h.ok(SUPERVISOR, 'veto', 'countersign', { vetoId: v._id })).toMatchObject({ status: 'effective' });
  });

  it('a veto recorded by someone else, the dual member countersigns as a supervisor', async () => {
    const v = await h.ok(REVIEWER, 'veto', 'record', { requestId: rid(), householdId: 'h-qs-3-03', item: '违法违纪', description: '据反映私搭乱建', eventDate: '2026-11-16' });
    expect(await h.ok(BOTH, 'veto', 'reject', { vetoId: v._id, reason: '经核实不属实' })).toMatchObject({ status: 'rejected' });
  });
});

describe('objections: a reviewer and a supervisor co-sign, two different people', () => {
  let objectionId: string;
  beforeAll(async () => {
    await closeMonths(h.db, QS);
    await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    const o = await h.ok(VILLAGER, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '七月漏记一项', photos: [] });
    objectionId = o._id;
  }, 60_000);

  it('the dual member proposes for one committee and may not countersign for the other', async () => {
    const proposed = await h.ok(BOTH, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 5, reason: '属实' });
    expect(proposed).toMatchObject({ status: 'proposed', reviewerSignature: { personId: BOTH }, supervisorSignature: null });
    const before = await snapshot([C.objections, C.publicities, C.ledgerEntries, C.balances]);
    expectRefused(await h.call(BOTH, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 5, reason: '同意' }), 'INVALID_TRANSITION', /同一人/);
    // A different decision by the same person does not replace the proposal either.
    expectRefused(await h.call(BOTH, 'publicity', 'decideObjection', { objectionId, outcome: 'dismiss', reason: '不成立' }), 'INVALID_TRANSITION', /同一人/);
    expect(await snapshot([C.objections, C.publicities, C.ledgerEntries, C.balances])).toBe(before);
  });

  it('after the other committee disagrees, the dual member still cannot sign both halves', async () => {
    const disagreed = await h.ok(SUPERVISOR, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 3, reason: '只补 3 分' });
    expect(disagreed).toMatchObject({ status: 'proposed', reviewerSignature: null });
    const supervisorId = disagreed.supervisorSignature?.personId;
    expect(supervisorId).toBeDefined();
    expect(supervisorId).not.toBe(BOTH);
    // The dual member now signs the reviewers' half: two different people, final.
    const done = await h.ok(BOTH, 'publicity', 'decideObjection', { objectionId, outcome: 'uphold', points: 3, reason: '同意补 3 分' });
    expect(done).toMatchObject({ status: 'upheld', reviewerSignature: { personId: BOTH }, supervisorSignature: { personId: supervisorId } });
  });

  it('a proposal the dual member made as a supervisor cannot be countersigned by them as a reviewer', async () => {
    const o = await h.ok(VILLAGER, 'publicity', 'object', { requestId: rid(), quarter: Q, householdId: 'h-qs-1-04', reason: '八月漏记', photos: [] });
    await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'dismiss', reason: '不成立' });
    const theirs = await h.ok(BOTH, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: 2, reason: '应补 2 分' });
    expect(theirs).toMatchObject({ status: 'proposed', reviewerSignature: null, supervisorSignature: { personId: BOTH } });
    expectRefused(await h.call(BOTH, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: 2, reason: '同意' }), 'INVALID_TRANSITION', /同一人/);
    expect(await h.ok(REVIEWER, 'publicity', 'decideObjection', { objectionId: o._id, outcome: 'uphold', points: 2, reason: '同意' })).toMatchObject({ status: 'upheld' });
  });
});

describe('audit: only the committee leader closes a month', () => {
  it('only a lead reviewer closes: the dual member (not lead) is refused', async () => {
    expectRefused(await h.call(BOTH, 'audit', 'close', { month: '2026-10' }), 'FORBIDDEN', /组长/);
  });
});

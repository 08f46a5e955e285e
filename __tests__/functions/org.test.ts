/**
 * Going live (org.*): a town sets itself up, its admins claim their codes, villages appoint
 * their committees and print household cards, and villagers bind their own WeChat — with
 * guessed, reused, expired and forged codes refused (and counted), and nothing written.
 */
import { C } from '@backend/repos/collections';
import { createTown } from '@backend/onboarding/town';
import { MAX_FAILURES } from '@domain/onboarding/attempts';
import { NOW, openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, HEAD, REVIEWER, SUPERVISOR, TOWN, VILLAGER, WORKER_G1, WORKER_G2 } from '../support/people';
import { expectRefused } from '../support/refusals';

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(() => h.close());

/** Counted: what an org action may add. Read whole: what it may change in place. */
const COUNTED = [C.people, C.bindingLog, C.villages, C.catalogueVersions, C.households, C.householdCodes];
const READ_WHOLE = [C.identities, C.claimCodes, C.joinRequests];

async function fingerprint(): Promise<string> {
  const parts: string[] = [];
  for (const c of COUNTED) parts.push(`${c}:${await h.count(c)}`);
  for (const c of READ_WHOLE) parts.push(`${c}:${JSON.stringify((await h.db.collection(c).orderBy('_id', 'asc').limit(1000).get()).data)}`);
  return parts.join('|');
}

async function expectNothingWritten<T>(fn: () => Promise<T>): Promise<T> {
  const before = await fingerprint();
  const r = await fn();
  expect(await fingerprint()).toBe(before);
  return r;
}

/** What the villager knows: the last 4 digits of their own phone on the roster (the demo roster has phones). */
async function last4(personId: string): Promise<string | undefined> {
  const p = (await h.db.collection<{ _id: string; phone?: string | null }>(C.people).doc(personId).get()).data[0];
  return p?.phone ? p.phone.replace(/\D/g, '').slice(-4) : undefined;
}

let openids = 0;
const newUser = () => `wx-new-${++openids}`;

describe('setup → town admin → village → village admin', () => {
  let townCode: string;
  let townAdmin: string;
  let villageId: string;

  it('setup creates a town and a one-time town-admin code; a new WeChat user claims it and is the town admin', async () => {
    const { town, claim } = await createTown(h.deps, '新安镇');
    expect(claim.code).toMatch(/^[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{2}$/);
    expect(claim.path).toBe(`pages/welcome/index?claim=${claim.code.replace(/-/g, '')}`);
    expect(claim.expiresAt).toBe(NOW + 72 * 3600_000);
    // Only the hash is stored.
    const { data } = await h.db.collection(C.claimCodes).limit(1000).get();
    expect(JSON.stringify(data)).not.toContain(claim.code.replace(/-/g, ''));
    townCode = claim.code.toLowerCase().replace(/-/g, ' ');
    townAdmin = newUser();
    expectRefused(await h.call(townAdmin, 'identity', 'whoami', {}), 'NOT_REGISTERED');
    const r = await h.ok(townAdmin, 'org', 'claim', { code: townCode, name: '王镇长' });
    expect(r).toEqual({ kind: 'town_admin', townId: town._id, villageId: null });
    const me = await h.ok(townAdmin, 'identity', 'whoami', {});
    expect(me.roles).toEqual([{ role: 'town_admin', scope: 'town', scopeId: town._id }]);
    expect(me.person.name).toBe('王镇长');
  });

  it('a used code is refused (CLAIM_USED), nothing written', async () => {
    const r = await expectNothingWritten(() => h.call(newUser(), 'org', 'claim', { code: townCode, name: '李四' }));
    expectRefused(r, 'CLAIM_USED');
  });

  it('the town admin creates a village: default rules, the seed-000 catalogue as its first draft', async () => {
    const r = await h.ok(townAdmin, 'org', 'createVillage', { name: '石桥村' });
    villageId = r.villageId;
    const { data } = await h.db.collection<{ _id: string; status?: string; categories: unknown[] }>(C.catalogueVersions).where({ villageId }).get();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ status: 'draft' });
    expect(data[0].categories.length).toBe(6);
    expectRefused(await expectNothingWritten(() => h.call(townAdmin, 'org', 'createVillage', { name: '石桥村' })), 'BAD_INPUT', /已有/);
    // Another town's admin cannot invite for it.
    expectRefused(await h.call(TOWN, 'org', 'inviteVillageAdmin', { villageId }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'org', 'createVillage', { name: '别村' }), 'FORBIDDEN', /镇管理员/);
  });

  it('the town admin invites a village admin; the code expires after 72 hours', async () => {
    const expired = await h.ok(townAdmin, 'org', 'inviteVillageAdmin', { villageId });
    const fresh = await h.ok(townAdmin, 'org', 'inviteVillageAdmin', { villageId });
    h.advance(72 * 3600_000);
    expectRefused(await expectNothingWritten(() => h.call(newUser(), 'org', 'claim', { code: expired.code, name: '赵村长' })), 'CLAIM_EXPIRED');
    h.setNow(NOW);
    const admin = newUser();
    await h.ok(admin, 'org', 'claim', { code: fresh.code, name: '赵村长' });
    const me = await h.ok(admin, 'identity', 'whoami', {});
    expect(me.roles).toEqual([{ role: 'village_admin', scope: 'village', scopeId: villageId }]);
    const progress = await h.ok(townAdmin, 'org', 'progress', {});
    expect(progress.items.find((v) => v.villageId === villageId)).toMatchObject({ name: '石桥村', grids: 0, households: 0, boundPercent: 0, admins: 1 });
  });

  it('guessed codes are counted: after 5 wrong tries in an hour even the right code waits', async () => {
    const guesser = newUser();
    const right = await h.ok(townAdmin, 'org', 'inviteVillageAdmin', { villageId });
    for (let i = 0; i < MAX_FAILURES; i++) {
      const r = await h.call(guesser, 'org', 'claim', { code: `ABCD-EFGH-${'JK'.slice(0, 1)}${i + 2}`, name: '猜码人' });
      expectRefused(r, 'BIND_CODE_INVALID');
    }
    const blocked = await expectNothingWritten(() => h.call(guesser, 'org', 'claim', { code: right.code, name: '猜码人' }));
    expectRefused(blocked, 'TOO_MANY_ATTEMPTS', /分钟后再试/);
    h.advance(3600_000 + 1);
    await h.ok(guesser, 'org', 'claim', { code: right.code, name: '猜码人' });
    h.setNow(NOW);
  });

  it('malformed input: BAD_INPUT, nothing written', async () => {
    for (const input of [{}, { code: '', name: 'x' }, { code: 'A'.repeat(41), name: 'x' }, { code: 'ABCDEFGHJK', name: '' }, { code: 'ABCDEFGHJK', name: 'x', extra: 1 }]) {
      expectRefused(await expectNothingWritten(() => h.call(newUser(), 'org', 'claim', input)), 'BAD_INPUT');
    }
    expectRefused(await h.call(null, 'org', 'claim', { code: 'ABCDEFGHJK', name: 'x' }), 'NOT_REGISTERED');
  });
});

describe('household cards and binding (青山村)', () => {
  let card: string;
  let memberId: string;

  it('the village admin prints 一户一码 cards for a grid; a reprint shows the same codes; other roles are refused', async () => {
    const first = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    expect(first.items).toHaveLength(20);
    expect(first.items[0]).toMatchObject({ doorNo: expect.any(String), gridName: '青山村一组', code: expect.stringMatching(/^[2-9A-HJ-NP-Z]{8}$/) });
    expect(first.items[0].headName).toContain('*');
    const again = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    expect(again.items.map((c) => c.code)).toEqual(first.items.map((c) => c.code));
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'org', 'cards', { gridId: 'g-qs-1' }), 'NOT_FOUND');
    expectRefused(await h.call(VILLAGER, 'org', 'cards', {}), 'FORBIDDEN');
    card = first.items.find((c) => c.householdId === 'h-qs-1-07')?.code as string;
  });

  it('a new user types the card code, sees the members masked and binds as one of them', async () => {
    const user = newUser();
    const found = await h.ok(user, 'org', 'lookupHousehold', { code: card.toLowerCase() });
    expect(found.villageName).toBe('青山村');
    expect(found.members.length).toBeGreaterThan(0);
    for (const m of found.members) expect(m.name).toMatch(/\*/);
    memberId = (found.members.find((m) => !m.bound) as { id: string }).id;
    const r = await h.ok(user, 'org', 'bind', { code: card, personId: memberId, phoneLast4: await last4(memberId) });
    expect(r).toEqual({ personId: memberId, householdId: 'h-qs-1-07' });
    const me = await h.ok(user, 'identity', 'whoami', {});
    expect(me.household?.id).toBe('h-qs-1-07');
    // The same WeChat again, and another WeChat for the same member: refused, nothing written.
    const digits = await last4(memberId);
    expectRefused(await expectNothingWritten(() => h.call(user, 'org', 'bind', { code: card, personId: memberId, phoneLast4: digits })), 'ALREADY_BOUND');
    expectRefused(await expectNothingWritten(() => h.call(newUser(), 'org', 'bind', { code: card, personId: memberId, phoneLast4: digits })), 'MEMBER_BOUND');
  });

  it('a member already bound by the demo seed cannot be taken by another WeChat', async () => {
    const villagerHome = (await h.ok(VILLAGER, 'identity', 'whoami', {})).household;
    const cards = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    const code = cards.items.find((c) => c.householdId === villagerHome?.id)?.code as string;
    const me = await h.ok(VILLAGER, 'identity', 'whoami', {});
    expectRefused(await expectNothingWritten(() => h.call(newUser(), 'org', 'bind', { code, personId: me.person.id })), 'MEMBER_BOUND');
  });

  it('with a phone on record, the last 4 digits are asked; wrong digits are counted', async () => {
    const found = await h.ok(newUser(), 'org', 'lookupHousehold', { code: card });
    const target = found.members.find((m) => m.id !== memberId && !m.bound) as { id: string };
    await h.db.collection(C.people).doc(target.id).update({ phone: '138 1234 5678' });
    const user = newUser();
    expect((await h.ok(user, 'org', 'lookupHousehold', { code: card })).members.find((m) => m.id === target.id)?.needsPhone).toBe(true);
    expectRefused(await h.call(user, 'org', 'bind', { code: card, personId: target.id }), 'PHONE_MISMATCH', /后 4 位/);
    expectRefused(await h.call(user, 'org', 'bind', { code: card, personId: target.id, phoneLast4: '0000' }), 'PHONE_MISMATCH');
    const attempts = (await h.db.collection<{ _id: string; failures: number[] }>(C.bindAttempts).doc(user).get()).data[0];
    expect(attempts?.failures).toHaveLength(1);
    await h.ok(user, 'org', 'bind', { code: card, personId: target.id, phoneLast4: '5678' });
  });

  it('someone else\'s household: a member id from another household is NOT_FOUND', async () => {
    expectRefused(await expectNothingWritten(() => h.call(newUser(), 'org', 'bind', { code: card, personId: 'h-qs-2-05-m1' })), 'NOT_FOUND');
  });

  it('a revoked card stops working at once', async () => {
    const fresh = await h.ok(ADMIN, 'org', 'revokeCard', { householdId: 'h-qs-1-07' });
    expect(fresh.code).not.toBe(card);
    expectRefused(await h.call(newUser(), 'org', 'lookupHousehold', { code: card }), 'BIND_CODE_INVALID');
    card = fresh.code;
  });

  it('unbinding: oneself, or the village admin for a lost phone; both logged for the admin and the supervisors', async () => {
    const user = newUser();
    const other = (await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' })).items.find((c) => c.householdId === 'h-qs-1-08')?.code as string;
    const found = await h.ok(user, 'org', 'lookupHousehold', { code: other });
    const free = found.members.find((m) => !m.bound);
    expect(free).toBeDefined();
    const digits = await last4((free as { id: string }).id);
    // The household's `bound` flag (what the 镇看板 counts) follows its members' bindings.
    const boundFlag = async () => (await h.db.collection<{ _id: string; bound?: boolean }>(C.households).doc('h-qs-1-08').get()).data[0]?.bound;
    const bindsBefore = await boundFlag();
    await h.ok(user, 'org', 'bind', { code: other, personId: (free as { id: string }).id, phoneLast4: digits });
    expect(await boundFlag()).toBe(true);
    await h.ok(user, 'org', 'unbind', {});
    expect(await boundFlag()).toBe(bindsBefore ? true : false);
    expectRefused(await h.call(user, 'identity', 'whoami', {}), 'NOT_REGISTERED');
    await h.ok(user, 'org', 'bind', { code: other, personId: (free as { id: string }).id, phoneLast4: digits });
    expect(await h.ok(ADMIN, 'org', 'unbindPerson', { personId: (free as { id: string }).id, reason: '手机丢失' })).toEqual({ unbound: true });
    expectRefused(await h.call(user, 'identity', 'whoami', {}), 'NOT_REGISTERED');
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'org', 'unbindPerson', { personId: memberId, reason: '越权' }), 'NOT_FOUND');
    const log = await h.ok(SUPERVISOR, 'org', 'log', {});
    expect(log.items.map((e) => e.kind)).toEqual(expect.arrayContaining(['bind', 'unbind']));
    expect(log.items.find((e) => e.kind === 'unbind' && e.detail === '手机丢失')).toBeDefined();
    expectRefused(await h.call(VILLAGER, 'org', 'log', {}), 'FORBIDDEN');
  });
});

describe('join requests: not on the list', () => {
  it('a new user asks to join; a worker of another grid cannot decide; the head approves and the new member is bound', async () => {
    const headHome = (await h.ok(HEAD, 'identity', 'whoami', {})).household;
    const cards = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    const code = cards.items.find((c) => c.householdId === headHome?.id)?.code as string;
    const user = newUser();
    const { requestId } = await h.ok(user, 'org', 'requestJoin', { code, name: '新媳妇', relation: '儿媳' });
    expectRefused(await expectNothingWritten(() => h.call(user, 'org', 'requestJoin', { code, name: '新媳妇', relation: '儿媳' })), 'JOIN_PENDING');
    expect((await h.ok(user, 'org', 'myStatus', {})).request).toMatchObject({ status: 'pending', name: '新媳妇' });
    expect((await h.ok(HEAD, 'org', 'joinRequests', {})).items.map((r) => r._id)).toContain(requestId);
    expect((await h.ok(WORKER_G1, 'org', 'joinRequests', {})).items.map((r) => r._id)).toContain(requestId);
    expect((await h.ok(WORKER_G2, 'org', 'joinRequests', {})).items.map((r) => r._id)).not.toContain(requestId);
    expectRefused(await expectNothingWritten(() => h.call(WORKER_G2, 'org', 'decideJoin', { requestId, approve: true })), 'NOT_FOUND');
    const r = await h.ok(HEAD, 'org', 'decideJoin', { requestId, approve: true });
    expect(r.status).toBe('approved');
    const me = await h.ok(user, 'identity', 'whoami', {});
    expect(me).toMatchObject({ person: { name: '新媳妇' }, household: { id: headHome?.id } });
    expect(me.household?.members.map((m) => m.name)).toContain('新媳妇');
    expectRefused(await h.call(WORKER_G1, 'org', 'decideJoin', { requestId, approve: false }), 'INVALID_TRANSITION');
  });

  it('the grid worker may reject; the requester reads why', async () => {
    const cards = await h.ok(ADMIN, 'org', 'cards', { gridId: 'g-qs-1' });
    const user = newUser();
    const { requestId } = await h.ok(user, 'org', 'requestJoin', { code: cards.items[4].code, name: '陌生人', relation: '租户' });
    await h.ok(WORKER_G1, 'org', 'decideJoin', { requestId, approve: false, reason: '不是本户成员' });
    expect((await h.ok(user, 'org', 'myStatus', {})).request).toMatchObject({ status: 'rejected', reason: '不是本户成员' });
  });

  it('the head manages the household: adds, renames, removes a member; nobody else may', async () => {
    const before = (await h.ok(HEAD, 'org', 'members', {})).items;
    const added = (await h.ok(HEAD, 'org', 'saveMember', { name: '小孙子', relation: '孙子' })).items;
    expect(added).toHaveLength(before.length + 1);
    const kid = added.find((m) => m.name === '小孙子') as { id: string };
    const renamed = (await h.ok(HEAD, 'org', 'saveMember', { personId: kid.id, name: '小孙女', relation: '孙女' })).items;
    expect(renamed.find((m) => m.id === kid.id)).toMatchObject({ name: '小孙女', relation: '孙女' });
    const removed = (await h.ok(HEAD, 'org', 'removeMember', { personId: kid.id })).items;
    expect(removed.map((m) => m.id)).not.toContain(kid.id);
    const head = removed.find((m) => m.head) as { id: string };
    expectRefused(await h.call(HEAD, 'org', 'removeMember', { personId: head.id }), 'INVALID_TRANSITION');
    expectRefused(await h.call(VILLAGER, 'org', 'members', {}), 'FORBIDDEN');
  });
});

describe('appointing the committees', () => {
  it('the checklist shows what is missing; a supervisor cannot also be a reviewer; the lead moves', async () => {
    const view = await h.ok(ADMIN, 'org', 'committee', {});
    expect(view.checklist.map((c) => c.key)).toEqual(['reviewers', 'reviewLead', 'supervisors', 'clerks', 'gridStaff']);
    const sup = await h.ok(SUPERVISOR, 'identity', 'whoami', {});
    expectRefused(await expectNothingWritten(() => h.call(ADMIN, 'org', 'appoint', { personId: sup.person.id, role: 'reviewer', assigned: true })), 'ROLE_CONFLICT');
    expectRefused(await expectNothingWritten(() => h.call(ADMIN, 'org', 'appoint', { personId: 'h-lx-1-03-m1', role: 'shop_clerk', assigned: true })), 'NOT_IN_VILLAGE');
    const reviewer = await h.ok(REVIEWER, 'identity', 'whoami', {});
    const before = view.members.filter((m) => m.role === 'reviewer').length;
    const after = await h.ok(ADMIN, 'org', 'appoint', { personId: 'h-qs-2-09-m1', role: 'reviewer', assigned: true, lead: true });
    expect(after.members.filter((m) => m.role === 'reviewer')).toHaveLength(before + 1);
    expect(after.members.filter((m) => m.role === 'reviewer' && m.lead).map((m) => m.personId)).toEqual(['h-qs-2-09-m1']);
    const removed = await h.ok(ADMIN, 'org', 'appoint', { personId: reviewer.person.id, role: 'reviewer', assigned: false });
    expect(removed.members.some((m) => m.personId === reviewer.person.id && m.role === 'reviewer')).toBe(false);
    const log = await h.ok(ADMIN, 'org', 'log', {});
    expect(log.items.filter((e) => e.kind === 'role_added' || e.kind === 'role_removed').length).toBeGreaterThanOrEqual(2);
    expectRefused(await h.call(REVIEWER, 'org', 'appoint', { personId: 'h-qs-2-09-m1', role: 'supervisor', assigned: true }), 'FORBIDDEN');
  });
});

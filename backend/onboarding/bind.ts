import { membersHeadFirst } from '@domain/org/members';
import { DomainError } from '@domain/shared/errors';
import { CLAIM_CODE_LENGTH, HOUSEHOLD_CODE_LENGTH, claimState, normalizeCode, type ClaimCode, type ClaimKind, type HouseholdCode } from '@domain/onboarding/codes';
import { phoneLast4Matches } from '@domain/onboarding/phone';
import type { BindingEvent, BindingEventKind, JoinRequest } from '@domain/onboarding/types';
import { maskName, type Household, type IdentityBinding, type Person } from '@domain/org/types';
import type { RoleAssignment } from '@domain/org/roles';
import type { HouseholdLookup, MyStatus } from '@domain/api/org';
import type { Transaction } from '../db/types';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { roleHoldersRepo } from '../repos/roleHolders';
import { assertMayTry, failAttempt } from './attempts';
import { codeHash, onboardingRepo } from './repo';

type D = Pick<Deps, 'db' | 'now' | 'newId'>;

/** Persons carry the OPENID bound to them, so binding a person twice conflicts on the person's document. */
export type BoundPerson = Person & { openid?: string | null };

export function event(
  deps: D,
  kind: BindingEventKind,
  person: { _id: string; name: string; townId: string; villageId: string | null },
  actor: { _id: string; name: string },
  detail: string,
): BindingEvent {
  return {
    _id: `bl-${deps.now().toString(36)}-${deps.newId().slice(0, 12)}`,
    townId: person.townId,
    villageId: person.villageId,
    kind,
    personId: person._id,
    personName: person.name,
    actorId: actor._id,
    actorName: actor.name,
    detail,
    at: deps.now(),
  };
}

/** The household on a typed card, counting a wrong code against this WeChat user. */
async function householdOfCard(deps: D, openid: string, typed: string): Promise<Household> {
  await assertMayTry(deps, openid);
  const code = normalizeCode(typed, HOUSEHOLD_CODE_LENGTH);
  const card = code ? (await deps.db.collection<HouseholdCode>(C.householdCodes).doc(code).get()).data[0] : undefined;
  const household = card ? await orgRepo.household(deps.db, card.householdId) : null;
  if (!household) return failAttempt(deps, openid, 'BIND_CODE_INVALID', '户码不正确，请核对绑定卡上的 8 位编码');
  return household;
}

async function assertUnbound(deps: D, openid: string): Promise<void> {
  const { data } = await deps.db.collection<IdentityBinding>(C.identities).doc(openid).get();
  if (data[0]) throw new DomainError('ALREADY_BOUND');
}

/** Bind `openid` to `person` inside `tx`: neither may be bound already (first writer wins on both documents). */
async function bindIn(tx: Transaction, openid: string, personId: string, now: number): Promise<BoundPerson> {
  const identity = (await tx.collection<IdentityBinding>(C.identities).doc(openid).get()).data;
  if (identity) throw new DomainError('ALREADY_BOUND');
  const person = (await tx.collection<BoundPerson>(C.people).doc(personId).get()).data;
  if (!person) throw new DomainError('NOT_FOUND', '找不到该成员');
  if (person.openid) throw new DomainError('MEMBER_BOUND');
  await tx.collection<IdentityBinding>(C.identities).doc(openid).set({ personId, boundAt: now });
  await tx.collection<BoundPerson>(C.people).doc(personId).update({ openid });
  if (person.householdId) await tx.collection<Household>(C.households).doc(person.householdId).update({ bound: true });
  return person;
}

/** Claim: a town- or village-admin code makes this WeChat user that admin (a new person, or a role added to theirs). */
export async function claim(deps: D, openid: string, typed: string, name: string): Promise<{ kind: ClaimKind; townId: string; villageId: string | null }> {
  await assertMayTry(deps, openid);
  const code = normalizeCode(typed, CLAIM_CODE_LENGTH);
  const found = code ? (await deps.db.collection<ClaimCode>(C.claimCodes).doc(codeHash(code)).get()).data[0] : undefined;
  if (!found) return failAttempt(deps, openid, 'BIND_CODE_INVALID', '管理员编码不正确，请核对后重新输入');
  const now = deps.now();
  const role: RoleAssignment =
    found.kind === 'town_admin' ? { role: 'town_admin', scope: 'town', scopeId: found.townId } : { role: 'village_admin', scope: 'village', scopeId: found.villageId as string };
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<ClaimCode>(C.claimCodes).doc(found._id);
    const c = (await ref.get()).data;
    if (!c) throw new DomainError('BIND_CODE_INVALID');
    const state = claimState(c, now);
    if (state === 'used') throw new DomainError('CLAIM_USED');
    if (state === 'expired') throw new DomainError('CLAIM_EXPIRED');
    const identity = (await tx.collection<IdentityBinding>(C.identities).doc(openid).get()).data;
    let person: BoundPerson;
    if (identity) {
      const existing = (await tx.collection<BoundPerson>(C.people).doc(identity.personId).get()).data;
      if (!existing) throw new DomainError('NOT_FOUND');
      if (existing.townId !== c.townId) throw new DomainError('ROLE_CONFLICT', '您的微信已绑定其他镇的人员，不能领取本镇的管理员身份');
      person = existing;
      if (!person.roles.some((r) => r.role === role.role && r.scopeId === role.scopeId)) {
        await tx.collection<BoundPerson>(C.people).doc(person._id).update({ roles: [...person.roles, role] });
        await roleHoldersRepo.sync(tx, person._id, person.roles, [...person.roles, role]);
      }
    } else {
      const personId = `p-${deps.newId().slice(0, 16)}`;
      const doc: Omit<BoundPerson, '_id'> = { townId: c.townId, villageId: c.villageId, householdId: null, name, relation: null, roles: [role], openid };
      await tx.collection<BoundPerson>(C.people).doc(personId).set(doc);
      await roleHoldersRepo.sync(tx, personId, [], [role]);
      await tx.collection<IdentityBinding>(C.identities).doc(openid).set({ personId, boundAt: now });
      person = { _id: personId, ...doc };
    }
    await ref.update({ usedBy: person._id, usedAt: now });
    const what = found.kind === 'town_admin' ? '镇管理员' : '村管理员（村两委）';
    await onboardingRepo.log(tx, event(deps, 'claim', { ...person, villageId: c.villageId }, person, `领取${what}身份`));
    return { kind: found.kind, townId: c.townId, villageId: c.villageId };
  });
}

/** The card's household and its members (masked), for picking one's own name. */
export async function lookupHousehold(deps: D, openid: string, typed: string): Promise<HouseholdLookup> {
  const household = await householdOfCard(deps, openid, typed);
  const [village, members] = await Promise.all([orgRepo.village(deps.db, household.villageId), orgRepo.membersOfHouseholds(deps.db, [household._id])]);
  const bound = await onboardingRepo.boundPersonIds(
    deps.db,
    members.map((m) => m._id),
  );
  return {
    villageName: village?.name ?? '',
    doorNo: household.doorNo,
    headName: maskName(household.headName),
    members: membersHeadFirst(members, household.headPersonId).map((m) => ({ id: m._id, name: maskName(m.name), relation: m.relation, bound: bound.has(m._id), needsPhone: !!m.phone })),
  };
}

/** Bind this WeChat user to the member they picked; the phone's last 4 digits when the roster has a phone. */
export async function bindMember(deps: D, openid: string, input: { code: string; personId: string; phoneLast4?: string }): Promise<{ personId: string; householdId: string }> {
  const household = await householdOfCard(deps, openid, input.code);
  await assertUnbound(deps, openid);
  const person = (await orgRepo.person(deps.db, input.personId)) as BoundPerson | null;
  if (!person || person.householdId !== household._id) throw new DomainError('NOT_FOUND', '该户没有这位成员');
  if ((await onboardingRepo.boundPersonIds(deps.db, [person._id])).size > 0) throw new DomainError('MEMBER_BOUND');
  if (person.phone) {
    if (!input.phoneLast4) throw new DomainError('PHONE_MISMATCH', '请填写登记手机号的后 4 位');
    if (!phoneLast4Matches(person.phone, input.phoneLast4)) return failAttempt(deps, openid, 'PHONE_MISMATCH');
  }
  await deps.db.runTransaction(async (tx) => {
    const p = await bindIn(tx, openid, person._id, deps.now());
    await onboardingRepo.log(tx, event(deps, 'bind', p, p, `用户码绑定（${household.doorNo}）`));
  });
  return { personId: person._id, householdId: household._id };
}

/** Not on the household's list: ask to join it (one open request per WeChat user). */
export async function requestJoin(deps: D, openid: string, input: { code: string; name: string; relation: string }): Promise<{ requestId: string }> {
  const household = await householdOfCard(deps, openid, input.code);
  await assertUnbound(deps, openid);
  const latest = await onboardingRepo.latestJoinOf(deps.db, openid);
  if (latest?.status === 'pending') throw new DomainError('JOIN_PENDING');
  const request: JoinRequest = {
    _id: `join-${deps.newId().slice(0, 20)}`,
    openid,
    householdId: household._id,
    villageId: household.villageId,
    townId: household.townId,
    gridId: household.gridId,
    name: input.name,
    relation: input.relation,
    status: 'pending',
    createdAt: deps.now(),
    decidedBy: null,
    decidedByName: null,
    decidedAt: null,
    reason: null,
    personId: null,
  };
  await deps.db.collection<JoinRequest>(C.joinRequests).add(request);
  return { requestId: request._id };
}

export async function myStatus(deps: D, openid: string): Promise<MyStatus> {
  const { data } = await deps.db.collection<IdentityBinding>(C.identities).doc(openid).get();
  const latest = await onboardingRepo.latestJoinOf(deps.db, openid);
  if (!latest) return { bound: !!data[0], request: null };
  const household = await orgRepo.household(deps.db, latest.householdId);
  const village = household ? await orgRepo.village(deps.db, household.villageId) : null;
  const { _id, status, name, relation, reason, createdAt } = latest;
  return { bound: !!data[0], request: { _id, status, name, relation, reason, createdAt, doorNo: household?.doorNo ?? '', villageName: village?.name ?? '' } };
}

/** Unbind a person's WeChat (their own, or a lost phone by the village admin). */
export async function unbindPerson(deps: D, person: Person, actor: { _id: string; name: string }, reason: string): Promise<boolean> {
  const { data } = await deps.db.collection<IdentityBinding>(C.identities).where({ personId: person._id }).limit(10).get();
  if (data.length === 0) return false;
  // The household stays "bound" while another member still is (the dashboard's count).
  const others = person.householdId
    ? (await deps.db.collection<BoundPerson>(C.people).where({ householdId: person.householdId, openid: deps.db.command.neq(null) }).limit(20).get()).data.filter((p) => p._id !== person._id)
    : [];
  await deps.db.runTransaction(async (tx) => {
    for (const identity of data) await tx.collection<IdentityBinding>(C.identities).doc(identity._id).delete();
    await tx.collection<BoundPerson>(C.people).doc(person._id).update({ openid: null });
    if (person.householdId && others.length === 0) await tx.collection<Household>(C.households).doc(person.householdId).update({ bound: false });
    await onboardingRepo.log(tx, event(deps, 'unbind', person, actor, reason));
  });
  return true;
}

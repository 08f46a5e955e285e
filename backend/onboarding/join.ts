import { DomainError } from '@domain/shared/errors';
import type { JoinRequest } from '@domain/onboarding/types';
import type { Household, Person } from '@domain/org/types';
import type { JoinRequestView, MemberRow } from '@domain/api/org';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { event, type BoundPerson } from './bind';
import { onboardingRepo } from './repo';
import type { IdentityBinding } from '@domain/org/types';
import { scopesOf } from '@domain/access/actor';

type D = Pick<Deps, 'db' | 'now' | 'newId'>;

/** The households whose join requests this person decides: their own if they head it, and those of the grids they work. */
export async function decidableHouseholds(deps: D, actor: Person): Promise<Household[]> {
  const own = actor.householdId ? await orgRepo.household(deps.db, actor.householdId) : null;
  const grids = scopesOf(actor, ['grid_worker', 'grid_leader']);
  const ofGrids = (await Promise.all(grids.map((g) => orgRepo.householdsOfGrid(deps.db, g)))).flat();
  const all = [...(own && own.headPersonId === actor._id ? [own] : []), ...ofGrids];
  return [...new Map(all.map((h) => [h._id, h])).values()];
}

export async function joinRequestsFor(deps: D, actor: Person): Promise<JoinRequestView[]> {
  const households = await decidableHouseholds(deps, actor);
  const byId = new Map(households.map((h) => [h._id, h]));
  const pending = await onboardingRepo.pendingJoins(
    deps.db,
    households.map((h) => h._id),
  );
  return pending.map((r) => {
    const h = byId.get(r.householdId) as Household;
    return { _id: r._id, name: r.name, relation: r.relation, status: r.status, createdAt: r.createdAt, householdId: h._id, doorNo: h.doorNo, headName: h.headName };
  });
}

export async function loadJoin(deps: D, requestId: string): Promise<{ request: JoinRequest; household: Household }> {
  const { data } = await deps.db.collection<JoinRequest>(C.joinRequests).doc(requestId).get();
  const household = data[0] ? await orgRepo.household(deps.db, data[0].householdId) : null;
  if (!data[0] || !household) throw new DomainError('NOT_FOUND', '找不到该申请，或不归您处理');
  return { request: data[0], household };
}

/** Approve: a new member of the household, bound to the requester's WeChat, in one transaction with the decision. */
export async function decideJoin(
  deps: D,
  actor: Person,
  { request, household }: { request: JoinRequest; household: Household },
  approve: boolean,
  reason: string | undefined,
): Promise<{ status: 'approved' | 'rejected'; personId: string | null }> {
  const now = deps.now();
  const personId = approve ? `p-${deps.newId().slice(0, 16)}` : null;
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<JoinRequest>(C.joinRequests).doc(request._id);
    const current = (await ref.get()).data;
    if (!current || current.status !== 'pending') throw new DomainError('INVALID_TRANSITION', '该申请已处理');
    const decided = { decidedBy: actor._id, decidedByName: actor.name, decidedAt: now, reason: reason?.trim() || null };
    if (!approve || !personId) {
      await ref.update({ status: 'rejected', ...decided });
      await onboardingRepo.log(tx, event(deps, 'join_rejected', { _id: request._id, name: request.name, townId: household.townId, villageId: household.villageId }, actor, `${household.doorNo}：${request.name}（${request.relation}）${decided.reason ? `，${decided.reason}` : ''}`));
      return { status: 'rejected' as const, personId: null };
    }
    const identity = (await tx.collection<IdentityBinding>(C.identities).doc(request.openid).get()).data;
    if (identity) throw new DomainError('ALREADY_BOUND', '申请人的微信已绑定了其他人员');
    const h = (await tx.collection<Household>(C.households).doc(household._id).get()).data;
    if (!h) throw new DomainError('NOT_FOUND');
    const person: Omit<BoundPerson, '_id'> = {
      townId: household.townId,
      villageId: household.villageId,
      householdId: household._id,
      name: request.name,
      relation: request.relation,
      roles: [{ role: 'villager', scope: 'village', scopeId: household.villageId }],
      openid: request.openid,
    };
    await tx.collection<BoundPerson>(C.people).doc(personId).set(person);
    await tx.collection<IdentityBinding>(C.identities).doc(request.openid).set({ personId, boundAt: now });
    await tx.collection<Household>(C.households).doc(household._id).update({ memberCount: h.memberCount + 1, bound: true });
    await ref.update({ status: 'approved', personId, ...decided });
    await onboardingRepo.log(tx, event(deps, 'join_approved', { _id: personId, ...person }, actor, `${household.doorNo}：${request.name}（${request.relation}）加入并绑定微信`));
    return { status: 'approved' as const, personId };
  });
}

export async function memberRows(deps: D, household: Household): Promise<MemberRow[]> {
  const members = await orgRepo.membersOfHouseholds(deps.db, [household._id]);
  const bound = await onboardingRepo.boundPersonIds(
    deps.db,
    members.map((m) => m._id),
  );
  return members.map((m) => ({ id: m._id, name: m.name, relation: m.relation, bound: bound.has(m._id), head: m._id === household.headPersonId }));
}

/** The head adds a member (no WeChat yet: they bind with the card) or corrects a member's name or relation. */
export async function saveMember(deps: D, actor: Person, household: Household, input: { personId?: string; name: string; relation: string }): Promise<void> {
  await deps.db.runTransaction(async (tx) => {
    const h = (await tx.collection<Household>(C.households).doc(household._id).get()).data;
    if (!h) throw new DomainError('NOT_FOUND');
    if (input.personId) {
      const p = (await tx.collection<Person>(C.people).doc(input.personId).get()).data;
      if (!p || p.householdId !== household._id) throw new DomainError('NOT_FOUND', '该户没有这位成员');
      const update = input.personId === household.headPersonId ? { name: input.name } : { name: input.name, relation: input.relation };
      await tx.collection<Person>(C.people).doc(input.personId).update(update);
      if (input.personId === household.headPersonId) await tx.collection<Household>(C.households).doc(household._id).update({ headName: input.name });
      await onboardingRepo.log(tx, event(deps, 'member_changed', { ...p, ...update }, actor, `${household.doorNo}：${p.name} → ${input.name}（${update.relation ?? p.relation ?? ''}）`));
      return;
    }
    const personId = `p-${deps.newId().slice(0, 16)}`;
    const person: Omit<Person, '_id'> = {
      townId: household.townId,
      villageId: household.villageId,
      householdId: household._id,
      name: input.name,
      relation: input.relation,
      roles: [{ role: 'villager', scope: 'village', scopeId: household.villageId }],
    };
    await tx.collection<Person>(C.people).doc(personId).set(person);
    await tx.collection<Household>(C.households).doc(household._id).update({ memberCount: h.memberCount + 1 });
    await onboardingRepo.log(tx, event(deps, 'member_added', { _id: personId, ...person }, actor, `${household.doorNo}：添加${input.name}（${input.relation}）`));
  });
}

/** The head removes a member (never the head): they stay a person of the village, in no household (不漏人 flags them). */
export async function removeMember(deps: D, actor: Person, household: Household, personId: string): Promise<void> {
  if (personId === household.headPersonId) throw new DomainError('INVALID_TRANSITION', '不能移出户主；如需变更户主请联系村委');
  await deps.db.runTransaction(async (tx) => {
    const h = (await tx.collection<Household>(C.households).doc(household._id).get()).data;
    const p = (await tx.collection<Person>(C.people).doc(personId).get()).data;
    if (!h || !p || p.householdId !== household._id) throw new DomainError('NOT_FOUND', '该户没有这位成员');
    await tx.collection<Person>(C.people).doc(personId).update({ householdId: null });
    await tx.collection<Household>(C.households).doc(household._id).update({ memberCount: Math.max(0, h.memberCount - 1) });
    await onboardingRepo.log(tx, event(deps, 'member_removed', p, actor, `${household.doorNo}：移出${p.name}`));
  });
}

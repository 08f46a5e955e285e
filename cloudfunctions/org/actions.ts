import { SCENES } from '@domain/moderation';
import {
  appointInput,
  bindInput,
  cardsInput,
  claimInput,
  committeeInput,
  createVillageInput,
  decideJoinInput,
  inviteInput,
  joinRequestsInput,
  logInput,
  lookupHouseholdInput,
  membersInput,
  myStatusInput,
  progressInput,
  removeMemberInput,
  requestJoinInput,
  revokeCardInput,
  saveMemberInput,
  unbindInput,
  unbindPersonInput,
} from '@domain/api/org';
import { DomainError } from '@domain/shared/errors';
import { scopesOf } from '@domain/access/actor';
import type { Household, Person } from '@domain/org/types';
import {
  mayAdministerTown,
  mayAdministerVillage,
  mayAppoint,
  mayDecideJoin,
  mayManageMembers,
  mayReadBindingLog,
  mayUnbind,
  onboardingGates,
} from '@domain/onboarding/policy';
import { action, wechatAction, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo, type VillageDoc } from '@backend/repos/org';
import { bindMember, claim, lookupHousehold, myStatus, requestJoin, unbindPerson } from '@backend/onboarding/bind';
import { decideJoin, joinRequestsFor, loadJoin, memberRows, removeMember, saveMember } from '@backend/onboarding/join';
import { createVillage, inviteVillageAdmin, townProgress } from '@backend/onboarding/town';
import { appoint, cards, committeeView, revokeCard } from '@backend/onboarding/committee';
import { onboardingRepo } from '@backend/onboarding/repo';
import { onJoinRequested } from '@backend/notices/triggers';

async function loadVillage(villageId: string, { deps }: PersonContext): Promise<VillageDoc> {
  const v = await orgRepo.village(deps.db, villageId);
  if (!v) throw new DomainError('NOT_FOUND', '找不到该村，或不在您管理的范围');
  return v;
}

/** The village the caller administers (their first, as on every admin page). */
function adminVillage(ctx: PersonContext): Promise<VillageDoc> {
  return loadVillage(scopesOf(ctx.actor, ['village_admin'])[0] ?? '', ctx);
}

async function loadPerson(personId: string, { deps }: PersonContext): Promise<Person> {
  const p = await orgRepo.person(deps.db, personId);
  if (!p) throw new DomainError('NOT_FOUND', '找不到该人员');
  return p;
}

async function ownHousehold({ deps, actor }: PersonContext): Promise<Household> {
  const h = actor.householdId ? await orgRepo.household(deps.db, actor.householdId) : null;
  if (!h) throw new DomainError('FORBIDDEN', '您不属于任何一户');
  return h;
}

export const org: FunctionDef<'org'> = {
  /** A town- or village-admin claim code: this WeChat user becomes that admin. */
  claim: wechatAction({ schema: claimInput, run: (input, { deps, openid }) => claim(deps, openid, input.code, input.name) }),

  /** A household card's members, masked, to pick one's own name (wrong codes are counted). */
  lookupHousehold: wechatAction({ schema: lookupHouseholdInput, run: (input, { deps, openid }) => lookupHousehold(deps, openid, input.code) }),

  /** Bind this WeChat user to the member they picked (with the phone's last 4 digits when on record). */
  bind: wechatAction({ schema: bindInput, run: (input, { deps, openid }) => bindMember(deps, openid, input) }),

  /** Not on the list: ask to join the card's household. */
  requestJoin: wechatAction({
    schema: requestJoinInput,
    run: async (input, { deps, openid }) => {
      const r = await requestJoin(deps, openid, input);
      const { request, household } = await loadJoin(deps, r.requestId);
      await onJoinRequested(deps, request, household);
      return r;
    },
  }),

  /** Bound or not, and the newest join request's fate: the welcome page polls this. */
  myStatus: wechatAction({ schema: myStatusInput, run: (_input, { deps, openid }) => myStatus(deps, openid) }),

  /** Pending join requests of the households the caller heads or whose grid they work. */
  joinRequests: action({
    gate: onboardingGates.joinDecider,
    schema: joinRequestsInput,
    run: async (_input, { deps, actor }) => ({ items: await joinRequestsFor(deps, actor) }),
  }),

  /** The head or the grid worker approves (a new member, bound) or rejects a join request. */
  decideJoin: action({
    gate: onboardingGates.joinDecider,
    schema: decideJoinInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, { deps }) => loadJoin(deps, input.requestId),
    authorize: ({ household }, actor) => mayDecideJoin(actor, household),
    run: (input, { deps, actor, loaded }) => decideJoin(deps, actor, loaded, input.approve, input.reason),
  }),

  /** Unbind my own WeChat (e.g. before changing phones). */
  unbind: action({
    gate: onboardingGates.self,
    schema: unbindInput,
    run: async (_input, { deps, actor }) => {
      await unbindPerson(deps, actor, actor, '本人解除绑定');
      return { unbound: true as const };
    },
  }),

  /** The village admin unbinds a person's WeChat (a lost phone), with a reason. */
  unbindPerson: action({
    gate: onboardingGates.villageAdmin,
    schema: unbindPersonInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, ctx) => loadPerson(input.personId, ctx),
    authorize: (person, actor) => mayUnbind(actor, person),
    run: async (input, { deps, actor, loaded: person }) => ({ unbound: await unbindPerson(deps, person, actor, input.reason) }),
  }),

  /** Binds, unbinds, claims and appointments of the village, newest first. */
  log: action({
    gate: onboardingGates.bindingLog,
    schema: logInput,
    load: async (input, { actor }) => input.villageId ?? scopesOf(actor, ['village_admin', 'supervisor'])[0] ?? '',
    authorize: (villageId, actor) => mayReadBindingLog(actor, villageId),
    run: async (input, { deps, loaded: villageId }) => ({ items: await onboardingRepo.logOf(deps.db, villageId, input.limit ?? 100) }),
  }),

  /** The head's household members. */
  members: action({
    gate: onboardingGates.householdHead,
    schema: membersInput,
    load: (_input, ctx) => ownHousehold(ctx),
    authorize: (household, actor) => mayManageMembers(actor, household),
    run: async (_input, { deps, loaded: household }) => ({ items: await memberRows(deps, household) }),
  }),

  /** The head adds a member or corrects one's name or relation. */
  saveMember: action({
    gate: onboardingGates.householdHead,
    schema: saveMemberInput,
    load: (_input, ctx) => ownHousehold(ctx),
    authorize: (household, actor) => mayManageMembers(actor, household),
    run: async (input, { deps, actor, loaded: household }) => {
      await saveMember(deps, actor, household, input);
      return { items: await memberRows(deps, household) };
    },
  }),

  /** The head removes a member (never the head). */
  removeMember: action({
    gate: onboardingGates.householdHead,
    schema: removeMemberInput,
    load: (_input, ctx) => ownHousehold(ctx),
    authorize: (household, actor) => mayManageMembers(actor, household),
    run: async (input, { deps, actor, loaded: household }) => {
      await removeMember(deps, actor, household, input.personId);
      return { items: await memberRows(deps, household) };
    },
  }),

  /** Town admin: a new village with default rules and the seed-000 catalogue as its first draft. */
  createVillage: action({
    gate: onboardingGates.town,
    schema: createVillageInput,
    content: { scene: SCENES.profile, texts: (i) => [i.name] },
    load: async (_input, { actor }) => scopesOf(actor, ['town_admin'])[0] ?? '',
    authorize: (townId, actor) => mayAdministerTown(actor, townId),
    run: async (input, { deps, actor, loaded: townId }) => {
      const v = await createVillage(deps, actor, townId, input.name);
      return { villageId: v._id, name: v.name };
    },
  }),

  /** Town admin: a one-time village-admin code (72 h) for a village of the town. */
  inviteVillageAdmin: action({
    gate: onboardingGates.town,
    schema: inviteInput,
    load: (input, ctx) => loadVillage(input.villageId, ctx),
    authorize: (village, actor) => mayAdministerTown(actor, village.townId),
    run: (_input, { deps, actor, loaded: village }) => inviteVillageAdmin(deps, actor, village),
  }),

  /** Town admin: every village's setup progress. */
  progress: action({
    gate: onboardingGates.town,
    schema: progressInput,
    load: async (_input, { actor }) => scopesOf(actor, ['town_admin'])[0] ?? '',
    authorize: (townId, actor) => mayAdministerTown(actor, townId),
    run: async (_input, { deps, loaded: townId }) => ({ items: await townProgress(deps, townId) }),
  }),

  /** Village admin: appoint or remove a reviewer (and the lead), a supervisor or a shop clerk. */
  appoint: action({
    gate: onboardingGates.villageAdmin,
    schema: appointInput,
    load: async (input, ctx) => ({ village: await adminVillage(ctx), person: await loadPerson(input.personId, ctx) }),
    authorize: ({ village, person }, actor, input) => (input.assigned ? mayAppoint(actor, village._id, person, input.role) : mayAdministerVillage(actor, village)),
    run: async (input, { deps, actor, loaded: { village, person } }) => {
      await appoint(deps, actor, village, person, input.role, input.assigned, input.lead === true);
      return committeeView(deps, village);
    },
  }),

  /** Village admin: the committees and grid staff against the sizes the SPEC names. */
  committee: action({
    gate: onboardingGates.villageAdmin,
    schema: committeeInput,
    load: (_input, ctx) => adminVillage(ctx),
    authorize: (village, actor) => mayAdministerVillage(actor, village),
    run: (_input, { deps, loaded: village }) => committeeView(deps, village),
  }),

  /** Village admin: 一户一码 cards for the village or one grid, to print. */
  cards: action({
    gate: onboardingGates.villageAdmin,
    schema: cardsInput,
    load: (_input, ctx) => adminVillage(ctx),
    authorize: (village, actor) => mayAdministerVillage(actor, village),
    run: async (input, { deps, loaded: village }) => {
      const grids = await orgRepo.gridsOfVillage(deps.db, village._id);
      if (input.gridId && !grids.some((g) => g._id === input.gridId)) throw new DomainError('NOT_FOUND', '找不到该网格');
      const households = input.gridId ? await orgRepo.householdsOfGrid(deps.db, input.gridId) : await orgRepo.householdsOfVillage(deps.db, village._id);
      households.sort((a, b) => a.gridId.localeCompare(b.gridId) || a.doorNo.localeCompare(b.doorNo, 'zh-CN', { numeric: true }));
      return { villageName: village.name, items: await cards(deps, households, new Map(grids.map((g) => [g._id, g.name]))) };
    },
  }),

  /** Village admin: a new card for a household whose card was lost (the old code stops working). */
  revokeCard: action({
    gate: onboardingGates.villageAdmin,
    schema: revokeCardInput,
    load: async (input, { deps }) => {
      const h = await orgRepo.household(deps.db, input.householdId);
      if (!h) throw new DomainError('NOT_FOUND', '找不到该户');
      return h;
    },
    authorize: (household, actor) => mayAdministerVillage(actor, { _id: household.villageId, townId: household.townId }),
    run: async (_input, { deps, loaded: household }) => {
      const grid = await orgRepo.grid(deps.db, household.gridId);
      return revokeCard(deps, household, grid?.name ?? '未分网格');
    },
  }),
};


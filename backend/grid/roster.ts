import { DomainError } from '@domain/shared/errors';
import { mustLogRead, phoneFor, privateAccess, type PrivateAccess } from '@domain/grid/policy';
import { normalizePhone } from '@domain/org/phone';
import { membersHeadFirst } from '@domain/org/members';
import { sortTags, tagLabels, type HouseholdTag } from '@domain/org/tags';
import type { Household, Person } from '@domain/org/types';
import type { HouseholdDetail } from '@domain/api/grid';
import { maskPhone } from '@domain/org/phone';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { rosterRepo } from '../repos/roster';

type Ctx = Pick<Deps, 'db' | 'now' | 'newId'>;

/**
 * The caller's right to the household's private fields. The action's authorize step has already
 * refused anyone without it (mayOpenHousehold, mayEditRoster); this keeps the use case from ever
 * serving tags or phones on its own.
 */
function accessOf(person: Person, h: Household): PrivateAccess {
  const access = privateAccess(person.roles, h);
  if (access === null) throw new DomainError('NOT_FOUND', '找不到该住户');
  return access;
}

async function detail(deps: Ctx, h: Household, access: PrivateAccess, logged: boolean): Promise<HouseholdDetail> {
  const [members, grid, village] = await Promise.all([
    orgRepo.membersOfHouseholds(deps.db, [h._id]),
    h.gridId ? orgRepo.grid(deps.db, h.gridId) : Promise.resolve(null),
    orgRepo.village(deps.db, h.villageId),
  ]);
  const ordered = membersHeadFirst(members, h.headPersonId);
  return {
    id: h._id,
    doorNo: h.doorNo,
    headName: h.headName,
    grid: grid ? { id: grid._id, name: grid.name } : null,
    village: { id: h.villageId, name: village?.name ?? '' },
    tags: sortTags(h.tags ?? []),
    members: ordered.map((m) => ({ id: m._id, name: m.name, relation: m.relation, phone: phoneFor(access, m.phone), isHead: m._id === h.headPersonId })),
    canEdit: access !== 'town_admin',
    logged,
  };
}

/**
 * A household's detail with tags and phones. An admin's read of a tagged household is logged
 * (privacyReads) before anything is returned, so no read escapes the log.
 */
export async function householdDetail(deps: Ctx, person: Person, h: Household): Promise<HouseholdDetail> {
  const access = accessOf(person, h);
  return detail(deps, h, access, await logIfPrivate(deps, person, h, access));
}

/** Writes the privacyReads record when an admin is about to see a tagged household's private fields. */
async function logIfPrivate(deps: Ctx, person: Person, h: Household, access: PrivateAccess): Promise<boolean> {
  const log = mustLogRead(access, h);
  if (log) {
    await rosterRepo.logRead(deps.db, {
      _id: `pr_${deps.newId()}`,
      townId: h.townId,
      villageId: h.villageId,
      gridId: h.gridId,
      householdId: h._id,
      doorNo: h.doorNo,
      readerId: person._id,
      readerName: person.name,
      readerRole: access === 'town_admin' ? 'town_admin' : 'village_admin',
      at: deps.now(),
    });
  }
  return log;
}

export interface RosterEdit {
  tags?: HouseholdTag[];
  members?: { id?: string; name: string; relation: string | null; phone: string | null }[];
}

/**
 * The roster of one household: tags and members' name, relation and phone; members without an
 * id are added. Its grid workers/leaders and the village admin (the town reads only). Members
 * are never removed here: a person leaving a household is a 户籍 matter for the village admin.
 */
export async function saveRoster(deps: Ctx, person: Person, h: Household, edit: RosterEdit): Promise<HouseholdDetail> {
  const access = accessOf(person, h);
  const phones = (edit.members ?? []).map((m) => {
    if (m.phone === null || m.phone === '') return null;
    const p = normalizePhone(m.phone);
    if (p === null) throw new DomainError('BAD_INPUT', `${m.name} 的电话号码格式不正确：${m.phone}`);
    return p;
  });
  const names = (edit.members ?? []).map((m) => m.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new DomainError('BAD_INPUT', `成员「${dup}」重复`);
  const current = await orgRepo.membersOfHouseholds(deps.db, [h._id]);
  for (const m of edit.members ?? []) {
    if (m.id !== undefined && !current.some((c) => c._id === m.id)) throw new DomainError('NOT_FOUND', `${m.name} 不是该户成员`);
  }
  const clash = (edit.members ?? []).find((m) => m.id === undefined && current.some((c) => c.name === m.name));
  if (clash) throw new DomainError('BAD_INPUT', `该户已有成员「${clash.name}」`);

  await deps.db.runTransaction(async (tx) => {
    const changes: string[] = [];
    const people = tx.collection<Person>(C.people);
    let added = 0;
    let headName = h.headName;
    for (const [i, m] of (edit.members ?? []).entries()) {
      const relation = m.relation === null || m.relation === '' ? null : m.relation;
      if (m.id !== undefined) {
        const before = current.find((c) => c._id === m.id) as Person;
        if (before.name === m.name && before.relation === relation && (before.phone ?? null) === phones[i]) continue;
        await people.doc(m.id).update({ name: m.name, relation: m.id === h.headPersonId ? '户主' : relation, phone: phones[i] });
        if (m.id === h.headPersonId) headName = m.name;
        changes.push(`修改成员 ${m.name}${(before.phone ?? null) !== phones[i] ? `（电话 ${phones[i] ? maskPhone(phones[i] as string) : '清除'}）` : ''}`);
      } else {
        await people.doc(`p-${deps.newId()}`).set({
          townId: h.townId,
          villageId: h.villageId,
          householdId: h._id,
          name: m.name,
          relation,
          roles: [{ role: 'villager', scope: 'village', scopeId: h.villageId }],
          phone: phones[i],
        });
        added++;
        changes.push(`新增成员 ${m.name}`);
      }
    }
    const patch: Record<string, unknown> = {};
    if (added > 0) patch.memberCount = h.memberCount + added;
    if (headName !== h.headName) patch.headName = headName;
    if (edit.tags !== undefined) {
      const tags = sortTags(edit.tags);
      if (tags.join() !== sortTags(h.tags ?? []).join()) {
        patch.tags = tags;
        changes.push(`标签：${tagLabels(tags) || '无'}`);
      }
    }
    if (Object.keys(patch).length > 0) await tx.collection<Household>(C.households).doc(h._id).update(patch);
    if (changes.length > 0) {
      await rosterRepo.logChange(tx, {
        _id: `oc_${deps.newId()}`,
        townId: h.townId,
        villageId: h.villageId,
        kind: 'save_roster',
        targetId: h._id,
        summary: `${h.doorNo}：${changes.join('；')}`,
        actorId: person._id,
        actorName: person.name,
        at: deps.now(),
      });
    }
  });
  const saved = (await orgRepo.household(deps.db, h._id)) as Household;
  // The answer carries the tags and phones: an admin saving a tagged household has read it too.
  return detail(deps, saved, access, await logIfPrivate(deps, person, saved, access));
}

import { createHash } from 'node:crypto';
import { DomainError } from '@domain/shared/errors';
import type { Household, Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import { skipsFirstReview, type Application, type ApplicationSource } from '@domain/points/application';
import {
  assertDeedDate,
  assertEvidence,
  assertReportEvidence,
  assertPhotos,
  assertUnderCap,
  capKey,
  resolveItem,
  type SubjectKind,
} from '@domain/points/submitRules';
import { newApplication, type ScoredSubject } from '@domain/points/workflow';
import { UNIT_KIND_LABELS, type Unit } from '@domain/units/types';
import { unitOnBehalfRole } from '@domain/units/policy';
import type { SubmitInput } from '@domain/api/points';
import { catalogueRepo } from '../repos/catalogue';
import { orgRepo } from '../repos/org';
import { C } from '../repos/collections';
import type { CapCounter } from '../repos/applications';
import { deliver, prepareNotices } from '../notices/notify';
import { noticesRepo } from '../repos/notices';
import type { Deps } from '../runtime/deps';
import type { FileFacts } from '../files/port';
import { assertOwnFiles } from '../files/ownership';
import { joinAuditMonth } from '../audit/joinMonth';

/**
 * The household member the deed is about: the one named (who must live in the household), else
 * the submitter when they live there, else the head.
 */
async function memberOf(deps: Deps, actor: Person, household: Household, memberId: string | undefined): Promise<Pick<Person, '_id' | 'name'>> {
  const id = memberId ?? (actor.householdId === household._id ? actor._id : household.headPersonId);
  if (id === actor._id && actor.householdId === household._id) return actor;
  const person = await orgRepo.person(deps.db, id);
  if (!person || person.householdId !== household._id) {
    if (memberId === undefined) return { _id: household.headPersonId, name: household.headName };
    throw new DomainError('MEMBER_NOT_IN_HOUSEHOLD');
  }
  return person;
}

/** Same person + same requestId → same document id, so a retry finds the first application. */
export function applicationIdFor(personId: string, requestId: string): string {
  return `app_${createHash('sha256').update(`${personId}\u0000${requestId}`).digest('hex').slice(0, 24)}`;
}

/**
 * Checks every rule, then writes the application and bumps its cap counter in one transaction.
 * Authorization (own household / own grid) is the caller's job, done before this.
 */
export async function submitApplication(
  deps: Deps,
  actor: Person,
  household: Household,
  source: ApplicationSource,
  input: SubmitInput,
): Promise<Application> {
  return submitFor(deps, actor, household, source, input, 'household', () => memberOf(deps, actor, household, input.memberId));
}

/**
 * 单位申报: the same rules and the same path as a household's, with the unit as the subject:
 * only 单位积分类 items (resolveItem's HOUSEHOLD_ITEM), caps counted per unit, the deed about the
 * unit's 负责人. Its 负责人 applies as 'self', the village admin or a grid worker as 'grid_worker'
 * (代申报); its grid's workers do the 初审. Authorization (mayApplyForUnit) is the caller's job.
 */
export async function submitUnitApplication(deps: Deps, actor: Person, unit: Unit, input: SubmitInput): Promise<Application> {
  const source: ApplicationSource = unit.responsiblePersonId === actor._id ? 'self' : 'grid_worker';
  const subject: ScoredSubject = { _id: unit._id, townId: unit.townId, villageId: unit.villageId, gridId: unit.gridId, headName: unit.name, doorNo: UNIT_KIND_LABELS[unit.kind], subject: 'unit' };
  const onBehalfRole = unitOnBehalfRole(actor, unit);
  return submitFor(deps, actor, subject, source, input, 'unit', async () => ({ _id: unit.responsiblePersonId, name: unit.responsibleName }), onBehalfRole ?? undefined);
}

async function submitFor(
  deps: Deps,
  actor: Person,
  household: ScoredSubject,
  source: ApplicationSource,
  input: SubmitInput,
  kind: SubjectKind,
  memberOfDeed: () => Promise<Pick<Person, '_id' | 'name'>>,
  onBehalfRole?: 'village_admin',
): Promise<Application> {
  const { db } = deps;
  const id = applicationIdFor(actor._id, input.requestId);
  // A retry of a submission that already landed returns it, whatever else changed since.
  const prior = await db.collection<Application>(C.applications).doc(id).get();
  if (prior.data[0]) return prior.data[0];

  const now = deps.now();
  const village = await orgRepo.village(db, household.villageId);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该户所在的村');
  const policy = policyWithDefaults(village.policy);
  assertDeedDate(input.deedDate, now, policy);
  const resolved = resolveItem(await catalogueRepo.versions(db, village._id), input.deedDate, input.itemCode, source, kind);
  assertEvidence(resolved.item, input.photos.length, policy);
  if (source === 'villager_report') assertReportEvidence(resolved.item, input.photos.length);
  const member = await memberOfDeed();
  if (new Set(input.photos).size !== input.photos.length) throw new DomainError('BAD_INPUT', '同一张照片不能重复上传');
  const facts = await Promise.all(input.photos.map((f) => deps.files.facts(f)));
  if (facts.some((f) => f === null)) throw new DomainError('BAD_INPUT', '照片未上传成功，请重新选择');
  assertPhotos(facts as FileFacts[], policy);
  // Only photos the actor uploaded: never another household's evidence.
  await assertOwnFiles(db, actor, facts as FileFacts[]);

  const app = newApplication({
    id,
    now,
    actor,
    household,
    source,
    resolved,
    deedDate: input.deedDate,
    place: input.place,
    description: input.description,
    photos: input.photos,
    member,
    ...(onBehalfRole ? { onBehalfRole } : {}),
  });
  const key = capKey(resolved.item, household._id, input.deedDate);
  // 待初审 for the grid's workers, written with the application itself; a report also tells the household.
  const notices = skipsFirstReview(source)
    ? []
    : [
        ...(await prepareNotices(deps, { kind: 'application_submitted', subjectId: id, facts: { villageId: household.villageId, what: app.itemName } }, { villageId: household.villageId, gridId: household.gridId, actorId: actor._id })),
        ...(source === 'villager_report'
          ? await prepareNotices(deps, { kind: 'application_reported', subjectId: id, facts: { villageId: household.villageId, what: app.itemName } }, { villageId: household.villageId, householdId: household._id, actorId: actor._id })
          : []),
      ];

  const saved = await db.runTransaction(async (tx) => {
    const again = await tx.collection<Application>(C.applications).doc(id).get();
    if (again.data) return again.data;
    if (key) {
      const counter = await tx.collection<CapCounter>(C.capCounters).doc(key).get();
      const used = counter.data?.count ?? 0;
      assertUnderCap(resolved.item, used);
      await tx.collection<CapCounter>(C.capCounters).doc(key).set({ count: used + 1 });
    }
    // A committee visit or a town inspection joins the month's audit at once (no 初审).
    const recorded = skipsFirstReview(source) ? { ...app, auditMonth: await joinAuditMonth(tx, app, actor, now) } : app;
    const { _id, ...doc } = recorded;
    void _id;
    await tx.collection<Application>(C.applications).doc(id).set(doc);
    await noticesRepo.setAllInTx(tx, notices);
    return recorded;
  });
  await deliver(deps, notices);
  return saved;
}

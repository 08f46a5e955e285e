import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import type { EntryDraft } from '@domain/ledger/types';
import { assertPhotos } from '@domain/points/submitRules';
import type { LineChunk, Objection, ObjectionDecision, Publicity } from '@domain/publicity/types';
import { objectionEntryId, publicityIdOf } from '@domain/publicity/ids';
import { correctedLine, lineKey, lineLabel, UNIT_LINES_FROM } from '@domain/publicity/lines';
import { isUnitId } from '@domain/units/types';
import type { Household } from '@domain/org/types';
import { isUndecided, newObjection, signObjection } from '@domain/publicity/objection';
import { assertObjectionWindow, type Actor } from '@domain/publicity/workflow';
import { mayObject, objectionSignerSide } from '@domain/publicity/policy';
import type { objectInput } from '@domain/api/publicity';
import type { z } from 'zod';
import { postToLedger } from '../ledger/post';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { unitsRepo } from '../repos/units';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';
import type { Deps } from '../runtime/deps';
import type { FileFacts } from '../files/port';
import { assertOwnFiles } from '../files/ownership';
import { stableId } from '../shared/ids';
import { enforce } from '../runtime/handler';
import { computeRedBlack } from './redBlack';

export function objectionIdFor(personId: string, requestId: string): string {
  return stableId('objn', personId, requestId);
}

async function householdLineOf(db: Database, pid: string, key: string): Promise<{ chunk: LineChunk; at: number } | null> {
  const chunk = await publicityRepo.chunkOfKey(db, pid, key);
  const at = chunk ? chunk.keys.indexOf(key) : -1;
  return chunk && at >= 0 ? { chunk, at } : null;
}

/**
 * A unit's line: units list after every household (UNIT_LINES_FROM), so from the chunk where
 * they begin onwards, by id — its name may have changed since the list was published.
 */
async function unitLineOf(db: Database, pid: string, unitId: string): Promise<{ chunk: LineChunk; at: number } | null> {
  let chunk = await publicityRepo.chunkOfKey(db, pid, UNIT_LINES_FROM);
  while (chunk) {
    const at = chunk.lines.findIndex((l) => l.householdId === unitId);
    if (at >= 0) return { chunk, at };
    chunk = await publicityRepo.chunk(db, pid, chunk.chunk + 1);
  }
  return null;
}

/**
 * A villager objects to a line of their own village's publicity — a household's or a unit's —
 * in the window, with a reason and photos (checked like evidence). Same person + requestId → the same objection.
 */
export async function fileObjection(deps: Deps, person: Person, input: z.infer<typeof objectInput>): Promise<Objection> {
  const { db } = deps;
  const id = objectionIdFor(person._id, input.requestId);
  const prior = await publicityRepo.objection(db, id);
  if (prior) return prior;

  // A household's line, or a unit's (单位积分): the same flow, the unit's village and line.
  const unit = isUnitId(input.householdId) ? await unitsRepo.get(db, input.householdId) : null;
  const household = unit ?? (await orgRepo.household(db, input.householdId));
  // Only a villager of the household's village objects to its line; others learn nothing.
  if (!household) throw new DomainError('NOT_FOUND', '本村公示名单中没有该户');
  enforce(mayObject(person, household));
  const village = await orgRepo.village(db, household.villageId);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  const pid = publicityIdOf(village._id, input.quarter);
  const p = await publicityRepo.get(db, pid);
  if (!p || p.status === 'opening') throw new DomainError('PUBLICITY_CLOSED', `${input.quarter} 季度还未公示`);
  const now = deps.now();
  assertObjectionWindow(p, cstDate(now));
  const found = unit ? await unitLineOf(db, pid, unit._id) : await householdLineOf(db, pid, lineKey(household as Household));
  if (!found) throw new DomainError('NOT_FOUND', '公示名单中没有该户');
  const { chunk, at } = found;

  const policy = policyWithDefaults(village.policy);
  if (new Set(input.photos).size !== input.photos.length) throw new DomainError('BAD_INPUT', '同一张照片不能重复上传');
  const facts = await Promise.all(input.photos.map((f) => deps.files.facts(f)));
  if (facts.some((f) => f === null)) throw new DomainError('BAD_INPUT', '照片未上传成功，请重新选择');
  assertPhotos(facts as FileFacts[], policy);
  // Only photos the objector uploaded: never another household's evidence.
  await assertOwnFiles(db, person, facts as FileFacts[]);

  const objection = newObjection({
    id,
    townId: village.townId,
    villageId: village._id,
    publicityId: pid,
    quarter: input.quarter,
    householdId: household._id,
    ...(unit ? { unit: { responsiblePersonId: unit.responsiblePersonId } } : {}),
    chunkId: chunk._id,
    lineLabel: lineLabel(chunk.lines[at]),
    objector: person,
    reason: input.reason.trim(),
    photos: input.photos,
    at: now,
  });
  return db.runTransaction(async (tx) => {
    const oref = tx.collection<Objection>(C.objections).doc(id);
    const pref = tx.collection<Publicity>(C.publicities).doc(pid);
    const { data: cur } = await pref.get();
    const { data: again } = await oref.get();
    if (again) return again;
    if (!cur) throw new DomainError('NOT_FOUND');
    assertObjectionWindow(cur, cstDate(now));
    const { _id, ...doc } = objection;
    void _id;
    await oref.set(doc);
    const { _id: p_, ...pdoc } = cur;
    void p_;
    await pref.set({ ...pdoc, openObjections: cur.openObjections + 1, updatedAt: now });
    return objection;
  });
}

/**
 * A reviewer or a supervisor signs a decision on an objection (see signObjection; who may is
 * the policy's mayDecideObjection, which the caller has applied to `found`). When the second
 * signature makes an upheld decision final, in the same transaction: the correction entry
 * (pending, kind objection, id from the objection, period the quarter), the line and the
 * publicity's totals. The 红榜 is then recomputed.
 */
export async function decideObjection(
  deps: Deps,
  person: Person,
  found: Pick<Objection, '_id' | 'publicityId'>,
  decision: ObjectionDecision,
): Promise<Objection> {
  const { db } = deps;
  const objectionId = found._id;
  const now = deps.now();
  const who: Actor = { id: person._id, name: person.name, at: now };
  const result = await db.runTransaction(async (tx) => {
    const oref = tx.collection<Objection>(C.objections).doc(objectionId);
    const pref = tx.collection<Publicity>(C.publicities).doc(found.publicityId);
    const { data: p } = await pref.get();
    const { data: o } = await oref.get();
    if (!p || !o) throw new DomainError('NOT_FOUND', '找不到该异议');
    if (!isUndecided(o)) throw new DomainError('INVALID_TRANSITION', '该异议已处理完毕');
    // Someone on both committees signs the half still missing; signObjection refuses them the other.
    const role = objectionSignerSide(person, o);
    if (!role) throw new DomainError('NOT_FOUND', '找不到该异议');
    const { objection, final } = signObjection(o, { person, role }, decision, who);
    let next = objection;
    let pnext: Publicity = p;
    if (final) {
      pnext = { ...pnext, openObjections: Math.max(0, p.openObjections - 1), updatedAt: now };
      if (objection.status === 'upheld' && objection.decision) {
        const points = objection.decision.points;
        const cref = tx.collection<LineChunk>(C.publicityLines).doc(o.chunkId);
        const { data: chunk } = await cref.get();
        const at = chunk ? chunk.lines.findIndex((l) => l.householdId === o.householdId) : -1;
        if (!chunk || at < 0) throw new DomainError('NOT_FOUND', '公示名单中没有该户');
        const entryId = objectionEntryId(o._id);
        const draft: EntryDraft = {
          _id: entryId,
          householdId: o.householdId,
          kind: 'objection',
          bucket: 'pending',
          delta: points,
          sourceId: o._id,
          label: `${p.quarter} 公示异议更正`,
          actorId: person._id,
          actorName: person.name,
          reason: objection.decision.reason,
          reverses: null,
          reversedKind: null,
          at: now,
          period: p.quarter,
        };
        await postToLedger(tx, draft, { townId: p.townId, villageId: p.villageId });
        const lines = [...chunk.lines];
        lines[at] = correctedLine(lines[at], points);
        const { _id: c_, ...cdoc } = chunk;
        void c_;
        await cref.set({ ...cdoc, lines });
        pnext = { ...pnext, totalPoints: p.totalPoints + points };
        next = { ...objection, correctionEntryId: entryId };
      }
      const { _id: p_, ...pdoc } = pnext;
      void p_;
      await pref.set(pdoc);
    }
    const { _id, ...doc } = next;
    void _id;
    await oref.set(doc);
    return { objection: next, publicity: pnext, corrected: final && next.status === 'upheld' };
  });
  if (result.corrected) await refreshRedBlack(deps, result.publicity._id);
  return result.objection;
}

/** Recomputes and stores the 红黑榜 of a publicity (after a correction, at close). */
export async function refreshRedBlack(deps: Pick<Deps, 'db' | 'now'>, publicityId: string): Promise<Publicity | null> {
  const p = await publicityRepo.get(deps.db, publicityId);
  if (!p) return null;
  const redBlack = await computeRedBlack(deps.db, p, deps.now());
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<Publicity>(C.publicities).doc(publicityId);
    const { data: cur } = await ref.get();
    if (!cur) return null;
    const { _id, ...doc } = cur;
    void _id;
    await ref.set({ ...doc, redBlack });
    return { ...cur, redBlack };
  });
}

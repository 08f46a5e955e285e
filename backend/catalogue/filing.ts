import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import type { CatalogueCategory, CatalogueVersion } from '@domain/catalogue/types';
import { versionInForce } from '@domain/catalogue/versions';
import { EDITABLE, fileDraft, newDraft, nextJanuaryFirst, returnDraft, saveDraft, submitDraft, type FilingActor } from '@domain/catalogue/filing';
import type { Transaction } from '../db/types';
import { C } from '../repos/collections';
import { catalogueRepo } from '../repos/catalogue';
import type { VillageDoc } from '../repos/org';
import type { Deps } from '../runtime/deps';

type FilingDeps = Pick<Deps, 'db' | 'now'>;

/** Version n of a village is `${villageId}-v${n}`: two admins opening the draft at once make one draft. */
export function versionIdFor(villageId: string, version: number): string {
  return `${villageId}-v${version}`;
}

function actorOf(person: Person, at: number): FilingActor {
  return { id: person._id, name: person.name, at };
}

/** The village's open (not yet filed) version, if any: at most one at a time. */
export function openDraftOf(versions: readonly CatalogueVersion[]): CatalogueVersion | null {
  return versions.find((v) => v.status !== undefined && EDITABLE.concat('submitted').includes(v.status)) ?? null;
}

async function write(tx: Transaction, v: CatalogueVersion): Promise<void> {
  const { _id, ...doc } = v;
  await tx.collection<CatalogueVersion>(C.catalogueVersions).doc(_id).set(doc);
}

/**
 * The village admin's open draft; on first open, a copy of the version in force today, to take
 * effect on 1 January next year, numbered after the highest version so far.
 */
export async function openDraft(deps: FilingDeps, actor: Person, village: VillageDoc): Promise<{ draft: CatalogueVersion; inForce: CatalogueVersion | null }> {
  const now = deps.now();
  const today = cstDate(now);
  const versions = await catalogueRepo.versions(deps.db, village._id);
  const inForce = versionInForce(versions, today);
  const open = openDraftOf(versions);
  if (open) return { draft: open, inForce };
  const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
  const id = versionIdFor(village._id, version);
  const draft = newDraft(inForce, { id, villageId: village._id, townId: village.townId, version, effectiveFrom: nextJanuaryFirst(today) }, actorOf(actor, now));
  const stored = await deps.db.runTransaction(async (tx) => {
    const { data: prior } = await tx.collection<CatalogueVersion>(C.catalogueVersions).doc(id).get();
    if (prior) return prior; // another admin opened it first
    await write(tx, draft);
    return draft;
  });
  return { draft: stored, inForce };
}

/** Reads the village's open draft inside the transaction by its id; refused when there is none. */
async function change(
  deps: FilingDeps,
  versionId: string,
  rule: (v: CatalogueVersion, today: string, at: number) => CatalogueVersion,
): Promise<CatalogueVersion> {
  const now = deps.now();
  return deps.db.runTransaction(async (tx) => {
    const { data: v } = await tx.collection<CatalogueVersion>(C.catalogueVersions).doc(versionId).get();
    if (!v) throw new DomainError('NOT_FOUND', '找不到该目录版本');
    const next = rule(v, cstDate(now), now);
    await write(tx, next);
    return next;
  });
}

async function openDraftId(deps: FilingDeps, villageId: string): Promise<string> {
  const open = openDraftOf(await catalogueRepo.versions(deps.db, villageId));
  if (!open) throw new DomainError('NOT_FOUND', '还没有草稿，请先打开目录修订');
  return open._id;
}

export async function saveVillageDraft(deps: FilingDeps, actor: Person, villageId: string, edit: { categories: CatalogueCategory[]; effectiveFrom: string }): Promise<CatalogueVersion> {
  const id = await openDraftId(deps, villageId);
  return change(deps, id, (v, today, at) => saveDraft(v, edit, actorOf(actor, at), today));
}

export async function submitVillageDraft(deps: FilingDeps, actor: Person, villageId: string): Promise<CatalogueVersion> {
  const id = await openDraftId(deps, villageId);
  return change(deps, id, (v, today, at) => submitDraft(v, actorOf(actor, at), today));
}

export async function fileVersion(deps: FilingDeps, actor: Person, versionId: string): Promise<CatalogueVersion> {
  return change(deps, versionId, (v, today, at) => fileDraft(v, actorOf(actor, at), today));
}

export async function returnVersion(deps: FilingDeps, actor: Person, versionId: string, reason: string): Promise<CatalogueVersion> {
  return change(deps, versionId, (v, _today, at) => returnDraft(v, actorOf(actor, at), reason));
}


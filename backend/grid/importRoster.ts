import { createHash } from 'node:crypto';
import { DomainError } from '@domain/shared/errors';
import { BAD_TEXT_MESSAGE, isCleanText } from '@domain/shared/text';
import { planImport, type ImportPlan } from '@domain/grid/importRoster';
import { parseDelimited, type SheetRows } from '@domain/grid/sheet';
import { policyWithDefaults } from '@domain/org/policy';
import type { Household, Person } from '@domain/org/types';
import type { ImportResult } from '@domain/api/grid';
import type { Deps } from '../runtime/deps';
import { stableId } from '../shared/ids';
import { C } from '../repos/collections';
import { orgRepo } from '../repos/org';
import { rosterRepo } from '../repos/roster';

type Ctx = Pick<Deps, 'db' | 'now' | 'newId'>;
/**
 * The roster as rows, and the file they came from (its content names the import record, so
 * importing the same file twice names the same record). CSV is read here (`csvSheet`); an .xlsx
 * is read by the sheets function, which carries exceljs (backend/sheets/roster.ts).
 */
export interface ImportSheet {
  rows: SheetRows;
  content: string;
}

export const csvSheet = (content: string): ImportSheet => ({ rows: parseDelimited(content), content });

/**
 * The file's rows, every cell checked like any other text an action takes (src/domain/shared/text):
 * a NUL, a lone surrogate or a control character (an xlsx may carry U+0085 …) is refused with
 * the rows that hold one, before anything is read or written. A cell may hold a line break or a tab.
 */
function rowsOf(file: ImportSheet): SheetRows {
  const rows = file.rows;
  const bad: number[] = [];
  rows.forEach((row, i) => {
    if (row.some((cell) => !isCleanText(cell, true))) bad.push(i + 1);
  });
  if (bad.length > 0) {
    throw new DomainError('BAD_INPUT', `第 ${bad.slice(0, 5).join('、')}${bad.length > 5 ? ' 等' : ''} 行${BAD_TEXT_MESSAGE}`, { rows: bad.slice(0, 100) });
  }
  return rows;
}

/** Reads the village once (grids, then households and people a page of 1000 at a time) and plans the file against it. */
async function plan(deps: Ctx, villageId: string, file: ImportSheet): Promise<ImportPlan> {
  const sheet = rowsOf(file);
  const village = await orgRepo.village(deps.db, villageId);
  if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
  const [grids, households, people] = await Promise.all([
    orgRepo.gridsOfVillage(deps.db, villageId),
    orgRepo.householdsOfVillage(deps.db, villageId),
    orgRepo.peopleOfVillage(deps.db, villageId),
  ]);
  return planImport(sheet, {
    village,
    policy: policyWithDefaults(village.policy),
    grids,
    households,
    people,
    // Same village + 门牌号 (+ name) → same id: a second import of the file names the same documents.
    ids: { household: (doorNo) => stableId('h', villageId, doorNo), person: (doorNo, name) => stableId('p', villageId, doorNo, name) },
  });
}

const result = (p: ImportPlan): ImportResult => ({ problems: p.problems, notes: p.notes, summary: p.summary });

export async function previewImport(deps: Ctx, villageId: string, file: ImportSheet): Promise<ImportResult> {
  return result(await plan(deps, villageId, file));
}

/**
 * All or nothing: any bad row refuses the whole file before a single write. The writes are
 * only the documents that differ, with ids derived from the file: a household's members first,
 * then the household itself. Were a run cut short, importing the same file again finishes it
 * (members already stored are matched, the household's count is recomputed from them).
 */
export async function commitImport(deps: Ctx, actor: Person, villageId: string, file: ImportSheet): Promise<ImportResult & { written: { households: number; people: number } }> {
  const p = await plan(deps, villageId, file);
  if (p.problems.length > 0) {
    throw new DomainError('IMPORT_INVALID', `导入文件有 ${p.problems.length} 处错误，未写入任何数据`, { problems: p.problems.slice(0, 500) });
  }
  const peopleOf = new Map<string, Person[]>();
  for (const person of p.people) peopleOf.set(person.householdId ?? '', [...(peopleOf.get(person.householdId ?? '') ?? []), person]);
  const units: (() => Promise<void>)[] = p.households.map((h) => {
    const members = peopleOf.get(h._id) ?? [];
    peopleOf.delete(h._id);
    return async () => {
      for (const { _id, ...doc } of members) await deps.db.collection<Person>(C.people).doc(_id).set(doc);
      const { _id, ...doc } = h;
      await deps.db.collection<Household>(C.households).doc(_id).set(doc);
    };
  });
  for (const rest of peopleOf.values()) {
    units.push(async () => {
      for (const { _id, ...doc } of rest) await deps.db.collection<Person>(C.people).doc(_id).set(doc);
    });
  }
  // One after another: the embedded database has one connection, and in CloudBase each write
  // is its own request (single-document writes, ~0.25 ms each locally).
  for (const unit of units) await unit();
  const written = { households: p.households.length, people: p.people.length };
  if (written.households + written.people > 0) {
    const village = await orgRepo.village(deps.db, villageId);
    const fileId = stableId('ri', villageId, createHash('sha256').update(file.content).digest('hex'));
    await rosterRepo.saveImport(deps.db, { _id: fileId, townId: village?.townId ?? '', villageId, actorId: actor._id, actorName: actor.name, at: deps.now(), rows: p.summary.rows, written });
    await rosterRepo.logChange(deps.db, {
      _id: `oc_${deps.newId()}`,
      townId: village?.townId ?? '',
      villageId,
      kind: 'import',
      targetId: fileId,
      summary: `导入名册：新增 ${p.summary.newHouseholds} 户、${p.summary.newPeople} 人，更新 ${p.summary.changedHouseholds} 户、${p.summary.changedPeople} 人`,
      actorId: actor._id,
      actorName: actor.name,
      at: deps.now(),
    });
  }
  return { ...result(p), written };
}

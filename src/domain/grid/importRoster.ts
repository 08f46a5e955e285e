import type { Grid, Household, Person } from '../org/types';
import { UNASSIGNED_GRID } from '../org/types';
import type { VillagePolicy } from '../org/policy';
import type { RoleAssignment } from '../org/roles';
import { HOUSEHOLD_TAG_LABELS, HOUSEHOLD_TAGS, parseTagList, sortTags, type HouseholdTag } from '../org/tags';
import { normalizePhone } from '../org/phone';
import { isBlankRow, type SheetRows } from './sheet';

/**
 * Bulk import of the roster cadres already keep (one row per person): 户主, 成员, 与户主关系,
 * 电话, 所在组, 门牌号, 标签. Pure planning: every row is checked first and the plan holds only
 * the documents that differ from what is stored, so a file with any bad row writes nothing and
 * importing the same file again writes nothing. Households are matched by 门牌号 within the
 * village, members by name within the household; new ones get ids derived from
 * village + 门牌号 (+ name), so two imports of one file name the same documents.
 */
export const IMPORT_COLUMNS = ['户主', '成员', '与户主关系', '电话', '所在组', '门牌号', '标签'] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

const HEADER_ALIASES: Record<Column, string[]> = {
  户主: ['户主', '户主姓名'],
  成员: ['成员', '姓名', '成员姓名', '家庭成员'],
  与户主关系: ['与户主关系', '关系'],
  电话: ['电话', '联系电话', '手机', '手机号', '电话号码'],
  所在组: ['所在组', '网格', '所在网格', '组别', '村民小组'],
  门牌号: ['门牌号', '门牌'],
  标签: ['标签', '人员类别', '类别'],
};
const REQUIRED: Column[] = ['户主', '门牌号'];

/** Spreadsheets beyond this are split by the village (and would exceed a cloud call's payload). */
export const MAX_IMPORT_ROWS = 20_000;

export interface ImportProblem {
  /** Spreadsheet row number (the header is row 1); 0 = the file as a whole. */
  row: number;
  message: string;
}

export interface ImportState {
  village: { _id: string; townId: string; name: string };
  policy: VillagePolicy;
  grids: Pick<Grid, '_id' | 'name'>[];
  /** Every household of the village now. */
  households: Household[];
  /** The members of those households now. */
  people: Person[];
  ids: { household(doorNo: string): string; person(doorNo: string, name: string): string };
}

export interface ImportPlan {
  problems: ImportProblem[];
  /** Non-blocking notes (e.g. a household with no 所在组 goes to 未划网格). */
  notes: ImportProblem[];
  households: Household[];
  people: Person[];
  summary: {
    rows: number;
    households: number;
    people: number;
    newHouseholds: number;
    changedHouseholds: number;
    newPeople: number;
    changedPeople: number;
    /** Households per grid after the import (as it would be). */
    grids: { id: string; name: string; before: number; after: number }[];
  };
}

interface Row {
  line: number;
  head: string;
  member: string;
  relation: string;
  phone: string | null;
  gridText: string;
  gridId: string | null;
  doorNo: string;
  tagsText: string;
  tags: HouseholdTag[];
}

function headerMap(header: readonly string[]): { map: Partial<Record<Column, number>>; missing: Column[] } {
  const map: Partial<Record<Column, number>> = {};
  header.forEach((h, i) => {
    const word = h.trim().replace(/\s+/g, '');
    for (const c of IMPORT_COLUMNS) if (map[c] === undefined && HEADER_ALIASES[c].includes(word)) map[c] = i;
  });
  return { map, missing: REQUIRED.filter((c) => map[c] === undefined) };
}

function findGrid(state: ImportState, text: string): string | null {
  const t = text.trim();
  const g = state.grids.find((x) => x.name === t) ?? state.grids.find((x) => x.name === `${state.village.name}${t}`);
  return g ? g._id : null;
}

const isHeadRelation = (r: string) => r === '户主' || r === '本人';
const NAME_OK = /^[\u4e00-\u9fa5A-Za-z·•.\s]{1,20}$/;

export function planImport(sheet: SheetRows, state: ImportState): ImportPlan {
  const problems: ImportProblem[] = [];
  const notes: ImportProblem[] = [];
  const emptySummary = { rows: 0, households: 0, people: 0, newHouseholds: 0, changedHouseholds: 0, newPeople: 0, changedPeople: 0, grids: [] };
  const headerIndex = sheet.findIndex((r) => !isBlankRow(r));
  if (headerIndex < 0) return { problems: [{ row: 0, message: '文件是空的' }], notes, households: [], people: [], summary: emptySummary };
  const { map, missing } = headerMap(sheet[headerIndex]);
  if (missing.length > 0) {
    problems.push({ row: headerIndex + 1, message: `表头缺少列：${missing.join('、')}（应有：${IMPORT_COLUMNS.join('、')}）` });
    return { problems, notes, households: [], people: [], summary: emptySummary };
  }
  if (sheet.length - headerIndex - 1 > MAX_IMPORT_ROWS) {
    problems.push({ row: 0, message: `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入` });
    return { problems, notes, households: [], people: [], summary: emptySummary };
  }
  const get = (r: readonly string[], c: Column) => (map[c] === undefined ? '' : (r[map[c] as number] ?? '').trim());

  // 1. Each row on its own.
  const rows: Row[] = [];
  for (let i = headerIndex + 1; i < sheet.length; i++) {
    const r = sheet[i];
    if (isBlankRow(r)) continue;
    const line = i + 1;
    let ok = true;
    const bad = (message: string) => {
      problems.push({ row: line, message });
      ok = false;
    };
    const head = get(r, '户主');
    const doorNo = get(r, '门牌号');
    const member = get(r, '成员') || head;
    let relation = get(r, '与户主关系');
    const phoneText = get(r, '电话');
    const gridText = get(r, '所在组');
    const tagsText = get(r, '标签');
    if (!head) bad('缺少户主姓名');
    else if (!NAME_OK.test(head)) bad(`户主姓名「${head}」不正确`);
    if (!doorNo) bad('缺少门牌号');
    else if (doorNo.length > 30) bad('门牌号太长（最多 30 字）');
    if (member && !NAME_OK.test(member)) bad(`成员姓名「${member}」不正确`);
    if (member === head && relation === '') relation = '户主';
    if (isHeadRelation(relation) && member !== head) bad(`与户主关系为「${relation}」，但姓名「${member}」与户主「${head}」不一致`);
    if (relation.length > 10) bad(`与户主关系「${relation}」太长`);
    let phone: string | null = null;
    if (phoneText) {
      phone = normalizePhone(phoneText);
      if (phone === null) bad(`电话号码格式不正确：${phoneText}`);
    }
    let gridId: string | null = null;
    if (gridText) {
      gridId = findGrid(state, gridText);
      if (gridId === null) bad(`本村没有网格「${gridText}」（现有：${state.grids.map((g) => g.name).join('、') || '无'}）`);
    }
    const parsed = parseTagList(tagsText);
    if (parsed.unknown.length > 0) bad(`未知标签「${parsed.unknown.join('、')}」（可用：${HOUSEHOLD_TAGS.map((t) => HOUSEHOLD_TAG_LABELS[t]).join('、')}）`);
    if (ok) rows.push({ line, head, member, relation: isHeadRelation(relation) ? '户主' : relation, phone, gridText, gridId, doorNo, tagsText, tags: parsed.tags });
  }

  // 2. Rows of one household agree with each other and with what is stored.
  const byDoor = new Map<string, Row[]>();
  for (const r of rows) byDoor.set(r.doorNo, [...(byDoor.get(r.doorNo) ?? []), r]);
  const existingByDoor = new Map(state.households.map((h) => [h.doorNo, h]));
  const membersOf = new Map<string, Person[]>();
  for (const p of state.people) if (p.householdId) membersOf.set(p.householdId, [...(membersOf.get(p.householdId) ?? []), p]);
  const gridName = new Map(state.grids.map((g) => [g._id, g.name]));

  const households: Household[] = [];
  const people: Person[] = [];
  let newHouseholds = 0;
  let changedHouseholds = 0;
  let newPeople = 0;
  let changedPeople = 0;
  let peopleInFile = 0;
  /** Final grid of every household of the village (for the cap). */
  const finalGrid = new Map(state.households.map((h) => [h._id, h.gridId]));
  const movedInRow = new Map<string, number>();

  for (const [doorNo, rs] of byDoor) {
    const first = rs[0];
    let ok = true;
    const bad = (line: number, message: string) => {
      problems.push({ row: line, message: `门牌号 ${doorNo}：${message}` });
      ok = false;
    };
    for (const r of rs.slice(1)) {
      if (r.head !== first.head) bad(r.line, `户主「${r.head}」与第 ${first.line} 行的「${first.head}」不一致`);
      if (r.gridId !== null && first.gridId !== null && r.gridId !== first.gridId) bad(r.line, `所在组「${r.gridText}」与第 ${first.line} 行的「${first.gridText}」不一致`);
    }
    const seen = new Map<string, number>();
    for (const r of rs) {
      const prev = seen.get(r.member);
      if (prev !== undefined) bad(r.line, `成员「${r.member}」重复（第 ${prev} 行已有）`);
      else seen.set(r.member, r.line);
    }
    const existing = existingByDoor.get(doorNo);
    if (existing && existing.headName !== first.head) {
      bad(first.line, `已登记的户主是「${existing.headName}」，表中是「${first.head}」；更换户主请在住户名册中修改`);
    }
    if (!ok) continue;

    const fileGrid = rs.find((r) => r.gridId !== null)?.gridId ?? null;
    const gridId = fileGrid ?? existing?.gridId ?? UNASSIGNED_GRID;
    if (gridId === UNASSIGNED_GRID) notes.push({ row: first.line, message: `门牌号 ${doorNo}：未填所在组，将列入「未划网格」待分配` });
    const tagRows = rs.filter((r) => r.tagsText !== '');
    const tags = tagRows.length > 0 ? sortTags(tagRows.flatMap((r) => r.tags)) : sortTags(existing?.tags ?? []);
    const householdId = existing?._id ?? state.ids.household(doorNo);
    // Members already stored under the household's id count even when the household document
    // is not (an import cut short): running the same file again completes it.
    const stored = membersOf.get(householdId) ?? [];
    // The head first: a household without a row for its head still gets the head from 户主.
    const fileMembers = rs.some((r) => r.member === first.head)
      ? rs
      : [{ ...first, member: first.head, relation: '户主', phone: null, line: first.line }, ...rs];
    peopleInFile += fileMembers.length;
    let added = 0;
    for (const r of fileMembers) {
      const match = stored.find((p) => p.name === r.member);
      if (match) {
        const relation = r.relation !== '' ? r.relation : match.relation;
        const phone = r.phone ?? match.phone ?? null;
        if (relation !== match.relation || phone !== (match.phone ?? null)) {
          people.push({ ...match, relation, phone });
          changedPeople++;
        }
        continue;
      }
      const isHead = r.member === first.head;
      const roles: RoleAssignment[] = [{ role: 'villager', scope: 'village', scopeId: state.village._id }];
      if (isHead && !existing) roles.push({ role: 'household_head', scope: 'village', scopeId: state.village._id });
      people.push({
        _id: state.ids.person(doorNo, r.member),
        townId: state.village.townId,
        villageId: state.village._id,
        householdId,
        name: r.member,
        relation: isHead ? '户主' : r.relation || null,
        roles,
        phone: r.phone,
      });
      added++;
      newPeople++;
    }
    const next: Household = existing
      ? { ...existing, gridId, memberCount: stored.length + added, ...(tags.length > 0 || existing.tags ? { tags } : {}) }
      : {
          _id: householdId,
          townId: state.village.townId,
          villageId: state.village._id,
          gridId,
          doorNo,
          headPersonId: state.ids.person(doorNo, first.head),
          headName: first.head,
          memberCount: stored.length + added,
          tags,
        };
    if (!existing) {
      households.push(next);
      newHouseholds++;
    } else if (next.gridId !== existing.gridId || next.memberCount !== existing.memberCount || tags.join() !== sortTags(existing.tags ?? []).join()) {
      households.push(next);
      changedHouseholds++;
    }
    if (gridId !== UNASSIGNED_GRID && existing?.gridId !== gridId) movedInRow.set(householdId, first.line);
    finalGrid.set(householdId, gridId);
  }

  // 3. No grid ends up over the cap [004].
  const before = new Map<string, number>();
  for (const h of state.households) before.set(h.gridId, (before.get(h.gridId) ?? 0) + 1);
  const after = new Map<string, number>();
  for (const g of finalGrid.values()) after.set(g, (after.get(g) ?? 0) + 1);
  const cap = state.policy.maxHouseholdsPerGrid;
  for (const g of state.grids) {
    const n = after.get(g._id) ?? 0;
    if (n > cap && n > (before.get(g._id) ?? 0)) {
      const lines = [...movedInRow].filter(([hid]) => finalGrid.get(hid) === g._id).map(([, line]) => line).sort((a, b) => a - b);
      problems.push({ row: lines[0] ?? 0, message: `导入后「${g.name}」将有 ${n} 户，超过每个网格 ${cap} 户的上限，请先拆分网格（涉及第 ${lines.slice(0, 5).join('、')}${lines.length > 5 ? ' 等' : ''} 行）` });
    }
  }

  problems.sort((a, b) => a.row - b.row);
  const valid = problems.length === 0;
  return {
    problems,
    notes,
    households: valid ? households : [],
    people: valid ? people : [],
    summary: {
      rows: rows.length,
      households: byDoor.size,
      people: peopleInFile,
      newHouseholds,
      changedHouseholds,
      newPeople,
      changedPeople,
      grids: state.grids.map((g) => ({ id: g._id, name: gridName.get(g._id) ?? g.name, before: before.get(g._id) ?? 0, after: after.get(g._id) ?? 0 })),
    },
  };
}

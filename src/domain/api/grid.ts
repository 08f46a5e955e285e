import { z } from 'zod';
import { text, token, pasted } from './text';
import type { HouseholdTag } from '../org/tags';
import { HOUSEHOLD_TAGS } from '../org/tags';
import type { VillageNode } from '../grid/tree';
import type { ImportPlan } from '../grid/importRoster';
import type { PeopleLedger } from '../grid/peopleLedger';
import type { ExportFile } from '../shared/csv';

const id = (what: string) => token({ error: `请选择${what}` }).min(1, `请选择${what}`).max(64);
const gridName = text().min(2, '网格名称 2–20 个字').max(20, '网格名称 2–20 个字');
const personName = text().min(1, '请填写姓名').max(20, '姓名最多 20 个字');
const tag = z.enum(HOUSEHOLD_TAGS, { error: '未知的标签' });

export const listInput = z.object({}).strict();
export const householdsInput = z.object({ gridId: token().min(1).max(64).optional() }).strict();
export const treeInput = z.object({ villageId: id('村').optional() }).strict();
export const createGridInput = z.object({ name: gridName }).strict();
export const renameGridInput = z.object({ gridId: id('网格'), name: gridName }).strict();
export const moveHouseholdInput = z.object({ householdId: id('住户'), toGridId: id('网格') }).strict();
export const setRoleInput = z
  .object({ gridId: id('网格'), personId: id('人员'), role: z.enum(['grid_leader', 'grid_worker'], { error: '请选择网格长或网格员' }), assigned: z.boolean() })
  .strict();
export const findPeopleInput = z.object({ name: personName }).strict();
export const householdInput = z.object({ householdId: id('住户') }).strict();
export const saveRosterInput = z
  .object({
    householdId: id('住户'),
    tags: z.array(tag).max(HOUSEHOLD_TAGS.length).optional(),
    members: z
      .array(
        z
          .object({
            /** Absent: a new member of the household. */
            id: token().min(1).max(64).optional(),
            name: personName,
            relation: text().max(10, '与户主关系最多 10 个字').nullable(),
            /** '' or null clears it; checked and normalised on the server. */
            phone: text().max(20, '电话号码太长').nullable(),
          })
          .strict(),
      )
      .max(30)
      .optional(),
  })
  .strict();
export const privacyLogInput = z.object({ beforeAt: z.number().int().positive().optional(), limit: z.number().int().min(1).max(100).optional() }).strict();
/** 2,000 households with their members is about 400 KB of CSV. An .xlsx goes to sheets.importPreview / importCommit. */
export const importInput = z
  .object({
    format: z.literal('csv', { error: '这里只收 CSV 或粘贴的表格；.xlsx 文件请用“选择文件”导入' }),
    content: pasted().min(1, '请粘贴或选择要导入的表格').max(6_000_000, '文件太大，请分批导入'),
  })
  .strict();
export const peopleLedgerInput = z.object({ villageId: id('村').optional() }).strict();

/** What a grid worker sees of a household in their own grid (admins: tags hidden, phones masked — open the detail). */
export interface GridHouseholdView {
  id: string;
  doorNo: string;
  headName: string;
  memberCount: number;
  members: { id: string; name: string; relation: string | null; phone: string | null }[];
  /** null: not shown in this list (an admin opens the household's detail, which is logged). */
  tags: HouseholdTag[] | null;
  tagged: boolean;
}

export interface GridSummary {
  id: string;
  name: string;
  householdCount: number;
}

export interface HouseholdDetail {
  id: string;
  doorNo: string;
  headName: string;
  grid: { id: string; name: string } | null;
  village: { id: string; name: string };
  tags: HouseholdTag[];
  members: { id: string; name: string; relation: string | null; phone: string | null; isHead: boolean }[];
  /** May the caller edit tags and members (its grid workers and the village admin). */
  canEdit: boolean;
  /** This read was logged (an admin reading a tagged household). */
  logged: boolean;
}

export interface PrivacyReadView {
  id: string;
  at: number;
  readerName: string;
  readerRole: 'village_admin' | 'town_admin';
  householdId: string;
  doorNo: string;
  gridName: string;
}

export interface ImportResult {
  problems: ImportPlan['problems'];
  notes: ImportPlan['notes'];
  summary: ImportPlan['summary'];
}

export interface GridApi {
  /** Grids I may open: all of my village's for the village admin, reviewers and supervisors; my own for grid workers. */
  list: { input: Record<string, never>; output: { items: GridSummary[] } };
  /** Households of a grid with members: its grid workers/leaders (tags, phones), and the village admin of its village (tags hidden, phones masked). */
  households: { input: { gridId?: string }; output: { grid: { id: string; name: string }; items: GridHouseholdView[] } };
  /** The grid tree with 不漏户 flags: the village admin (own village), the town admin (every village of the town, or one). */
  tree: { input: { villageId?: string }; output: { town: { id: string; name: string }; villages: VillageNode[] } };
  createGrid: { input: { name: string }; output: { id: string; name: string } };
  renameGrid: { input: { gridId: string; name: string }; output: { id: string; name: string } };
  /** Village admin: into a grid of the same village; refused with GRID_FULL over the cap. */
  moveHousehold: { input: { householdId: string; toGridId: string }; output: { householdId: string; gridId: string; householdCount: number } };
  /** Village admin: make (assigned) or unmake a person of the village the grid's leader/worker. */
  setRole: {
    input: { gridId: string; personId: string; role: 'grid_leader' | 'grid_worker'; assigned: boolean };
    output: { gridId: string; staff: { personId: string; name: string; role: 'grid_leader' | 'grid_worker' }[] };
  };
  /** Village admin: people of the village by exact name, for the role picker. */
  findPeople: { input: { name: string }; output: { items: { id: string; name: string; doorNo: string | null; gridName: string | null }[] } };
  /** Household detail with tags and phones: its grid workers, the village and town admins (admin reads of tagged households are logged). */
  household: { input: { householdId: string }; output: HouseholdDetail };
  /** Its grid workers or the village admin: tags, and members' name/relation/phone (new members without id). */
  saveRoster: { input: z.input<typeof saveRosterInput>; output: HouseholdDetail };
  /** Village admin: who opened which tagged household's detail, newest first. */
  privacyLog: { input: { beforeAt?: number; limit?: number }; output: { items: PrivacyReadView[]; nextBeforeAt: number | null } };
  /** Village admin: check a roster file; nothing is written. */
  importPreview: { input: { format: 'csv'; content: string }; output: ImportResult };
  /** Village admin: write it, all or nothing (IMPORT_INVALID with `details.problems` when any row is bad); the same file again changes nothing. */
  importCommit: { input: { format: 'csv'; content: string }; output: ImportResult & { written: { households: number; people: number } } };
  /** 人员信息分布台账: the village admin (own village), the town admin (all villages of the town, or one). */
  peopleLedger: { input: { villageId?: string }; output: PeopleLedger & { title: string } };
  exportPeopleLedger: { input: { villageId?: string }; output: ExportFile };
}

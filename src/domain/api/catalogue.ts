import { z } from 'zod';
import { text, textLines, token } from './text';
import { isoDateField } from './dates';
import type { CatalogueCategory, CatalogueStatus, CatalogueVersion } from '../catalogue/types';
import type { VillagePolicy } from '../org/policy';

const isoDate = isoDateField();

export const currentInput = z
  .object({
    date: isoDateField().optional(),
    /** Another village's catalogue: for recording a deed there (a reviewer's village, the town admin's villages). */
    villageId: token().min(1).max(64).optional(),
  })
  .strict();

const code = token({ error: '请填写编号' }).regex(/^[A-Za-z0-9-]{1,16}$/, { error: '编号只能用字母、数字和短横线（最多 16 位）' });

export const catalogueItemSchema = z
  .object({
    code,
    name: text({ error: '请填写项目名称' }).min(2, { error: '项目名称至少 2 个字' }).max(200, { error: '项目名称不能超过 200 字' }),
    points: z
      .number({ error: '分值必须是整数' })
      .int({ error: '分值必须是整数' })
      .min(-1000, { error: '分值在 -1000 到 1000 之间' })
      .max(1000, { error: '分值在 -1000 到 1000 之间' }),
    unit: z.enum(['per_time', 'per_month', 'per_year'], { error: '计分单位不正确' }),
    cap: z
      .object({
        times: z.number({ error: '次数上限必须是整数' }).int({ error: '次数上限必须是整数' }).min(1, { error: '次数上限至少 1 次' }).max(366, { error: '次数上限不超过 366 次' }),
        period: z.enum(['month', 'quarter', 'year'], { error: '上限周期不正确' }),
      })
      .strict()
      .nullable(),
    evidenceRequired: z.boolean({ error: '请选择是否需要照片' }),
    negativeList: z.boolean({ error: '请选择是否负面清单' }),
    selfReport: z.boolean({ error: '请选择是否允许村民自行申报' }),
  })
  .strict();

export const catalogueCategorySchema = z
  .object({
    code,
    name: text({ error: '请填写类别名称' }).min(2, { error: '类别名称至少 2 个字' }).max(40, { error: '类别名称不能超过 40 字' }),
    subject: z.enum(['household', 'unit'], { error: '积分对象不正确' }),
    items: z.array(catalogueItemSchema).max(200, { error: '每类最多 200 个项目' }),
  })
  .strict();

export const draftInput = z.object({}).strict();
export const saveDraftInput = z
  .object({
    effectiveFrom: isoDate,
    categories: z.array(catalogueCategorySchema).min(1, { error: '积分目录至少要有一个类别' }).max(30, { error: '最多 30 个类别' }),
  })
  .strict();
export const submitDraftInput = z.object({}).strict();
const versionId = token({ error: '请选择目录版本' }).min(1, { error: '请选择目录版本' }).max(64);
export const townQueueInput = z.object({}).strict();
export const approveInput = z.object({ versionId }).strict();
export const returnDraftInput = z
  .object({
    versionId,
    reason: textLines({ error: '请填写退回原因' }).min(2, { error: '请填写退回原因' }).max(200, { error: '原因不能超过 200 字' }),
  })
  .strict();
export const versionsInput = z.object({ villageId: token().min(1).max(64).optional() }).strict();
export const getVersionInput = z.object({ versionId }).strict();

/** The policy fields the 村规 page edits (the rest — shop days, grids, photos — live elsewhere). */
export type RulesView = Pick<VillagePolicy, 'auditQuorum' | 'auditCloseByDay' | 'publicityDays' | 'baseScore' | 'veto' | 'yearEnd' | 'redBlackVisibility' | 'honours' | 'unitsRedeem'>;

export const getRulesInput = z.object({}).strict();
const int = (label: string, min: number, max: number) =>
  z
    .number({ error: `${label}必须是整数` })
    .int({ error: `${label}必须是整数` })
    .min(min, { error: `${label}应在 ${min} 到 ${max} 之间` })
    .max(max, { error: `${label}应在 ${min} 到 ${max} 之间` });
const nominationRule = (label: string) => z.object({ count: int(`${label}名额`, 0, 100), minPoints: int(`${label}积分要求`, 0, 100000) }).strict();
/** 年度评比设置 (the rules across fields: honoursProblem). */
export const honoursSchema = z
  .object({
    stars: z
      .array(z.object({ level: int('星级', 1, 5), minPoints: int('星级积分要求', 1, 100000) }).strict(), { error: '星级设置格式不正确' })
      .max(5, { error: '最多设置 5 个星级' }),
    wenmingNongjia: nominationRule('文明农家'),
    zuimeiJiating: nominationRule('最美家庭'),
    blackListWithoutApplication: z.boolean({ error: '黑榜规则格式不正确' }),
  })
  .strict();
export const setRulesInput = z
  .object({
    auditQuorum: int('评议通过人数', 1, 9).optional(),
    auditCloseByDay: int('月度审核截止日', 1, 28).optional(),
    publicityDays: int('公示天数', 1, 30).optional(),
    baseScore: z
      .object({
        mode: z.enum(['quarterly', 'annual_base', 'off'], { error: '基础评分方式不正确' }),
        pointsPerScore: z
          .number({ error: '折算比例必须是数字' })
          .gt(0, { error: '折算比例应大于 0 且不超过 10' })
          .max(10, { error: '折算比例应大于 0 且不超过 10' })
          .refine((n) => Math.round(n * 100) === n * 100, { error: '折算比例最多两位小数' }),
        gateMin: int('兑换门槛分', 0, 100),
        gateQuarters: int('连续达标季度数', 1, 4),
        annualBase: int('年度基础分', 0, 1000),
      })
      .strict()
      .optional(),
    veto: z
      .object({ mode: z.enum(['clear_and_bar_year', 'bar_months'], { error: '一票否决方式不正确' }), barMonths: int('暂停兑换月数', 1, 36) })
      .strict()
      .optional(),
    yearEnd: z.enum(['rollover', 'clear'], { error: '年底处理方式不正确' }).optional(),
    redBlackVisibility: z.enum(['village', 'committee'], { error: '红黑榜公开范围不正确' }).optional(),
    honours: honoursSchema.optional(),
    /** 单位积分: may units redeem at the shop (default no: honours only). */
    unitsRedeem: z.boolean({ error: '单位积分兑换设置不正确' }).optional(),
  })
  .strict()
  .refine((o) => Object.keys(o).length > 0, { error: '没有要修改的设置' });

/** A version as lists show it: no items. */
export interface VersionSummary {
  _id: string;
  villageId: string;
  villageName: string;
  version: number;
  effectiveFrom: string;
  status: CatalogueStatus;
  itemCount: number;
  /** Whether it is the version in force today. */
  inForce: boolean;
  history: NonNullable<CatalogueVersion['history']>;
}

/** How many of the village's most reported items 申报 shows first (常用). */
export const POPULAR_ITEMS = 6;

export interface CatalogueApi {
  /** The catalogue in force for my village today (or on `date`). */
  current: { input: { date?: string; villageId?: string }; output: CatalogueVersion & { popular: string[] } };
  /** Village admin: the open draft of the next version (created from the version in force on first open), and the version in force. */
  draft: { input: Record<string, never>; output: { draft: CatalogueVersion; inForce: CatalogueVersion | null } };
  /** Village admin: save the draft's categories/items and effective date (default 1 January next year). */
  saveDraft: { input: { effectiveFrom: string; categories: CatalogueCategory[] }; output: CatalogueVersion };
  /** Village admin: submit the draft to the town for filing (备案). */
  submit: { input: Record<string, never>; output: CatalogueVersion };
  /** Town admin: drafts of the town's villages waiting to be filed. */
  townQueue: { input: Record<string, never>; output: { items: VersionSummary[] } };
  /** Town admin: file a submitted draft; it is in force from its effective date. */
  approve: { input: z.infer<typeof approveInput>; output: CatalogueVersion };
  /** Town admin: return a submitted draft with a reason; the village edits and submits again. */
  returnDraft: { input: z.infer<typeof returnDraftInput>; output: CatalogueVersion };
  /** Village admin, reviewers, supervisors (town admin: any village of the town): every version with its status and history. */
  versions: { input: { villageId?: string }; output: { items: VersionSummary[] } };
  /** One version in full: its village's admin/committees, or the town admin. */
  get: { input: z.infer<typeof getVersionInput>; output: CatalogueVersion };
  /** Village admin, reviewers, supervisors: the village's 村规 settings of the audit, publicity, veto and year end. */
  getRules: { input: Record<string, never>; output: RulesView };
  /** Village admin: change some of them (validated, recorded in an append-only log). */
  setRules: { input: z.infer<typeof setRulesInput>; output: RulesView };
}

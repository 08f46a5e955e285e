import { z } from 'zod';
import { text, token } from './text';
import { deedFields, requestId, type ApplicationView } from './points';
import type { Balance, LedgerEntry } from '../ledger/types';
import type { Receipt } from '../shop/types';
import { UNIT_KINDS, type Unit } from '../units/types';

const id = token().min(1).max(96);

/** 单位登记: create (no `unitId`) or change a unit of the village admin's village. */
export const saveUnitInput = z
  .object({
    requestId,
    unitId: id.optional(),
    name: text({ error: '请填写单位名称' }).min(2, { error: '单位名称至少 2 个字' }).max(30, { error: '单位名称不能超过 30 字' }),
    kind: z.enum(UNIT_KINDS, { error: '请选择单位类别' }),
    gridId: id,
    responsiblePersonId: id,
    active: z.boolean().optional(),
  })
  .strict();

export const listUnitsInput = z.object({ villageId: id.optional() }).strict();
export const getUnitInput = z.object({ unitId: id }).strict();
/** 单位申报: a deed of the unit `unitId`, from the 单位积分类 items only. */
const { memberId: _member, ...unitDeedFields } = deedFields;
void _member;
export const submitForUnitInput = z.object({ ...unitDeedFields, unitId: id }).strict();

export type UnitView = Unit & { kindLabel: string; balance: Pick<Balance, 'pending' | 'redeemable' | 'spent'> };

export interface UnitsApi {
  /** Village admin: register a unit or change it (name, kind, grid, 负责人, active); idempotent on requestId for a new one. */
  save: { input: z.infer<typeof saveUnitInput>; output: UnitView };
  /** The units of a village the caller may read, each with its balance; a 负责人 sees their own. */
  list: { input: z.infer<typeof listUnitsInput>; output: { villageId: string | null; items: UnitView[]; canManage: boolean } };
  /** One unit: balance, ledger (newest first), its receipts at the shop (newest first, 20) and applications; `canShowCode`: the 负责人, where the village lets units redeem (shop.myCode {unitId}). */
  get: { input: z.infer<typeof getUnitInput>; output: { unit: UnitView; entries: LedgerEntry[]; receipts: Receipt[]; applications: ApplicationView[]; canApply: boolean; canManage: boolean; canShowCode: boolean } };
  /** 单位申报: the unit's 负责人, or the village admin / a grid worker of its grid on its behalf. */
  submit: { input: z.infer<typeof submitForUnitInput>; output: ApplicationView };
}

import { recordInput, townInput, villageInput } from '@domain/api/fund';
import { DomainError } from '@domain/shared/errors';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { scopesOf, villageAs } from '@backend/runtime/scope';
import { orgRepo } from '@backend/repos/org';
import { fundRepo } from '@backend/repos/fund';
import { recordFund, townPool, villagePool } from '@backend/fund/record';

export const fund: FunctionDef<'fund'> = {
  /** Village admin: money in (乡贤 donation, sponsor, collective income) or other money out. */
  record: action(recordInput, async (input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ['village_admin'], '只有村两委可以登记基金池收支');
    const village = await orgRepo.village(ctx.deps.db, villageId);
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    return recordFund(ctx.deps, person, { townId: village.townId, villageId }, input);
  }),

  /** The village's pool and its entries (newest first): village admin, reviewers, supervisors. */
  village: action(villageInput, async (_input, ctx) => {
    const person = await me(ctx);
    const villageId = villageAs(person, ['village_admin', 'reviewer', 'supervisor'], '只有村两委、评议小组和监督小组可以查看基金池');
    const db = ctx.deps.db;
    const village = await orgRepo.village(db, villageId);
    if (!village) throw new DomainError('NOT_FOUND', '找不到该村');
    const [pool, entries] = await Promise.all([villagePool(db, village, ctx.deps.now()), fundRepo.entriesOfVillage(db, villageId)]);
    return { pool, entries };
  }),

  /** Town admin: every village's pool and the town's sum, with the liability warning. */
  town: action(townInput, async (_input, ctx) => {
    const person = await me(ctx);
    const [townId] = scopesOf(person, ['town_admin']);
    if (!townId) throw new DomainError('FORBIDDEN', '只有镇管理员可以查看全镇基金池');
    return townPool(ctx.deps.db, townId, ctx.deps.now());
  }),
};

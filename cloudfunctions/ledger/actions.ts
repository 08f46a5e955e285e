import { adjustInput, balanceAtInput, balanceInput, entriesInput, reverseInput } from '@domain/api/ledger';
import { replayFigures } from '@domain/ledger/replay';
import { cstDate } from '@domain/shared/time';
import { DomainError } from '@domain/shared/errors';
import { hasRole } from '@domain/org/roles';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { orgRepo } from '@backend/repos/org';
import { ledgerRepo } from '@backend/repos/ledger';
import { balanceView, readableHousehold } from '@backend/ledger/access';
import { adjustPoints, reverseEntry } from '@backend/ledger/adjust';

const PAGE = 20;

export const ledger: FunctionDef<'ledger'> = {
  /** My household's points (or, for the village admin and committee, any household of the village). */
  balance: action(balanceInput, async (input, ctx) => {
    const person = await me(ctx);
    const household = await readableHousehold(ctx.deps.db, person, input.householdId);
    return balanceView(household, await ledgerRepo.balance(ctx.deps.db, household._id), ctx.deps.now());
  }),

  /** 某日结余: the balance at the end of a past China date, replayed from the household's entries. */
  balanceAt: action(balanceAtInput, async (input, ctx) => {
    const person = await me(ctx);
    const household = await readableHousehold(ctx.deps.db, person, input.householdId);
    if (input.date > cstDate(ctx.deps.now())) throw new DomainError('DATE_IN_FUTURE', '不能查询今天以后的结余');
    const upTo = Date.parse(`${input.date}T23:59:59.999+08:00`);
    const entries = await ledgerRepo.entriesUpTo(ctx.deps.db, household._id, upTo);
    return {
      householdId: household._id,
      householdName: `${household.headName}户`,
      doorNo: household.doorNo,
      date: input.date,
      figures: replayFigures(entries, upTo),
      entries: entries.length,
    };
  }),

  /** The household's ledger, newest first; `beforeSeq` pages back. */
  entries: action(entriesInput, async (input, ctx) => {
    const person = await me(ctx);
    const household = await readableHousehold(ctx.deps.db, person, input.householdId);
    const items = await ledgerRepo.entries(ctx.deps.db, household._id, input.limit ?? PAGE, input.beforeSeq);
    // seq is dense (1, 2, 3 …): there is an older page while the oldest shown is above 1.
    const oldest = items[items.length - 1];
    return { items, nextBeforeSeq: oldest && oldest.seq > 1 ? oldest.seq : null };
  }),

  /** 村委调整: the village admin grants (or deducts) redeemable points, with a reason, audited. */
  adjust: action(adjustInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    const household = await orgRepo.household(db, input.householdId);
    if (!household || !hasRole(person.roles, 'village_admin', household.villageId)) {
      if (!person.roles.some((r) => r.role === 'village_admin')) throw new DomainError('FORBIDDEN', '只有村两委可以调整积分');
      throw new DomainError('NOT_FOUND', '找不到该户，或该户不在您管理的村');
    }
    const { entry, balance } = await adjustPoints(ctx.deps, person, household, input);
    const owner = entry.householdId === household._id ? household : await orgRepo.household(db, entry.householdId);
    return { entry, balance: balanceView(owner ?? household, balance, ctx.deps.now()) };
  }),

  /** 更正冲销: the village admin reverses one entry of a household of the village, with a reason. Idempotent on requestId. */
  reverse: action(reverseInput, async (input, ctx) => {
    const person = await me(ctx);
    const db = ctx.deps.db;
    if (!person.roles.some((r) => r.role === 'village_admin')) throw new DomainError('FORBIDDEN', '只有村两委可以冲销积分');
    const original = await ledgerRepo.entry(db, input.entryId);
    const household = original && hasRole(person.roles, 'village_admin', original.villageId) ? await orgRepo.household(db, original.householdId) : null;
    if (!original || !household) throw new DomainError('NOT_FOUND', '找不到要冲销的记录，或该户不在您管理的村');
    const { entry, balance } = await reverseEntry(ctx.deps, person, original._id, input.reason, { requestId: input.requestId });
    return { entry, balance: balanceView(household, balance, ctx.deps.now()) };
  }),
};

import { SCENES } from '@domain/moderation';
import { adjustInput, balanceAtInput, balanceInput, entriesInput, reverseInput } from '@domain/api/ledger';
import { replayFigures } from '@domain/ledger/replay';
import { ledgerGates, mayAdjust, mayReadHousehold, mayReverse } from '@domain/ledger/policy';
import { cstDate } from '@domain/shared/time';
import { DomainError } from '@domain/shared/errors';
import type { Household } from '@domain/org/types';
import type { LedgerEntry } from '@domain/ledger/types';
import { action, type FunctionDef, type PersonContext } from '@backend/runtime/handler';
import { orgRepo } from '@backend/repos/org';
import { ledgerRepo } from '@backend/repos/ledger';
import { balanceView } from '@backend/ledger/access';
import { adjustPoints, reverseEntry } from '@backend/ledger/adjust';
import { readRedeemer } from '@backend/shop/redeemer';
import type { Database } from '@backend/db/types';

const PAGE = 20;

/** The household asked for, or the caller's own. Who may read it is the policy's (mayReadHousehold). */
async function loadHousehold(householdId: string | undefined, { deps, actor }: PersonContext): Promise<Household> {
  const id = householdId ?? actor.householdId;
  if (!id) throw new DomainError('FORBIDDEN', '您不属于任何一户，没有积分账户');
  const household = await orgRepo.household(deps.db, id);
  if (!household) throw new DomainError('NOT_FOUND', '找不到该户，或您无权查看');
  return household;
}

/** The account an adjustment or a reversal moves: a household's, or a unit's standing in its fields. */
async function loadAccount(db: Database, id: string, notFound: string): Promise<Household> {
  const account = await readRedeemer(db, id);
  if (!account) throw new DomainError('NOT_FOUND', notFound);
  return account;
}

async function loadEntry(entryId: string, { deps }: PersonContext): Promise<LedgerEntry> {
  const entry = await ledgerRepo.entry(deps.db, entryId);
  if (!entry) throw new DomainError('NOT_FOUND', '找不到要冲销的记录，或该户不在您管理的村');
  return entry;
}

export const ledger: FunctionDef<'ledger'> = {
  /** My household's points (or, for the village admin and committee, any household of the village). */
  balance: action({
    gate: ledgerGates.read,
    schema: balanceInput,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayReadHousehold(actor, household),
    run: async (_input, { deps, loaded: household }) => balanceView(household, await ledgerRepo.balance(deps.db, household._id), deps.now()),
  }),

  /** 某日结余: the balance at the end of a past China date, replayed from the household's entries. */
  balanceAt: action({
    gate: ledgerGates.read,
    schema: balanceAtInput,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayReadHousehold(actor, household),
    run: async (input, { deps, loaded: household }) => {
      if (input.date > cstDate(deps.now())) throw new DomainError('DATE_IN_FUTURE', '不能查询今天以后的结余');
      const upTo = Date.parse(`${input.date}T23:59:59.999+08:00`);
      const entries = await ledgerRepo.entriesUpTo(deps.db, household._id, upTo);
      return {
        householdId: household._id,
        householdName: `${household.headName}户`,
        doorNo: household.doorNo,
        date: input.date,
        figures: replayFigures(entries, upTo),
        entries: entries.length,
      };
    },
  }),

  /** The household's ledger, newest first; `beforeSeq` pages back. */
  entries: action({
    gate: ledgerGates.read,
    schema: entriesInput,
    load: (input, ctx) => loadHousehold(input.householdId, ctx),
    authorize: (household, actor) => mayReadHousehold(actor, household),
    run: async (input, { deps, loaded: household }) => {
      const items = await ledgerRepo.entries(deps.db, household._id, input.limit ?? PAGE, input.beforeSeq);
      // seq is dense (1, 2, 3 …): there is an older page while the oldest shown is above 1.
      const oldest = items[items.length - 1];
      return { items, nextBeforeSeq: oldest && oldest.seq > 1 ? oldest.seq : null };
    },
  }),

  /** 村委调整: the village admin grants (or deducts) redeemable points, with a reason, audited — a household's or a unit's. */
  adjust: action({
    gate: ledgerGates.adjust,
    schema: adjustInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    // A household's account, or a unit's (单位积分, `householdId` a unit id): the same rules.
    load: (input, { deps }) => loadAccount(deps.db, input.householdId, '找不到该户，或该户不在您管理的村'),
    authorize: (household, actor) => mayAdjust(actor, household),
    run: async (input, { deps, actor, loaded: household }) => {
      const { entry, balance } = await adjustPoints(deps, actor, household, input);
      const owner = entry.householdId === household._id ? household : await readRedeemer(deps.db, entry.householdId);
      return { entry, balance: balanceView(owner ?? household, balance, deps.now()) };
    },
  }),

  /**
   * 更正冲销: the village admin reverses one of the admin's own entries (村委调整) of a household of
   * the village, with a reason; what committees or the town decided is not the admin's to undo
   * (mayReverse). Idempotent on requestId.
   */
  reverse: action({
    gate: ledgerGates.reverse,
    schema: reverseInput,
    content: { scene: SCENES.decision, texts: (i) => [i.reason] },
    load: (input, ctx) => loadEntry(input.entryId, ctx),
    authorize: (entry, actor) => mayReverse(actor, entry),
    run: async (input, { deps, actor, loaded: original }) => {
      const household = await loadAccount(deps.db, original.householdId, '找不到要冲销的记录，或该户不在您管理的村');
      const { entry, balance } = await reverseEntry(deps, actor, original._id, input.reason, { requestId: input.requestId });
      return { entry, balance: balanceView(household, balance, deps.now()) };
    },
  }),
};

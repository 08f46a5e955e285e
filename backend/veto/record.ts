import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Household, Person } from '@domain/org/types';
import type { Veto } from '@domain/veto/types';
import { recordVeto as newVeto } from '@domain/veto/rules';
import type { VetoApi } from '@domain/api/veto';
import { C } from '../repos/collections';
import { stableId } from '../shared/ids';
import type { Deps } from '../runtime/deps';

/** Same reviewer + same requestId → same veto, so a retry finds the first record. */
export function vetoIdFor(actorId: string, requestId: string): string {
  return stableId('veto', actorId, requestId);
}

/**
 * A reviewer records a negative-list event for a household of their village (authorization
 * of the village is the caller's; the role and 回避 rules are the domain's). Nothing else
 * changes until a supervisor countersigns.
 */
export async function recordVeto(deps: Pick<Deps, 'db' | 'now'>, actor: Person, household: Household, input: VetoApi['record']['input']): Promise<Veto> {
  const now = deps.now();
  if (input.eventDate > cstDate(now)) throw new DomainError('DATE_IN_FUTURE', '发生日期不能晚于今天');
  const id = vetoIdFor(actor._id, input.requestId);
  const veto = newVeto(
    { person: actor, at: now },
    {
      id,
      householdId: household._id,
      townId: household.townId,
      villageId: household.villageId,
      householdName: household.headName,
      doorNo: household.doorNo,
      item: input.item.trim(),
      description: input.description.trim(),
      eventDate: input.eventDate,
    },
  );
  return deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<Veto>(C.vetoes).doc(id);
    const { data: prior } = await ref.get();
    if (prior) return prior;
    const { _id, ...doc } = veto;
    void _id;
    await ref.set(doc);
    return veto;
  });
}

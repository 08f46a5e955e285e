import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import type { Veto } from '@domain/veto/types';
import { recordVeto } from '@domain/veto/rules';
import { cstDate } from '@domain/shared/time';
import type { DemoTown } from '../seed';

/**
 * 一票否决 demo: one event recorded by a 青山村 reviewer, waiting for a supervisor's
 * countersignature (demo-supervisor-1-x see it under 待会签). Recorded only: no points move and
 * no household is barred until someone countersigns. Fixed id; never rewritten.
 */
export async function seedGovernanceDemo(db: Database, t: DemoTown, now: number): Promise<void> {
  const id = 'veto-demo-qs-1';
  if ((await db.collection<Veto>(C.vetoes).doc(id).get()).data[0]) return;
  const household = t.households.find((h) => h._id === 'h-qs-3-15');
  const reviewer = t.people.find((p) => p.roles.some((r) => r.role === 'reviewer' && r.scopeId === 'v-qingshan') && p.householdId !== 'h-qs-3-15');
  if (!household || !reviewer) return;
  const veto = recordVeto(
    { person: reviewer, at: now },
    {
      id,
      householdId: household._id,
      townId: household.townId,
      villageId: household.villageId,
      householdName: household.headName,
      doorNo: household.doorNo,
      item: '违法违纪',
      description: '演示：在集体林地违规焚烧秸秆，被镇综合执法队处罚',
      eventDate: cstDate(now),
    },
  );
  const { _id, ...doc } = veto;
  void _id;
  await db.collection<Veto>(C.vetoes).doc(id).set(doc);
}

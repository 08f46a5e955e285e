import { C } from '@backend/repos/collections';
import type { Database, Doc } from '@backend/db/types';
import { close, handle, newEvent } from '@domain/grid/eventFlow';
import type { GridEvent, Patrol, Visit } from '@domain/grid/records';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import { cstDate, monthOf } from '@domain/shared/time';
import { monthBounds, previousMonth } from '@domain/grid/assessmentScore';
import { assessmentId } from '@domain/grid/assessment';
import { addItem, publishAssessment } from '@backend/assessment/assess';
import type { DemoTown } from '../seed';

/**
 * Last month's patrols, visits and events of three grids so that 网格员积分评定 has figures:
 * 青山村一组 stays a draft for its leader (demo-gridleader-1-1) to publish; 青山村二组 and
 * 柳溪村一组 are published, so the village's and the town's 台账 show rows. Ids start with
 * `demo-asm-`; idempotent (a record or assessment already there is left alone).
 */
export async function seedAssessmentDemo(db: Database, t: DemoTown, now: number): Promise<void> {
  const month = previousMonth(monthOf(cstDate(now)));
  const { days } = monthBounds(month);
  const at = (day: number, hour = 9) => Date.parse(`${month}-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  const person = (id: string): Person => {
    const p = t.people.find((x) => x._id === id);
    if (!p) throw new Error(`demo person ${id} missing`);
    return p;
  };
  const gridOf = (gridId: string) => {
    const g = t.grids.find((x) => x._id === gridId);
    if (!g) throw new Error(`demo grid ${gridId} missing`);
    return g;
  };
  const put = async <T extends Doc>(coll: string, doc: T) => {
    const { data } = await db.collection<T>(coll).doc(doc._id).get();
    if (data.length > 0) return;
    const { _id, ...rest } = doc;
    await db.collection<T>(coll).doc(_id).set(rest as Omit<T, '_id'>);
  };
  const policy = policyWithDefaults(t.villages[0].policy);
  const households = (gridId: string) => t.households.filter((h) => h.gridId === gridId).map((h) => h._id);

  /** One worker's month: patrols on `patrolDays`, each week's visits to the first `perWeek[w]` households. */
  async function workerMonth(key: string, gridId: string, w: Person, patrolDays: number[], perWeek: number[]): Promise<void> {
    const g = gridOf(gridId);
    const place = { townId: g.townId, villageId: g.villageId, gridId };
    for (const d of patrolDays.filter((x) => x <= days)) {
      const p: Patrol = { _id: `demo-asm-${key}-p${d}`, ...place, workerId: w._id, workerName: w.name, date: cstDate(at(d)), at: at(d), place: '网格日常巡查', findings: '无异常', photos: [], eventIds: [], createdAt: at(d) };
      await put(C.patrols, p);
    }
    const hh = households(gridId);
    for (const [week, n] of perWeek.entries()) {
      for (const [i, hid] of hh.slice(0, n).entries()) {
        const day = Math.min(days, week * 7 + 1 + (i % 7));
        const v: Visit = { _id: `demo-asm-${key}-v${week}-${i}`, ...place, householdId: hid, workerId: w._id, workerName: w.name, date: cstDate(at(day, 15)), at: at(day, 15), note: '入户走访，了解近况', createdAt: at(day, 15) };
        await put(C.visits, v);
      }
    }
  }

  /** An event the worker found and closed `closeAfterHours` later (late when past its deadline). */
  async function solved(id: string, gridId: string, w: Person, day: number, closeAfterHours: number, where: string, description: string): Promise<void> {
    const g = gridOf(gridId);
    let e: GridEvent = newEvent({
      id,
      now: at(day),
      reporter: w,
      reporterRole: 'grid_worker',
      place: { townId: g.townId, villageId: g.villageId, gridId },
      category: 'hazard',
      mode: 'self',
      where,
      description,
      photos: [],
      patrolId: null,
      policy,
    });
    e = handle(e, w, '现场处置完毕', at(day) + (closeAfterHours - 1) * 3600_000);
    e = close(e, w, '经核验，符合办结标准', at(day) + closeAfterHours * 3600_000);
    await put(C.gridEvents, e);
  }

  const allDays = Array.from({ length: 31 }, (_, i) => i + 1);
  // 青山村一组: patrols most days; week 3 short of the 20 households (a missed week); one event closed late.
  const w1 = person('h-qs-1-01-m1');
  await workerMonth('qs1', 'g-qs-1', w1, allDays.filter((d) => d % 4 !== 0), [20, 20, 12, 20, 5]);
  await solved('demo-asm-qs1-e1', 'g-qs-1', w1, 6, 5, '一组村道', '村道边电线杆倾斜');
  await solved('demo-asm-qs1-e2', 'g-qs-1', w1, 18, 30, '一组池塘', '池塘边护栏松动');
  // 青山村二组: every other day, every household every week; published with a 表彰.
  const w2 = person('h-qs-2-01-m1');
  await workerMonth('qs2', 'g-qs-2', w2, allDays.filter((d) => d % 2 === 1), [20, 20, 20, 20, 8]);
  await solved('demo-asm-qs2-e1', 'g-qs-2', w2, 12, 4, '二组晒谷场', '晒谷场电闸箱门损坏');
  // 柳溪村一组: a thin month; published.
  const w3 = person('h-lx-1-01-m1');
  await workerMonth('lx1', 'g-lx-1', w3, [2, 9, 16, 23, 30], [20, 10, 20, 8, 0]);

  const deps = { db, now: () => now };
  const publishOnce = async (gridId: string, leaderId: string, item?: { points: number; reason: string; workerId: string }) => {
    const { data } = await db.collection(C.gridAssessments).doc(assessmentId(gridId, month)).get();
    if (data.length > 0) return;
    const leader = person(leaderId);
    if (item) await addItem(deps, gridOf(gridId), leader, { requestId: `demo-asm-${gridId}`, month, category: 'commendation', ...item });
    await publishAssessment(deps, gridOf(gridId), leader, month);
  };
  await publishOnce('g-qs-2', 'h-qs-2-02-m1', { workerId: w2._id, points: 5, reason: '走访全覆盖，获村表扬' });
  await publishOnce('g-lx-1', 'h-lx-1-02-m1');
}

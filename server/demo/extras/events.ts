import { C } from '@backend/repos/collections';
import type { Database, Doc } from '@backend/db/types';
import { close, dispatch, escalate, followUp, handle, newEvent } from '@domain/grid/eventFlow';
import type { EventCategory, GridEvent, Patrol, Visit } from '@domain/grid/records';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import { cstDate } from '@domain/shared/time';
import type { DemoTown } from '../seed';

const HOUR = 60 * 60 * 1000;

/**
 * A few grid events, patrols and visits so that 事件处置 and 定点巡查台账 show something: in
 * 青山村 二组 and 三组 and 柳溪村 一组 only (一组 of 青山村 stays empty for the tests that walk
 * it, and so the grid-worker assessment's counts for it are untouched). Fixed ids: idempotent.
 */
export async function seedDemoEvents(db: Database, t: DemoTown, now: number): Promise<void> {
  const person = (id: string): Person => {
    const p = t.people.find((x) => x._id === id);
    if (!p) throw new Error(`demo person ${id} missing`);
    return p;
  };
  const placeOf = (gridId: string) => {
    const g = t.grids.find((x) => x._id === gridId);
    if (!g) throw new Error(`demo grid ${gridId} missing`);
    return { townId: g.townId, villageId: g.villageId, gridId };
  };
  const policy = policyWithDefaults(t.villages[0].policy);
  const put = async <T extends Doc>(coll: string, doc: T) => {
    const { data } = await db.collection<T>(coll).doc(doc._id).get();
    if (data.length > 0) return;
    const { _id, ...rest } = doc;
    await db.collection<T>(coll).doc(_id).set(rest as Omit<T, '_id'>);
  };
  const report = (id: string, reporter: Person, role: GridEvent['reporterRole'], gridId: string, category: EventCategory, where: string, description: string, at: number, patrolId: string | null = null) =>
    newEvent({ id, now: at, reporter, reporterRole: role, place: placeOf(gridId), category, mode: role === 'grid_worker' ? 'self' : 'separate', where, description, photos: [], patrolId, policy });

  const worker2 = person('h-qs-2-01-m1');
  const leader2 = person('h-qs-2-02-m1');
  const worker3 = person('h-qs-3-01-m1');
  const admin = person('h-qs-1-19-m1');
  const villagerB = person('h-qs-2-05-m1');
  const villager3 = person('h-qs-3-04-m1');
  const villagerLx = person('h-lx-1-03-m2');
  const workerLx = person('h-lx-1-01-m1');

  const patrol = (id: string, w: Person, gridId: string, at: number, place: string, findings: string, eventIds: string[]): Patrol => ({
    _id: id,
    ...placeOf(gridId),
    workerId: w._id,
    workerName: w.name,
    date: cstDate(at),
    at,
    place,
    findings,
    photos: [],
    eventIds,
    createdAt: at,
  });

  // 自巡自办 in 二组: a villager's report handled and closed by the worker, rated 满意.
  let closed = report('evt-demo-qs2-closed', villagerB, 'villager', 'g-qs-2', 'environment', '二组垃圾池', '垃圾池满了好几天没人清运，气味很大', now - 50 * HOUR);
  closed = handle(closed, worker2, '联系保洁员当天清运，并喷洒消毒', now - 46 * HOUR);
  closed = close(closed, worker2, '现场已清理干净，符合办结标准', now - 45 * HOUR);
  closed = followUp(closed, villagerB, 'satisfied', '处理得很快', now - 30 * HOUR, policy);
  await put(C.gridEvents, closed);

  // 巡办分离: a patrol finding escalated to the village and dispatched to the grid leader
  // (never back to the reporter: patrol and handling are separate people).
  let rail = report('evt-demo-qs2-rail', worker2, 'grid_worker', 'g-qs-2', 'hazard', '二组水渠', '水渠边护栏断了一截，有小孩在附近玩耍', now - 26 * HOUR, 'pat-demo-qs2-1');
  rail = escalate(rail, worker2, '需要村里买材料维修', now - 25 * HOUR, policy);
  rail = dispatch(rail, admin, leader2, '材料已到村委会，请组织修复', now - 6 * HOUR, policy);
  await put(C.gridEvents, rail);
  await put(C.patrols, patrol('pat-demo-qs2-1', worker2, 'g-qs-2', now - 26 * HOUR, '二组水渠', '水渠水位正常，护栏断了一截', [rail._id]));

  // Overdue at the grid: the village sees it in 超期.
  await put(C.gridEvents, report('evt-demo-qs3-dispute', villager3, 'villager', 'g-qs-3', 'dispute', '三组4号与5号之间', '两户宅基地边界有争议，希望网格员来调解', now - 80 * HOUR));
  await put(C.patrols, patrol('pat-demo-qs3-1', worker3, 'g-qs-3', now - 3 * HOUR, '三组晒谷场', '无异常', []));

  // 柳溪村: a resident's request (代办帮办).
  await put(C.gridEvents, report('evt-demo-lx1-request', villagerLx, 'villager', 'g-lx-1', 'request', '柳溪村一组3号', '家里老人需要办理养老保险资格认证，行动不便', now - 2 * HOUR));
  await put(C.patrols, patrol('pat-demo-lx1-1', workerLx, 'g-lx-1', now - 4 * HOUR, '柳溪村口', '河堤完好', []));

  const visit: Visit = {
    _id: 'vis-demo-qs2-1',
    ...placeOf('g-qs-2'),
    householdId: 'h-qs-2-06',
    workerId: worker2._id,
    workerName: worker2.name,
    date: cstDate(now - 26 * HOUR),
    at: now - 26 * HOUR,
    note: '老人身体好，反映路灯不亮',
    createdAt: now - 26 * HOUR,
  };
  await put(C.visits, visit);
}

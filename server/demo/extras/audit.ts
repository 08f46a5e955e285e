import type { Database } from '@backend/db/types';
import { C } from '@backend/repos/collections';
import { findItem } from '@domain/catalogue/versions';
import type { Application, HistoryEntry } from '@domain/points/application';
import type { Person } from '@domain/org/types';
import { addMonths, newAuditMonth } from '@domain/audit/month';
import { decisionPoints, emptyAudit } from '@domain/audit/decide';
import { auditMonthId, type AuditMonth, type AuditSignature } from '@domain/audit/types';
import { cstDate, monthOf } from '@domain/shared/time';
import type { DemoSeeder } from './index';

/**
 * 一月一审核 demo: the committee leader (组长) of each village is its first reviewer
 * (demo-reviewer-N-1), and 青山村 has work: applications that passed first review this
 * month (one with two signatures, one frozen by a supervisor), and last month fully decided
 * but not yet closed (so the leader can close it — late once past the 10th).
 *
 * The work items are skipped under jest (JEST_WORKER_ID) or with XIANGYUE_DEMO_AUDIT_WORK=0:
 * tests build their own months and must find them empty. Fixed ids: running again writes nothing.
 */
export const seedAuditDemo: DemoSeeder = async (db, t, now) => {
  for (const v of t.villages) await markLeader(db, `h-${v._id === 'v-qingshan' ? 'qs' : 'lx'}-1-11-m1`, v._id);
  const skip = process.env.XIANGYUE_DEMO_AUDIT_WORK === '0' || (process.env.JEST_WORKER_ID !== undefined && process.env.XIANGYUE_DEMO_AUDIT_WORK !== '1');
  if (skip) return;
  const village = t.villages.find((v) => v._id === 'v-qingshan');
  const catalogue = t.catalogues.find((c) => c.villageId === 'v-qingshan');
  if (!village || !catalogue) return;
  const person = (id: string) => t.people.find((p) => p._id === id) as Person;
  const thisMonth = monthOf(cstDate(now));
  const lastMonth = addMonths(thisMonth, -1);
  const today = cstDate(now);
  const day = (month: string, d: number) => (month === thisMonth ? (today < `${month}-${String(d).padStart(2, '0')}` ? today : `${month}-${String(d).padStart(2, '0')}`) : `${month}-${String(d).padStart(2, '0')}`);
  const reviewers = [1, 2, 3, 4, 5].map((i) => person(`h-qs-${((i - 1) % 3) + 1}-1${i}-m1`));
  const supervisor = person('h-qs-1-17-m1');

  // [household, item, day, signatures (reviewer indexes, all approve), frozen]
  const work: [string, string, number, number[], boolean][] = [
    ['h-qs-2-06', 'RB-06', 3, [1, 2], false],
    ['h-qs-2-07', 'PV-05', 4, [], false],
    ['h-qs-3-06', 'SA-07', 5, [], true],
    ['h-qs-3-07', 'FM-08', 2, [3], false],
    ['h-qs-1-06', 'RB-01', 6, [], false],
  ];
  const decided: [string, string, number][] = [
    ['h-qs-2-08', 'RB-06', 12],
    ['h-qs-3-08', 'PV-05', 15],
    ['h-qs-1-08', 'FM-08', 20],
  ];
  const make = (n: string, hid: string, code: string, deedDate: string, month: string): Application => {
    const hh = t.households.find((h) => h._id === hid)!;
    const found = findItem(catalogue, code)!;
    const worker = person(`${hid.slice(0, 6)}-01-m1`);
    const head = person(`${hid}-m1`);
    const at = Date.parse(`${deedDate}T12:00:00+08:00`);
    const history: HistoryEntry[] = [
      { at, action: 'submit', actorId: head._id, actorName: head.name, note: null },
      { at: at + 3_600_000, action: 'first_review_pass', actorId: worker._id, actorName: worker.name, note: null },
    ];
    return {
      _id: `demo-aud-${n}`,
      townId: hh.townId,
      villageId: hh.villageId,
      gridId: hh.gridId,
      householdId: hid,
      householdName: hh.headName,
      doorNo: hh.doorNo,
      itemCode: code,
      itemName: found.item.name,
      categoryName: found.category.name,
      points: found.item.points,
      unit: found.item.unit,
      catalogueVersionId: catalogue._id,
      catalogueVersion: catalogue.version,
      deedDate,
      place: hh.doorNo,
      description: `演示：${found.item.name}`,
      photos: [],
      source: 'self',
      submittedBy: head._id,
      submittedByName: head.name,
      status: 'first_reviewed',
      auditMonth: month,
      audit: emptyAudit(),
      history,
      createdAt: at,
      updatedAt: at + 3_600_000,
    };
  };
  const signed = (app: Application, who: number[]): Application => {
    const signatures: AuditSignature[] = who.map((i) => ({ reviewerId: reviewers[i - 1]._id, reviewerName: reviewers[i - 1].name, decision: 'approve', points: null, reason: null, at: app.updatedAt + i * 60_000 }));
    return {
      ...app,
      audit: { ...emptyAudit(), signatures },
      history: [...app.history, ...signatures.map((s) => ({ at: s.at, action: 'audit_sign' as const, actorId: s.reviewerId, actorName: s.reviewerName, note: '通过' }))],
    };
  };

  const apps: Application[] = [];
  work.forEach(([hid, code, d, who, frozen], i) => {
    let app = signed(make(`${thisMonth}-${i + 1}`, hid, code, day(thisMonth, d), thisMonth), who);
    if (frozen) {
      const f = { byId: supervisor._id, byName: supervisor.name, reason: '演示：照片与事由不符，待核实', at: app.updatedAt + 600_000 };
      app = { ...app, audit: { ...app.audit!, frozen: f }, history: [...app.history, { at: f.at, action: 'audit_freeze', actorId: f.byId, actorName: f.byName, note: f.reason }] };
    }
    apps.push(app);
  });
  decided.forEach(([hid, code, d], i) => {
    const app = signed(make(`${lastMonth}-${i + 1}`, hid, code, day(lastMonth, d), lastMonth), [1, 2, 3]);
    const at = app.history[app.history.length - 1].at;
    apps.push({
      ...app,
      status: 'approved',
      audit: { ...app.audit!, decision: 'approve', points: decisionPoints(app, 'approve', null), decidedAt: at },
      history: [...app.history, { at, action: 'audit_decide', actorId: reviewers[2]._id, actorName: reviewers[2].name, note: `3 人一致：通过（+${app.points} 分）` }],
    });
  });
  for (const app of apps) {
    const { data } = await db.collection<Application>(C.applications).doc(app._id).get();
    if (data[0]) continue;
    const { _id, ...doc } = app;
    await db.collection<Application>(C.applications).doc(_id).set(doc);
  }
  for (const month of [lastMonth, thisMonth]) {
    const id = auditMonthId(village._id, month);
    const { data } = await db.collection<AuditMonth>(C.auditMonths).doc(id).get();
    if (data[0]) continue;
    const { _id, ...doc } = newAuditMonth(village.townId, village._id, month, now, { _id: 'seed', name: '演示数据' });
    void _id;
    await db.collection<AuditMonth>(C.auditMonths).doc(id).set(doc);
  }
};

/** The committee leader: the village's reviewer assignment carries `lead: true`. */
async function markLeader(db: Database, personId: string, villageId: string): Promise<void> {
  const { data } = await db.collection<Person>(C.people).doc(personId).get();
  const p = data[0];
  if (!p || p.roles.some((r) => r.role === 'reviewer' && r.scopeId === villageId && r.lead)) return;
  await db.collection<Person>(C.people).doc(personId).update({
    roles: p.roles.map((r) => (r.role === 'reviewer' && r.scopeId === villageId ? { ...r, lead: true } : r)),
  });
}

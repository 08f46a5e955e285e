/**
 * 年度评比 (issue 12 part 5): the village admin drafts the year's ranking from the town-approved
 * quarters, the review committee confirms it by signing (quorum), the admin publishes it like a
 * publicity — villagers see the honoured households, masked, and may object within the 公示期;
 * the committee answers (upheld: back to draft) — and after the window the admin finalizes
 * (定稿); the 奖状 print from a final ranking. Runs on PGlite and on the CloudBase stand-in.
 */
import { C } from '@backend/repos/collections';
import type { Household, Person } from '@domain/org/types';
import type { LineChunk, Publicity } from '@domain/publicity/types';
import { buildLine, lineKey } from '@domain/publicity/lines';
import { newPublicity } from '@domain/publicity/workflow';
import type { AnnualRanking } from '@domain/ranking/types';
import { DEFAULT_HONOURS } from '@domain/ranking/annual';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, HEAD, OTHER_HOUSEHOLD, REVIEWER, REVIEWER_OTHER_VILLAGE, STRANGER, SUPERVISOR, TOWN, VILLAGER, VILLAGER_OTHER_VILLAGE } from '../support/people';
import { expectRefused } from '../support/refusals';
import { effectiveVeto } from './publicity.fixture';
import { computeRedBlack } from '@backend/publicity/redBlack';
import { FONT_FILE } from '@backend/sheets/pdf';
import { PAGES } from '@domain/shared/pages';
import { inline } from '../support/exports';

// pdf-parse's index runs a self-test when required directly; its library entry does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (b: Buffer) => Promise<{ numpages: number; text: string }>;

let h: Harness;
const QS = 'v-qingshan';
const REVIEWER_2 = 'demo-reviewer-1-2';
const REVIEWER_3 = 'demo-reviewer-1-3';
/** 一组14号: not honoured (REVIEWER's 一组11号 is: 85 points, two stars). */
const REVIEWER_4 = 'demo-reviewer-1-4';
/** 二组15号: never honoured here. */
const REVIEWER_5 = 'demo-reviewer-1-5';
const JAN_2027 = Date.parse('2027-01-06T10:00:00+08:00');

/** Points per quarter (2026-Q1 and Q2 approved by the town; Q3 only closed: not counted). */
const POINTS: Record<string, Record<string, number>> = {
  '2026-Q1': { 'h-qs-1-03': 120, 'h-qs-2-05': 90, 'h-qs-3-04': 200, 'h-qs-1-11': 45, 'h-qs-1-05': 40 },
  '2026-Q2': { 'h-qs-1-03': 100, 'h-qs-2-05': 60, 'h-qs-3-04': 100, 'h-qs-1-11': 40 },
  '2026-Q3': { 'h-qs-1-12': 500 },
  /** 2025: four of the five reviewers' households honoured (一组11号, 二组12号, 三组13号, 一组14号). */
  '2025-Q4': { 'h-qs-1-11': 50, 'h-qs-2-12': 60, 'h-qs-3-13': 70, 'h-qs-1-14': 80 },
};

async function writePublicity(quarter: string, status: Publicity['status']): Promise<void> {
  const { data: households } = await h.db.collection<Household>(C.households).where({ villageId: QS }).limit(100).get();
  const { data: village } = await h.db.collection<{ _id: string; townId: string }>(C.villages).doc(QS).get();
  const p = newPublicity({ id: `${QS}_${quarter}`, townId: village[0].townId, villageId: QS, villageName: '青山村', quarter, today: '2026-10-01', publicityDays: 7 }, { id: 't', name: '测试', at: 0 });
  const sorted = [...households].sort((a, b) => (lineKey(a) < lineKey(b) ? -1 : 1));
  const lines = sorted.map((hh) => buildLine({ household: hh, gridName: hh.doorNo.slice(0, 2), months: [POINTS[quarter][hh._id] ?? 0, 0, 0], baseScore: 0 }));
  const { _id, ...doc } = { ...p, status, householdCount: lines.length, chunkCount: 1, cursor: null };
  await h.db.collection(C.publicities).doc(_id).set(doc);
  const chunk: Omit<LineChunk, '_id'> = { publicityId: _id, villageId: QS, quarter, chunk: 0, firstKey: lineKey(sorted[0]), keys: sorted.map(lineKey), lines };
  await h.db.collection(C.publicityLines).doc(`${_id}_0000`).set(chunk);
}

const rid = (() => {
  let n = 0;
  return (what: string) => `rank-${what}-${++n}`;
})();

async function rankingDoc(): Promise<AnnualRanking | undefined> {
  return (await h.db.collection<AnnualRanking>(C.annualRankings).doc(`${QS}_2026`).get()).data[0];
}

beforeAll(async () => {
  h = await openHarness();
  await writePublicity('2026-Q1', 'approved');
  await writePublicity('2026-Q2', 'approved');
  await writePublicity('2026-Q3', 'closed');
  await effectiveVeto(h.db, QS, 'h-qs-3-04', '2026-05-10');
  h.setNow(JAN_2027);
}, 120_000);
afterAll(async () => h?.close());

describe('ranking.draft (村两委起草)', () => {
  it('only the village admin drafts', async () => {
    for (const who of [VILLAGER, REVIEWER, SUPERVISOR, TOWN]) {
      expectRefused(await h.call(who, 'ranking', 'draft', { requestId: rid('x'), year: 2026 }), 'FORBIDDEN', /只有村两委/);
    }
    expect(await h.count(C.annualRankings)).toBe(0);
  });

  it('bad input, a year not over, a year without approved quarters: a Chinese message, a stable code, nothing written', async () => {
    expectRefused(await h.call(ADMIN, 'ranking', 'draft', { requestId: rid('x'), year: '2026' }), 'BAD_INPUT', /年份应为/);
    expectRefused(await h.call(ADMIN, 'ranking', 'draft', { requestId: 'x', year: 2026 }), 'BAD_INPUT', /请求编号/);
    expectRefused(await h.call(ADMIN, 'ranking', 'draft', { requestId: rid('x'), year: 2027 }), 'INVALID_TRANSITION', /2027 年还没有结束/);
    expectRefused(await h.call(ADMIN, 'ranking', 'draft', { requestId: rid('x'), year: 2025 }), 'INVALID_TRANSITION', /没有镇复核通过的季度/);
    expect(await h.count(C.annualRankings)).toBe(0);
  });

  it('ranks the year by the approved quarters: stars and nominations by the village policy, the vetoed household left out', async () => {
    const requestId = rid('draft');
    const r = await h.ok(ADMIN, 'ranking', 'draft', { requestId, year: 2026 });
    expect(r).toMatchObject({ status: 'draft', quarters: ['2026-Q1', '2026-Q2'], householdCount: 60, quorum: 3, signatures: [], can: { publish: false } });
    // 1-03: 220 → 5 stars; 2-05: 150 → 4 stars; 1-11: 85 → 2 stars; 1-05: 40 → 1 star; 3-04 (300) is vetoed.
    expect(r.lines.map((l) => [l.householdId, l.rank, l.points, l.stars, l.nomination])).toEqual([
      ['h-qs-1-03', 2, 220, 5, 'wenming_nongjia'],
      ['h-qs-2-05', 3, 150, 4, 'wenming_nongjia'],
      ['h-qs-1-11', 4, 85, 2, 'zuimei_jiating'],
      ['h-qs-1-05', 5, 40, 1, null],
    ]);
    expect(r.black.map((b) => b.householdId)).toEqual(['h-qs-3-04']);
    expect(r.policy).toEqual(DEFAULT_HONOURS);
    for (const l of r.lines) expect(l.name).toMatch(/\*/);
    // The same request again: the same draft, nothing new in its history.
    const again = await h.ok(ADMIN, 'ranking', 'draft', { requestId, year: 2026 });
    expect(again.history).toHaveLength(1);
    expect((await rankingDoc())?.history).toHaveLength(1);
  });

  it('villagers do not see a draft; the committees do, and a reviewer may sign', async () => {
    expect(await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 })).toEqual({ year: '2026', ranking: null, can: { draft: false } });
    const seen = await h.ok(REVIEWER_4, 'ranking', 'get', {});
    expect(seen.year).toBe('2026');
    expect(seen.ranking).toMatchObject({ status: 'draft', statusLabel: '草稿，待评议小组确认', can: { sign: true, publish: false } });
    expect(seen.ranking).not.toHaveProperty('requestIds');
    expect((await h.ok(ADMIN, 'ranking', 'get', {})).can.draft).toBe(true);
    expectRefused(await h.call(VILLAGER, 'ranking', 'get', { villageId: 'v-liuxi' }), 'NOT_FOUND');
  });
});

describe('ranking.sign / ranking.publish (评议小组确认, 村两委公布)', () => {
  it('only reviewers of the village sign; nobody publishes a draft', async () => {
    expectRefused(await h.call(SUPERVISOR, 'ranking', 'sign', { requestId: rid('s'), year: 2026 }), 'FORBIDDEN', /评议小组/);
    expectRefused(await h.call(REVIEWER_OTHER_VILLAGE, 'ranking', 'sign', { requestId: rid('s'), year: 2026, villageId: QS }), 'NOT_FOUND');
    expectRefused(await h.call(ADMIN, 'ranking', 'publish', { requestId: rid('p'), year: 2026 }), 'INVALID_TRANSITION', /确认后才能公示/);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'ranking', 'publish', { requestId: rid('p'), year: 2026 }), 'NOT_FOUND');
    expect((await rankingDoc())?.signatures).toEqual([]);
  });

  it('recusal: a reviewer whose own household is honoured cannot sign it (nothing written) and is not offered to', async () => {
    const before = await rankingDoc();
    expect(before?.lines.some((l) => l.householdId === 'h-qs-1-11')).toBe(true);
    expectRefused(await h.call(REVIEWER, 'ranking', 'sign', { requestId: rid('s'), year: 2026 }), 'OWN_HOUSEHOLD_HONOURED', /您家在本次评比名单中，按规定回避/);
    expect(await rankingDoc()).toEqual(before);
    expect((await h.ok(REVIEWER, 'ranking', 'get', { year: 2026 })).ranking?.can.sign).toBe(false);
  });

  it('a redraft clears signatures; a second signature by the same reviewer is refused, a retried one is not', async () => {
    const requestId = rid('s');
    await h.ok(REVIEWER_4, 'ranking', 'sign', { requestId, year: 2026 });
    expect((await h.ok(REVIEWER_4, 'ranking', 'sign', { requestId, year: 2026 })).signatures).toHaveLength(1);
    expectRefused(await h.call(REVIEWER_4, 'ranking', 'sign', { requestId: rid('s'), year: 2026 }), 'INVALID_TRANSITION', /已签过字/);
    const redrafted = await h.ok(ADMIN, 'ranking', 'draft', { requestId: rid('draft'), year: 2026 });
    expect(redrafted.signatures).toEqual([]);
    expect(redrafted.history.map((x) => x.action)).toEqual(['draft', 'sign', 'redraft']);
  });

  it('two reviewers signing at once both count; the third confirms', async () => {
    const [a, b] = await Promise.all([
      h.call(REVIEWER_4, 'ranking', 'sign', { requestId: rid('s'), year: 2026 }),
      h.call(REVIEWER_2, 'ranking', 'sign', { requestId: rid('s'), year: 2026 }),
    ]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    const signers = (await rankingDoc())?.signatures.map((s) => s.personId) ?? [];
    expect(new Set(signers).size).toBe(2);
    const c = await h.ok(REVIEWER_3, 'ranking', 'sign', { requestId: rid('s'), year: 2026 });
    expect(c).toMatchObject({ status: 'confirmed', can: { sign: false } });
    expect(c.history.at(-1)?.action).toBe('confirm');
    expectRefused(await h.call(ADMIN, 'ranking', 'draft', { requestId: rid('draft'), year: 2026 }), 'INVALID_TRANSITION', /已确认/);
  });

  it('the admin publishes once, for the 公示期; villagers then see the honoured households, masked, their own line and the window', async () => {
    const requestId = rid('p');
    const p = await h.ok(ADMIN, 'ranking', 'publish', { requestId, year: 2026 });
    // The village's 公示期 (村规设置, 7 days by default): 6 to 12 January, both included.
    expect(p).toMatchObject({ status: 'publicity', statusLabel: '公示中', publishedAt: JAN_2027, startDate: '2027-01-06', endDate: '2027-01-12', objections: [] });
    expect(p.can).toMatchObject({ publish: false, finalize: false });
    expect(p.finalizeNote).toBe('公示期到 2027-01-12 结束，2027-01-13 起才能定稿');
    expect((await h.ok(ADMIN, 'ranking', 'publish', { requestId, year: 2026 })).history).toEqual(p.history);
    expectRefused(await h.call(ADMIN, 'ranking', 'publish', { requestId: rid('p'), year: 2026 }), 'INVALID_TRANSITION', /正在公示/);

    // Every household of the village hears of it once (the retried publish added nothing), with the window, opening that year's page.
    const notices = async (who: string) => (await h.ok(who, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_published');
    const mine = await notices(VILLAGER);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ title: '2026年度评比结果公布了', page: `${PAGES.ranking}?villageId=${QS}&year=2026` });
    expect(mine[0].body).toMatch(/开始公示，到.*1月12日为止。对结果有意见可以提出异议/);
    expect(await notices('demo-villager-b-1')).toHaveLength(1);
    expect(await notices(VILLAGER_OTHER_VILLAGE)).toHaveLength(0); // 柳溪村

    const seen = await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 });
    expect(seen.ranking?.myLine).toMatchObject({ householdId: 'h-qs-1-03', stars: 5, nomination: 'wenming_nongjia' });
    expect(seen.ranking?.can).toEqual({ draft: false, sign: false, publish: false, object: true, finalize: false });
    expect(seen.ranking?.finalizeNote).toBeNull();
    // Who of the committee stood aside because their family is honoured is not the villagers' list.
    expect(seen.ranking?.committee).toBeNull();
    expect((await h.ok(REVIEWER, 'ranking', 'get', { year: 2026 })).ranking?.committee?.recused.map((m) => m.name)).toHaveLength(1);
    const people = await readAll<Person>(h.db, C.people);
    const text = JSON.stringify(seen.ranking?.lines);
    for (const person of people.filter((x) => x.villageId === QS && Array.from(x.name).length >= 2)) expect(text).not.toContain(person.name);
  });
});

describe('公示期: 异议, the committee answers, 定稿', () => {
  const object = (who: string, topic: string, householdId: string, extra: Record<string, unknown> = {}) =>
    h.call(who, 'ranking', 'object', { requestId: rid('o'), year: 2026, topic, householdId, reason: '他家去年占道堆柴，不该评星', ...extra });
  const answer = (who: string, objectionId: string, outcome: string, extra: Record<string, unknown> = {}) =>
    h.call(who, 'ranking', 'answer', { requestId: rid('a'), year: 2026, objectionId, outcome, reason: '已到现场核实', ...extra });

  it('奖状 are refused while in 公示, in words', async () => {
    expectRefused(await h.call(ADMIN, 'sheets', 'rankingCertificates', { year: 2026 }), 'INVALID_TRANSITION', /还在公示中（到 2027-01-12 结束），公示期满定稿后才能打印奖状/);
  });

  it('object: bad input, a line not on the list, a villager of another village — a code, a Chinese message, nothing written', async () => {
    const before = await rankingDoc();
    expectRefused(await object(VILLAGER, 'honoured', 'h-qs-1-03', { reason: '' }), 'BAD_INPUT', /请填写异议理由/);
    expectRefused(await object(VILLAGER, 'whatever', 'h-qs-1-03'), 'BAD_INPUT', /请选择对哪一条有异议/);
    expectRefused(await object(VILLAGER, 'honoured', 'h-qs-1-03', { extra: 1 }), 'BAD_INPUT');
    expectRefused(await object(VILLAGER, 'honoured', 'h-qs-1-12'), 'NOT_FOUND', /获评名单中没有该户/);
    expectRefused(await object(VILLAGER, 'own', 'h-qs-2-05'), 'NOT_FOUND', /只能对本户/);
    expectRefused(await object(VILLAGER_OTHER_VILLAGE, 'honoured', 'h-qs-2-05', { villageId: QS }), 'NOT_FOUND');
    expectRefused(await object(STRANGER, 'honoured', 'h-qs-2-05', { villageId: QS }), 'NOT_REGISTERED');
    expect(await rankingDoc()).toEqual(before);
  });

  it('a villager objects to a line (once, retries included); they see theirs, the committee sees all with the objector', async () => {
    const requestId = rid('o');
    const v = await h.ok(VILLAGER, 'ranking', 'object', { requestId, year: 2026, topic: 'honoured', householdId: 'h-qs-2-05', reason: '他家去年占道堆柴，不该评星' });
    expect(v.objections).toHaveLength(1);
    expect(v.objections[0]).toMatchObject({ topic: 'honoured', householdId: 'h-qs-2-05', status: 'open', statusLabel: '待评议小组答复', canAnswer: false });
    expect(v.objections[0].lineLabel).toMatch(/\*.*（.*5号）$/);
    expect((await h.ok(VILLAGER, 'ranking', 'object', { requestId, year: 2026, topic: 'honoured', householdId: 'h-qs-2-05', reason: '他家去年占道堆柴，不该评星' })).objections).toHaveLength(1);
    expectRefused(await object(VILLAGER, 'honoured', 'h-qs-2-05'), 'INVALID_TRANSITION', /已有异议在等答复/);
    // The village's reviewers hear of it once (the retry added nothing); the supervisors and villagers do not.
    const filed = async (who: string) => (await h.ok(who, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_objection_filed');
    expect(await filed(REVIEWER_2)).toEqual([expect.objectContaining({ title: '年度评比有新的异议', page: `${PAGES.ranking}?villageId=${QS}&year=2026` })]);
    expect(await filed(SUPERVISOR)).toHaveLength(0);
    expect(await filed(OTHER_HOUSEHOLD)).toHaveLength(0);
    // Another villager sees none of it; a reviewer who may answer sees it, answerable.
    expect((await h.ok(OTHER_HOUSEHOLD, 'ranking', 'get', { year: 2026 })).ranking?.objections).toEqual([]);
    const rev = (await h.ok(REVIEWER_4, 'ranking', 'get', { year: 2026 })).ranking;
    expect(rev?.objections[0]).toMatchObject({ canAnswer: true, objectorName: expect.any(String) });
    // The reviewer whose household is honoured stands aside here too.
    expect((await h.ok(REVIEWER, 'ranking', 'get', { year: 2026 })).ranking?.objections[0].canAnswer).toBe(false);
  });

  it('answer: who may not, bad input — a code, a Chinese message, nothing written', async () => {
    const id = (await rankingDoc())?.objections?.[0].id ?? '';
    const own = await h.ok(REVIEWER_4, 'ranking', 'object', { requestId: rid('o'), year: 2026, topic: 'own', householdId: 'h-qs-1-14', reason: '本户全年积分不止这些' });
    const ownId = own.objections.find((o) => o.topic === 'own')?.id ?? '';
    const before = await rankingDoc();
    expectRefused(await answer(VILLAGER, id, 'dismiss'), 'FORBIDDEN', /只有评议小组成员/);
    expectRefused(await answer(SUPERVISOR, id, 'dismiss'), 'FORBIDDEN');
    expectRefused(await answer(REVIEWER_OTHER_VILLAGE, id, 'dismiss', { villageId: QS }), 'NOT_FOUND');
    expectRefused(await answer(REVIEWER, id, 'dismiss'), 'OWN_HOUSEHOLD_HONOURED', /回避/);
    expectRefused(await answer(REVIEWER_4, ownId, 'dismiss'), 'OWN_HOUSEHOLD_REVIEW', /需回避/);
    expectRefused(await answer(REVIEWER_2, id, 'maybe'), 'BAD_INPUT', /异议成立或不成立/);
    expectRefused(await answer(REVIEWER_2, id, 'dismiss', { reason: '' }), 'BAD_INPUT', /请填写答复理由/);
    expectRefused(await answer(REVIEWER_2, 'ro-nothing', 'dismiss'), 'NOT_FOUND', /找不到该异议/);
    expect(await rankingDoc()).toEqual(before);
  });

  it('rejected by two members (four eyes): the first proposes, another confirms; the ranking stays in 公示 and the objector hears the answer once', async () => {
    const id = (await rankingDoc())?.objections?.[0].id ?? '';
    const told = async () => (await h.ok(VILLAGER, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_objection_answered');
    const proposed = await h.ok(REVIEWER_2, 'ranking', 'answer', { requestId: rid('a'), year: 2026, objectionId: id, outcome: 'dismiss', reason: '已到现场核实，柴已清走' });
    expect(proposed.status).toBe('publicity');
    expect(proposed.objections.find((o) => o.id === id)).toMatchObject({ status: 'proposed', statusLabel: '已提出答复，待另一位评议小组成员确认', answer: null, proposal: { outcome: 'dismiss', reason: '已到现场核实，柴已清走' }, canAnswer: false });
    // The proposer cannot confirm it; the objector hears nothing yet and reads it as open.
    expectRefused(await answer(REVIEWER_2, id, 'dismiss'), 'OWN_WORK_REVIEW', /需另一位评议小组成员确认/);
    expect(await told()).toHaveLength(0);
    // The other reviewers hear that an answer waits for them; the proposer does not.
    const proposedTo = async (who: string) => (await h.ok(who, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_objection_proposed');
    expect(await proposedTo(REVIEWER_3)).toEqual([expect.objectContaining({ title: '年度评比异议的答复待确认', page: `${PAGES.ranking}?villageId=${QS}&year=2026` })]);
    expect((await proposedTo(REVIEWER_3))[0].body).toMatch(/异议不成立，请另一位成员核实确认/);
    expect(await proposedTo(REVIEWER_2)).toHaveLength(0);
    expect(await proposedTo(VILLAGER)).toHaveLength(0);
    expect((await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 })).ranking?.objections[0]).toMatchObject({ status: 'open', proposal: null });
    expect((await h.ok(REVIEWER_3, 'ranking', 'get', { year: 2026 })).ranking?.objections.find((o) => o.id === id)?.canAnswer).toBe(true);
    const done = await h.ok(REVIEWER_3, 'ranking', 'answer', { requestId: rid('a'), year: 2026, objectionId: id, outcome: 'dismiss', reason: '同意' });
    expect(done.status).toBe('publicity');
    expect(done.objections.find((o) => o.id === id)).toMatchObject({
      status: 'dismissed',
      answer: { reason: '已到现场核实，柴已清走', by: { name: expect.any(String) }, confirmedBy: { name: expect.any(String) } },
    });
    const notices = await told();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: '您对年度评比的异议有答复了', page: `${PAGES.ranking}?villageId=${QS}&year=2026` });
    expect(notices[0].body).toMatch(/异议不成立.*已到现场核实，柴已清走/);
    expectRefused(await answer(REVIEWER_5, id, 'uphold'), 'INVALID_TRANSITION', /已答复/);
  });

  it('定稿: only the admin; not before the window is over; not with an objection open', async () => {
    expectRefused(await h.call(VILLAGER, 'ranking', 'finalize', { requestId: rid('f'), year: 2026 }), 'FORBIDDEN', /只有村两委/);
    expectRefused(await h.call(ADMIN, 'ranking', 'finalize', { requestId: 'x', year: 2026 }), 'BAD_INPUT', /请求编号/);
    expectRefused(await h.call(ADMIN, 'ranking', 'finalize', { requestId: rid('f'), year: 2026 }), 'PUBLICITY_WINDOW', /2027-01-13 起才能定稿/);
    h.setNow(Date.parse('2027-01-13T09:00:00+08:00'));
    // The window is over: no more objections.
    expectRefused(await object(VILLAGER, 'honoured', 'h-qs-1-05'), 'PUBLICITY_CLOSED', /公示期已于 2027-01-12 结束/);
    expect((await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 })).ranking?.can.object).toBe(false);
    expectRefused(await h.call(ADMIN, 'ranking', 'finalize', { requestId: rid('f'), year: 2026 }), 'OBJECTIONS_OPEN', /还有 1 条异议未答复/);
    expect((await h.ok(ADMIN, 'ranking', 'get', { year: 2026 })).ranking?.finalizeNote).toBe('还有 1 条异议未答复，不能定稿');
    expect((await rankingDoc())?.status).toBe('publicity');
  });

  it('upheld: back to draft — hidden from villagers, the admin cannot republish; the committee redrafts and signs, a new 公示期', async () => {
    const ownId = (await rankingDoc())?.objections?.find((o) => o.topic === 'own')?.id ?? '';
    const byOne = await h.ok(REVIEWER_2, 'ranking', 'answer', { requestId: rid('a'), year: 2026, objectionId: ownId, outcome: 'uphold', reason: '漏计了第二季度的一笔，重新计算' });
    // One member alone does not undo the committee's signed ranking.
    expect(byOne).toMatchObject({ status: 'publicity', signatures: expect.arrayContaining([expect.anything()]) });
    const up = await h.ok(REVIEWER_5, 'ranking', 'answer', { requestId: rid('a'), year: 2026, objectionId: ownId, outcome: 'uphold', reason: '同意，重新计算' });
    expect(up).toMatchObject({ status: 'draft', signatures: [], startDate: null, endDate: null });
    expect((await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 })).ranking).toBeNull();
    expectRefused(await h.call(ADMIN, 'ranking', 'publish', { requestId: rid('p'), year: 2026 }), 'INVALID_TRANSITION', /确认后才能公示/);
    expect((await h.ok(REVIEWER_4, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_objection_answered')[0]?.body).toMatch(/异议成立/);
    await h.ok(ADMIN, 'ranking', 'draft', { requestId: rid('draft'), year: 2026 });
    for (const who of [REVIEWER_2, REVIEWER_3, REVIEWER_4]) await h.ok(who, 'ranking', 'sign', { requestId: rid('s'), year: 2026 });
    const again = await h.ok(ADMIN, 'ranking', 'publish', { requestId: rid('p'), year: 2026 });
    expect(again).toMatchObject({ status: 'publicity', startDate: '2027-01-13', endDate: '2027-01-19' });
    // A new 公示, a new notice.
    expect((await h.ok(VILLAGER, 'notices', 'list', { limit: 50 })).items.filter((n) => n.kind === 'ranking_published')).toHaveLength(2);
  });

  it('after the new window, with every objection answered, the admin finalizes once; then it is final', async () => {
    h.setNow(Date.parse('2027-01-20T09:00:00+08:00'));
    expect((await h.ok(ADMIN, 'ranking', 'get', { year: 2026 })).ranking?.can.finalize).toBe(true);
    const requestId = rid('f');
    const f = await h.ok(ADMIN, 'ranking', 'finalize', { requestId, year: 2026 });
    expect(f).toMatchObject({ status: 'published', statusLabel: '已定稿', finalizedAt: Date.parse('2027-01-20T09:00:00+08:00'), can: { finalize: false, object: false } });
    expect((await h.ok(ADMIN, 'ranking', 'finalize', { requestId, year: 2026 })).history).toEqual(f.history);
    expectRefused(await h.call(ADMIN, 'ranking', 'finalize', { requestId: rid('f'), year: 2026 }), 'INVALID_TRANSITION', /已定稿/);
    expectRefused(await h.call(ADMIN_OTHER_VILLAGE, 'ranking', 'finalize', { requestId: rid('f'), year: 2026 }), 'NOT_FOUND');
    expect((await h.ok(VILLAGER, 'ranking', 'get', { year: 2026 })).ranking?.status).toBe('published');
    h.setNow(JAN_2027);
  });
});

describe('sheets.rankingCertificates (奖状)', () => {
  it('the village admin prints one page per honoured household, with the head full name and the honours', async () => {
    const file = inline(await h.ok(ADMIN, 'sheets', 'rankingCertificates', { year: 2026 }));
    expect(file).toMatchObject({ mime: 'application/pdf', encoding: 'base64', filename: '青山村-2026年度评比-奖状.pdf' });
    const bytes = Buffer.from(file.content, 'base64');
    const pdf = await pdfParse(bytes);
    expect(pdf.numpages).toBe(4);
    const text = pdf.text.replace(/\s+/g, '');
    const { data: hh } = await h.db.collection<Household>(C.households).doc('h-qs-1-03').get();
    expect(text).toContain(`${hh[0].headName}户（${hh[0].doorNo}）`.replace(/\s+/g, ''));
    expect(text).toContain('荣誉证书');
    expect(text).toContain('五星级文明户');
    expect(text).toContain('文明农家');
    expect(text).toContain('全年积分220分');
    expect(text).toContain('青山村村民委员会');
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    // The CJK font is embedded as a subset.
    expect(bytes.toString('latin1')).toMatch(/\/FontFile2/);
    expect(FONT_FILE).toMatch(/NotoSansSC/);

    const one = await pdfParse(Buffer.from(inline(await h.ok(ADMIN, 'sheets', 'rankingCertificates', { year: 2026, householdId: 'h-qs-1-11' })).content, 'base64'));
    expect(one.numpages).toBe(1);
    expect(one.text.replace(/\s+/g, '')).toContain('最美家庭');
  });

  it('refused: others, an unpublished year, a household not honoured — nothing written', async () => {
    const before = await h.count(C.annualRankings);
    expectRefused(await h.call(VILLAGER, 'sheets', 'rankingCertificates', { year: 2026 }), 'FORBIDDEN', /只有村两委/);
    expectRefused(await h.call(REVIEWER, 'sheets', 'rankingCertificates', { year: 2026 }), 'FORBIDDEN');
    expectRefused(await h.call(ADMIN, 'sheets', 'rankingCertificates', { year: 2025 }), 'INVALID_TRANSITION', /公示期满定稿后才能打印奖状/);
    expectRefused(await h.call(ADMIN, 'sheets', 'rankingCertificates', { year: 2026, householdId: 'h-qs-3-04' }), 'NOT_FOUND', /没有获评/);
    expectRefused(await h.call(ADMIN, 'sheets', 'rankingCertificates', { year: '2026' }), 'BAD_INPUT');
    expect(await h.count(C.annualRankings)).toBe(before);
  });
});


describe('评比设置 through 村规设置', () => {
  it('a rule across fields is refused in words and nothing is written; a valid change is kept', async () => {
    const before = await h.count(C.policyChanges);
    const bad = { ...DEFAULT_HONOURS, wenmingNongjia: { count: 5, minPoints: 10 } };
    expectRefused(await h.call(ADMIN, 'catalogue', 'setRules', { honours: bad }), 'BAD_INPUT', /文明农家的积分要求不能低于最美家庭/);
    expectRefused(await h.call(ADMIN, 'catalogue', 'setRules', { honours: { ...DEFAULT_HONOURS, stars: 'many' } }), 'BAD_INPUT');
    expect(await h.count(C.policyChanges)).toBe(before);
    const ok = { ...DEFAULT_HONOURS, wenmingNongjia: { count: 1, minPoints: 100 }, blackListWithoutApplication: true };
    expect((await h.ok(ADMIN, 'catalogue', 'setRules', { honours: ok })).honours).toEqual(ok);
    expect((await h.ok(REVIEWER, 'catalogue', 'getRules', {})).honours).toEqual(ok);
  });
});

describe('黑榜: households without an approved application, when the village rules say so', () => {
  async function publicity(quarter: string): Promise<Publicity> {
    return (await h.db.collection<Publicity>(C.publicities).doc(`${QS}_${quarter}`).get()).data[0];
  }

  it('off (the default elsewhere): only vetoes', async () => {
    const { data: other } = await h.db.collection<{ _id: string; policy?: Record<string, unknown> }>(C.villages).doc(QS).get();
    expect((other[0].policy?.honours as { blackListWithoutApplication: boolean }).blackListWithoutApplication).toBe(true); // set above
    await h.ok(ADMIN, 'catalogue', 'setRules', { honours: { ...DEFAULT_HONOURS } });
    const rb = await computeRedBlack(h.db, await publicity('2026-Q2'), JAN_2027);
    expect(rb.quarterBlack.map((b) => [b.householdId, b.item])).toEqual([['h-qs-3-04', '负面清单：测试']]);
  });

  it('on: the quarter households with no approved application join the black list once, and leave the red list', async () => {
    await h.ok(ADMIN, 'catalogue', 'setRules', { honours: { ...DEFAULT_HONOURS, blackListWithoutApplication: true } });
    const app = (id: string, householdId: string, auditMonth: string, status: string) =>
      h.db.collection(C.applications).doc(id).set({ villageId: QS, householdId, auditMonth, status, audit: { points: 5 } });
    await app('rank-app-1', 'h-qs-1-03', '2026-02', 'approved');
    await app('rank-app-2', 'h-qs-2-05', '2026-05', 'approved');
    await app('rank-app-3', 'h-qs-1-11', '2026-05', 'rejected');
    await app('rank-app-4', 'h-qs-3-04', '2026-04', 'approved');

    const q2 = await computeRedBlack(h.db, await publicity('2026-Q2'), JAN_2027);
    const ids = q2.quarterBlack.map((b) => b.householdId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(q2.quarterBlack[0]).toMatchObject({ householdId: 'h-qs-3-04', item: '负面清单：测试' });
    expect(ids).toHaveLength(59); // every household but 2-05 (approved); 3-04 once, for its veto
    expect(ids).toContain('h-qs-1-11'); // rejected only
    expect(ids).not.toContain('h-qs-2-05');
    const idle = q2.quarterBlack.find((b) => b.householdId === 'h-qs-1-03');
    expect(idle).toMatchObject({ item: '本季度没有通过的申报', eventDate: '2026-06-30', reason: 'no_application' });
    expect(idle?.name).toMatch(/\*/);
    // The red list keeps only households with an approved application (and no veto).
    expect(q2.quarterTop.map((r) => r.householdId)).toEqual(['h-qs-2-05']);
    // The year's black list stays the vetoes.
    expect(q2.yearBlack.map((b) => b.householdId)).toEqual(['h-qs-3-04']);
  });
});

describe('回避 can empty the committee: the quorum is counted over the members who may sign (rankingQuorum)', () => {
  const Y = 2025;
  async function doc2025(): Promise<AnnualRanking | undefined> {
    return (await h.db.collection<AnnualRanking>(C.annualRankings).doc(`${QS}_${Y}`).get()).data[0];
  }

  it('four of five reviewers recused: the draft says at once it cannot be confirmed, why and what to do', async () => {
    await writePublicity(`${Y}-Q4`, 'approved');
    const d = await h.ok(ADMIN, 'ranking', 'draft', { requestId: rid('draft'), year: Y });
    expect(d.lines.map((l) => l.householdId).sort()).toEqual(['h-qs-1-11', 'h-qs-1-14', 'h-qs-2-12', 'h-qs-3-13']);
    expect(d.committee).toMatchObject({ rule: 3, needed: 2, reachable: false });
    expect(d.committee?.recused).toHaveLength(4);
    expect(d.committee?.signers).toHaveLength(1);
    expect(d.committee?.text).toMatch(/^评议小组 5 人中 4 人回避（.+家在本次评比名单中，按规定回避），能签字的只有 1 人，不够 2 人签字确认，这份评比确认不了。请村两委在“评议监督小组”中增补评议小组成员/);
    // The committee and the supervisors read the same words.
    expect((await h.ok(SUPERVISOR, 'ranking', 'get', { year: Y })).ranking?.committee?.text).toBe(d.committee?.text);
    // The one who may sign does; alone they never confirm.
    const one = await h.ok(REVIEWER_5, 'ranking', 'sign', { requestId: rid('s'), year: Y });
    expect(one).toMatchObject({ status: 'draft', signedByMe: true });
    expectRefused(await h.call(REVIEWER_4, 'ranking', 'sign', { requestId: rid('s'), year: Y }), 'OWN_HOUSEHOLD_HONOURED', /您家在本次评比名单中，按规定回避/);
  });

  it('the village appoints a reviewer: the same draft, no redraft — the two who may sign confirm it', async () => {
    const head = (await h.db.collection<{ _id: string; personId: string }>(C.identities).doc(HEAD).get()).data[0].personId;
    await h.ok(ADMIN, 'org', 'appoint', { personId: head, role: 'reviewer', assigned: true });
    const seen = (await h.ok(HEAD, 'ranking', 'get', { year: Y })).ranking;
    expect(seen?.committee).toMatchObject({ needed: 2, reachable: true });
    expect(seen?.committee?.text).toMatch(/能签字的 2 人都签字后确认（村规 3 人，回避的不计，至少 2 人）/);
    expect(seen?.can.sign).toBe(true);
    const done = await h.ok(HEAD, 'ranking', 'sign', { requestId: rid('s'), year: Y });
    expect(done).toMatchObject({ status: 'confirmed' });
    expect((await doc2025())?.history.map((x) => [x.action, x.note])).toEqual([
      ['draft', expect.any(String)],
      ['sign', '1/2'],
      ['sign', '2/2'],
      ['confirm', expect.any(String)],
    ]);
    await h.ok(ADMIN, 'org', 'appoint', { personId: head, role: 'reviewer', assigned: false });
  });
});

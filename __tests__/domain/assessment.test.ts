import { scoreGridMonth, monthBounds, visitBlockOf, type GridMonthInput } from '@domain/grid/assessmentScore';
import { DEFAULT_ASSESSMENT_WEIGHTS, weightsWithDefaults } from '@domain/grid/assessmentWeights';
import { addManualItem, checkManualPoints, correct, newAssessment, publish, removeManualItem } from '@domain/grid/assessment';
import { assessmentLedgerBook, rowsOf, summarize } from '@domain/grid/assessmentLedger';
import { csvOf } from '@domain/shared/csv';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { isDomainError } from '@domain/shared/errors';

const cst = (s: string) => Date.parse(`${s}+08:00`);
const DAY = 24 * 3600 * 1000;

/**
 * The hand-worked example. October 2026 (31 days), a grid of 4 households, two workers A and B,
 * so each worker's weekly share is ceil(4 / 2) = 2 households. Visit weeks: 1–7, 8–14, 15–21,
 * 22–28 (full, checked) and 29–31 (tail: earns points, never checked).
 */
function example(asOf: number): GridMonthInput {
  const ev = (o: Partial<GridMonthInput['events'][number]> & { _id: string }) => ({
    reporterId: 'villager',
    reporterRole: 'villager' as const,
    handlerId: null,
    status: 'open' as const,
    closedAt: null,
    closedBy: null,
    deadlineAt: cst('2026-12-31T00:00:00'),
    createdAt: cst('2026-10-01T08:00:00'),
    ...o,
  });
  return {
    month: '2026-10',
    asOf,
    householdCount: 4,
    workers: [
      { id: 'A', name: '甲' },
      { id: 'B', name: '乙' },
    ],
    patrols: [
      { workerId: 'A', date: '2026-09-30' }, // September: not counted
      { workerId: 'A', date: '2026-10-01' },
      { workerId: 'A', date: '2026-10-01' }, // same day again: one patrol day
      { workerId: 'A', date: '2026-10-02' },
      { workerId: 'A', date: '2026-10-31' },
      { workerId: 'A', date: '2026-11-01' }, // November: not counted
      { workerId: 'B', date: '2026-10-15' },
    ],
    visits: [
      // A: week 1 h1, h2 (h1 twice) → 2; week 2 h1 → 1 (< 2: missed); week 3 none (missed); week 4 h3, h4 → 2; tail h1 → 1
      { workerId: 'A', householdId: 'h1', date: '2026-10-01' },
      { workerId: 'A', householdId: 'h2', date: '2026-10-03' },
      { workerId: 'A', householdId: 'h1', date: '2026-10-07' },
      { workerId: 'A', householdId: 'h1', date: '2026-10-08' },
      { workerId: 'A', householdId: 'h3', date: '2026-10-22' },
      { workerId: 'A', householdId: 'h4', date: '2026-10-28' },
      { workerId: 'A', householdId: 'h1', date: '2026-10-30' },
      // B: h3 and h4 in each of the four weeks → 8, nothing missed
      ...[1, 8, 15, 22].flatMap((d) =>
        ['h3', 'h4'].map((h) => ({ workerId: 'B', householdId: h, date: `2026-10-${String(d).padStart(2, '0')}` })),
      ),
    ],
    events: [
      // e1: A reports and closes it within the deadline → A reported +1, solved +1
      ev({ _id: 'e1', reporterId: 'A', reporterRole: 'grid_worker', createdAt: cst('2026-10-03T09:00:00'), status: 'closed', closedBy: 'A', closedAt: cst('2026-10-04T09:00:00'), deadlineAt: cst('2026-10-05T09:00:00') }),
      // e2: a villager's, dispatched to B, closed two days late → B solved +1, overdue +1
      ev({ _id: 'e2', createdAt: cst('2026-10-10T09:00:00'), handlerId: 'B', status: 'closed', closedBy: 'B', closedAt: cst('2026-10-14T09:00:00'), deadlineAt: cst('2026-10-12T09:00:00') }),
      // e3: A reports it on the last evening of October (China time) → A reported +1; due in November: not overdue in October
      ev({ _id: 'e3', reporterId: 'A', reporterRole: 'grid_worker', createdAt: cst('2026-10-31T23:30:00'), deadlineAt: cst('2026-11-01T23:30:00') }),
      // e4: B reported it in September, due 1 October, still open → B overdue +1 (not reported in October)
      ev({ _id: 'e4', reporterId: 'B', reporterRole: 'grid_worker', createdAt: cst('2026-09-28T09:00:00'), deadlineAt: cst('2026-10-01T09:00:00') }),
      // e5: A at 00:10 on 1 November (China) — 16:10 UTC on 31 October — is November's
      ev({ _id: 'e5', reporterId: 'A', reporterRole: 'grid_worker', createdAt: cst('2026-11-01T00:10:00') }),
      // e1 again (it came back from the "closed in month" query too): counted once
      ev({ _id: 'e1', reporterId: 'A', reporterRole: 'grid_worker', createdAt: cst('2026-10-03T09:00:00'), status: 'closed', closedBy: 'A', closedAt: cst('2026-10-04T09:00:00'), deadlineAt: cst('2026-10-05T09:00:00') }),
    ],
    weights: DEFAULT_ASSESSMENT_WEIGHTS,
    visitEveryDays: 7,
  };
}

describe('网格员积分评定: the hand-worked example', () => {
  it('scores October as of 5 November', () => {
    const [a, b] = scoreGridMonth(example(cst('2026-11-05T10:00:00')));
    expect(a.counts).toEqual({ patrolDay: 3, householdVisit: 6, eventReported: 2, eventSolved: 1, eventOverdue: 0, visitWeekMissed: 2 });
    // A: patrol 3×1 = 3; visits (2+1+0+2+1) = 6×1 = 6; reported 2×2 = 4; solved 1×3 = 3;
    //    overdue 0×(−2) = 0; missed weeks 2×(−5) = −10  →  3 + 6 + 4 + 3 + 0 − 10 = 6
    expect(a.autoPoints).toBe(6);
    expect(b.counts).toEqual({ patrolDay: 1, householdVisit: 8, eventReported: 0, eventSolved: 1, eventOverdue: 2, visitWeekMissed: 0 });
    // B: patrol 1×1 = 1; visits 8×1 = 8; solved 1×3 = 3; overdue (e2, e4) 2×(−2) = −4  →  1 + 8 + 3 − 4 = 8
    expect(b.autoPoints).toBe(8);
    expect(a.items.find((i) => i.item === 'visitWeekMissed')).toEqual({ item: 'visitWeekMissed', count: 2, weight: -5, points: -10 });
  });

  it('judges only the weeks that are over: mid-month, week 3 is still open', () => {
    const [a] = scoreGridMonth(example(cst('2026-10-16T10:00:00')));
    // weeks over by 16 October: 1–7 (2 ≥ 2) and 8–14 (1 < 2) → one missed week
    expect(a.counts.visitWeekMissed).toBe(1);
    // e4 was due 1 October and is still open: overdue already; e2 too (due the 12th, closed the 14th)
  });

  it('uses a village override of the weights', () => {
    const input = { ...example(cst('2026-11-05T10:00:00')), weights: weightsWithDefaults({ visitWeekMissed: -1, patrolDay: 2 }) };
    const [a] = scoreGridMonth(input);
    // 3×2 + 6 + 4 + 3 + 2×(−1) = 17
    expect(a.autoPoints).toBe(17);
    expect(DEFAULT_POLICY.assessmentWeights).toEqual(DEFAULT_ASSESSMENT_WEIGHTS);
  });

  it('month bounds are China time', () => {
    const b = monthBounds('2026-10');
    expect(b).toMatchObject({ first: '2026-10-01', last: '2026-10-31', days: 31 });
    expect(new Date(b.startMs).toISOString()).toBe('2026-09-30T16:00:00.000Z');
    expect(new Date(b.endMs).toISOString()).toBe('2026-10-31T16:00:00.000Z');
    expect(monthBounds('2028-02').days).toBe(29);
    expect(visitBlockOf('2026-10-07', 7)).toBe(0);
    expect(visitBlockOf('2026-10-08', 7)).toBe(1);
    expect(visitBlockOf('2026-10-31', 7)).toBe(4);
  });

  it('no households → no weekly share to miss', () => {
    const [a] = scoreGridMonth({ ...example(cst('2026-11-05T10:00:00')), householdCount: 0 });
    expect(a.counts.visitWeekMissed).toBe(0);
  });
});

describe('draft → published → corrections', () => {
  const place = { townId: 't', villageId: 'v', gridId: 'g', gridName: '一组', villageName: '青山村' };
  const leader = { id: 'L', name: '组长' };
  const t0 = cst('2026-11-02T09:00:00');
  const scores = scoreGridMonth(example(cst('2026-11-05T10:00:00')));

  function refused(fn: () => unknown, code: string): void {
    try {
      fn();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe(code);
      return;
    }
    throw new Error(`expected ${code}`);
  }

  it('adds and removes manual items on a draft, with history', () => {
    let a = newAssessment(place, '2026-10', leader, t0);
    a = addManualItem(a, { id: 'i1', workerId: 'A', workerName: '甲', category: 'commendation', points: 5, reason: '获镇表彰' }, leader, t0 + 1);
    a = addManualItem(a, { id: 'i2', workerId: 'B', workerName: '乙', category: 'complaint', points: -3, reason: '群众投诉属实' }, leader, t0 + 2);
    // a retry of i1 changes nothing
    expect(addManualItem(a, { id: 'i1', workerId: 'A', workerName: '甲', category: 'commendation', points: 5, reason: '获镇表彰' }, leader, t0 + 3)).toBe(a);
    a = removeManualItem(a, 'i2', leader, t0 + 4);
    expect(a.manualItems.map((i) => i.id)).toEqual(['i1']);
    expect(a.history.map((h) => h.action)).toEqual(['open', 'add_item', 'add_item', 'remove_item']);
    expect(a.history[3].note).toContain('群众投诉属实');
  });

  it('checks the sign and size of manual points and the reason', () => {
    refused(() => checkManualPoints('commendation', -2), 'BAD_INPUT');
    refused(() => checkManualPoints('complaint', 2), 'BAD_INPUT');
    refused(() => checkManualPoints('discipline', 0), 'BAD_INPUT');
    refused(() => checkManualPoints('other', 101), 'BAD_INPUT');
    expect(() => checkManualPoints('other', -7)).not.toThrow();
    const a = newAssessment(place, '2026-10', leader, t0);
    refused(() => addManualItem(a, { id: 'i', workerId: 'A', workerName: '甲', category: 'other', points: 1, reason: ' ' }, leader, t0), 'REASON_REQUIRED');
  });

  it('publishes once; afterwards only corrections, appended with a reason, move a total', () => {
    let a = newAssessment(place, '2026-10', leader, t0);
    a = addManualItem(a, { id: 'i1', workerId: 'A', workerName: '甲', category: 'commendation', points: 5, reason: '获镇表彰' }, leader, t0);
    refused(() => correct(a, { id: 'c0', workerId: 'A', points: 1, reason: '草稿不能更正' }, leader, t0), 'INVALID_TRANSITION');
    a = publish(a, scores, DEFAULT_ASSESSMENT_WEIGHTS, leader, t0 + 10);
    // A: 6 computed + 5 表彰 = 11; B: 8
    expect(a.lines?.map((l) => [l.workerId, l.total])).toEqual([
      ['A', 11],
      ['B', 8],
    ]);
    refused(() => publish(a, scores, DEFAULT_ASSESSMENT_WEIGHTS, leader, t0 + 11), 'ASSESSMENT_PUBLISHED');
    refused(() => addManualItem(a, { id: 'i9', workerId: 'A', workerName: '甲', category: 'commendation', points: 1, reason: '补充表彰' }, leader, t0 + 11), 'ASSESSMENT_PUBLISHED');
    refused(() => removeManualItem(a, 'i1', leader, t0 + 11), 'ASSESSMENT_PUBLISHED');

    const published = a;
    a = correct(a, { id: 'c1', workerId: 'B', points: -2, reason: '漏记一件逾期事件' }, leader, t0 + 20);
    expect(correct(a, { id: 'c1', workerId: 'B', points: -2, reason: '漏记一件逾期事件' }, leader, t0 + 21)).toBe(a);
    expect(a.lines?.find((l) => l.workerId === 'B')).toMatchObject({ autoPoints: 8, correctionPoints: -2, total: 6 });
    // the published figures themselves are untouched: same computed items, same manual items
    expect(a.lines?.map((l) => l.items)).toEqual(published.lines?.map((l) => l.items));
    expect(a.manualItems).toEqual(published.manualItems);
    expect(a.history.map((h) => h.action)).toEqual(['open', 'add_item', 'publish', 'correct']);
    refused(() => correct(a, { id: 'c2', workerId: 'X', points: 1, reason: '不在本网格' }, leader, t0), 'NOT_FOUND');

    const rows = rowsOf(a);
    expect(rows.map((r) => [r._id, r.total])).toEqual([
      ['g_2026-10_A', 11],
      ['g_2026-10_B', 6],
    ]);
    const csv = csvOf(assessmentLedgerBook('青山村', '2026-10', rows));
    expect(csv.filename).toBe('青山村-网格员积分评定台账-2026-10.csv');
    expect(csv.content.split('\r\n')[1]).toBe('2026-10,青山村,一组,甲,3,6,2,1,0,2,6,5,0,11');
    expect(summarize({ _id: 'v', name: '青山村' }, 3, 1, rows)).toEqual({
      villageId: 'v',
      villageName: '青山村',
      grids: 3,
      gridsPublished: 1,
      workers: 2,
      total: 17,
      average: 8.5,
    });
  });

  it('refuses to publish a manual item of someone no longer assessed', () => {
    let a = newAssessment(place, '2026-10', leader, t0);
    a = addManualItem(a, { id: 'i1', workerId: 'Z', workerName: '丙', category: 'commendation', points: 5, reason: '获镇表彰' }, leader, t0);
    refused(() => publish(a, scores, DEFAULT_ASSESSMENT_WEIGHTS, leader, t0 + DAY), 'BAD_INPUT');
  });
});

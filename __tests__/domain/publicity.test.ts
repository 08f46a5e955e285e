import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { buildLine, correctedLine, lineKey } from '@domain/publicity/lines';
import { redeemableMove } from '@domain/publicity/move';
import { addDays, dayAfterQuarter, monthsOfQuarter, publicityWindow, quartersOfYearTo } from '@domain/publicity/quarter';
import { blackList, redList, type Ranked } from '@domain/publicity/redBlack';
import { newObjection, signObjection } from '@domain/publicity/objection';
import { assertCanClose, assertObjectionWindow, newPublicity } from '@domain/publicity/workflow';
import type { Veto } from '@domain/veto/types';

const person = (id: string, householdId: string | null = `hh-${id}`): Person => ({
  _id: id,
  townId: 't',
  villageId: 'v',
  householdId,
  name: `名${id}`,
  relation: null,
  roles: [],
});
const code = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    return e instanceof DomainError ? e.code : String(e);
  }
  return undefined;
};

describe('quarters', () => {
  it('names months, the day after, windows', () => {
    expect(monthsOfQuarter('2026-Q3')).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(monthsOfQuarter('2026-Q4')).toEqual(['2026-10', '2026-11', '2026-12']);
    expect(dayAfterQuarter('2026-Q4')).toBe('2027-01-01');
    expect(dayAfterQuarter('2026-Q1')).toBe('2026-04-01');
    expect(publicityWindow('2026-12-28', 7)).toEqual({ startDate: '2026-12-28', endDate: '2027-01-03' });
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(quartersOfYearTo('2026-Q3')).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
  });
});

describe('lines', () => {
  it('mask the head, sum the sources, sort doors naturally', () => {
    const l = buildLine({ household: { _id: 'h1', gridId: 'g1', doorNo: '一组3号', headName: '欧阳明华' }, gridName: '一组', months: [1, 2, -3], baseScore: 8 });
    expect(l).toMatchObject({ name: '欧**华', total: 8, corrections: 0 });
    expect(correctedLine(l, -5)).toMatchObject({ corrections: -5, total: 3 });
    const k = (door: string) => lineKey({ _id: door, gridId: 'g1', doorNo: door });
    expect([k('一组10号'), k('一组2号'), k('一组1号')].sort()).toEqual([k('一组1号'), k('一组2号'), k('一组10号')]);
  });
});

describe('redeemableMove', () => {
  it.each([
    [30, 0, 30, 30],
    [30, 0, 12, 12], // a veto emptied part of pending after publicity opened: only what is left moves
    [30, 50, 0, 0],
    [0, 10, 0, 0],
    [-20, 95, -20, -20],
    [-20, 5, -20, -5],
    [-20, 0, -20, 0],
  ])('quarter %i with %i redeemable and %i pending moves %i', (sum, red, pending, moved) => {
    expect(redeemableMove(sum, red, pending)).toBe(moved === 0 ? 0 : moved);
    expect(red + redeemableMove(sum, red, pending)).toBeGreaterThanOrEqual(0);
  });
});

describe('红黑榜', () => {
  const r = (id: string, points: number, door = id): Ranked => ({ householdId: id, gridName: '一组', doorNo: door, name: '王*', points });
  it('top ten by points with shared ranks, no zero or negative, black-listed left out', () => {
    const items = [r('a', 5), r('b', 50), r('c', 50), r('d', 0), r('e', -3), r('f', 99), ...Array.from({ length: 12 }, (_, i) => r(`x${i}`, 1, `${i + 1}号`))];
    const top = redList(items, new Set(['f']));
    expect(top).toHaveLength(10);
    expect(top.slice(0, 4).map((x) => [x.householdId, x.rank])).toEqual([
      ['b', 1],
      ['c', 1],
      ['a', 3],
      ['x0', 4],
    ]);
    expect(top.map((x) => x.householdId)).not.toContain('f');
    expect(top.every((x) => x.points > 0)).toBe(true);
  });
  it('black list: effective vetoes of the period, one line per household', () => {
    const v = (id: string, householdId: string, eventDate: string, status: Veto['status'] = 'effective') =>
      ({ _id: id, householdId, householdName: '张三', doorNo: '1号', item: '负面清单', eventDate, status }) as Veto;
    const list = blackList([v('1', 'h1', '2026-08-01'), v('2', 'h1', '2026-07-05'), v('3', 'h2', '2026-10-01'), v('4', 'h3', '2026-08-09', 'recorded')], '2026-07-01', '2026-10-01');
    expect(list).toEqual([{ householdId: 'h1', doorNo: '1号', name: '张*', item: '负面清单', eventDate: '2026-07-05' }]);
  });
});

describe('publicity workflow', () => {
  const actor = { id: 'a', name: '村委', at: 1 };
  const p = newPublicity({ id: 'v_2026-Q3', townId: 't', villageId: 'v', villageName: '村', quarter: '2026-Q3', today: '2026-11-20', publicityDays: 7 }, actor);
  const open = { ...p, status: 'open' as const };
  it('objections only in the window; close only after it and with none undecided', () => {
    expect(code(() => assertObjectionWindow(p, '2026-11-20'))).toBe('PUBLICITY_CLOSED');
    expect(code(() => assertObjectionWindow(open, '2026-11-26'))).toBeUndefined();
    expect(code(() => assertObjectionWindow(open, '2026-11-27'))).toBe('PUBLICITY_CLOSED');
    expect(code(() => assertCanClose(open, '2026-11-25'))).toBe('PUBLICITY_WINDOW');
    expect(code(() => assertCanClose({ ...open, openObjections: 1 }, '2026-11-26'))).toBe('OBJECTIONS_OPEN');
    expect(code(() => assertCanClose(open, '2026-11-26'))).toBeUndefined();
    expect(code(() => assertCanClose({ ...open, status: 'approved' }, '2026-11-30'))).toBe('INVALID_TRANSITION');
  });
});

describe('objection signatures', () => {
  const o = newObjection({
    id: 'o1', townId: 't', villageId: 'v', publicityId: 'p', quarter: '2026-Q3', householdId: 'hh-target', chunkId: 'c0',
    lineLabel: '王*（1号）', objector: person('x'), reason: '漏记', photos: [], at: 1,
  });
  const rev = person('r');
  const sup = person('s');
  const at = (n: number) => ({ id: 'any', name: 'any', at: n });
  const uphold = { outcome: 'uphold' as const, points: 5, reason: '属实' };

  it('first signature proposes; the other committee agreeing makes it final', () => {
    const a = signObjection(o, { person: rev, role: 'reviewer' }, uphold, at(2));
    expect(a).toMatchObject({ final: false, objection: { status: 'proposed', reviewerSignature: { personId: 'r' }, supervisorSignature: null } });
    expect(code(() => signObjection(a.objection, { person: person('r2'), role: 'reviewer' }, uphold, at(3)))).toBe('INVALID_TRANSITION');
    const b = signObjection(a.objection, { person: sup, role: 'supervisor' }, uphold, at(3));
    expect(b).toMatchObject({ final: true, objection: { status: 'upheld', decision: { points: 5 } } });
    expect(code(() => signObjection(b.objection, { person: sup, role: 'supervisor' }, uphold, at(4)))).toBe('INVALID_TRANSITION');
  });

  it('a different decision by the other side replaces the proposal', () => {
    const a = signObjection(o, { person: rev, role: 'reviewer' }, uphold, at(2));
    const b = signObjection(a.objection, { person: sup, role: 'supervisor' }, { outcome: 'dismiss', points: 0, reason: '不属实' }, at(3));
    expect(b).toMatchObject({ final: false, objection: { status: 'proposed', decision: { outcome: 'dismiss' }, reviewerSignature: null } });
    const c = signObjection(b.objection, { person: rev, role: 'reviewer' }, { outcome: 'dismiss', points: 0, reason: '同意' }, at(4));
    expect(c).toMatchObject({ final: true, objection: { status: 'dismissed' } });
    expect(c.objection.history.map((x) => x.action)).toEqual(['file', 'propose', 'disagree', 'countersign']);
  });

  it('refuses own household, missing reason, upheld without points', () => {
    expect(code(() => signObjection(o, { person: person('t', 'hh-target'), role: 'reviewer' }, uphold, at(2)))).toBe('OWN_HOUSEHOLD_REVIEW');
    expect(code(() => signObjection(o, { person: rev, role: 'reviewer' }, { ...uphold, reason: ' ' }, at(2)))).toBe('REASON_REQUIRED');
    expect(code(() => signObjection(o, { person: rev, role: 'reviewer' }, { ...uphold, points: 0 }, at(2)))).toBe('BAD_INPUT');
  });
});

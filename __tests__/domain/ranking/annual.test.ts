import { annualRanking, DEFAULT_HONOURS, starsFor, withoutApplication, type HonoursPolicy } from '@domain/ranking/annual';

const r = (id: string, points: number, door = id) => ({ householdId: id, gridName: '一组', doorNo: `${door}号`, name: '张三丰', points });

describe('annual ranking (rules)', () => {
  const policy: HonoursPolicy = { ...DEFAULT_HONOURS, wenmingNongjia: { count: 2, minPoints: 100 }, zuimeiJiating: { count: 1, minPoints: 50 } };

  it('ranks by points with shared ranks, stars by thresholds, nominations by counts and minimums', () => {
    const lines = annualRanking([r('a', 120, '1'), r('b', 210, '2'), r('c', 120, '3'), r('d', 90, '4'), r('e', 55, '5'), r('f', 0, '6')], new Set(), policy);
    expect(lines.map((l) => [l.householdId, l.rank, l.stars, l.nomination])).toEqual([
      ['b', 1, 5, 'wenming_nongjia'],
      ['a', 2, 3, 'wenming_nongjia'],
      ['c', 2, 3, 'zuimei_jiating'],
      ['d', 4, 2, null],
      ['e', 5, 1, null],
      ['f', 6, 0, null],
    ]);
    expect(lines[0].name).toBe('张*丰');
  });

  it('a black-listed household is ranked but neither starred nor nominated; the next one is', () => {
    const lines = annualRanking([r('a', 300), r('b', 150)], new Set(['a']), policy);
    expect(lines[0]).toMatchObject({ householdId: 'a', rank: 1, stars: 0, nomination: null });
    expect(lines[1]).toMatchObject({ householdId: 'b', stars: 4, nomination: 'wenming_nongjia' });
  });

  it('stars: the highest level reached, none below the lowest threshold', () => {
    expect(starsFor(29, DEFAULT_HONOURS)).toBe(0);
    expect(starsFor(30, DEFAULT_HONOURS)).toBe(1);
    expect(starsFor(1000, DEFAULT_HONOURS)).toBe(5);
  });

  it('households without an approved application go on the black list only when the policy says so', () => {
    const hh = [{ _id: 'a' }, { _id: 'b' }];
    expect(withoutApplication(hh, new Set(['a']), DEFAULT_HONOURS)).toEqual([]);
    expect(withoutApplication(hh, new Set(['a']), { ...DEFAULT_HONOURS, blackListWithoutApplication: true })).toEqual([{ _id: 'b' }]);
  });
});

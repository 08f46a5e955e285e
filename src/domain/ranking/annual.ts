import { maskName } from '../org/types';
import type { Ranked } from '../publicity/redBlack';

/**
 * 年度评比 (issue 12, part 5 — the rules only; storage, the committee's confirmation and the
 * publication are still to come): households ranked by the year's approved points; 星级文明户
 * by point thresholds; 文明农家 and 最美家庭 nominations, the best N above a minimum; the black
 * list also takes households without an approved application in a quarter when the village's
 * rules say so. Every figure is village policy (村规设置).
 */
export interface HonoursPolicy {
  /** Star levels, any order: a household gets the highest level whose minimum it reaches. */
  stars: { level: number; minPoints: number }[];
  /** 文明农家: the best `count` households with at least `minPoints`. */
  wenmingNongjia: { count: number; minPoints: number };
  /** 最美家庭: the best `count` after the 文明农家 nominees, with at least `minPoints`. */
  zuimeiJiating: { count: number; minPoints: number };
  /** A household with no approved application in a quarter goes on that quarter's black list. */
  blackListWithoutApplication: boolean;
}

export const DEFAULT_HONOURS: HonoursPolicy = {
  stars: [
    { level: 5, minPoints: 200 },
    { level: 4, minPoints: 150 },
    { level: 3, minPoints: 100 },
    { level: 2, minPoints: 60 },
    { level: 1, minPoints: 30 },
  ],
  wenmingNongjia: { count: 10, minPoints: 100 },
  zuimeiJiating: { count: 5, minPoints: 80 },
  blackListWithoutApplication: false,
};

export type Nomination = 'wenming_nongjia' | 'zuimei_jiating';

export const NOMINATION_LABELS: Record<Nomination, string> = { wenming_nongjia: '文明农家', zuimei_jiating: '最美家庭' };

export interface AnnualLine {
  rank: number;
  householdId: string;
  gridName: string;
  doorNo: string;
  /** Masked: the ranking is published. */
  name: string;
  points: number;
  /** 0 = no star. */
  stars: number;
  nomination: Nomination | null;
}

const zh = new Intl.Collator('zh', { numeric: true });

function order(a: Ranked, b: Ranked): number {
  if (a.points !== b.points) return b.points - a.points;
  return zh.compare(a.gridName, b.gridName) || zh.compare(a.doorNo, b.doorNo) || (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0);
}

export function starsFor(points: number, policy: HonoursPolicy): number {
  return policy.stars.reduce((best, s) => (points >= s.minPoints && s.level > best ? s.level : best), 0);
}

/**
 * The year's ranking: every household by points (ties share a rank), black-listed households
 * ranked but never starred or nominated (a vetoed household is not praised).
 */
export function annualRanking(items: readonly Ranked[], blackListed: ReadonlySet<string>, policy: HonoursPolicy): AnnualLine[] {
  const sorted = [...items].sort(order);
  let rank = 0;
  let nongjia = 0;
  let zuimei = 0;
  return sorted.map((r, i) => {
    if (i === 0 || sorted[i - 1].points !== r.points) rank = i + 1;
    const honoured = !blackListed.has(r.householdId) && r.points > 0;
    let nomination: Nomination | null = null;
    if (honoured && nongjia < policy.wenmingNongjia.count && r.points >= policy.wenmingNongjia.minPoints) {
      nomination = 'wenming_nongjia';
      nongjia++;
    } else if (honoured && zuimei < policy.zuimeiJiating.count && r.points >= policy.zuimeiJiating.minPoints) {
      nomination = 'zuimei_jiating';
      zuimei++;
    }
    return { rank, householdId: r.householdId, gridName: r.gridName, doorNo: r.doorNo, name: maskName(r.name), points: r.points, stars: honoured ? starsFor(r.points, policy) : 0, nomination };
  });
}

/** The quarter's households without an approved application, when the policy puts them on the black list. */
export function withoutApplication<T extends { _id: string }>(households: readonly T[], approved: ReadonlySet<string>, policy: HonoursPolicy): T[] {
  return policy.blackListWithoutApplication ? households.filter((h) => !approved.has(h._id)) : [];
}

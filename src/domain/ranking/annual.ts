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
 * The year's ranking: every household by points (ties share a rank and are listed by grid and
 * door, then id: the same input always gives the same list), black-listed households ranked
 * but never starred or nominated (a vetoed household is not praised). Nominations go down the
 * list; households tied on points with the last one nominated are nominated with it — equal
 * points are never split by door number, so a count may be exceeded by a tie.
 */
export function annualRanking(items: readonly Ranked[], blackListed: ReadonlySet<string>, policy: HonoursPolicy): AnnualLine[] {
  const sorted = [...items].sort(order);
  let rank = 0;
  const taken: Record<Nomination, { n: number; last: number | null }> = { wenming_nongjia: { n: 0, last: null }, zuimei_jiating: { n: 0, last: null } };
  const fits = (kind: Nomination, rule: { count: number; minPoints: number }, points: number): boolean =>
    points >= rule.minPoints && (taken[kind].n < rule.count || taken[kind].last === points);
  return sorted.map((r, i) => {
    if (i === 0 || sorted[i - 1].points !== r.points) rank = i + 1;
    const honoured = !blackListed.has(r.householdId) && r.points > 0;
    let nomination: Nomination | null = null;
    if (honoured && fits('wenming_nongjia', policy.wenmingNongjia, r.points)) nomination = 'wenming_nongjia';
    else if (honoured && fits('zuimei_jiating', policy.zuimeiJiating, r.points)) nomination = 'zuimei_jiating';
    if (nomination) {
      taken[nomination].n++;
      taken[nomination].last = r.points;
    }
    return { rank, householdId: r.householdId, gridName: r.gridName, doorNo: r.doorNo, name: maskName(r.name), points: r.points, stars: honoured ? starsFor(r.points, policy) : 0, nomination };
  });
}

/** The quarter's households without an approved application, when the policy puts them on the black list. */
export function withoutApplication<T extends { _id: string }>(households: readonly T[], approved: ReadonlySet<string>, policy: HonoursPolicy): T[] {
  return policy.blackListWithoutApplication ? households.filter((h) => !approved.has(h._id)) : [];
}

export const MAX_STAR_LEVEL = 5;

/**
 * The rules across fields of 评比设置 (ranges are the API schema's): star levels 1–5 each at
 * most once, a higher level needs more points; 文明农家 asks at least as much as 最美家庭.
 * Returns the first problem in words, or null.
 */
export function honoursProblem(h: HonoursPolicy): string | null {
  const levels = h.stars.map((s) => s.level);
  if (new Set(levels).size !== levels.length) return '星级不能重复设置';
  if (levels.some((l) => !Number.isInteger(l) || l < 1 || l > MAX_STAR_LEVEL)) return `星级应为 1 到 ${MAX_STAR_LEVEL} 星`;
  const byLevel = [...h.stars].sort((a, b) => a.level - b.level);
  for (let i = 1; i < byLevel.length; i++) {
    if (byLevel[i].minPoints <= byLevel[i - 1].minPoints) return `${byLevel[i].level} 星的积分要求应高于 ${byLevel[i - 1].level} 星`;
  }
  if (byLevel.some((s) => s.minPoints < 1)) return '星级的积分要求至少 1 分';
  if (h.wenmingNongjia.minPoints < h.zuimeiJiating.minPoints) return '文明农家的积分要求不能低于最美家庭';
  return null;
}

/** A household's honours in plain words: 三星级文明户 · 文明农家. */
export function honoursText(line: Pick<AnnualLine, 'stars' | 'nomination'>): string {
  const parts: string[] = [];
  if (line.stars > 0) parts.push(`${'一二三四五'[line.stars - 1]}星级文明户`);
  if (line.nomination) parts.push(NOMINATION_LABELS[line.nomination]);
  return parts.join(' · ');
}

/** The village's 评比标准 in plain words, for the ranking page and the 村规 page. */
export function describeHonours(h: HonoursPolicy): string {
  const stars = [...h.stars].sort((a, b) => a.level - b.level).map((s) => `${'一二三四五'[s.level - 1]}星 ${s.minPoints} 分`);
  const parts = [
    stars.length ? `星级文明户：${stars.join('，')}` : '不评星级文明户',
    h.wenmingNongjia.count ? `文明农家 ${h.wenmingNongjia.count} 户（至少 ${h.wenmingNongjia.minPoints} 分）` : '不评文明农家',
    h.zuimeiJiating.count ? `最美家庭 ${h.zuimeiJiating.count} 户（至少 ${h.zuimeiJiating.minPoints} 分）` : '不评最美家庭',
  ];
  return `${parts.join('；')}。`;
}

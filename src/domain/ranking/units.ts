/** 单位积分 in the 年度评比: each unit's points of the year, ranked apart from the households. */
export interface UnitRankLine {
  rank: number;
  unitId: string;
  name: string;
  /** 商铺 / 协会 / … as on the publicity line. */
  kindLabel: string;
  points: number;
}

const zh = new Intl.Collator('zh', { numeric: true });

/**
 * Every unit with points above zero, most first (ties share a rank, listed by name). Units take
 * no household honour (星级文明户, 文明农家, 最美家庭): this is their own line of the ranking.
 */
export function rankUnits(sums: Iterable<Omit<UnitRankLine, 'rank'>>): UnitRankLine[] {
  const sorted = [...sums].filter((u) => u.points > 0).sort((a, b) => b.points - a.points || zh.compare(a.name, b.name) || (a.unitId < b.unitId ? -1 : 1));
  let rank = 0;
  return sorted.map((u, i) => {
    if (i === 0 || sorted[i - 1].points !== u.points) rank = i + 1;
    return { rank, ...u };
  });
}

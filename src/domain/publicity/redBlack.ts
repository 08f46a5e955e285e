import { maskName } from '../org/types';
import type { Veto } from '../veto/types';
import type { BlackLine, PublicityLine, RankLine } from './types';

export const RED_LIST_SIZE = 10;

/** Who is ranked: a household and its points for the period. */
export interface Ranked {
  householdId: string;
  gridName: string;
  doorNo: string;
  name: string;
  points: number;
}

/**
 * 红榜: the ten households with the most points (ties: the same rank, listed by door), only
 * households with points above zero. Households on the black list are left out: a vetoed
 * household is not praised.
 */
export function redList(items: Iterable<Ranked>, exclude: ReadonlySet<string> = new Set()): RankLine[] {
  const top: Ranked[] = [];
  for (const r of items) {
    if (r.points <= 0 || exclude.has(r.householdId)) continue;
    // Keep only the best N while streaming: 10,000 households never sort in full.
    top.push(r);
    top.sort(byPointsThenDoor);
    if (top.length > RED_LIST_SIZE) top.pop();
  }
  let rank = 0;
  return top.map((r, i) => {
    if (i === 0 || top[i - 1].points !== r.points) rank = i + 1;
    return { rank, ...r };
  });
}

function byPointsThenDoor(a: Ranked, b: Ranked): number {
  return b.points - a.points || a.gridName.localeCompare(b.gridName, 'zh') || a.doorNo.localeCompare(b.doorNo, 'zh', { numeric: true }) || (a.householdId < b.householdId ? -1 : 1);
}

export function rankedOf(line: PublicityLine, points = line.total): Ranked {
  return { householdId: line.householdId, gridName: line.gridName, doorNo: line.doorNo, name: line.name, points };
}

/** 黑榜: effective vetoes whose event falls in [from, to) — one line per household, its earliest event. */
export function blackList(vetoes: readonly Veto[], from: string, to: string): BlackLine[] {
  const byHousehold = new Map<string, BlackLine>();
  for (const v of vetoes) {
    if (v.status !== 'effective' || v.eventDate < from || v.eventDate >= to) continue;
    const prior = byHousehold.get(v.householdId);
    if (prior && prior.eventDate <= v.eventDate) continue;
    byHousehold.set(v.householdId, { householdId: v.householdId, doorNo: v.doorNo, name: maskName(v.householdName), item: v.item, eventDate: v.eventDate });
  }
  return [...byHousehold.values()].sort((a, b) => a.eventDate.localeCompare(b.eventDate) || a.doorNo.localeCompare(b.doorNo, 'zh', { numeric: true }));
}

import { maskName } from '../org/types';
import type { Veto } from '../veto/types';
import type { BlackLine, PublicityLine, RankLine } from './types';
import { withoutApplication, type HonoursPolicy } from '../ranking/annual';

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
  // Keep only the best N while streaming: 10,000 households are never sorted in full.
  const top: Ranked[] = [];
  for (const r of items) {
    if (r.points <= 0 || exclude.has(r.householdId)) continue;
    if (top.length === RED_LIST_SIZE && byPointsThenDoor(r, top[top.length - 1]) >= 0) continue;
    let i = top.length;
    while (i > 0 && byPointsThenDoor(r, top[i - 1]) < 0) i--;
    top.splice(i, 0, r);
    if (top.length > RED_LIST_SIZE) top.pop();
  }
  let rank = 0;
  return top.map((r, i) => {
    if (i === 0 || top[i - 1].points !== r.points) rank = i + 1;
    return { rank, ...r };
  });
}

const zh = new Intl.Collator('zh', { numeric: true });

function byPointsThenDoor(a: Ranked, b: Ranked): number {
  if (a.points !== b.points) return b.points - a.points;
  return zh.compare(a.gridName, b.gridName) || zh.compare(a.doorNo, b.doorNo) || (a.householdId < b.householdId ? -1 : a.householdId > b.householdId ? 1 : 0);
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
  return [...byHousehold.values()].sort((a, b) => (a.eventDate < b.eventDate ? -1 : a.eventDate > b.eventDate ? 1 : zh.compare(a.doorNo, b.doorNo)));
}

export const NO_APPLICATION_ITEM = '本季度没有通过的申报';

/**
 * 黑榜 by the village's rules (`honours.blackListWithoutApplication`): the quarter's households
 * without an approved application, after the vetoed ones (a household is listed once), in list
 * order; dated the quarter's last day. Empty when the rule is off.
 */
export function withNoApplication(
  vetoed: readonly BlackLine[],
  lines: Iterable<PublicityLine>,
  approved: ReadonlySet<string>,
  policy: HonoursPolicy,
  lastDay: string,
): BlackLine[] {
  const listed = new Set(vetoed.map((b) => b.householdId));
  const rows = [...lines].filter((l) => !listed.has(l.householdId)).map((l) => ({ ...l, _id: l.householdId }));
  const extra = withoutApplication(rows, approved, policy).map(
    (l): BlackLine => ({ householdId: l.householdId, doorNo: l.doorNo, name: maskName(l.name), item: NO_APPLICATION_ITEM, eventDate: lastDay, reason: 'no_application' }),
  );
  return [...vetoed, ...extra];
}

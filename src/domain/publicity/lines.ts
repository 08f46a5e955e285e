import { maskName } from '../org/types';
import type { PublicityLine } from './types';

/** Lines per stored chunk document. */
export const LINES_PER_CHUNK = 200;

/**
 * Line order on the list: by grid, then door number read naturally (二组2号 before 二组10号),
 * then id. The key also finds a household's chunk (chunks hold consecutive keys).
 */
export function lineKey(h: { _id: string; gridId: string; doorNo: string }): string {
  const door = h.doorNo.replace(/\d+/g, (d) => d.padStart(8, '0'));
  return `${h.gridId}|${door}|${h._id}`;
}

/** Where the units' lines begin: every unit's key starts so. */
export const UNIT_LINES_FROM = '~unit|';

/** Units list after every household ('~' sorts after grid ids), by name. */
export function unitLineKey(u: { _id: string; name: string }): string {
  return `${UNIT_LINES_FROM}${u.name}|${u._id}`;
}

/** The grid column of a unit's line. */
export const UNIT_GRID_LABEL = '单位';

/** A unit's line: its name as registered (a unit is no person: nothing to mask), its kind as the door. */
export function buildUnitLine(s: { unit: { _id: string; name: string }; kindLabel: string; months: [number, number, number] }): PublicityLine {
  return {
    householdId: s.unit._id,
    subject: 'unit',
    gridName: UNIT_GRID_LABEL,
    doorNo: s.kindLabel,
    name: s.unit.name,
    months: s.months,
    baseScore: 0,
    corrections: 0,
    total: s.months[0] + s.months[1] + s.months[2],
  };
}

/** Lines of households only: the 红黑榜 and the household honours never rank units. */
export function isHouseholdLine(line: Pick<PublicityLine, 'subject'>): boolean {
  return line.subject !== 'unit';
}

export interface LineSource {
  household: { _id: string; gridId: string; doorNo: string; headName: string };
  gridName: string;
  months: [number, number, number];
  baseScore: number;
}

/** A household's line as published: the head's name masked, nothing else personal. */
export function buildLine(s: LineSource): PublicityLine {
  const total = s.months[0] + s.months[1] + s.months[2] + s.baseScore;
  return {
    householdId: s.household._id,
    gridName: s.gridName,
    doorNo: s.household.doorNo,
    name: maskName(s.household.headName),
    months: s.months,
    baseScore: s.baseScore,
    corrections: 0,
    total,
  };
}

/** The line after an upheld objection's correction. */
export function correctedLine(line: PublicityLine, points: number): PublicityLine {
  return { ...line, corrections: line.corrections + points, total: line.total + points };
}

/** How a line reads to people: 张*（一组3号）. */
export function lineLabel(line: Pick<PublicityLine, 'name' | 'doorNo'>): string {
  return `${line.name}（${line.doorNo}）`;
}

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

import { DomainError } from '../shared/errors';
import type { Grid, Person } from '../org/types';
import { UNIT_ID_PREFIX, type Unit, type UnitKind } from './types';

export interface UnitFields {
  name: string;
  kind: UnitKind;
  gridId: string;
  responsiblePersonId: string;
  active: boolean;
}

/**
 * A unit's name as the register compares it: full-width to half-width (NFKC), no spaces, Latin
 * letters in lower case — 青山 超市 and 青山超市 are one name.
 */
export function normalizeUnitName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
}

/** The id a new unit gets from its village and the client's requestId: a retry finds the first. */
export function unitIdFor(villageId: string, requestHash: string): string {
  return `${UNIT_ID_PREFIX}${villageId}_${requestHash}`;
}

/**
 * A unit as the village admin registers or changes it: its grid and 负责人 of the same village,
 * the name not taken by another unit of the village.
 */
export function registeredUnit(
  prior: Unit | null,
  fields: UnitFields,
  ctx: { id: string; townId: string; villageId: string; grid: Grid | null; person: Person | null; namesTaken: readonly string[]; now: number },
): Unit {
  if (!ctx.grid || ctx.grid.villageId !== ctx.villageId) throw new DomainError('NOT_FOUND', '找不到该网格');
  if (!ctx.person || ctx.person.villageId !== ctx.villageId) throw new DomainError('NOT_IN_VILLAGE', '负责人应是本村村民');
  const wanted = normalizeUnitName(fields.name);
  if (ctx.namesTaken.some((n) => normalizeUnitName(n) === wanted)) throw new DomainError('UNIT_NAME_TAKEN');
  return {
    _id: ctx.id,
    townId: ctx.townId,
    villageId: ctx.villageId,
    gridId: ctx.grid._id,
    name: fields.name,
    kind: fields.kind,
    responsiblePersonId: ctx.person._id,
    responsibleName: ctx.person.name,
    active: fields.active,
    createdAt: prior?.createdAt ?? ctx.now,
    updatedAt: ctx.now,
  };
}

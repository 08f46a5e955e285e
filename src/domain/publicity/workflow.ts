import { DomainError } from '../shared/errors';
import type { IsoDate } from '../shared/time';
import { dayAfterQuarter, publicityWindow } from './quarter';
import type { Publicity, PublicityAction, PublicityHistoryEntry, PublicityStatus } from './types';

export interface Actor {
  id: string;
  name: string;
  at: number;
}

export function historyEntry(actor: Actor, action: PublicityAction, note: string | null = null): PublicityHistoryEntry {
  return { at: actor.at, action, actorId: actor.id, actorName: actor.name, note };
}

function assertStatus(p: Publicity, allowed: readonly PublicityStatus[], message: string): void {
  if (!allowed.includes(p.status)) throw new DomainError('INVALID_TRANSITION', message);
}

/** A quarter is published once it is over (from the first day of the next quarter). */
export function assertQuarterOver(quarter: string, today: IsoDate): void {
  if (today < dayAfterQuarter(quarter)) throw new DomainError('INVALID_TRANSITION', `${quarter} 季度尚未结束，不能公示`);
}

export interface NewPublicityInput {
  id: string;
  townId: string;
  villageId: string;
  villageName: string;
  quarter: string;
  today: IsoDate;
  publicityDays: number;
}

/** A publicity being generated: villagers see it once every line is written (status open). */
export function newPublicity(input: NewPublicityInput, actor: Actor): Publicity {
  return {
    _id: input.id,
    townId: input.townId,
    villageId: input.villageId,
    villageName: input.villageName,
    quarter: input.quarter,
    status: 'opening',
    ...publicityWindow(input.today, input.publicityDays),
    householdCount: 0,
    chunkCount: 0,
    totalPoints: 0,
    openObjections: 0,
    cursor: { phase: 'open', next: 0 },
    returnReason: null,
    redBlack: null,
    history: [historyEntry(actor, 'open', `公示期 ${input.publicityDays} 天`)],
    createdAt: actor.at,
    updatedAt: actor.at,
  };
}

/** Objections are filed in the window only, while the list is up. */
export function assertObjectionWindow(p: Publicity, today: IsoDate): void {
  if (p.status !== 'open') throw new DomainError('PUBLICITY_CLOSED', '该季度不在公示中，不能提出异议');
  if (today > p.endDate) throw new DomainError('PUBLICITY_CLOSED', `公示期已于 ${p.endDate} 结束，不能再提出异议`);
}

/**
 * The village closes the publicity after the window's last day (on the end date itself or
 * later), never while an objection is undecided.
 */
export function assertCanClose(p: Publicity, today: IsoDate): void {
  assertStatus(p, ['open', 'returned'], p.status === 'closed' ? '公示已结束，正在等待镇复核' : '该季度当前状态不能结束公示');
  if (p.status === 'open' && today < p.endDate) throw new DomainError('PUBLICITY_WINDOW', `公示期到 ${p.endDate} 结束，届时才能结束公示`);
  if (p.openObjections > 0) throw new DomainError('OBJECTIONS_OPEN', `还有 ${p.openObjections} 条异议未处理完，不能结束公示`);
}

/** After the town sent it back, the village may publish again for corrections (a new window). */
export function assertCanReopen(p: Publicity): void {
  assertStatus(p, ['returned'], '只有镇复核退回的公示可以重新公示');
}

export function assertCanTownDecide(p: Publicity): void {
  assertStatus(p, ['closed', 'approving'], p.status === 'approved' ? '该季度已复核通过' : '该季度还未结束公示，不能复核');
}

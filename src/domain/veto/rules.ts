import { DomainError } from '../shared/errors';
import { cstDate, type IsoDate } from '../shared/time';
import type { VillagePolicy } from '../org/policy';
import type { Person } from '../org/types';
import type { Decision } from '../access/decision';
import { countersignsVetoesIn, notOwnHousehold, notTheRecorder, recordsVetoesIn } from './policy';
import type { Veto, VetoHistoryEntry } from './types';

/** `date` plus `months` calendar months; the day is clamped to the month's end (01-31 + 1 → 02-28). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + months;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), last);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The later of two bar dates (a second veto never shortens the first). */
export function laterBar(a: IsoDate | null | undefined, b: IsoDate): IsoDate {
  return a && a > b ? a : b;
}

/**
 * Until when (exclusive) a veto bars redemption:
 * - clear_and_bar_year [003 "清零当前积分，并取消当年兑换资格"]: until 1 January after the day it
 *   takes effect (a December event countersigned in January still bars the year it is enforced in);
 * - bar_months [000 "在规定期限内仍可积分但不参与积分兑换奖励"]: `barMonths` months from the event date.
 */
export function barredUntil(policy: VillagePolicy['veto'], eventDate: IsoDate, effectiveDate: IsoDate): IsoDate {
  if (policy.mode === 'clear_and_bar_year') {
    const from = eventDate > effectiveDate ? eventDate : effectiveDate;
    return `${Number(from.slice(0, 4)) + 1}-01-01`;
  }
  return addMonths(eventDate, policy.barMonths);
}

export interface VetoActor {
  person: Person;
  at: number;
}

function entry(a: VetoActor, action: VetoHistoryEntry['action'], note: string | null): VetoHistoryEntry {
  return { at: a.at, action, actorId: a.person._id, actorName: a.person.name, note };
}

/** The policy's refusal, thrown (rules run inside the use case's transaction). */
function must(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}

export interface NewVetoInput {
  id: string;
  householdId: string;
  townId: string;
  villageId: string;
  householdName: string;
  doorNo: string;
  item: string;
  description: string;
  eventDate: IsoDate;
}

/**
 * How far back an event may be recorded: 12 months. A veto acts on the household's current
 * points, the redemption of its year (or `barMonths` from the event) and the 黑榜 of the quarter
 * and year the event falls in; an older event would bar nothing and show on no list still to be
 * published (a veto dated 1900-01-01 was accepted and then never seen).
 */
export const VETO_MAX_AGE_MONTHS = 12;

/** The earliest event date a veto recorded today may carry. */
export function earliestVetoDate(today: IsoDate): IsoDate {
  return addMonths(today, -VETO_MAX_AGE_MONTHS);
}

/** A reviewer records the event; it waits for a supervisor's countersignature (会签). */
export function recordVeto(a: VetoActor, i: NewVetoInput): Veto {
  if (!recordsVetoesIn(a.person, i.villageId)) throw new DomainError('FORBIDDEN', '只有本村评议小组成员可以登记一票否决事项');
  must(notOwnHousehold(a.person, i.householdId));
  const earliest = earliestVetoDate(cstDate(a.at));
  if (i.eventDate < earliest) throw new DomainError('DATE_TOO_OLD', `发生日期不能早于 ${earliest}（只能登记一年内发生的事项）`);
  return {
    _id: i.id,
    townId: i.townId,
    villageId: i.villageId,
    householdId: i.householdId,
    householdName: i.householdName,
    doorNo: i.doorNo,
    item: i.item,
    description: i.description,
    eventDate: i.eventDate,
    status: 'recorded',
    barredUntil: null,
    mode: null,
    history: [entry(a, 'record', null)],
    createdAt: a.at,
    updatedAt: a.at,
  };
}

function assertCountersigner(a: VetoActor, veto: Veto): void {
  if (!countersignsVetoesIn(a.person, veto.villageId)) throw new DomainError('FORBIDDEN', '只有本村监督小组成员可以会签');
  if (veto.status !== 'recorded') throw new DomainError('INVALID_TRANSITION', '该事项已会签或已驳回，不能重复操作');
  must(notOwnHousehold(a.person, veto.householdId));
  // Four eyes, judged on the veto as read in the countersign's transaction.
  must(notTheRecorder(a.person, veto));
}

/** A supervisor countersigns: the veto takes effect under the village's policy of that day. */
export function countersignVeto(a: VetoActor, veto: Veto, policy: VillagePolicy['veto'], today: IsoDate, note: string | null): Veto {
  assertCountersigner(a, veto);
  return {
    ...veto,
    status: 'effective',
    mode: policy.mode,
    barredUntil: barredUntil(policy, veto.eventDate, today),
    history: [...veto.history, entry(a, 'countersign', note)],
    updatedAt: a.at,
  };
}

/** A supervisor refuses to countersign, with a reason: the veto never takes effect. */
export function rejectVeto(a: VetoActor, veto: Veto, reason: string): Veto {
  assertCountersigner(a, veto);
  if (!reason.trim()) throw new DomainError('REASON_REQUIRED', '驳回时请填写原因');
  return { ...veto, status: 'rejected', history: [...veto.history, entry(a, 'reject', reason.trim())], updatedAt: a.at };
}

import type { IsoDate } from '../shared/time';

/**
 * 一票否决 [003][000]: a negative-list (负面清单) event recorded by a reviewer and countersigned
 * by a supervisor. Only an `effective` veto bars redemption, clears points (policy) and puts
 * the household on the black list (黑榜) of the period containing `eventDate`.
 */
export type VetoStatus = 'recorded' | 'effective' | 'rejected';

export const VETO_STATUS_LABELS: Record<VetoStatus, string> = {
  recorded: '待监督小组会签',
  effective: '已生效',
  rejected: '会签未通过',
};

export interface VetoHistoryEntry {
  at: number;
  action: 'record' | 'countersign' | 'reject';
  actorId: string;
  actorName: string;
  note: string | null;
}

export interface Veto {
  _id: string;
  townId: string;
  villageId: string;
  householdId: string;
  /** Head's name, masked wherever others see it. */
  householdName: string;
  doorNo: string;
  /** The negative-list item (负面清单), e.g. a catalogue item code or a short label. */
  item: string;
  description: string;
  eventDate: IsoDate;
  status: VetoStatus;
  /** Redemption barred until this date (exclusive), set when it takes effect. */
  barredUntil: IsoDate | null;
  /** Policy mode applied when it took effect. */
  mode: 'clear_and_bar_year' | 'bar_months' | null;
  history: VetoHistoryEntry[];
  createdAt: number;
  updatedAt: number;
}

import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import { UNIT_LABELS, type CatalogueItem } from '@domain/catalogue/types';
import { cstDate } from '@domain/shared/time';

dayjs.extend(utc);

/** +5 / -3 / 0 */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** "每次 +5 分" */
export function itemPointsText(item: Pick<CatalogueItem, 'points' | 'unit'>): string {
  return `${UNIT_LABELS[item.unit]} ${signedPoints(item.points)} 分`;
}

/** An instant as villagers read it: China time (UTC+8) whatever the phone's zone. */
export function formatTime(epochMs: number): string {
  return dayjs(epochMs).utcOffset(8 * 60).format('YYYY-MM-DD HH:mm');
}

/** Today's date in the village (China time), 'YYYY-MM-DD'. */
export function today(): string {
  return cstDate(Date.now());
}

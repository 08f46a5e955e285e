import { UNIT_LABELS, type CatalogueItem } from '@domain/catalogue/types';
import { cstDate, cstDateTime } from '@domain/shared/time';

/** +5 / -3 / 0 */
export function signedPoints(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/** "每次 +5 分" */
export function itemPointsText(item: Pick<CatalogueItem, 'points' | 'unit'>): string {
  return `${UNIT_LABELS[item.unit]} ${signedPoints(item.points)} 分`;
}

/** An instant as villagers read it: China time (UTC+8) whatever the phone's zone ('' for no instant). */
export function formatTime(epochMs: number): string {
  return Number.isFinite(epochMs) ? cstDateTime(epochMs) : '';
}

/** Today's date in the village (China time), 'YYYY-MM-DD'. */
export function today(): string {
  return cstDate(Date.now());
}

/** An instant's date in China, 'YYYY-MM-DD' ('' for no instant). */
export function formatDate(epochMs: number): string {
  return Number.isFinite(epochMs) ? cstDate(epochMs) : '';
}

/** Integer fen as yuan for people: "1,234.50 元"; negative amounts keep their sign. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${whole}.${String(abs % 100).padStart(2, '0')} 元`;
}

/** "1234 5678": the 8-digit redemption code grouped 4+4 for reading aloud and typing. */
export function groupCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)} ${code.slice(4)}` : code;
}

/** Seconds as "1:58". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

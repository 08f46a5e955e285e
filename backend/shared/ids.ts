import { createHash } from 'node:crypto';

/**
 * A document id derived from what the request is (who asked, and their requestId …), so a
 * retried call or a re-run transaction callback names the same document and finds it.
 */
export function stableId(prefix: string, ...parts: string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 24)}`;
}

/** Yuan as typed by a person → integer fen; more than two decimals is a typing mistake. */
export function yuanToFen(yuan: number): number | null {
  const fen = Math.round(yuan * 100);
  return Math.abs(fen - yuan * 100) < 1e-6 && Number.isSafeInteger(fen) ? fen : null;
}

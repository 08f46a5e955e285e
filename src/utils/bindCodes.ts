import { CLAIM_CODE_LENGTH, HOUSEHOLD_CODE_LENGTH, normalizeCode } from '@domain/onboarding/codes';

export type BindCode = { kind: 'card' | 'claim'; code: string };

/**
 * What a scan (or a link) holds: the welcome page's path with `card=` or `claim=`
 * (`pages/welcome/index?card=ABCDEFGH`, also URL-encoded inside a link QR's `q`), or a bare code.
 */
export function bindCodeOf(text: string): BindCode | null {
  let s = text.trim();
  try {
    s = decodeURIComponent(s);
  } catch {
    // keep as read
  }
  const m = /[?&](card|claim)=([^&#\s]+)/.exec(s);
  if (m) {
    const kind = m[1] as BindCode['kind'];
    const code = normalizeCode(m[2], kind === 'card' ? HOUSEHOLD_CODE_LENGTH : CLAIM_CODE_LENGTH);
    return code ? { kind, code } : null;
  }
  const card = normalizeCode(s, HOUSEHOLD_CODE_LENGTH);
  if (card) return { kind: 'card', code: card };
  const claim = normalizeCode(s, CLAIM_CODE_LENGTH);
  return claim ? { kind: 'claim', code: claim } : null;
}

/** As typed: capitals, separators kept (the server ignores them). */
export function typedCode(text: string, max: number): string {
  return text.toUpperCase().slice(0, max);
}

import type { AuditDecision, AuditSignature } from './types';

/**
 * The committee's sign-off [003]: a decision takes effect when `quorum` signatures agree —
 * the same decision and, for an adjustment, the same points. Returns the agreed decision or null.
 */
export function agreed(signatures: readonly AuditSignature[], quorum: number): { decision: AuditDecision; points: number | null } | null {
  const counts = new Map<string, { decision: AuditDecision; points: number | null; n: number }>();
  for (const s of signatures) {
    const points = s.decision === 'adjust' ? s.points : null;
    const key = `${s.decision}:${points ?? ''}`;
    const c = counts.get(key) ?? { decision: s.decision, points, n: 0 };
    c.n += 1;
    counts.set(key, c);
  }
  for (const c of counts.values()) if (c.n >= quorum) return { decision: c.decision, points: c.points };
  return null;
}

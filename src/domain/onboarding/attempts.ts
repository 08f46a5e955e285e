import { allow, deny, type Decision } from '../access/decision';

/**
 * Wrong codes and wrong phone digits are counted per WeChat user: at most 5 in any hour, so a
 * code cannot be guessed (a household card's 40 bits at 5 tries an hour is beyond any lifetime).
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 3600_000;

export interface BindAttempts {
  /** The OPENID. */
  _id: string;
  /** When each recent failure happened (epoch ms), oldest first; older than the window are dropped. */
  failures: number[];
}

export function recentFailures(failures: readonly number[], now: number): number[] {
  return failures.filter((t) => t > now - FAILURE_WINDOW_MS && t <= now);
}

/** May this user try a code now? */
export function mayTryCode(failures: readonly number[], now: number): Decision {
  const recent = recentFailures(failures, now);
  if (recent.length < MAX_FAILURES) return allow;
  const minutes = Math.max(1, Math.ceil((recent[0] + FAILURE_WINDOW_MS - now) / 60_000));
  return deny('TOO_MANY_ATTEMPTS', `输错次数太多，请 ${minutes} 分钟后再试`);
}

export function withFailure(failures: readonly number[], now: number): number[] {
  return [...recentFailures(failures, now), now];
}

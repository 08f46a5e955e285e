import { DomainError, type ErrorCode } from '@domain/shared/errors';
import { mayTryCode, withFailure, type BindAttempts } from '@domain/onboarding/attempts';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';
import { enforce } from '../runtime/handler';

type AttemptDeps = Pick<Deps, 'db' | 'now'>;

/** Refuses (TOO_MANY_ATTEMPTS) when this WeChat user has failed too often in the last hour. */
export async function assertMayTry(deps: AttemptDeps, openid: string): Promise<void> {
  const { data } = await deps.db.collection<BindAttempts>(C.bindAttempts).doc(openid).get();
  enforce(mayTryCode(data[0]?.failures ?? [], deps.now()));
}

/**
 * Counts a wrong code or wrong digits, in its own transaction (the refused action writes
 * nothing else), then throws the refusal.
 */
export async function failAttempt(deps: AttemptDeps, openid: string, code: ErrorCode, message?: string): Promise<never> {
  const now = deps.now();
  await deps.db.runTransaction(async (tx) => {
    const ref = tx.collection<BindAttempts>(C.bindAttempts).doc(openid);
    const { data } = await ref.get();
    await ref.set({ failures: withFailure(data?.failures ?? [], now) });
  });
  throw new DomainError(code, message);
}

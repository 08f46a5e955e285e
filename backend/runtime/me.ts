import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { ActionContext } from './handler';

/**
 * The calling person, as the runtime resolved it from the platform's OPENID (once per call).
 * Prefer `ctx.actor` in actions declared with a person gate; this remains for helpers that take
 * an ActionContext.
 */
export async function me(ctx: ActionContext): Promise<Person> {
  if (ctx.actor) return ctx.actor;
  if (!ctx.caller.openid) throw new DomainError('NOT_REGISTERED', '无法识别您的微信身份，请从小程序内打开');
  throw new DomainError('NOT_REGISTERED');
}

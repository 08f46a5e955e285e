import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import { orgRepo } from '../repos/org';
import type { ActionContext } from './handler';

/** The calling person, from the platform's OPENID only. */
export async function me(ctx: ActionContext): Promise<Person> {
  const openid = ctx.caller.openid;
  if (!openid) throw new DomainError('NOT_REGISTERED', '无法识别您的微信身份，请从小程序内打开');
  const person = await orgRepo.personByOpenid(ctx.deps.db, openid);
  if (!person) throw new DomainError('NOT_REGISTERED');
  return person;
}

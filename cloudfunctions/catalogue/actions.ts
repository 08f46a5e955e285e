import { currentInput } from '@domain/api/catalogue';
import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { versionInForce } from '@domain/catalogue/versions';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { me } from '@backend/runtime/me';
import { catalogueRepo } from '@backend/repos/catalogue';

export const catalogue: FunctionDef<'catalogue'> = {
  /** The catalogue in force for my village today, or on a given date. Any villager of the village. */
  current: action(currentInput, async (input, ctx) => {
    const person = await me(ctx);
    if (!person.villageId) throw new DomainError('FORBIDDEN', '镇级账号请在具体村查看积分目录');
    const date = input.date ?? cstDate(ctx.deps.now());
    const version = versionInForce(await catalogueRepo.versions(ctx.deps.db, person.villageId), date);
    if (!version) throw new DomainError('NOT_FOUND', '本村尚未发布积分目录');
    return version;
  }),
};

import { ZodError, type ZodType } from 'zod';
import { DomainError, ERROR_MESSAGES, isDomainError } from '@domain/shared/errors';
import type { ApiResult } from '@domain/shared/result';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@domain/api';
import { DatabaseError } from '../db/types';
import type { Caller, Deps } from './deps';

export interface ActionContext {
  caller: Caller;
  deps: Deps;
}

export interface ActionDef<I, O> {
  schema: ZodType<I>;
  run(input: I, ctx: ActionContext): Promise<O>;
}

/** A cloud function: its action table, typed against the shared API contract. */
export type FunctionDef<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<ActionInput<F, A>, ActionOutput<F, A>>;
};

export function action<I, O>(schema: ZodType<I>, run: (input: I, ctx: ActionContext) => Promise<O>): ActionDef<I, O> {
  return { schema, run };
}

/** The event a client sends: `{ action, ...input }`. Anything identity-like in it is ignored. */
export type FunctionEvent = { action?: unknown } & Record<string, unknown>;

/**
 * validate → run (which authorizes and calls the domain) → one response shape.
 * Errors become a stable code and a Chinese message; stack traces stay in the log.
 */
export async function dispatch<F extends FunctionName>(
  def: FunctionDef<F>,
  event: FunctionEvent,
  caller: Caller,
  deps: Deps,
): Promise<ApiResult<unknown>> {
  try {
    const { action: name, ...rest } = event ?? {};
    // Platform-injected fields never count as input.
    delete (rest as Record<string, unknown>).userInfo;
    if (typeof name !== 'string' || !Object.prototype.hasOwnProperty.call(def, name)) {
      throw new DomainError('UNKNOWN_ACTION');
    }
    const a = def[name as ActionName<F>] as ActionDef<unknown, unknown>;
    const input = a.schema.parse(rest);
    const data = await a.run(input, { caller, deps });
    return { ok: true, data };
  } catch (e) {
    return toErrorResult(e);
  }
}

export function toErrorResult(e: unknown): ApiResult<never> {
  if (isDomainError(e)) return { ok: false, code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) };
  if (e instanceof ZodError) {
    const first = e.issues[0];
    const message = first?.message && /[\u4e00-\u9fa5]/.test(first.message) ? first.message : ERROR_MESSAGES.BAD_INPUT;
    return { ok: false, code: 'BAD_INPUT', message, details: { path: first?.path.join('.') ?? '' } };
  }
  if (e instanceof DatabaseError && e.code === 'TX_CONFLICT') return { ok: false, code: 'CONFLICT', message: ERROR_MESSAGES.CONFLICT };
  console.error('[xiangyue] internal error', e);
  return { ok: false, code: 'INTERNAL', message: ERROR_MESSAGES.INTERNAL };
}

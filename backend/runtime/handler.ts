import { ZodError, type ZodType } from 'zod';
import { DomainError, ERROR_MESSAGES, isDomainError } from '@domain/shared/errors';
import type { ApiResult } from '@domain/shared/result';
import type { ActionInput, ActionName, ActionOutput, FunctionName } from '@domain/api';
import type { Person } from '@domain/org/types';
import { admits, type Gate } from '@domain/access/gate';
import type { Decision } from '@domain/access/decision';
import { DatabaseError } from '../db/types';
import { orgRepo } from '../repos/org';
import type { ContentScene } from '@domain/moderation';
import { assertTextsClean } from '../moderation/text';
import { submitPhotoChecks } from '../moderation/photos';
import type { Caller, Deps } from './deps';

/** What every action runs with: the platform's caller, resolved once by the runtime. */
export interface ActionContext {
  caller: Caller;
  deps: Deps;
  /** The person bound to the caller's OPENID; null only for actions gated `wechat`. */
  actor: Person | null;
}

/** The context of an action whose gate requires a bound person. */
export interface PersonContext extends ActionContext {
  actor: Person;
}

/**
 * What of an action's input another person will see: its texts are content-checked before
 * anything is loaded (risky → CONTENT_RISKY, checker down → CONTENT_CHECK_UNAVAILABLE, nothing
 * written), and the photos it attaches get a content check each once it has run (held until
 * they pass: backend/moderation/photos.ts).
 */
export interface ContentSpec<I> {
  scene: ContentScene;
  texts: (input: I) => (string | null | undefined)[];
  photos?: (input: I) => (string | null | undefined)[];
}

/**
 * One action, declared as a table row: who may call it (`gate`, checked before anything is
 * read), its input `schema`, what it `load`s, the policy that `authorize`s the caller on what
 * was loaded, and what it `run`s. The runtime does them in that order.
 */
export interface ActionSpec<I, L, O> {
  gate: Gate;
  schema: ZodType<I>;
  load?: (input: I, ctx: PersonContext) => Promise<L>;
  /** Pure domain policy: may this actor do this to what was loaded? */
  authorize?: (loaded: L, actor: Person, input: I, now: number) => Decision;
  run: (input: I, ctx: PersonContext & { loaded: L }) => Promise<O>;
  /** User content in the input (checked after gate and schema, before load). */
  content?: ContentSpec<I>;
}

/** What the runtime keeps of an action: its gate (read by the authorization matrix) and how to run it. */
export interface ActionDef<I, O> {
  gate: Gate;
  schema: ZodType<I>;
  content?: ContentSpec<I>;
  exec(input: I, ctx: ActionContext): Promise<O>;
}

/** A cloud function: its action table, typed against the shared API contract. */
export type FunctionDef<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDef<ActionInput<F, A>, ActionOutput<F, A>>;
};

export function enforce(decision: Decision): void {
  if (!decision.ok) throw new DomainError(decision.code, decision.message);
}

/**
 * The photos an action attaches go to the content check before it runs (so its answer already
 * shows them to their author as 审核中). Only the caller's own uploads: any other file is
 * refused by the use case itself (PHOTO_NOT_OWN) and must not get a check in the caller's name.
 */
async function checkOwnPhotos(ctx: ActionContext, actor: Person, scene: ContentScene, fileIds: (string | null | undefined)[]): Promise<void> {
  const wanted = fileIds.filter((f): f is string => typeof f === 'string' && f !== '');
  if (wanted.length === 0 || !ctx.caller.openid) return;
  const facts = await Promise.all(wanted.map((f) => ctx.deps.files.facts(f).catch(() => null)));
  const own = wanted.filter((_, i) => facts[i]?.owner === ctx.caller.openid);
  await submitPhotoChecks(ctx.deps, own, { personId: actor._id, openid: ctx.caller.openid }, scene);
}

/** An action for a bound person (any gate but `wechat`). */
export function action<I, O, L = undefined>(spec: ActionSpec<I, L, O>): ActionDef<I, O> {
  if (spec.gate.kind === 'wechat') throw new Error('action(): a wechat-gated action is declared with wechatAction()');
  return {
    gate: spec.gate,
    schema: spec.schema,
    content: spec.content,
    async exec(input, ctx) {
      if (!ctx.actor) throw new DomainError('NOT_REGISTERED');
      const pctx: PersonContext = { ...ctx, actor: ctx.actor };
      const content = spec.content;
      if (content) await assertTextsClean(ctx.deps, content.scene, content.texts(input), ctx.caller.openid);
      const loaded = (spec.load ? await spec.load(input, pctx) : undefined) as L;
      if (spec.authorize) enforce(spec.authorize(loaded, pctx.actor, input, ctx.deps.now()));
      if (content?.photos) await checkOwnPhotos(ctx, pctx.actor, content.scene, content.photos(input));
      return spec.run(input, { ...pctx, loaded });
    },
  };
}

/** An action any WeChat user may call, bound or not (binding and claiming): `actor` may be null. */
export function wechatAction<I, O>(spec: { schema: ZodType<I>; run: (input: I, ctx: ActionContext & { openid: string }) => Promise<O> }): ActionDef<I, O> {
  return {
    gate: { kind: 'wechat' },
    schema: spec.schema,
    async exec(input, ctx) {
      if (!ctx.caller.openid) throw new DomainError('NOT_REGISTERED', '无法识别您的微信身份，请从小程序内打开');
      return spec.run(input, { ...ctx, openid: ctx.caller.openid });
    },
  };
}

/** The event a client sends: `{ action, ...input }`. Anything identity-like in it is ignored. */
export type FunctionEvent = { action?: unknown } & Record<string, unknown>;

/** The person bound to the caller's OPENID, or null. */
async function resolveActor(caller: Caller, deps: Deps): Promise<Person | null> {
  if (!caller.openid) return null;
  return orgRepo.personByOpenid(deps.db, caller.openid);
}

/** The gate's refusal: NOT_REGISTERED for an unbound caller, else FORBIDDEN with the gate's words. */
export function gateRefusal(gate: Gate, actor: Person | null, caller: Caller): DomainError | null {
  if (admits(gate, actor, caller.openid !== null)) return null;
  if (!actor) {
    return caller.openid ? new DomainError('NOT_REGISTERED') : new DomainError('NOT_REGISTERED', '无法识别您的微信身份，请从小程序内打开');
  }
  return new DomainError('FORBIDDEN', 'denied' in gate ? gate.denied : ERROR_MESSAGES.FORBIDDEN);
}

/**
 * caller → gate → schema → load → authorize → run, then one response shape.
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
    const actor = await resolveActor(caller, deps);
    const refusal = gateRefusal(a.gate, actor, caller);
    if (refusal) throw refusal;
    const input = a.schema.parse(rest);
    const data = await a.exec(input, { caller, deps, actor });
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

import { randomBytes } from 'node:crypto';
import type { FunctionName } from '@domain/api';
import type { ApiResult } from '@domain/shared/result';
import { fromCloudbase, type CloudbaseApp as DbApp } from '../db/cloudbase';
import { cloudbaseFileStore, type CloudbaseStorageApp } from '../files/cloudbaseStorage';
import { wechatChecker, type WxOpenApiApp as ContentOpenApiApp } from '../moderation/wechat';
import { dispatch, toErrorResult, type FunctionDef, type FunctionEvent } from './handler';
import type { Deps } from './deps';
import { cloudbasePush, templatesFromEnv, type WxOpenApiApp } from '../notices/push';

type CloudbaseApp = DbApp &
  CloudbaseStorageApp &
  WxOpenApiApp &
  ContentOpenApiApp & {
    auth(): { getUserInfo(): { openId?: string } | Promise<{ openId?: string }> };
  };

let deps: Deps | null = null;
let app: CloudbaseApp | null = null;

/** Built on first call, inside the function runtime only (the SDK must never start in tests). */
function production(): { app: CloudbaseApp; deps: Deps } {
  if (!app || !deps) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const tcb = require('@cloudbase/node-sdk') as { init(o: { env: unknown }): CloudbaseApp; SYMBOL_CURRENT_ENV: unknown };
    app = tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
    deps = {
      db: fromCloudbase(app),
      files: cloudbaseFileStore(app),
      content: wechatChecker(app),
      now: () => Date.now(),
      newId: () => randomBytes(16).toString('hex'),
      push: cloudbasePush(app, templatesFromEnv(process.env)),
    };
  }
  return { app, deps };
}

/**
 * A timer trigger's event (`config.json` triggers): `{ Type: 'Timer', TriggerName, Time }`, no
 * action. Only honoured when the platform reports no user (a timer runs as the system).
 */
export function isTimerEvent(event: FunctionEvent, openid: string | null): boolean {
  return openid === null && event?.action === undefined && String(event?.Type ?? '').toLowerCase() === 'timer' && typeof event?.TriggerName === 'string';
}

export interface EntryOptions {
  /** What a function with a timer trigger does when the timer fires. */
  onTimer?: (deps: Deps, event: FunctionEvent) => Promise<unknown>;
  /**
   * A message WeChat pushes to this function (消息推送, e.g. `wxa_media_check`): answers null when
   * the event is not one it handles (then it is dispatched as an action call).
   */
  onMessage?: (deps: Deps, event: FunctionEvent) => Promise<unknown> | null;
}

/** `exports.main` of a deployed cloud function: identity from the platform, never from the event. */
export function cloudbaseMain<F extends FunctionName>(def: FunctionDef<F>, opts: EntryOptions = {}) {
  return async (event: FunctionEvent): Promise<ApiResult<unknown>> => {
    const { app: a, deps: d } = production();
    const info = await a.auth().getUserInfo();
    const openid = info.openId || null;
    if (opts.onTimer && isTimerEvent(event, openid)) {
      try {
        return { ok: true, data: await opts.onTimer(d, event) };
      } catch (e) {
        return toErrorResult(e);
      }
    }
    const message = opts.onMessage && event?.action === undefined ? opts.onMessage(d, event) : null;
    if (message) {
      try {
        return { ok: true, data: await message };
      } catch (e) {
        return toErrorResult(e);
      }
    }
    return dispatch(def, event, { openid }, d);
  };
}

import { randomBytes } from 'node:crypto';
import type { FunctionName } from '@domain/api';
import type { ApiResult } from '@domain/shared/result';
import { fromCloudbase, type CloudbaseApp as DbApp } from '../db/cloudbase';
import { cloudbaseFileStore, type CloudbaseStorageApp } from '../files/cloudbaseStorage';
import { dispatch, type FunctionDef, type FunctionEvent } from './handler';
import type { Deps } from './deps';

type CloudbaseApp = DbApp &
  CloudbaseStorageApp & {
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
      now: () => Date.now(),
      newId: () => randomBytes(16).toString('hex'),
    };
  }
  return { app, deps };
}

/** `exports.main` of a deployed cloud function: identity from the platform, never from the event. */
export function cloudbaseMain<F extends FunctionName>(def: FunctionDef<F>) {
  return async (event: FunctionEvent): Promise<ApiResult<unknown>> => {
    const { app: a, deps: d } = production();
    const info = await a.auth().getUserInfo();
    return dispatch(def, event, { openid: info.openId || null }, d);
  };
}

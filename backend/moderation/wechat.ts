import { WECHAT_SCENE, verdictOf, type Verdict } from '@domain/moderation';
import { ContentCheckUnavailable, type ContentChecker } from './port';

/**
 * `@cloudbase/node-sdk` 3.18.3 has no `openapi.*`: WeChat's server APIs are called through
 * `app.callWxOpenApi({ apiName, requestData })`, which answers `{ result }` (the API's JSON,
 * as an object, a string or a Buffer) or `{ code, message }`.
 */
export interface WxOpenApiApp {
  callWxOpenApi(req: { apiName: string; requestData: Record<string, unknown> }): Promise<{ result?: unknown; code?: string; message?: string }>;
}

/** The longest text msgSecCheck takes in one call (2500 characters). */
const TEXT_CHUNK = 2500;

async function call(app: WxOpenApiApp, apiName: string, requestData: Record<string, unknown>): Promise<Record<string, unknown>> {
  let res: { result?: unknown; code?: string; message?: string };
  try {
    res = await app.callWxOpenApi({ apiName, requestData });
  } catch (e) {
    throw new ContentCheckUnavailable(`${apiName}: ${(e as Error)?.message ?? String(e)}`);
  }
  if (res?.code) throw new ContentCheckUnavailable(`${apiName}: ${res.code} ${res.message ?? ''}`);
  let body = res?.result;
  if (body instanceof Uint8Array) body = Buffer.from(body).toString('utf8');
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      throw new ContentCheckUnavailable(`${apiName}: not JSON`);
    }
  }
  const out = (body ?? {}) as Record<string, unknown>;
  if (typeof out.errcode === 'number' && out.errcode !== 0) throw new ContentCheckUnavailable(`${apiName}: errcode ${out.errcode} ${String(out.errmsg ?? '')}`);
  return out;
}

/** Production: msg_sec_check v2 for text, media_check_async v2 for photos (verdicts pushed to the jobs function). */
export function wechatChecker(app: WxOpenApiApp): ContentChecker {
  return {
    async checkText({ texts, scene, openid }): Promise<Verdict> {
      const content = texts.filter((t) => t.trim() !== '').join('\n');
      if (content === '') return 'pass';
      if (!openid) throw new ContentCheckUnavailable('msg_sec_check needs the caller\'s openid');
      for (let i = 0; i < content.length; i += TEXT_CHUNK) {
        const body = await call(app, '/wxa/msg_sec_check', { content: content.slice(i, i + TEXT_CHUNK), version: 2, scene: WECHAT_SCENE[scene], openid });
        const result = (body.result ?? {}) as { suggest?: unknown };
        if (result.suggest === undefined) throw new ContentCheckUnavailable('msg_sec_check: no suggest in the answer');
        if (verdictOf(result.suggest) === 'risky') return 'risky';
      }
      return 'pass';
    },
    async submitPhoto({ url, scene, openid }) {
      if (!openid) throw new ContentCheckUnavailable('media_check_async needs the uploader\'s openid');
      const body = await call(app, '/wxa/media_check_async', { media_url: url, media_type: 2, version: 2, scene: WECHAT_SCENE[scene], openid });
      if (typeof body.trace_id !== 'string' || body.trace_id === '') throw new ContentCheckUnavailable('media_check_async: no trace_id');
      return { traceId: body.trace_id };
    },
    // WeChat has no query API: the verdict is pushed (wxa_media_check), stragglers are resubmitted.
    async photoVerdict() {
      return null;
    },
  };
}

/** A `wxa_media_check` message pushed to the jobs function, or null when the event is something else. */
export function mediaCheckPush(event: Record<string, unknown> | null | undefined): { traceId: string; verdict: Verdict } | null {
  if (!event || event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string') return null;
  const result = (event.result ?? {}) as { suggest?: unknown };
  if (result.suggest === undefined) return null;
  return { traceId: event.trace_id, verdict: verdictOf(result.suggest) };
}

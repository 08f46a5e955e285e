import { TEMPLATE_KEYS, TEMPLATE_OF, subscribeData, type TemplateKey } from '@domain/notices/subscribe';
import { afterAttempt, type OutboxAttempt, type OutboxItem } from '@domain/notices/outbox';
import type { Notice } from '@domain/notices/types';
import type { IdentityBinding } from '@domain/org/types';
import { DatabaseError, type Database } from '../db/types';
import { C } from '../repos/collections';

/** `/cgi-bin/message/subscribe/send`'s body. */
export interface PushRequest {
  touser: string;
  template_id: string;
  page: string;
  data: Record<string, { value: string }>;
  lang: 'zh_CN';
}
export type PushResult = { ok: true } | { ok: false; code: string; message: string };

/** The deployment's 订阅消息 channel: its template ids (configuration) and a sender. */
export interface PushChannel {
  templates: Partial<Record<TemplateKey, string>>;
  send(req: PushRequest): Promise<PushResult>;
}

/**
 * Template ids per deployment, from the function's environment: `XIANGYUE_TEMPLATE_REVIEW_RESULT`,
 * `XIANGYUE_TEMPLATE_TODO`, `XIANGYUE_TEMPLATE_OBJECTION_RESULT` (ids from the WeChat console's
 * 订阅消息 page). A missing one: that kind stays in the inbox only.
 */
export function templatesFromEnv(env: Record<string, string | undefined>): Partial<Record<TemplateKey, string>> {
  const out: Partial<Record<TemplateKey, string>> = {};
  for (const key of TEMPLATE_KEYS) {
    const v = env[`XIANGYUE_TEMPLATE_${key.toUpperCase()}`]?.trim();
    if (v) out[key] = v;
  }
  return out;
}

/** What `app.callWxOpenApi` needs of the CloudBase app (node-sdk 3.18.3 has no `openapi.*`). */
export interface WxOpenApiApp {
  callWxOpenApi(o: { apiName: string; requestData: unknown }): Promise<{ result?: unknown; code?: string; message?: string }>;
}

/** Production: CloudBase's open-API call, with the function's WeChat token. */
export function cloudbasePush(app: WxOpenApiApp, templates: Partial<Record<TemplateKey, string>>): PushChannel {
  return {
    templates,
    async send(req) {
      try {
        const r = await app.callWxOpenApi({ apiName: '/cgi-bin/message/subscribe/send', requestData: req });
        if (r.code) return { ok: false, code: String(r.code), message: String(r.message ?? '') };
        const raw = r.result;
        const body = (typeof raw === 'string' ? JSON.parse(raw) : raw instanceof Uint8Array ? JSON.parse(Buffer.from(raw).toString('utf8')) : raw) as { errcode?: number; errmsg?: string } | undefined;
        const errcode = body?.errcode ?? 0;
        return errcode === 0 ? { ok: true } : { ok: false, code: String(errcode), message: String(body?.errmsg ?? '') };
      } catch (e) {
        return { ok: false, code: 'NETWORK', message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

export interface PushLogEntry {
  _id: string;
  at: number;
  touser: string;
  templateId: string;
  page: string;
  data: Record<string, { value: string }>;
}

/** Locally: nothing leaves the machine; what would have been sent is recorded in `pushLog`. */
export function recordingPush(db: Database, now: () => number, templates: Partial<Record<TemplateKey, string>>): PushChannel {
  let seq = 0;
  return {
    templates,
    async send(req) {
      const at = now();
      await db.collection<PushLogEntry>(C.pushLog).add({ _id: `${at}-${++seq}-${Math.random().toString(36).slice(2, 8)}`, at, touser: req.touser, templateId: req.template_id, page: req.page, data: req.data });
      return { ok: true };
    },
  };
}

/** One-time 订阅消息 grants: one document per person × template, the count of acceptances not yet used. */
export interface SubscribeGrant {
  _id: string;
  personId: string;
  templateKey: TemplateKey;
  templateId: string;
  count: number;
  updatedAt: number;
}
const grantId = (personId: string, key: TemplateKey) => `${personId}_${key}`;
/** WeChat keeps each acceptance; we keep at most this many per template. */
export const MAX_GRANTS_PER_TEMPLATE = 50;

export const grantsRepo = {
  async get(db: Database, personId: string, key: TemplateKey): Promise<SubscribeGrant | null> {
    const { data } = await db.collection<SubscribeGrant>(C.subscribeGrants).doc(grantId(personId, key)).get();
    return data[0] ?? null;
  },
  /** Records acceptances (one more message allowed each). */
  async add(db: Database, personId: string, key: TemplateKey, templateId: string, now: number): Promise<number> {
    return db.runTransaction(async (tx) => {
      const ref = tx.collection<SubscribeGrant>(C.subscribeGrants).doc(grantId(personId, key));
      const cur = (await ref.get()).data;
      const count = Math.min(MAX_GRANTS_PER_TEMPLATE, (cur && cur.templateId === templateId ? cur.count : 0) + 1);
      await ref.set({ personId, templateKey: key, templateId, count, updatedAt: now });
      return count;
    });
  },
  /** Uses one grant; false when none is left. */
  async consume(db: Database, personId: string, key: TemplateKey, now: number): Promise<boolean> {
    return db.runTransaction(async (tx) => {
      const ref = tx.collection<SubscribeGrant>(C.subscribeGrants).doc(grantId(personId, key));
      const cur = (await ref.get()).data;
      if (!cur || cur.count <= 0) return false;
      await ref.update({ count: cur.count - 1, updatedAt: now });
      return true;
    });
  },
};

async function openidOf(db: Database, personId: string): Promise<string | null> {
  const { data } = await db.collection<IdentityBinding>(C.identities).where({ personId }).limit(1).get();
  return data[0]?._id ?? null;
}

type PushDeps = { db: Database; now(): number; push?: PushChannel };

/**
 * Puts the notices that have a template into the outbox: only for a person bound to WeChat
 * who holds a grant for that template. Missing template ids: nothing is queued and one log
 * line says why (the notices are in the inbox all the same).
 */
export async function enqueuePushes(deps: PushDeps, notices: readonly Notice[]): Promise<OutboxItem[]> {
  const queued: OutboxItem[] = [];
  for (const n of notices) {
    const key = TEMPLATE_OF[n.kind];
    if (!key || n.personId.startsWith('village:')) continue;
    const templateId = deps.push?.templates[key];
    if (!templateId) {
      console.info(`[xiangyue] notice ${n.kind} not pushed: no 订阅消息 template configured for "${key}" (XIANGYUE_TEMPLATE_${key.toUpperCase()}); it is in the inbox`);
      continue;
    }
    const grant = await grantsRepo.get(deps.db, n.personId, key);
    if (!grant || grant.count <= 0) continue;
    const openid = await openidOf(deps.db, n.personId);
    if (!openid) continue;
    const item: OutboxItem = { _id: n._id, personId: n.personId, openid, templateKey: key, templateId, page: n.page, data: subscribeData(n), status: 'pending', attempts: [], nextAttemptAt: deps.now(), createdAt: deps.now() };
    try {
      await deps.db.collection<OutboxItem>(C.pushOutbox).add(item);
      queued.push(item);
    } catch (e) {
      if (!(e instanceof DatabaseError && e.code === 'DUPLICATE_KEY')) throw e;
    }
  }
  return queued;
}

/**
 * One attempt per due outbox item: only when the person still holds a grant, which a successful
 * send consumes. Every attempt is recorded on the item; failures are retried with backoff up to
 * the cap (src/domain/notices/outbox.ts).
 */
export async function flushOutbox(deps: PushDeps, opts: { ids?: string[]; limit?: number } = {}): Promise<{ sent: number; failed: number; retrying: number }> {
  const { db } = deps;
  const now = deps.now();
  const tally = { sent: 0, failed: 0, retrying: 0 };
  const due = opts.ids
    ? (await Promise.all(opts.ids.map(async (id) => (await db.collection<OutboxItem>(C.pushOutbox).doc(id).get()).data[0]))).filter((x): x is OutboxItem => !!x && x.status === 'pending')
    : (await db.collection<OutboxItem>(C.pushOutbox).where({ status: 'pending', nextAttemptAt: db.command.lte(now) }).orderBy('nextAttemptAt', 'asc').limit(opts.limit ?? 100).get()).data;
  for (const item of due) {
    let attempt: OutboxAttempt;
    const grant = await grantsRepo.get(db, item.personId, item.templateKey as TemplateKey);
    if (!deps.push) attempt = { at: now, ok: false, code: 'NO_SENDER', message: '未配置订阅消息发送' };
    else if (!grant || grant.count <= 0) attempt = { at: now, ok: false, code: '43101', message: '没有可用的订阅授权' };
    else {
      const r = await deps.push.send({ touser: item.openid, template_id: item.templateId, page: item.page, data: item.data, lang: 'zh_CN' });
      attempt = r.ok ? { at: now, ok: true, code: '0', message: 'ok' } : { at: now, ok: false, code: r.code, message: r.message };
      if (r.ok) await grantsRepo.consume(db, item.personId, item.templateKey as TemplateKey, now);
    }
    const next = afterAttempt(item, attempt);
    await db.collection<OutboxItem>(C.pushOutbox).doc(item._id).update({ status: next.status, attempts: next.attempts, nextAttemptAt: next.nextAttemptAt });
    if (next.status === 'sent') tally.sent++;
    else if (next.status === 'failed') tally.failed++;
    else tally.retrying++;
  }
  return tally;
}

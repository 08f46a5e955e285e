import { grantInput, listNoticesInput, markReadInput, templatesInput, unreadInput } from '@domain/api/notices';
import { mayReadNotice, noticesGates, SUBSCRIBE_ASKS, type SubscribeAsk } from '@domain/notices/policy';
import { TEMPLATE_KEYS, type TemplateKey } from '@domain/notices/subscribe';
import { allow } from '@domain/access/decision';
import { DomainError } from '@domain/shared/errors';
import { action, type FunctionDef } from '@backend/runtime/handler';
import { noticesRepo } from '@backend/repos/notices';
import { listInbox, markRead, unreadCount } from '@backend/notices/inbox';
import { grantsRepo } from '@backend/notices/push';

/** 消息中心: my notices (newest first, paged), the unread badge, mark read; 订阅消息 grants. */
export const notices: FunctionDef<'notices'> = {
  list: action({
    gate: noticesGates.list,
    schema: listNoticesInput,
    run: (input, { deps, actor }) => listInbox(deps.db, actor, input.beforeAt, input.limit ?? 20, deps.now()),
  }),

  unreadCount: action({
    gate: noticesGates.unreadCount,
    schema: unreadInput,
    run: async (_input, { deps, actor }) => ({ unread: await unreadCount(deps.db, actor, deps.now()) }),
  }),

  markRead: action({
    gate: noticesGates.markRead,
    schema: markReadInput,
    load: async (input, { deps }) => {
      if (input.noticeId === undefined) return null;
      const n = await noticesRepo.get(deps.db, input.noticeId);
      if (!n) throw new DomainError('NOT_FOUND', '找不到该消息');
      return n;
    },
    authorize: (n, actor) => (n ? mayReadNotice(actor, n) : allow),
    run: async (_input, { deps, actor, loaded }) => {
      await markRead(deps.db, actor, loaded, deps.now());
      return { unread: await unreadCount(deps.db, actor, deps.now()) };
    },
  }),

  grant: action({
    gate: noticesGates.grant,
    schema: grantInput,
    run: async (input, { deps, actor }) => {
      const templates = deps.push?.templates ?? {};
      const granted: TemplateKey[] = [];
      for (const key of TEMPLATE_KEYS) {
        const id = templates[key];
        if (id && input.accepted.includes(id)) {
          await grantsRepo.add(deps.db, actor._id, key, id, deps.now());
          granted.push(key);
        }
      }
      return { granted };
    },
  }),

  templates: action({
    gate: noticesGates.templates,
    schema: templatesInput,
    run: async (_input, { deps }) => {
      const templates = deps.push?.templates ?? {};
      const asks = {} as Record<SubscribeAsk, string[]>;
      for (const [ask, keys] of Object.entries(SUBSCRIBE_ASKS) as [SubscribeAsk, readonly TemplateKey[]][]) {
        asks[ask] = keys.map((k) => templates[k]).filter((x): x is string => !!x);
      }
      return { asks };
    },
  }),
};

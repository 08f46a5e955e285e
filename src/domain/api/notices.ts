/** 消息中心 and 订阅消息 (cloudfunctions/notices). */
import { z } from 'zod';
import { token } from './text';
import type { NoticeKind } from '../notices/kinds';
import type { TemplateKey } from '../notices/subscribe';
import type { SubscribeAsk } from '../notices/policy';

export const listNoticesInput = z
  .object({
    /** Notices created before this instant (paging back from the newest). */
    beforeAt: z.number().int().positive().optional(),
    limit: z.number().int().min(1, { error: '每页至少 1 条' }).max(50, { error: '每页最多 50 条' }).optional(),
  })
  .strict();
export const unreadInput = z.object({}).strict();
export const markReadInput = z
  .object({
    /** One notice; absent: every notice of mine. */
    noticeId: token().min(1).max(256).optional(),
  })
  .strict();
export const grantInput = z
  .object({
    /** The template ids the person accepted in wx.requestSubscribeMessage (its result 'accept'). */
    accepted: z.array(token().min(1).max(128)).max(3, { error: '一次最多订阅 3 个消息' }),
  })
  .strict();
export const templatesInput = z.object({}).strict();

export interface NoticeView {
  id: string;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  body: string;
  /** The page it opens, with its query (no leading slash). */
  page: string;
  createdAt: number;
  read: boolean;
}

export interface NoticesApi {
  /** My notices, newest first (mine and my village's); `nextBeforeAt` pages back. */
  list: { input: z.infer<typeof listNoticesInput>; output: { items: NoticeView[]; unread: number; nextBeforeAt: number | null } };
  /** How many of my notices I have not read (the badge). */
  unreadCount: { input: z.infer<typeof unreadInput>; output: { unread: number } };
  /** Marks one notice (or all) read. */
  markRead: { input: z.infer<typeof markReadInput>; output: { unread: number } };
  /** Records one-time 订阅消息 grants (one message each) for the accepted templates. */
  grant: { input: z.infer<typeof grantInput>; output: { granted: TemplateKey[] } };
  /** This deployment's template ids for each natural ask (empty when none are configured). */
  templates: { input: z.infer<typeof templatesInput>; output: { asks: Record<SubscribeAsk, string[]> } };
}

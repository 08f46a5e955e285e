import { NOTICE_KIND_LABELS } from '@domain/notices/kinds';
import { audiencesOf, villageAudienceKey } from '@domain/notices/policy';
import type { Notice } from '@domain/notices/types';
import type { NoticeView } from '@domain/api/notices';
import type { Person } from '@domain/org/types';
import type { Database } from '../db/types';
import { noticesRepo } from '../repos/notices';

/** Village-wide notices older than this no longer count as unread (a quarter and a bit). */
const VILLAGE_UNREAD_WINDOW_MS = 120 * 24 * 60 * 60 * 1000;

function view(n: Notice, read: boolean): NoticeView {
  return { id: n._id, kind: n.kind, kindLabel: NOTICE_KIND_LABELS[n.kind], title: n.title, body: n.body, page: n.page, createdAt: n.createdAt, read };
}

async function villageUnread(db: Database, p: Person, now: number): Promise<Notice[]> {
  if (!p.villageId || !p.householdId) return [];
  const recent = await noticesRepo.villageSince(db, p.villageId, now - VILLAGE_UNREAD_WINDOW_MS);
  const read = await noticesRepo.readsOf(db, p._id, recent.map((n) => n._id));
  return recent.filter((n) => !read.has(n._id));
}

export async function unreadCount(db: Database, p: Person, now: number): Promise<number> {
  const [own, village] = await Promise.all([noticesRepo.countUnread(db, p._id), villageUnread(db, p, now)]);
  return own + village.length;
}

export async function listInbox(db: Database, p: Person, beforeAt: number | undefined, limit: number, now: number): Promise<{ items: NoticeView[]; unread: number; nextBeforeAt: number | null }> {
  // One more than asked tells whether there is another page.
  const page = await noticesRepo.page(db, audiencesOf(p), beforeAt, limit + 1);
  const shown = page.slice(0, limit);
  const villageKey = p.villageId ? villageAudienceKey(p.villageId) : null;
  const reads = await noticesRepo.readsOf(db, p._id, shown.filter((n) => n.personId === villageKey).map((n) => n._id));
  const items = shown.map((n) => view(n, n.personId === p._id ? n.readAt !== null : reads.has(n._id)));
  return { items, unread: await unreadCount(db, p, now), nextBeforeAt: page.length > limit ? shown[shown.length - 1].createdAt : null };
}

/** One notice (already authorized) or all of mine. */
export async function markRead(db: Database, p: Person, notice: Notice | null, now: number): Promise<void> {
  if (notice) {
    if (notice.personId === p._id) {
      if (notice.readAt === null) await noticesRepo.markOwnRead(db, notice._id, now);
    } else await noticesRepo.markVillageRead(db, notice._id, p._id, now);
    return;
  }
  for (;;) {
    const unread = await noticesRepo.unreadOwn(db, p._id);
    for (const n of unread) await noticesRepo.markOwnRead(db, n._id, now);
    if (unread.length < 100) break;
  }
  for (const n of await villageUnread(db, p, now)) await noticesRepo.markVillageRead(db, n._id, p._id, now);
}

import { AUDIENCES, selectRecipients, type NoticeScope } from '@domain/notices/recipients';
import { buildNotices } from '@domain/notices/build';
import type { Notice, NoticeDraft } from '@domain/notices/types';
import type { NoticeKind } from '@domain/notices/kinds';
import type { IsoDate } from '@domain/shared/time';
import type { Deps } from '../runtime/deps';
import { noticesRepo, villageAudience } from '../repos/notices';
import { candidatesFor } from './audience';
import { enqueuePushes, flushOutbox } from './push';

type NotifyDeps = Pick<Deps, 'db' | 'now' | 'push'>;

/** A village-wide kind (every household of the village) is stored once for the village. */
function isVillageWide(kind: NoticeKind): boolean {
  return AUDIENCES[kind].some((a) => a.to === 'village_households');
}

/**
 * Who a kind's notices in `scope` go to, read now: for a trigger whose notices are built later,
 * inside the event's own transaction, once its facts are known (a redemption's receipt).
 */
export async function recipientsOf(deps: Pick<Deps, 'db'>, kind: NoticeKind, scope: NoticeScope): Promise<string[]> {
  if (isVillageWide(kind)) return scope.villageId ? [villageAudience(scope.villageId)] : [];
  try {
    return selectRecipients(kind, scope, await candidatesFor(deps.db, kind, scope));
  } catch (e) {
    // Never a reason to refuse the event itself.
    console.error(`[xiangyue] recipients of ${kind} could not be read`, e);
    return [];
  }
}

/**
 * The notices of a draft for the people in scope, not yet written: for a trigger that writes
 * them inside the transaction of the event itself (then `deliver` after the commit).
 */
export async function prepareNotices(deps: NotifyDeps, draft: NoticeDraft, scope: NoticeScope, day?: IsoDate): Promise<Notice[]> {
  return buildNotices(draft, await recipientsOf(deps, draft.kind, scope), deps.now(), day);
}

/** After the notices are stored: queue the 订阅消息 of those that have a template and a grant, and try them once now. */
export async function deliver(deps: NotifyDeps, notices: readonly Notice[]): Promise<void> {
  try {
    const queued = await enqueuePushes(deps, notices);
    if (queued.length > 0) await flushOutbox(deps, { ids: queued.map((q) => q._id) });
  } catch (e) {
    console.error('[xiangyue] push failed (the outbox retries it)', e);
  }
}

/**
 * Right after an event, in the action: writes each recipient's notice once (a retry or a re-run
 * the same day writes nothing more) and pushes it where a grant allows. A failure here is logged
 * and never undoes the event, which has already happened. Returns the notices newly written.
 */
export async function notify(deps: NotifyDeps, draft: NoticeDraft, scope: NoticeScope, day?: IsoDate): Promise<Notice[]> {
  try {
    const written = await noticesRepo.addAll(deps.db, await prepareNotices(deps, draft, scope, day));
    await deliver(deps, written);
    return written;
  } catch (e) {
    console.error(`[xiangyue] notice ${draft.kind} for ${draft.subjectId} failed`, e);
    return [];
  }
}

import { AUDIENCES, selectRecipients, type NoticeScope } from '@domain/notices/recipients';
import { buildNotices } from '@domain/notices/build';
import type { Notice, NoticeDraft } from '@domain/notices/types';
import type { IsoDate } from '@domain/shared/time';
import type { Deps } from '../runtime/deps';
import { noticesRepo, villageAudience } from '../repos/notices';
import { candidatesFor } from './audience';
import { enqueuePushes, flushOutbox } from './push';

type NotifyDeps = Pick<Deps, 'db' | 'now' | 'push'>;

/** A village-wide kind (every household of the village) is stored once for the village. */
function isVillageWide(draft: NoticeDraft): boolean {
  return AUDIENCES[draft.kind].some((a) => a.to === 'village_households');
}

/**
 * The notices of a draft for the people in scope, not yet written: for a trigger that writes
 * them inside the transaction of the event itself (then `deliver` after the commit).
 */
export async function prepareNotices(deps: NotifyDeps, draft: NoticeDraft, scope: NoticeScope, day?: IsoDate): Promise<Notice[]> {
  if (isVillageWide(draft)) {
    return scope.villageId ? buildNotices(draft, [villageAudience(scope.villageId)], deps.now(), day) : [];
  }
  try {
    const candidates = await candidatesFor(deps.db, draft.kind, scope);
    return buildNotices(draft, selectRecipients(draft.kind, scope, candidates), deps.now(), day);
  } catch (e) {
    // Never a reason to refuse the event itself.
    console.error(`[xiangyue] recipients of ${draft.kind} for ${draft.subjectId} could not be read`, e);
    return [];
  }
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

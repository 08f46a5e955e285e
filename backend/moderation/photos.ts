import { PHOTO_RECHECK_AFTER_MS, photoCheckId, photoVisibility, type ContentScene, type PhotoCheck, type PhotoView, type Verdict } from '@domain/moderation';
import type { Deps } from '../runtime/deps';
import { C } from '../repos/collections';

type PhotoDeps = Pick<Deps, 'db' | 'files' | 'content' | 'now'>;

/** Submits one check to the checker; a failure leaves it pending without a trace id (the poll retries). */
async function submit(deps: PhotoDeps, check: PhotoCheck): Promise<PhotoCheck> {
  const now = deps.now();
  try {
    const url = await deps.files.url(check.fileId);
    const { traceId } = await deps.content.submitPhoto({ fileId: check.fileId, url, scene: check.scene, openid: check.authorOpenid });
    return { ...check, traceId, requestedAt: now, submits: check.submits + 1, history: [...check.history, { at: now, what: 'submitted' }] };
  } catch (e) {
    console.error('[xiangyue] photo content check not submitted (held until the poll resubmits it)', (e as Error)?.message ?? e);
    return { ...check, requestedAt: now, submits: check.submits + 1, history: [...check.history, { at: now, what: 'submit_failed' }] };
  }
}

/**
 * Every photo an action attached gets a `contentChecks` record (pending, then pass or risky) and
 * goes to the checker. A photo already checked keeps its verdict. Never throws for the checker:
 * a photo that cannot be submitted now stays held (pending) and the poll submits it again.
 */
export async function submitPhotoChecks(deps: PhotoDeps, fileIds: readonly string[], author: { personId: string; openid: string | null }, scene: ContentScene): Promise<void> {
  for (const fileId of [...new Set(fileIds)]) {
    const id = photoCheckId(fileId);
    const ref = deps.db.collection<PhotoCheck>(C.contentChecks).doc(id);
    const { data } = await ref.get();
    if (data[0]) continue;
    const fresh: PhotoCheck = { _id: id, kind: 'photo', fileId, authorId: author.personId, authorOpenid: author.openid, scene, state: 'pending', traceId: null, requestedAt: deps.now(), submits: 0, decidedAt: null, history: [] };
    const { _id, ...rest } = await submit(deps, fresh);
    void _id;
    await ref.set(rest);
  }
}

/** Records a verdict for a check still pending; answers whether it changed anything. */
async function decide(deps: Pick<Deps, 'db' | 'now'>, check: PhotoCheck, verdict: Verdict): Promise<PhotoCheck> {
  if (check.state !== 'pending') return check;
  const now = deps.now();
  await deps.db
    .collection<PhotoCheck>(C.contentChecks)
    .doc(check._id)
    .update({ state: verdict, decidedAt: now, history: deps.db.command.push({ at: now, what: verdict }) });
  return { ...check, state: verdict, decidedAt: now };
}

async function checksOf(deps: Pick<Deps, 'db'>, fileIds: readonly string[]): Promise<Map<string, PhotoCheck>> {
  const ids = [...new Set(fileIds.map(photoCheckId))];
  const out = new Map<string, PhotoCheck>();
  for (let i = 0; i < ids.length; i += 100) {
    const { data } = await deps.db
      .collection<PhotoCheck>(C.contentChecks)
      .where({ _id: deps.db.command.in(ids.slice(i, i + 100)) })
      .limit(100)
      .get();
    for (const c of data) out.set(c.fileId, c);
  }
  return out;
}

/** Asks the checker for the verdict of a pending check it can answer for (the stand-in), and records it. */
async function settle(deps: PhotoDeps, check: PhotoCheck): Promise<PhotoCheck> {
  if (check.state !== 'pending' || !check.traceId) return check;
  const verdict = await deps.content.photoVerdict({ traceId: check.traceId, requestedAt: check.requestedAt }, deps.now()).catch(() => null);
  return verdict ? decide(deps, check, verdict) : check;
}

/**
 * The photos as this viewer may see them: others only passed photos; the author also pending
 * ones (held: 审核中) and risky ones (held, no URL). Nothing unchecked ever reaches anyone else.
 */
export async function photoViews(deps: PhotoDeps, fileIds: readonly string[], viewerId: string | null): Promise<PhotoView[]> {
  if (fileIds.length === 0) return [];
  const checks = await checksOf(deps, fileIds);
  const out: PhotoView[] = [];
  for (const fileId of fileIds) {
    const found = checks.get(fileId);
    const check = found ? await settle(deps, found) : null;
    const seen = photoVisibility(check, viewerId);
    if (seen === 'hidden') continue;
    if (seen === 'risky') {
      out.push({ fileId, url: '', held: 'risky' });
      continue;
    }
    const url = await deps.files.url(fileId).catch(() => '');
    out.push(seen === 'pending' ? { fileId, url, held: 'pending' } : { fileId, url });
  }
  return out;
}

/** A verdict pushed by WeChat (`wxa_media_check`): applies it to the check with that trace id. */
export async function recordPushedVerdict(deps: Pick<Deps, 'db' | 'now'>, traceId: string, verdict: Verdict): Promise<{ recorded: boolean }> {
  const { data } = await deps.db.collection<PhotoCheck>(C.contentChecks).where({ traceId }).limit(1).get();
  const check = data[0];
  if (!check || check.state !== 'pending') return { recorded: false };
  await decide(deps, check, verdict);
  return { recorded: true };
}

/**
 * The straggler poll (timer): pending checks whose verdict the checker can give are settled;
 * ones never submitted, or without a verdict after PHOTO_RECHECK_AFTER_MS, are submitted again.
 */
export async function pollPhotoChecks(deps: PhotoDeps, limit = 100): Promise<{ settled: number; resubmitted: number }> {
  const { data } = await deps.db
    .collection<PhotoCheck>(C.contentChecks)
    .where({ state: 'pending' })
    .orderBy('requestedAt', 'asc')
    .limit(limit)
    .get();
  let settled = 0;
  let resubmitted = 0;
  const now = deps.now();
  for (const check of data) {
    const after = await settle(deps, check);
    if (after.state !== 'pending') {
      settled += 1;
      continue;
    }
    if (check.traceId && now - check.requestedAt < PHOTO_RECHECK_AFTER_MS) continue;
    const again = await submit(deps, check);
    await deps.db
      .collection<PhotoCheck>(C.contentChecks)
      .doc(check._id)
      .update({ traceId: again.traceId, requestedAt: again.requestedAt, submits: again.submits, history: deps.db.command.push(again.history[again.history.length - 1]) });
    resubmitted += 1;
  }
  return { settled, resubmitted };
}

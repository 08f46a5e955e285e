import type { ContentScene } from './scenes';

/**
 * A content check's verdict. WeChat answers `suggest: pass | review | risky`; only `risky` is
 * refused (text) or hidden (photos): `review` (疑似) passes, as WeChat's own guide leaves it to us.
 */
export type Verdict = 'pass' | 'risky';

export function verdictOf(suggest: unknown): Verdict {
  return suggest === 'risky' ? 'risky' : 'pass';
}

/** A photo waits for its asynchronous verdict (WeChat answers within about 30 minutes). */
export type PhotoCheckState = 'pending' | 'pass' | 'risky';

/** One `contentChecks` record per attached photo (id: photoCheckId(fileId)). */
export interface PhotoCheck {
  _id: string;
  kind: 'photo';
  fileId: string;
  /** The person who attached the photo: the only one who sees it before it passes. */
  authorId: string;
  /** The author's OPENID (WeChat checks media in the name of a user); server-side only. */
  authorOpenid: string | null;
  scene: ContentScene;
  state: PhotoCheckState;
  /** WeChat's trace id of the latest submission (secret: a pushed verdict must name it); null until submitted. */
  traceId: string | null;
  /** When the latest submission went out (or was attempted), for the straggler poll. */
  requestedAt: number;
  submits: number;
  decidedAt: number | null;
  history: { at: number; what: 'submitted' | 'submit_failed' | 'pass' | 'risky' }[];
}

/** The record's id for a file id (file ids may hold `/` and `:`). */
export function photoCheckId(fileId: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < fileId.length; i++) {
    const c = fileId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x5bd1e995) >>> 0;
  }
  return `ph-${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}-${fileId.length}`;
}

/** A photo as a viewer gets it: `held` only ever reaches the photo's author. */
export interface PhotoView {
  fileId: string;
  /** Empty when held as risky. */
  url: string;
  held?: 'pending' | 'risky';
}

export const HELD_MESSAGES: Record<'pending' | 'risky', string> = {
  pending: '审核中：照片通过内容安全审核后，其他人才能看到',
  risky: '这张照片未通过内容安全审核，其他人看不到，请更换照片',
};

/**
 * What a viewer may see of a photo: others only a passed photo; its author also a pending one
 * (shown as 审核中) and a risky one (no picture, the message). No record yet counts as pending:
 * nothing is ever shown to others unchecked.
 */
export function photoVisibility(check: Pick<PhotoCheck, 'state' | 'authorId'> | null, viewerId: string | null): 'show' | 'pending' | 'risky' | 'hidden' {
  const state = check?.state ?? 'pending';
  if (state === 'pass') return 'show';
  const author = check !== null && viewerId !== null && check.authorId === viewerId;
  if (!author) return 'hidden';
  return state;
}

/** After how long without a verdict a photo is submitted again (the straggler poll). */
export const PHOTO_RECHECK_AFTER_MS = 60 * 60 * 1000;

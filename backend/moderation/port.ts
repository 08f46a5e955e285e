import type { ContentScene, Verdict } from '@domain/moderation';

/** The checker could not give a verdict (WeChat unreachable, quota, a bad answer). */
export class ContentCheckUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContentCheckUnavailable';
  }
}

/**
 * Content security (WeChat's msgSecCheck and mediaCheckAsync in production, a stand-in locally).
 * Text is judged at once; a photo is submitted and its verdict arrives later — pushed to the jobs
 * function in production, asked for (`photoVerdict`) by the stand-in.
 */
export interface ContentChecker {
  /** One verdict for all the texts; throws ContentCheckUnavailable when no verdict can be had. */
  checkText(req: { texts: string[]; scene: ContentScene; openid: string | null }): Promise<Verdict>;
  /** Submits a photo for the asynchronous check; throws ContentCheckUnavailable when it cannot. */
  submitPhoto(req: { fileId: string; url: string; scene: ContentScene; openid: string | null }): Promise<{ traceId: string }>;
  /** The verdict of a submission if this checker can be asked for it (null: not yet, or it is pushed). */
  photoVerdict(req: { traceId: string; requestedAt: number }, now: number): Promise<Verdict | null>;
}

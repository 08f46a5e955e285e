import type { Verdict } from '@domain/moderation';
import { ContentCheckUnavailable, type ContentChecker } from './port';

/** The word that always makes a text risky locally (tests and the demo use it). */
export const RISKY_TEST_WORD = '违规测试';

export interface StandinOptions {
  /** Extra words that make a text risky. */
  riskyWords?: string[];
  /** Every photo's verdict is risky. */
  riskyPhotos?: boolean;
  /** The checker is down: every text and photo submission fails. */
  down?: boolean;
  /** How long after its submission a photo's verdict is known. */
  photoDelayMs?: number;
}

/** Local switches: XIANGYUE_CONTENT_RISKY_WORDS (comma-separated), XIANGYUE_CONTENT_RISKY_PHOTOS=1, XIANGYUE_CONTENT_CHECK=down, XIANGYUE_CONTENT_PHOTO_DELAY_MS (default 0: the verdict is there at the first look, after the record went through pending). */
export function standinOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): StandinOptions {
  const delay = Number(env.XIANGYUE_CONTENT_PHOTO_DELAY_MS);
  return {
    riskyWords: (env.XIANGYUE_CONTENT_RISKY_WORDS ?? '').split(/[,，]/).map((w) => w.trim()).filter(Boolean),
    riskyPhotos: env.XIANGYUE_CONTENT_RISKY_PHOTOS === '1',
    down: env.XIANGYUE_CONTENT_CHECK === 'down',
    photoDelayMs: env.XIANGYUE_CONTENT_PHOTO_DELAY_MS !== undefined && Number.isFinite(delay) && delay >= 0 ? delay : 0,
  };
}

/**
 * The stand-in checker: a text holding 违规测试 (or a configured word) is risky; photos pass (or
 * are all risky) `photoDelayMs` after submission. Options are read on every call, so a test can
 * flip them on a live checker.
 */
export function standinChecker(options: StandinOptions | (() => StandinOptions) = standinOptionsFromEnv): ContentChecker {
  const opts = typeof options === 'function' ? options : () => options;
  let seq = 0;
  return {
    async checkText({ texts }) {
      const o = opts();
      if (o.down) throw new ContentCheckUnavailable('content check is down (XIANGYUE_CONTENT_CHECK=down)');
      const words = [RISKY_TEST_WORD, ...(o.riskyWords ?? [])];
      return texts.some((t) => words.some((w) => t.includes(w))) ? 'risky' : 'pass';
    },
    async submitPhoto() {
      if (opts().down) throw new ContentCheckUnavailable('content check is down (XIANGYUE_CONTENT_CHECK=down)');
      seq += 1;
      return { traceId: `standin-${Date.now().toString(36)}-${seq}` };
    },
    async photoVerdict({ requestedAt }, now): Promise<Verdict | null> {
      const o = opts();
      if (o.down) return null;
      if (now < requestedAt + (o.photoDelayMs ?? 0)) return null;
      return o.riskyPhotos ? 'risky' : 'pass';
    },
  };
}

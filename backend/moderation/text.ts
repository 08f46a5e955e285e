import type { ContentScene } from '@domain/moderation';
import { DomainError } from '@domain/shared/errors';
import type { Deps } from '../runtime/deps';
import { ContentCheckUnavailable } from './port';

/**
 * Text another person will see is checked before anything is read or written: risky →
 * CONTENT_RISKY, no verdict → CONTENT_CHECK_UNAVAILABLE (never published unchecked).
 */
export async function assertTextsClean(deps: Pick<Deps, 'content'>, scene: ContentScene, texts: readonly (string | null | undefined)[], openid: string | null): Promise<void> {
  const present = texts.filter((t): t is string => typeof t === 'string' && t.trim() !== '');
  if (present.length === 0) return;
  let verdict;
  try {
    verdict = await deps.content.checkText({ texts: present, scene, openid });
  } catch (e) {
    if (e instanceof ContentCheckUnavailable) {
      console.error('[xiangyue] text content check unavailable', e.message);
      throw new DomainError('CONTENT_CHECK_UNAVAILABLE');
    }
    throw e;
  }
  if (verdict === 'risky') throw new DomainError('CONTENT_RISKY');
}

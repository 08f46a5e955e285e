import { randomBytes } from 'node:crypto';
import type { Database } from '@backend/db/types';
import type { Deps } from '@backend/runtime/deps';
import { localDiskFileStore } from '@backend/files/localDisk';
import { fileSecretFromEnv } from '@backend/files/signing';
import { standinChecker } from '@backend/moderation/standin';
import { recordingPush, templatesFromEnv } from '@backend/notices/push';
import type { TemplateKey } from '@domain/notices/subscribe';

/**
 * Locally every template has a stand-in id (unless XIANGYUE_TEMPLATE_* name real ones), so the
 * subscription asks, grants and the outbox run as deployed; the sender only records in `pushLog`.
 */
export const LOCAL_TEMPLATES: Record<TemplateKey, string> = { review_result: 'local-review-result', todo: 'local-todo', objection_result: 'local-objection-result' };

/** Dependencies for the local runtime and tests: real clock and ids unless a test fixes them. */
export function localDeps(db: Database, filesDir: string, overrides: Partial<Deps> = {}): Deps {
  const deps: Deps = {
    db,
    files: localDiskFileStore(filesDir, { secret: fileSecretFromEnv() }),
    content: standinChecker(),
    now: () => Date.now(),
    newId: () => randomBytes(16).toString('hex'),
    ...overrides,
  };
  if (!('push' in overrides)) deps.push = recordingPush(db, () => deps.now(), { ...LOCAL_TEMPLATES, ...templatesFromEnv(process.env) });
  return deps;
}

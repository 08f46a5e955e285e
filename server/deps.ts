import { randomBytes } from 'node:crypto';
import type { Database } from '@backend/db/types';
import type { Deps } from '@backend/runtime/deps';
import { localDiskFileStore } from '@backend/files/localDisk';
import { fileSecretFromEnv } from '@backend/files/signing';
import { standinChecker } from '@backend/moderation/standin';

/** Dependencies for the local runtime and tests: real clock and ids unless a test fixes them. */
export function localDeps(db: Database, filesDir: string, overrides: Partial<Deps> = {}): Deps {
  return {
    db,
    files: localDiskFileStore(filesDir, { secret: fileSecretFromEnv() }),
    content: standinChecker(),
    now: () => Date.now(),
    newId: () => randomBytes(16).toString('hex'),
    ...overrides,
  };
}

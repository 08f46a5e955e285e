import { DomainError } from '@domain/shared/errors';
import type { Person } from '@domain/org/types';
import type { Database } from '../db/types';
import { orgRepo } from '../repos/org';
import type { FileFacts } from './port';

/**
 * Every file a use case is about to attach must have been uploaded by the caller: the upload's
 * OPENID is bound to the same person. A file of unknown owner, or another person's (another
 * household's), is refused with PHOTO_NOT_OWN before anything is written.
 */
export async function assertOwnFiles(db: Database, person: Person, facts: readonly FileFacts[], message?: string): Promise<void> {
  const owners = [...new Set(facts.map((f) => f.owner))];
  for (const owner of owners) {
    if (owner === null) throw new DomainError('PHOTO_NOT_OWN', message);
    const uploader = await orgRepo.personByOpenid(db, owner);
    if (!uploader || uploader._id !== person._id) throw new DomainError('PHOTO_NOT_OWN', message);
  }
}

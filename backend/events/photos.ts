import { DomainError } from '@domain/shared/errors';
import type { VillagePolicy } from '@domain/org/policy';
import type { Person } from '@domain/org/types';
import { assertPhotos } from '@domain/points/submitRules';
import type { Database } from '../db/types';
import type { FileFacts, FileStore } from '../files/port';
import { assertOwnFiles } from '../files/ownership';

/**
 * Photos of an event or a patrol are checked like deed evidence: uploaded, distinct, real
 * images, small enough, and uploaded by the person attaching them.
 */
export async function checkPhotos(files: FileStore, photos: readonly string[], policy: VillagePolicy, db: Database, person: Person): Promise<void> {
  if (photos.length > policy.maxPhotos) throw new DomainError('TOO_MANY_PHOTOS', `最多上传 ${policy.maxPhotos} 张照片`);
  if (new Set(photos).size !== photos.length) throw new DomainError('BAD_INPUT', '同一张照片不能重复上传');
  const facts = await Promise.all(photos.map((f) => files.facts(f)));
  if (facts.some((f) => f === null)) throw new DomainError('BAD_INPUT', '照片未上传成功，请重新选择');
  assertPhotos(facts as FileFacts[], policy);
  await assertOwnFiles(db, person, facts as FileFacts[]);
}

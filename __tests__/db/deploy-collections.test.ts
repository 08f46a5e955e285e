/**
 * CloudBase refuses every call on a collection that does not exist
 * (DATABASE_COLLECTION_NOT_EXIST), and a deploy creates exactly the collections named in
 * backend/db/indexes.ts (README, "Build for WeChat and deploy to CloudBase", step 3). So every
 * collection the repos use must be named there. Checked in the CloudBase-faithful run
 * (npm run test:cloudbase); PostgreSQL creates tables on first use and never notices.
 */
import { INDEXES, indexedCollections } from '@backend/db/indexes';
import { C } from '@backend/repos/collections';
import { cloudbaseMode } from '../support/harness';

(cloudbaseMode() ? describe : describe.skip)('collections a CloudBase deploy creates', () => {
  it('include every collection the repos use', () => {
    const created = new Set(indexedCollections(INDEXES));
    expect(Object.values(C).filter((name) => !created.has(name))).toEqual([]);
  });
});

/**
 * Going live on CloudBase's semantics: `npm run setup -- --cloudbase` runs `createTown` through
 * the production binding (the real node SDK, here pointed at the local stand-in), and the first
 * town admin claims the code through the org function on the same engine.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStandinDatabase, type OpenedStandin } from '@backend/db/standin';
import { C } from '@backend/repos/collections';
import { createTown } from '@backend/onboarding/town';
import { dispatch } from '@backend/runtime/handler';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { localDeps } from '../../server/deps';

jest.setTimeout(120_000);

let opened: OpenedStandin;
beforeAll(async () => {
  opened = await openStandinDatabase({ collections: Object.values(C) });
});
afterAll(() => opened.close());

it('setup creates the town and its claim code; a new WeChat user claims it; the code is spent', async () => {
  const deps = localDeps(opened.db, mkdtempSync(join(tmpdir(), 'xy-setup-')));
  const { town, claim } = await createTown(deps, '云上镇');
  const first = await dispatch(FUNCTIONS.org, { action: 'claim', code: claim.code, name: '王镇长' }, { openid: 'wx-cloud-admin' }, deps);
  expect(first).toEqual({ ok: true, data: { kind: 'town_admin', townId: town._id, villageId: null } });
  const me = await dispatch(FUNCTIONS.identity, { action: 'whoami' }, { openid: 'wx-cloud-admin' }, deps);
  expect(me).toMatchObject({ ok: true, data: { roles: [{ role: 'town_admin', scopeId: town._id }] } });
  const again = await dispatch(FUNCTIONS.org, { action: 'claim', code: claim.code, name: '李四' }, { openid: 'wx-cloud-other' }, deps);
  expect(again).toMatchObject({ ok: false, code: 'CLAIM_USED' });
});

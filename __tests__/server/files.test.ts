/**
 * Evidence files: URLs are signed and expire, only a registered person uploads, and every use
 * case that attaches files accepts only the caller's own uploads (PHOTO_NOT_OWN otherwise,
 * nothing written).
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { C } from '@backend/repos/collections';
import { localDiskFileStore } from '@backend/files/localDisk';
import { cloudbaseFileStore, cloudOwnerOf } from '@backend/files/cloudbaseStorage';
import { ownedCloudPath } from '@domain/shared/files';
import { createLocalServer } from '../../server/app';
import { JPEG, openHarness, upload, type Harness } from '../support/harness';
import { ADMIN, OTHER_HOUSEHOLD, STRANGER, VILLAGER, WORKER_G1 } from '../support/people';
import { expectRefused } from '../support/refusals';
import { Q, closeMonths } from '../functions/publicity.fixture';
import { portOf } from './rawHttp';

let h: Harness;
const servers: Server[] = [];

async function start(deps: Harness['deps'], demo = true): Promise<string> {
  const server = createLocalServer({ deps, demo, staticDir: null, filesDir: h.filesDir });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${portOf(server)}`;
}

function form(bytes: Uint8Array): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([Uint8Array.from(bytes)]), 'photo.jpg');
  return fd;
}

let base: string;
beforeAll(async () => {
  h = await openHarness();
  base = await start(h.deps);
}, 60_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await h?.close();
});

describe('file URLs are signed and expire', () => {
  it('an upload answers a signed URL that serves the bytes; the bare, tampered or re-dated URL is refused', async () => {
    const up = await (await fetch(`${base}/api/files`, { method: 'POST', headers: { 'x-openid': VILLAGER }, body: form(JPEG) })).json();
    expect(up).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^local\/[0-9a-f]{32}$/), url: expect.stringMatching(/^\/api\/files\/[0-9a-f]{32}\?exp=\d+&sig=[A-Za-z0-9_-]{43}$/) } });
    const url = up.data.url as string;
    const ok = await fetch(`${base}${url}`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(JPEG);

    const hex = /\/api\/files\/([0-9a-f]{32})/.exec(url)![1];
    const exp = Number(/exp=(\d+)/.exec(url)![1]);
    const sig = /sig=([A-Za-z0-9_-]+)/.exec(url)![1];
    const flipped = sig.slice(0, -1) + (sig.endsWith('A') ? 'B' : 'A');
    for (const bad of [
      `/api/files/${hex}`,
      `/api/files/${hex}?exp=${exp}`,
      `/api/files/${hex}?exp=${exp}&sig=${flipped}`,
      `/api/files/${hex}?exp=${exp + 3600}&sig=${sig}`,
      `/api/files/${hex}?exp=abc&sig=${sig}`,
      `/api/files/${hex}?exp=${exp}&sig=${sig}x`,
    ]) {
      const r = await fetch(`${base}${bad}`);
      expect(r.status).toBe(403);
      expect(await r.json()).toMatchObject({ ok: false, code: 'FORBIDDEN', message: expect.stringMatching(/过期/) });
    }
    // Another file's signature does not open this one.
    const other = await (await fetch(`${base}/api/files`, { method: 'POST', headers: { 'x-openid': VILLAGER }, body: form(JPEG) })).json();
    const otherQuery = (other.data.url as string).split('?')[1];
    expect((await fetch(`${base}/api/files/${hex}?${otherQuery}`)).status).toBe(403);
  });

  it('a URL stops working once it expires', async () => {
    let t = Date.now();
    const secret = randomBytes(32);
    const store = localDiskFileStore(h.filesDir, { secret, ttlSeconds: 60, clock: () => t });
    const url = await start({ ...h.deps, files: store });
    const fileId = await store.put(JPEG, VILLAGER);
    const path = await store.url(fileId);
    expect((await fetch(`${url}${path}`)).status).toBe(200);
    t += 59_000;
    expect((await fetch(`${url}${path}`)).status).toBe(200);
    t += 2_000;
    expect((await fetch(`${url}${path}`)).status).toBe(403);
    // A fresh URL for the same file works again.
    expect((await fetch(`${url}${await store.url(fileId)}`)).status).toBe(200);
  });

  it('a URL signed by another server secret is refused; an unknown file with a valid signature is 404', async () => {
    const t = Date.now();
    const mine = localDiskFileStore(h.filesDir, { secret: randomBytes(32), clock: () => t });
    const url = await start({ ...h.deps, files: mine });
    const foreign = localDiskFileStore(h.filesDir, { secret: randomBytes(32), clock: () => t });
    const fileId = await mine.put(JPEG, VILLAGER);
    expect((await fetch(`${url}${await foreign.url(fileId)}`)).status).toBe(403);
    expect((await fetch(`${url}${await mine.url(`local/${'0'.repeat(32)}`)}`)).status).toBe(404);
  });

  it('CloudBase URLs are its temporary URLs, asked for with a short maxAge', async () => {
    const asked: unknown[] = [];
    const store = cloudbaseFileStore(
      {
        uploadFile: async () => Promise.reject(new Error('not here')),
        downloadFile: async () => ({ fileContent: JPEG }),
        getTempFileURL: async ({ fileList }) => {
          asked.push(...fileList);
          return { fileList: [{ fileID: 'x', tempFileURL: 'https://tmp.example/x?sign=abc&t=1' }] };
        },
        deleteFile: async () => Promise.reject(new Error('not here')),
      },
      600,
    );
    expect(await store.url('cloud://env-1/evidence/oPENID123/a.jpg')).toBe('https://tmp.example/x?sign=abc&t=1');
    expect(asked).toEqual([{ fileID: 'cloud://env-1/evidence/oPENID123/a.jpg', maxAge: 600 }]);
    expect(await store.facts('cloud://env-1/evidence/oPENID123/a.jpg')).toMatchObject({ mime: 'image/jpeg', owner: 'oPENID123' });
  });

  it('a CloudBase export goes under exports/<place>/<requester>/ and only such a path names its owner', async () => {
    const uploaded: { cloudPath: string; size: number }[] = [];
    const deleted: string[] = [];
    const store = cloudbaseFileStore({
      uploadFile: async ({ cloudPath, fileContent }) => {
        uploaded.push({ cloudPath, size: fileContent.byteLength });
        return { fileID: `cloud://env-1.abcd/${cloudPath}` };
      },
      downloadFile: async () => ({}),
      getTempFileURL: async () => ({ fileList: [] }),
      deleteFile: async ({ fileList }) => deleted.push(...fileList),
    });
    const fileId = await store.putExport(new Uint8Array(5), { scopeId: 'v-qingshan', personId: 'p-admin-1' }, 'xlsx');
    // Deleting is for stored exports only: a photo's id is refused.
    await store.deleteExport(fileId);
    expect(deleted).toEqual([fileId]);
    await expect(store.deleteExport('cloud://env-1.abcd/evidence/oAbc_123-xyz/1700-abc.jpg')).rejects.toThrow();
    expect(uploaded).toEqual([{ cloudPath: expect.stringMatching(/^exports\/v-qingshan\/p-admin-1\/[0-9a-f]{24}\.xlsx$/), size: 5 }]);
    expect(await store.exportOwner(fileId)).toEqual({ scopeId: 'v-qingshan', personId: 'p-admin-1' });
    // A photo, a path with ../ or without its requester is nobody's export.
    expect(await store.exportOwner('cloud://env-1.abcd/evidence/oAbc_123-xyz/1700-abc.jpg')).toBeNull();
    expect(await store.exportOwner('cloud://env-1.abcd/exports/v-qingshan/../p-admin-1/a.xlsx')).toBeNull();
    expect(await store.exportOwner('cloud://env-1.abcd/exports/v-qingshan/a.xlsx')).toBeNull();
    await expect(store.putExport(new Uint8Array(1), { scopeId: '../x', personId: 'p' }, 'pdf')).rejects.toThrow();
  });

  it('a CloudBase file has an owner only under <folder>/<OPENID>/<name>', () => {
    expect(cloudOwnerOf('cloud://env-1.abcd/evidence/oAbc_123-xyz/1700-abc.jpg')).toBe('oAbc_123-xyz');
    // The path the mini-program uploads to (transport.weapp.ts) names its uploader.
    expect(cloudOwnerOf(`cloud://env-1.abcd/${ownedCloudPath('evidence', 'oAbc_123-xyz', '1700-abc.jpg')}`)).toBe('oAbc_123-xyz');
    expect(cloudOwnerOf('cloud://env-1.abcd/evidence/1700-abc.jpg')).toBeNull();
    expect(cloudOwnerOf('cloud://env-1.abcd/evidence/../x/a.jpg')).toBeNull();
    expect(cloudOwnerOf('cloud://env-1.abcd/evidence/a/b/c.jpg')).toBeNull();
    expect(cloudOwnerOf('local/0123')).toBeNull();
  });
});

describe('only a registered person uploads', () => {
  const files = () => (existsSync(h.filesDir) ? readdirSync(h.filesDir).length : 0);

  it.each([
    ['an identity nobody registered', STRANGER],
    ['an empty identity', ''],
    ['an over-long identity', 'x'.repeat(200)],
  ])('%s gets 401 NOT_REGISTERED and nothing is stored', async (_name, openid) => {
    const before = files();
    const r = await fetch(`${base}/api/files`, { method: 'POST', headers: openid ? { 'x-openid': openid } : {}, body: form(JPEG) });
    expect(r.status).toBe(401);
    expect(await r.json()).toMatchObject({ ok: false, code: 'NOT_REGISTERED', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
    expect(files()).toBe(before);
  });

  it('outside demo mode nobody uploads through the local server', async () => {
    const prod = await start(h.deps, false);
    const r = await fetch(`${prod}/api/files`, { method: 'POST', headers: { 'x-openid': VILLAGER }, body: form(JPEG) });
    expect(r.status).toBe(401);
  });
});

describe('a use case attaches only the caller’s own uploads', () => {
  let seq = 0;
  const rid = () => `own-${Date.now().toString(36)}-${++seq}`;
  const deed = (photos: string[]) => ({ requestId: rid(), itemCode: 'PV-05', deedDate: '2026-11-18', place: '村委会', description: '志愿服务', photos });
  const everything = async () => {
    const parts: number[] = [];
    for (const c of [C.applications, C.capCounters, C.gridEvents, C.patrols, C.goods, C.objections]) parts.push(await h.count(c));
    return parts;
  };
  async function refusedNothingWritten(call: () => Promise<{ ok: boolean; code?: string; message?: string }>): Promise<void> {
    const before = await everything();
    const r = await call();
    expectRefused(r, 'PHOTO_NOT_OWN', /本人上传/);
    expect(await everything()).toEqual(before);
  }
  /** A file on disk whose uploader is unknown (no owner record). */
  function ownerless(): string {
    const hex = randomBytes(16).toString('hex');
    writeFileSync(join(h.filesDir, hex), JPEG);
    return `local/${hex}`;
  }

  it('points.submit: another household’s photo, or one of unknown owner, is refused; one’s own is accepted', async () => {
    const theirs = await upload(h, JPEG, OTHER_HOUSEHOLD);
    await refusedNothingWritten(() => h.call(VILLAGER, 'points', 'submit', deed([theirs])));
    const mine = await upload(h, JPEG, VILLAGER);
    await refusedNothingWritten(() => h.call(VILLAGER, 'points', 'submit', deed([mine, theirs])));
    await refusedNothingWritten(() => h.call(VILLAGER, 'points', 'submit', deed([ownerless()])));
    expect(await h.ok(VILLAGER, 'points', 'submit', deed([mine]))).toMatchObject({ photos: [{ fileId: mine }] });
  });

  it('points.submitOnBehalf: the grid worker may attach only photos they uploaded, not the household’s', async () => {
    const villagers = await upload(h, JPEG, VILLAGER);
    await refusedNothingWritten(() => h.call(WORKER_G1, 'points', 'submitOnBehalf', { ...deed([villagers]), householdId: 'h-qs-1-05' }));
    const own = await upload(h, JPEG, WORKER_G1);
    expect(await h.ok(WORKER_G1, 'points', 'submitOnBehalf', { ...deed([own]), householdId: 'h-qs-1-05' })).toMatchObject({ householdId: 'h-qs-1-05' });
  });

  it('events.report (随手拍) and patrol.record refuse someone else’s photo', async () => {
    const theirs = await upload(h, JPEG, OTHER_HOUSEHOLD);
    const report = { requestId: rid(), category: 'hazard', place: '一组村道桥头', description: '桥头护栏松动，晚上有人路过很危险', photos: [theirs] };
    await refusedNothingWritten(() => h.call(VILLAGER, 'events', 'report', report as never));
    await refusedNothingWritten(() => h.call(WORKER_G1, 'patrol', 'record', { requestId: rid(), place: '一组村口桥头', findings: '桥面完好', photos: [theirs] } as never));
    const mine = await upload(h, JPEG, VILLAGER);
    expect(await h.ok(VILLAGER, 'events', 'report', { ...report, requestId: rid(), photos: [mine] } as never)).toMatchObject({ status: 'open' });
  });

  it('shop.saveGoods refuses a goods photo the admin did not upload', async () => {
    const theirs = await upload(h, JPEG, VILLAGER);
    const before = await everything();
    expectRefused(await h.call(ADMIN, 'shop', 'saveGoods', { name: '借图商品', price: 5, photo: theirs }), 'PHOTO_NOT_OWN', /商品照片.*本人上传/);
    expect(await everything()).toEqual(before);
  });

  it('publicity.object refuses another household’s photo as evidence', async () => {
    await closeMonths(h.db, 'v-qingshan');
    await h.ok(ADMIN, 'publicity', 'open', { quarter: Q });
    const theirs = await upload(h, JPEG, VILLAGER);
    const input = { requestId: rid(), quarter: Q, householdId: 'h-qs-1-03', reason: '七月的志愿服务漏记了 5 分', photos: [theirs] };
    await refusedNothingWritten(() => h.call(OTHER_HOUSEHOLD, 'publicity', 'object', input));
    const mine = await upload(h, JPEG, OTHER_HOUSEHOLD);
    expect(await h.ok(OTHER_HOUSEHOLD, 'publicity', 'object', { ...input, requestId: rid(), photos: [mine] })).toMatchObject({ status: 'open' });
  });
});

import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createLocalServer } from '../../server/app';
import { JPEG, openHarness, PDF, type Harness } from '../support/harness';

let h: Harness;
const servers: Server[] = [];

async function start(demo: boolean): Promise<string> {
  const server = createLocalServer({ deps: h.deps, demo, staticDir: null, filesDir: h.filesDir });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function form(bytes: Uint8Array, name = 'photo.jpg'): FormData {
  const fd = new FormData();
  fd.append('file', new Blob([Uint8Array.from(bytes)]), name);
  return fd;
}

let demoUrl: string;
let prodUrl: string;
beforeAll(async () => {
  h = await openHarness();
  demoUrl = await start(true);
  prodUrl = await start(false);
}, 60_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await h?.close();
});

describe('local server', () => {
  it('health answers', async () => {
    expect(await (await fetch(`${demoUrl}/api/health`)).json()).toEqual({ ok: true, data: { status: 'up', demo: true } });
  });

  it('demo mode lists the demo identities with their roles; outside demo mode there are none', async () => {
    const body = await (await fetch(`${demoUrl}/api/demo/identities`)).json();
    const ids = body.data.identities as { openid: string; summary: string; roles: { role: string }[] }[];
    expect(ids.length).toBeGreaterThanOrEqual(30);
    const roles = new Set(ids.flatMap((i) => i.roles.map((r) => r.role)));
    for (const r of ['villager', 'household_head', 'grid_worker', 'grid_leader', 'reviewer', 'supervisor', 'village_admin', 'town_admin', 'shop_clerk']) {
      expect(roles).toContain(r);
    }
    expect(ids.find((i) => i.openid === 'demo-gridworker-1-1')?.summary).toContain('网格员');
    expect((await fetch(`${prodUrl}/api/demo/identities`)).status).toBe(404);
  });

  it('hosts the cloud functions; X-Openid is the identity in demo mode only', async () => {
    const call = (base: string) =>
      fetch(`${base}/api/functions/identity`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': 'demo-villager-1' },
        body: JSON.stringify({ action: 'whoami' }),
      }).then((r) => r.json());
    expect((await call(demoUrl)).data.household.id).toBe('h-qs-1-03');
    expect(await call(prodUrl)).toMatchObject({ ok: false, code: 'NOT_REGISTERED' });
  });

  it('rejects malformed requests with a Chinese message', async () => {
    const bad = await fetch(`${demoUrl}/api/functions/points`, { method: 'POST', body: '{not json' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ ok: false, code: 'BAD_INPUT', message: '请求格式不正确' });
    expect((await fetch(`${demoUrl}/api/functions/nothing`, { method: 'POST', body: '{}' })).status).toBe(404);
  });

  it('stores an uploaded photo and serves it back; refuses non-images, oversized files and strangers', async () => {
    const up = await fetch(`${demoUrl}/api/files`, { method: 'POST', headers: { 'x-openid': 'demo-villager-1' }, body: form(JPEG) });
    const res = await up.json();
    expect(res).toMatchObject({ ok: true, data: { fileId: expect.stringMatching(/^local\//), url: expect.stringMatching(/^\/api\/files\//) } });
    const back = await fetch(`${demoUrl}${res.data.url}`);
    expect(back.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await back.arrayBuffer())).toEqual(JPEG);

    const pdf = await (await fetch(`${demoUrl}/api/files`, { method: 'POST', headers: { 'x-openid': 'demo-villager-1' }, body: form(PDF, 'x.jpg') })).json();
    expect(pdf).toMatchObject({ ok: false, code: 'PHOTO_NOT_IMAGE' });
    const big = new Uint8Array(2 * 1024 * 1024 + 10);
    big.set(JPEG.subarray(0, 4));
    const tooBig = await fetch(`${demoUrl}/api/files`, { method: 'POST', headers: { 'x-openid': 'demo-villager-1' }, body: form(big) });
    expect(tooBig.status).toBe(413);
    expect(await tooBig.json()).toMatchObject({ ok: false, code: 'PHOTO_TOO_LARGE' });
    const anon = await fetch(`${prodUrl}/api/files`, { method: 'POST', body: form(JPEG) });
    expect(anon.status).toBe(401);
  });
});

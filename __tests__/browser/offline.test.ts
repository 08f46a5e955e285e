/**
 * Weak networks in the real H5 build: the phone goes offline, a deed is submitted and shows
 * 待发送; back online, it is sent again with the same requestId and lands exactly once.
 * Screenshots: .artifacts/browser/offline/.
 */
import { actAs, openBrowserApp, shot, visible, type BrowserApp } from '../support/browserApp';

let app: BrowserApp;
beforeAll(async () => {
  app = await openBrowserApp('offline');
}, 120_000);
afterAll(async () => app?.close());

const STORY = '断网时提交：调解了两家的宅基地纠纷';
const landed = async () => (await app.h.ok('demo-villager-1', 'points', 'mine', {})).items.filter((a) => a.description === STORY).length;

test('offline: submit shows 待发送; back online it lands once', async () => {
  const context = await app.browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  try {
    await actAs(app, page, 'demo-villager-1', '户积分');
    await visible(page, /^申报$/).click();
    await page.locator('.submit__category', { hasText: '公益美德类' }).click();
    await page.locator('.submit__item', { hasText: '参与志愿者服务活动' }).click();
    await page.locator('.van-field input').first().fill('一组晒场');
    await page.locator('.van-field textarea').first().fill(STORY);
    // A photo chosen on the phone: offline it cannot go up either, so it waits with the deed.
    const photo = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: 200, height: 150 } });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([{ name: 'evidence.png', mimeType: 'image/png', buffer: photo }]);
    await page.locator('.photos img, .photos .taro-img').first().waitFor();

    await context.setOffline(true);
    await page.locator('.van-button', { hasText: '提交申报' }).locator('visible=true').first().click();
    // 待发送 on the form itself (another page may not load while offline).
    await page.locator('.outbox__item', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().waitFor();
    await expect(page.locator('.outbox__state').locator('visible=true').first().textContent()).resolves.toBe('待发送');
    await shot(app, page, '01-pending');
    expect(await landed()).toBe(0);

    await context.setOffline(false);
    // Retried with backoff (or at once when the browser says it is online again): it lands.
    await page.locator('.outbox__item', { hasText: '参与志愿者服务活动' }).locator('visible=true').first().waitFor({ state: 'detached', timeout: 30_000 });
    for (let i = 0; i < 20 && (await landed()) === 0; i++) await page.waitForTimeout(500);
    expect(await landed()).toBe(1);
    const [deed] = (await app.h.ok('demo-villager-1', 'points', 'mine', {})).items.filter((a) => a.description === STORY);
    expect(deed.photos).toHaveLength(1);
    await page.waitForTimeout(4_000);
    expect(await landed()).toBe(1);
    await shot(app, page, '02-landed');
  } catch (e) {
    await shot(app, page, '99-failure');
    throw e;
  }
}, 120_000);

test('a large photo goes up compressed to ≤ 300 KB', async () => {
  const page = await (await app.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  try {
    await actAs(app, page, 'demo-villager-b-1', '户积分');
    // A 1600 × 1200 photo of noise: several MB as PNG, the worst case for a JPEG encoder.
    const big = Buffer.from(
      await page.evaluate(() => {
        const c = document.createElement('canvas');
        c.width = 1600;
        c.height = 1200;
        const ctx = c.getContext('2d') as CanvasRenderingContext2D;
        const img = ctx.createImageData(c.width, c.height);
        for (let i = 0; i < img.data.length; i++) img.data[i] = i % 4 === 3 ? 255 : Math.floor(Math.random() * 256);
        ctx.putImageData(img, 0, 0);
        return c.toDataURL('image/png').split(',')[1];
      }),
      'base64',
    );
    expect(big.length).toBeGreaterThan(1024 * 1024);
    await visible(page, /^申报$/).click();
    await page.locator('.submit__category', { hasText: '公益美德类' }).click();
    await page.locator('.submit__item', { hasText: '参与志愿者服务活动' }).click();
    await page.locator('.van-field input').first().fill('村委会广场');
    await page.locator('.van-field textarea').first().fill('大照片：敬老院志愿服务');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.locator('.photos__add').click()]);
    await chooser.setFiles([{ name: 'big.png', mimeType: 'image/png', buffer: big }]);
    await page.locator('.photos img, .photos .taro-img').first().waitFor();
    await page.locator('.van-button', { hasText: '提交申报' }).locator('visible=true').first().click();
    await visible(page, '申报已提交').waitFor({ timeout: 60_000 });
    const [mine] = (await app.h.ok('demo-villager-b-1', 'points', 'mine', {})).items.filter((a) => a.description === '大照片：敬老院志愿服务');
    const bytes = (await (await fetch(`${app.base}${mine.photos[0].url}`, { headers: { 'X-Openid': 'demo-villager-b-1' } })).arrayBuffer()).byteLength;
    expect(bytes).toBeGreaterThan(1000);
    expect(bytes).toBeLessThanOrEqual(300 * 1024);
  } catch (e) {
    await shot(app, page, '99-large-photo-failure');
    throw e;
  }
}, 120_000);

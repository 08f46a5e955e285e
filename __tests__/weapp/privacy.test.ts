/**
 * Privacy in the real weapp build: 我的申报 links 隐私说明; WeChat's privacy prompt
 * (wx.onNeedPrivacyAuthorization, registered at launch) opens pages/privacy?ask=1, where the
 * person agrees with the agreePrivacyAuthorization button (WeChat gets the button's id) or
 * declines. Requires `npm run build:weapp` first (npm test does it).
 */
import { PRIVACY_SECTIONS, PRIVACY_TITLE } from '../../src/constants/privacy';
import { assertBuilt, closePages, cloud, fireWxEvent, renderPage, settle, tapText, textOf } from './miniprogram';

assertBuilt();

type WxMock = Record<string, (o: Record<string, unknown>) => unknown>;
type Resolve = (r: Record<string, unknown>) => void;

let prompt: ((resolve: Resolve) => void) | null = null;
let navigations: string[] = [];

beforeAll(() => {
  // miniprogram-simulate defines `wx`; the app registers its privacy handler when dist/app.js loads.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('miniprogram-simulate');
  const wx = (globalThis as unknown as { wx: WxMock & { onNeedPrivacyAuthorization?: unknown } }).wx;
  wx.onNeedPrivacyAuthorization = (cb: (resolve: Resolve) => void) => {
    prompt = cb;
  };
});

beforeEach(() => {
  navigations = [];
  cloud.backend = (name, data) =>
    name === 'points' && data.action === 'mine' ? { ok: true, data: { items: [] } } : { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
});

afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

function spyNavigation(): void {
  const wx = (globalThis as unknown as { wx: WxMock }).wx;
  for (const api of ['navigateTo', 'navigateBack']) {
    jest.spyOn(wx, api).mockImplementation((o: Record<string, unknown> = {}) => {
      navigations.push(`${api}:${String(o.url ?? '')}`);
      return undefined;
    });
  }
}

it('我的申报 links the privacy page, which shows the policy', async () => {
  const mine = renderPage('pages/mine/index');
  await settle();
  spyNavigation();
  tapText(mine, '隐私说明');
  await settle();
  expect(navigations).toEqual(['navigateTo:/pages/privacy/index']);
  const page = renderPage('pages/privacy/index');
  await settle();
  const text = textOf(page);
  expect(text).toContain(PRIVACY_TITLE);
  for (const s of PRIVACY_SECTIONS) expect(text).toContain(s.title);
  expect(text).not.toContain('同意并继续'); // nothing to agree to when opened from the menu
});

it("WeChat's privacy prompt opens the page; the agree button answers with its id", async () => {
  renderPage('pages/mine/index');
  await settle();
  expect(prompt).not.toBeNull();
  spyNavigation();
  const answers: Record<string, unknown>[] = [];
  prompt!((r) => answers.push(r));
  await settle();
  expect(navigations).toEqual(['navigateTo:/pages/privacy/index?ask=1']);
  const page = renderPage('pages/privacy/index', { ask: '1' });
  await settle();
  expect(textOf(page)).toContain('同意并继续');
  const button = Array.from((page.dom as HTMLElement).querySelectorAll('*')).find((el) => el.getAttribute('id') === 'privacy-agree' || (el.textContent ?? '').trim() === '同意并继续');
  // The innermost host element of the button carries the event.
  const host = Array.from((page.dom as HTMLElement).querySelectorAll('button, wx-button')).find((el) => (el.textContent ?? '').includes('同意并继续')) ?? button!;
  fireWxEvent(host, 'agreeprivacyauthorization', {});
  await settle();
  expect(answers).toEqual([{ event: 'agree', buttonId: 'privacy-agree' }]);
});

it('declining answers disagree', async () => {
  renderPage('pages/mine/index');
  await settle();
  spyNavigation();
  const answers: Record<string, unknown>[] = [];
  prompt!((r) => answers.push(r));
  const page = renderPage('pages/privacy/index', { ask: '1' });
  await settle();
  tapText(page, '不同意');
  await settle();
  expect(answers).toEqual([{ event: 'disagree' }]);
});

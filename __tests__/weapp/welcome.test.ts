/**
 * The welcome page of the real weapp build (dist/), against a fake wx.cloud: opened from a
 * household card's QR (?card=) it shows the household's members masked; picking one with a phone
 * on record asks for the last 4 digits, a wrong answer shows the server's words, the right one
 * binds and goes to 首页. The camera scan reads the card's path; a pending join request shows
 * its state; an admin's claim code (?claim=) asks for the name, and a used code says so.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { HouseholdLookup, MyStatus } from '@domain/api/org';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

type WxMock = Record<string, (o: Record<string, unknown>) => unknown>;
const wxApi = () => (globalThis as unknown as { wx: WxMock }).wx;

const LOOKUP: HouseholdLookup = {
  villageName: '青山村',
  doorNo: '一组3号',
  headName: '张*三',
  members: [
    { id: 'p-1', name: '张*三', relation: '户主', bound: false, needsPhone: true },
    { id: 'p-2', name: '李*', relation: '配偶', bound: true, needsPhone: false },
  ],
};

let status: MyStatus;
let bindAnswers: ApiResult<unknown>[];
let claimAnswer: ApiResult<unknown>;
let relaunched: string[];
let scanResult: string;

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  if (name === 'org' && data.action === 'myStatus') return { ok: true, data: status };
  if (name === 'org' && data.action === 'lookupHousehold') {
    return data.code === 'ABCDEFGH' ? { ok: true, data: LOOKUP } : { ok: false, code: 'BIND_CODE_INVALID', message: '户码不正确，请核对绑定卡上的 8 位编码' };
  }
  if (name === 'org' && data.action === 'bind') return bindAnswers.shift() ?? { ok: true, data: { personId: 'p-1', householdId: 'h-1' } };
  if (name === 'org' && data.action === 'claim') return claimAnswer;
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  status = { bound: false, request: null };
  bindAnswers = [];
  claimAnswer = { ok: true, data: { kind: 'village_admin', townId: 't', villageId: 'v' } };
  relaunched = [];
  scanResult = '';
});

afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

async function openWelcome(query: Record<string, string> = {}): Promise<Comp> {
  const page = renderPage('pages/welcome/index', query);
  // Spy after load: Taro calls wx.* by name at call time.
  const wx = wxApi();
  jest.spyOn(wx, 'reLaunch').mockImplementation((o: Record<string, unknown>) => {
    relaunched.push(String(o.url));
    return undefined;
  });
  if (!wx.scanCode) wx.scanCode = () => undefined;
  jest.spyOn(wx, 'scanCode').mockImplementation((o: Record<string, unknown>) => {
    const res = { result: scanResult, scanType: 'QR_CODE', errMsg: 'scanCode:ok' };
    (o.success as ((r: unknown) => void) | undefined)?.(res);
    (o.complete as ((r: unknown) => void) | undefined)?.(res);
    return undefined;
  });
  await settle();
  return page;
}

const orgCalls = (action: string) => cloud.calls.filter((c) => c.name === 'org' && c.data.action === action);

describe('welcome page (weapp build)', () => {
  it('from a card QR: members masked → own name → phone digits (wrong, then right) → bound → 首页', async () => {
    bindAnswers = [{ ok: false, code: 'PHONE_MISMATCH', message: '手机号后 4 位不正确' }];
    const page = await openWelcome({ card: 'ABCDEFGH' });
    expect(orgCalls('lookupHousehold').map((c) => c.data.code)).toEqual(['ABCDEFGH']);
    let text = textOf(page);
    expect(text).toContain('欢迎使用乡约积分');
    expect(text).toContain('青山村 一组3号');
    expect(text).toContain('第二步：请点选您自己的名字');
    expect(text).toContain('张*三');
    expect(text).toContain('已绑定');
    expect(text).toContain('我不在名单上，申请加入');

    tapText(page, '张*三');
    await settle();
    text = textOf(page);
    expect(text).toContain('第三步：核对手机号');
    typeInto(page, '手机号后4位', '0000');
    await settle();
    tapText(page, '我是张*三，确认绑定');
    await settle();
    expect(orgCalls('bind').map((c) => c.data)).toEqual([{ action: 'bind', code: 'ABCDEFGH', personId: 'p-1', phoneLast4: '0000' }]);
    expect(textOf(page)).toContain('手机号后 4 位不正确');
    expect(relaunched).toEqual([]);

    typeInto(page, '手机号后4位', '5678');
    await settle();
    tapText(page, '我是张*三，确认绑定');
    await settle();
    expect(orgCalls('bind').map((c) => c.data.phoneLast4)).toEqual(['0000', '5678']);
    expect(relaunched).toEqual(['/pages/home/index']);
  });

  it('the camera reads a card QR (the welcome path) and opens that household', async () => {
    scanResult = 'pages/welcome/index?card=abcd-efgh';
    const page = await openWelcome();
    expect(textOf(page)).toContain('第一步：扫描或输入户码');
    tapText(page, '扫描绑定卡上的二维码');
    await settle();
    expect(orgCalls('lookupHousehold').map((c) => c.data.code)).toEqual(['ABCDEFGH']);
    expect(textOf(page)).toContain('青山村 一组3号');
  });

  it('a wrong typed code shows the server\'s words and stays on the first step', async () => {
    const page = await openWelcome();
    typeInto(page, '户码', 'ZZZZ-ZZZZ');
    await settle();
    tapText(page, '下一步');
    await settle();
    expect(textOf(page)).toContain('户码不正确，请核对绑定卡上的 8 位编码');
    expect(textOf(page)).toContain('第一步：扫描或输入户码');
  });

  it('a pending join request: the page says it waits for the head or the grid worker', async () => {
    status = {
      bound: false,
      request: { _id: 'join-1', status: 'pending', name: '新媳妇', relation: '儿媳', reason: null, createdAt: Date.parse('2026-11-20T10:00:00+08:00'), doorNo: '一组3号', villageName: '青山村' },
    };
    const page = await openWelcome();
    const text = textOf(page);
    expect(text).toContain('申请已提交，请等待确认');
    expect(text).toContain('姓名：新媳妇（儿媳）');
    expect(text).toContain('刷新进度');
  });

  it('a bound user is sent to 首页', async () => {
    status = { bound: true, request: null };
    await openWelcome();
    expect(relaunched).toEqual(['/pages/home/index']);
  });

  it('an admin claim code (?claim=): name → claim; a used code is refused in the server\'s words', async () => {
    claimAnswer = { ok: false, code: 'CLAIM_USED', message: ERROR_MESSAGES.CLAIM_USED };
    const page = await openWelcome({ claim: 'ABCDEFGHJK' });
    expect(textOf(page)).toContain('镇/村管理员领取身份');
    typeInto(page, '您的姓名', '赵村长');
    await settle();
    tapText(page, '确认领取');
    await settle();
    expect(orgCalls('claim').map((c) => c.data)).toEqual([{ action: 'claim', code: 'ABCDEFGHJK', name: '赵村长' }]);
    expect(textOf(page)).toContain(ERROR_MESSAGES.CLAIM_USED);
    expect(relaunched).toEqual([]);
  });
});

/**
 * The 申报 page of the real weapp build (dist/), rendered by miniprogram-simulate with the real
 * @vant/weapp components, talking to a small fake backend through wx.cloud.callFunction.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { CatalogueVersion } from '@domain/catalogue/types';
import type { ApplicationView } from '@domain/api/index';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

const TODAY = cstDate(Date.now());

/** A village catalogue in the shape catalogue.current returns (after seed 000's template). */
const CATALOGUE: CatalogueVersion = {
  _id: 'cat-v1',
  villageId: 'village-1',
  version: 1,
  effectiveFrom: '2025-01-01',
  createdAt: Date.UTC(2025, 0, 1),
  createdBy: 'admin-1',
  categories: [
    {
      code: 'SA',
      name: '社会治安类',
      subject: 'household',
      items: [
        { code: 'SA-01', name: '制止违法犯罪行为', points: 10, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: false, selfReport: true },
        { code: 'SA-02', name: '调解邻里纠纷', points: 3, unit: 'per_time', cap: { times: 2, period: 'month' }, evidenceRequired: false, negativeList: false, selfReport: true },
        { code: 'SA-09', name: '参与打架斗殴', points: -10, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: true, selfReport: false },
      ],
    },
    {
      code: 'GY',
      name: '公益美德类',
      subject: 'household',
      items: [
        { code: 'GY-01', name: '参加义务劳动', points: 2, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: false, selfReport: true },
        { code: 'GY-03', name: '无偿献血', points: 5, unit: 'per_year', cap: null, evidenceRequired: true, negativeList: false, selfReport: true },
      ],
    },
    {
      code: 'JC',
      name: '奖励惩罚类',
      subject: 'household',
      items: [
        { code: 'JC-01', name: '获县级以上表彰', points: 20, unit: 'per_time', cap: null, evidenceRequired: true, negativeList: false, selfReport: false },
        { code: 'JC-13', name: '虚假申报', points: -4, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: false, selfReport: false },
      ],
    },
  ],
};

function applicationFrom(input: Record<string, unknown>, source: 'self' | 'grid_worker'): ApplicationView {
  const item = CATALOGUE.categories.flatMap((c) => c.items.map((i) => ({ c, i }))).find((x) => x.i.code === input.itemCode);
  if (!item) throw new Error(`unknown item ${String(input.itemCode)}`);
  const now = Date.now();
  return {
    _id: 'app-1',
    townId: 'town-1',
    villageId: 'village-1',
    gridId: 'grid-1',
    householdId: String(input.householdId ?? 'hh-3'),
    householdName: '张三',
    doorNo: '一组 3号',
    itemCode: item.i.code,
    itemName: item.i.name,
    categoryName: item.c.name,
    points: item.i.points,
    unit: item.i.unit,
    catalogueVersionId: CATALOGUE._id,
    catalogueVersion: CATALOGUE.version,
    deedDate: String(input.deedDate),
    place: String(input.place),
    description: String(input.description),
    photos: [],
    source,
    submittedBy: 'person-1',
    submittedByName: '张三',
    status: 'submitted',
    history: [{ at: now, action: source === 'self' ? 'submit' : 'submit_on_behalf', actorId: 'person-1', actorName: '张三', note: null }],
    createdAt: now,
    updatedAt: now,
  };
}

/** The fake backend: answers like the cloud functions; `failNextSubmit` refuses one submit. */
let failNextSubmit: { code: keyof typeof ERROR_MESSAGES } | null = null;
function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  if (name === 'catalogue' && action === 'current') return { ok: true, data: CATALOGUE };
  if (name === 'points' && (action === 'submit' || action === 'submitOnBehalf')) {
    if (failNextSubmit) {
      const { code } = failNextSubmit;
      failNextSubmit = null;
      return { ok: false, code, message: ERROR_MESSAGES[code] };
    }
    return { ok: true, data: applicationFrom(input, action === 'submit' ? 'self' : 'grid_worker') };
  }
  return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
}

type WxMock = Record<string, (opts: Record<string, unknown>) => unknown>;
const wxApi = () => (globalThis as unknown as { wx: WxMock }).wx;

let toasts: string[];
let navigations: string[];

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  failNextSubmit = null;
  toasts = [];
  navigations = [];
});

async function openSubmit(query?: Record<string, string>): Promise<Comp> {
  const page = query ? renderPage('pkg-grid/submit-on-behalf/index', query) : renderPage('pages/submit/index');
  await settle();
  // Spy after load: Taro calls wx.* by name at call time.
  jestSpy('showToast', (o) => toasts.push(String(o.title)));
  jestSpy('navigateTo', (o) => navigations.push(String(o.url)));
  jestSpy('redirectTo', (o) => navigations.push(String(o.url)));
  return page;
}

function jestSpy(api: string, record: (o: Record<string, unknown>) => void): void {
  const wx = wxApi();
  const original = wx[api];
  jest.spyOn(wx, api).mockImplementation((o: Record<string, unknown>) => {
    record(o);
    return original.call(wx, o);
  });
}

afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

// (the form also asks points.members for its member picker: not a submission)
const submitCalls = () => cloud.calls.filter((c) => c.name === 'points' && c.data.action !== 'members');

describe('申报 page (weapp build)', () => {
  test('asks for the catalogue in force today and shows categories, items with points, and the submit button', async () => {
    const page = await openSubmit();
    expect(cloud.calls.find((c) => c.name === 'catalogue')).toEqual({ name: 'catalogue', data: { action: 'current', date: TODAY } });

    const text = textOf(page);
    expect(text).toContain('社会治安类');
    expect(text).toContain('公益美德类');
    // 奖励惩罚类 holds only committee-recorded items: a villager cannot self-report them.
    expect(text).not.toContain('奖励惩罚类');
    // The first category is open: its self-reportable items with signed points and unit label.
    expect(text).toContain('制止违法犯罪行为');
    expect(text).toContain('每次 +10 分');
    expect(text).toContain('需照片');
    expect(text).toContain('调解邻里纠纷');
    expect(text).toContain('每月限 2 次');
    expect(text).not.toContain('参与打架斗殴');
    expect(text).not.toContain('参加义务劳动');
    expect(text).toContain(TODAY);

    const buttons = Array.from((page.dom as HTMLElement).querySelectorAll('van-button')).map((b) => (b.textContent ?? '').trim());
    expect(buttons).toContain('提交申报');
  });

  test('tapping a category shows its items instead', async () => {
    const page = await openSubmit();
    tapText(page, '公益美德类');
    await settle();
    const text = textOf(page);
    expect(text).toContain('参加义务劳动');
    expect(text).toContain('每次 +2 分');
    expect(text).toContain('无偿献血');
    expect(text).toContain('每年 +5 分');
    expect(text).not.toContain('制止违法犯罪行为');
  });

  test('submits once per form fill: a double tap sends one call, a retry reuses the requestId', async () => {
    const page = await openSubmit();
    tapText(page, '制止违法犯罪行为');
    typeInto(page, '地点', '村委会门口');
    typeInto(page, '事情经过', '协助民警抓获盗窃电动车的嫌疑人');
    await settle();
    expect(textOf(page)).toContain('社会治安类 · 制止违法犯罪行为');

    // The item needs a photo: refused on the phone, nothing sent.
    tapText(page, '提交申报');
    await settle();
    expect(toasts).toContain(ERROR_MESSAGES.EVIDENCE_REQUIRED);
    expect(submitCalls()).toHaveLength(0);

    // An item without evidence; the server refuses the first attempt.
    tapText(page, '调解邻里纠纷');
    await settle();
    failNextSubmit = { code: 'CAP_REACHED' };
    tapText(page, '提交申报');
    tapText(page, '提交申报');
    await settle();
    expect(submitCalls()).toHaveLength(1);
    expect(toasts).toContain(ERROR_MESSAGES.CAP_REACHED);
    const first = submitCalls()[0].data;
    expect(first).toMatchObject({
      action: 'submit',
      itemCode: 'SA-02',
      deedDate: TODAY,
      place: '村委会门口',
      description: '协助民警抓获盗窃电动车的嫌疑人',
      photos: [],
    });
    expect(String(first.requestId)).toMatch(/^[A-Za-z0-9_-]{8,64}$/);

    // Retry: same requestId, so the server can tell it is the same application.
    tapText(page, '提交申报');
    await settle();
    expect(submitCalls()).toHaveLength(2);
    expect(submitCalls()[1].data.requestId).toBe(first.requestId);
    expect(toasts).toContain('提交成功');
    expect(navigations).toContain('/pages/application/index?id=app-1&submitted=1');
  });

  test('代申报 for a household of the grid shows the items a grid worker may record and calls submitOnBehalf', async () => {
    const page = await openSubmit({ householdId: 'hh-9', householdName: encodeURIComponent('王五（二组 9号）') });
    const text = textOf(page);
    expect(text).toContain('代申报：王五（二组 9号）');
    expect(text).toContain('奖励惩罚类');
    // A negative-list item is the committee's to find (a visit, an inspection): not offered here.
    expect(text).not.toContain('参与打架斗殴');

    tapText(page, '公益美德类');
    await settle();
    tapText(page, '参加义务劳动');
    typeInto(page, '地点', '二组晒场');
    typeInto(page, '事情经过', '组织清扫晒场垃圾');
    await settle();
    tapText(page, '提交代申报');
    await settle();
    expect(submitCalls()).toHaveLength(1);
    expect(submitCalls()[0].data).toMatchObject({ action: 'submitOnBehalf', householdId: 'hh-9', itemCode: 'GY-01' });
    expect(navigations).toContain('/pages/application/index?id=app-1&submitted=1');
  });
});

/**
 * 记别户的事 in the real weapp build (dist/), against a fake wx.cloud: 首页 offers 举报/推荐 to a
 * villager, 登记走访 to a reviewer, 登记上级检查 to the town admin; the one form
 * (pkg-grid/submit-on-behalf?source=…) first picks the household from points.reportTargets (the town
 * admin also the village), then records the deed through the source's own action; the member
 * picker names who in the household did it.
 */
import type { CatalogueVersion } from '@domain/catalogue/types';
import type { ApplicationView } from '@domain/api/index';
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapStartingWith, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

const CATALOGUE: CatalogueVersion = {
  _id: 'cat-v1',
  villageId: 'v',
  version: 1,
  effectiveFrom: '2025-01-01',
  createdAt: Date.UTC(2025, 0, 1),
  createdBy: 'admin-1',
  categories: [
    {
      code: 'GY',
      name: '公益美德类',
      subject: 'household',
      items: [{ code: 'GY-01', name: '参加义务劳动', points: 2, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: false, selfReport: true }],
    },
    {
      code: 'SA',
      name: '社会治安类',
      subject: 'household',
      items: [
        { code: 'SA-09', name: '参与打架斗殴', points: -10, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: true, selfReport: false },
        { code: 'SA-12', name: '乱倒垃圾', points: -2, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: false, selfReport: false },
      ],
    },
    {
      code: 'DW',
      name: '单位积分类',
      subject: 'unit',
      items: [{ code: 'DW-01', name: '商户诚信经营', points: 5, unit: 'per_time', cap: null, evidenceRequired: false, negativeList: false, selfReport: true }],
    },
  ],
};

type Role = { role: string; scope: string; scopeId: string };
let roles: Role[] = [];
let household: Record<string, unknown> | null = null;

const VILLAGES = [
  { id: 'v', name: '青山村' },
  { id: 'v2', name: '柳溪村' },
];

function targets(input: Record<string, unknown>) {
  const town = roles.some((r) => r.role === 'town_admin');
  const villageId = String(input.villageId ?? (town ? 'v' : 'v'));
  const grids = villageId === 'v2' ? [{ id: 'g21', name: '柳溪一组' }] : [
    { id: 'g1', name: '一组' },
    { id: 'g2', name: '二组' },
  ];
  const gridId = String(input.gridId ?? grids[0].id);
  const items =
    gridId === 'g2'
      ? [{ id: 'hh-25', doorNo: '二组5号', headName: '李*华' }]
      : gridId === 'g21'
        ? [{ id: 'hh-l1', doorNo: '一组1号', headName: '周*明' }]
        : [
            { id: 'hh-3', doorNo: '一组3号', headName: '董*强' },
            { id: 'hh-7', doorNo: '一组7号', headName: '罗*刚' },
          ];
  return { villages: town ? VILLAGES : [], villageId, grids, gridId, items };
}

function application(input: Record<string, unknown>): ApplicationView {
  return {
    _id: 'app-9',
    townId: 't',
    villageId: 'v',
    gridId: 'g1',
    householdId: String(input.householdId),
    householdName: '罗英刚',
    doorNo: '一组7号',
    itemCode: String(input.itemCode),
    itemName: '参加义务劳动',
    categoryName: '公益美德类',
    points: 2,
    unit: 'per_time',
    catalogueVersionId: 'cat-v1',
    catalogueVersion: 1,
    deedDate: String(input.deedDate),
    place: String(input.place),
    description: String(input.description),
    photos: [],
    source: 'villager_report',
    submittedBy: 'p-1',
    submittedByName: '田明',
    status: 'submitted',
    history: [],
    createdAt: Date.now(),
    updatedAt: Date.now(),
  } as ApplicationView;
}

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  switch (`${name}.${String(action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: { person: { id: 'p-1', name: '田明' }, town: { id: 't', name: '清河镇' }, village: household ? { id: 'v', name: '青山村' } : null, household, roles, grids: [], policy: null },
      };
    case 'catalogue.current':
      return { ok: true, data: { ...CATALOGUE, popular: [] } };
    case 'points.reportTargets':
      return { ok: true, data: targets(input) };
    case 'points.members':
      return {
        ok: true,
        data: {
          householdId: String(input.householdId),
          year: 2026,
          members: [],
          people: [
            { id: 'hh-7-m1', name: '罗英刚', relation: '户主' },
            { id: 'hh-7-m2', name: '罗小燕', relation: '女儿' },
          ],
        },
      };
    case 'points.report':
    case 'points.recordVisit':
    case 'points.recordInspection':
      return { ok: true, data: application(input) };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

type WxMock = Record<string, (opts: Record<string, unknown>) => unknown>;
const wx = () => (globalThis as unknown as { wx: WxMock }).wx;
let navigations: string[];
let toasts: string[];

function spy(api: string, record: (o: Record<string, unknown>) => void): void {
  const original = wx()[api];
  jest.spyOn(wx(), api).mockImplementation((o: Record<string, unknown>) => {
    record(o);
    return original.call(wx(), o);
  });
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  navigations = [];
  toasts = [];
});
afterEach(() => {
  jest.restoreAllMocks();
  closePages();
});

const HOUSEHOLD = { id: 'hh-3', doorNo: '一组3号', headName: '董燕强', gridId: 'g1', gridName: '一组', members: [] };
const VILLAGER: Role = { role: 'villager', scope: 'village', scopeId: 'v' };

async function open(route: string, query: Record<string, string> = {}): Promise<Comp> {
  const page = renderPage(route, query);
  await settle();
  spy('navigateTo', (o) => navigations.push(String(o.url)));
  spy('redirectTo', (o) => navigations.push(String(o.url)));
  spy('showToast', (o) => toasts.push(String(o.title)));
  return page;
}

/** The text between 记别户的事 and the next section. */
const othersSection = (page: Comp) => (/记别户的事(.*?)(?:评议|公示|办事|$)/.exec(textOf(page))?.[1] ?? '');
const calls = (action: string) => cloud.calls.filter((c) => c.name === 'points' && c.data.action === action);

describe('记别户的事 (weapp build)', () => {
  test('首页: a villager gets 举报/推荐 only, and it opens the form with ?source=report', async () => {
    roles = [VILLAGER];
    household = HOUSEHOLD;
    const page = await open('pages/home/index');
    const section = othersSection(page);
    expect(section).toContain('举报/推荐');
    expect(section).not.toContain('登记走访');
    expect(section).not.toContain('登记上级检查');
    tapStartingWith(page, '举报/推荐');
    await settle();
    expect(navigations).toEqual(['/pkg-grid/submit-on-behalf/index?source=report']);
  });

  test('首页: a reviewer also gets 登记走访; the town admin (no household) only 登记上级检查', async () => {
    roles = [VILLAGER, { role: 'reviewer', scope: 'village', scopeId: 'v' }];
    household = HOUSEHOLD;
    let page = await open('pages/home/index');
    expect(othersSection(page)).toContain('举报/推荐');
    expect(othersSection(page)).toContain('登记走访');
    expect(othersSection(page)).not.toContain('登记上级检查');
    tapStartingWith(page, '登记走访');
    await settle();
    expect(navigations).toEqual(['/pkg-grid/submit-on-behalf/index?source=visit']);
    closePages();

    roles = [{ role: 'town_admin', scope: 'town', scopeId: 't' }];
    household = null;
    page = await open('pages/home/index');
    expect(othersSection(page)).toContain('登记上级检查');
    expect(othersSection(page)).not.toContain('举报/推荐');
    expect(othersSection(page)).not.toContain('登记走访');
  });

  test('举报/推荐: pick the grid and the household, then a recommendation goes to points.report; a deduction needs a photo', async () => {
    roles = [VILLAGER];
    household = HOUSEHOLD;
    const page = await open('pkg-grid/submit-on-behalf/index', { source: 'report' });
    let text = textOf(page);
    expect(text).toContain('举报/推荐：先选是哪一户');
    expect(calls('reportTargets')[0].data).toEqual({ action: 'reportTargets' });
    expect(text).toContain('一组3号 董*强');
    tapText(page, '二组');
    await settle();
    expect(calls('reportTargets').at(-1)?.data).toEqual({ action: 'reportTargets', gridId: 'g2' });
    expect(textOf(page)).toContain('二组5号 李*华');
    tapText(page, '一组');
    await settle();
    tapText(page, '一组7号 罗*刚');
    await settle();
    text = textOf(page);
    expect(text).toContain('举报/推荐：罗*刚（一组7号）');
    expect(text).toContain('该户会收到通知');
    // A report offers self-reportable items and deductions; never the committee's negative list, never unit items.
    expect(text).toContain('参加义务劳动');
    expect(text).not.toContain('单位积分类');
    expect(text).not.toContain('是家里哪一位做的');
    expect(calls('members')).toHaveLength(0);

    tapText(page, '社会治安类');
    await settle();
    expect(textOf(page)).not.toContain('参与打架斗殴');
    tapText(page, '乱倒垃圾');
    typeInto(page, '地点', '村口');
    typeInto(page, '事情经过', '把垃圾倒在河边');
    await settle();
    tapText(page, '提交举报/推荐');
    await settle();
    expect(toasts).toContain('举报扣分的事必须拍照');
    expect(calls('report')).toHaveLength(0);

    tapText(page, '公益美德类');
    await settle();
    tapText(page, '参加义务劳动');
    await settle();
    tapText(page, '提交举报/推荐');
    await settle();
    expect(calls('report')).toHaveLength(1);
    expect(calls('report')[0].data).toMatchObject({ action: 'report', householdId: 'hh-7', itemCode: 'GY-01', place: '村口', description: '把垃圾倒在河边' });
    expect(calls('report')[0].data).not.toHaveProperty('memberId');
    expect(navigations).toContain('/pages/application/index?id=app-9&submitted=1');
  });

  test('登记走访: a reviewer may record a negative-list item and name the member; it goes to points.recordVisit', async () => {
    roles = [VILLAGER, { role: 'reviewer', scope: 'village', scopeId: 'v' }];
    household = HOUSEHOLD;
    const page = await open('pkg-grid/submit-on-behalf/index', { source: 'visit' });
    tapText(page, '一组7号 罗*刚');
    await settle();
    let text = textOf(page);
    expect(text).toContain('登记走访：罗*刚（一组7号）');
    expect(text).toContain('不用网格员初审');
    expect(calls('members')[0].data).toEqual({ action: 'members', householdId: 'hh-7' });
    expect(text).toContain('是家里哪一位做的');
    expect(text).toContain('不选就记在户主名下');
    tapText(page, '罗小燕（女儿）');
    tapText(page, '社会治安类');
    await settle();
    text = textOf(page);
    expect(text).toContain('参与打架斗殴');
    tapText(page, '参与打架斗殴');
    typeInto(page, '地点', '二组晒场');
    typeInto(page, '事情经过', '走访时看到两户打架');
    await settle();
    tapText(page, '提交走访记录');
    await settle();
    expect(calls('recordVisit')).toHaveLength(1);
    expect(calls('recordVisit')[0].data).toMatchObject({ action: 'recordVisit', householdId: 'hh-7', itemCode: 'SA-09', memberId: 'hh-7-m2' });
  });

  test('登记上级检查: the town admin picks the village first; it goes to points.recordInspection', async () => {
    roles = [{ role: 'town_admin', scope: 'town', scopeId: 't' }];
    household = null;
    const page = await open('pkg-grid/submit-on-behalf/index', { source: 'inspection' });
    let text = textOf(page);
    expect(text).toContain('1. 选村');
    expect(text).toContain('柳溪村');
    tapText(page, '柳溪村');
    await settle();
    expect(calls('reportTargets').at(-1)?.data).toEqual({ action: 'reportTargets', villageId: 'v2' });
    tapText(page, '一组1号 周*明');
    await settle();
    text = textOf(page);
    expect(text).toContain('登记上级检查：周*明（一组1号）');
    // The town has no catalogue of its own: the picked village's.
    expect(cloud.calls.filter((c) => c.name === 'catalogue').at(-1)?.data).toMatchObject({ action: 'current', villageId: 'v2' });
    tapText(page, '公益美德类');
    await settle();
    tapText(page, '参加义务劳动');
    typeInto(page, '地点', '柳溪村委');
    typeInto(page, '事情经过', '镇检查时发现主动打扫');
    await settle();
    tapText(page, '提交检查记录');
    await settle();
    expect(calls('recordInspection')).toHaveLength(1);
    expect(calls('recordInspection')[0].data).toMatchObject({ action: 'recordInspection', householdId: 'hh-l1', itemCode: 'GY-01' });
  });
});

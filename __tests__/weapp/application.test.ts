/**
 * 申报详情 as a villager reads it, in the real weapp build (dist/), against a fake wx.cloud: the
 * status says what happens next in plain words, a timeline shows where the points are (已申报 →
 * 网格员初审 → 月度评议 → 季度公示 → 镇复核 → 可兑换) with the step it is at and its expected date,
 * and the history says who did what in plain words — no committee jargon, no codes.
 * Requires `npm run build:weapp` first (npm test does it).
 */
import type { ApplicationDetailView } from '@domain/api/points';
import type { HistoryEntry } from '@domain/points/application';
import { applicationJourney, type JourneyFacts } from '@domain/points/journey';
import { assertBuilt, closePages, cloud, renderPage, settle, textOf, type Comp } from './miniprogram';

assertBuilt();

const AT = Date.parse('2026-11-20T10:00:00+08:00');
const TODAY = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const policy = { auditCloseByDay: 10, publicityDays: 7 };

function application(facts: Partial<JourneyFacts>, history: HistoryEntry[]): ApplicationDetailView {
  const f: JourneyFacts = { status: 'submitted', deedDate: '2026-11-18', monthStatus: null, publicityStatus: null, ...facts };
  return {
    _id: 'app-1', townId: 't', villageId: 'v', gridId: 'g', householdId: 'hh-3', householdName: '董燕强户', doorNo: '一组3号',
    itemCode: 'GY-02', itemName: '参加村里组织的义务劳动', categoryName: '公益美德类', points: 5, unit: 'per_time',
    catalogueVersionId: 'cat-1', catalogueVersion: 1, deedDate: f.deedDate, place: '村口', description: '清理水渠',
    photos: [], source: 'self', submittedBy: 'p-1', submittedByName: '田明', status: f.status,
    history, createdAt: AT, updatedAt: AT,
    journey: applicationJourney(f, policy, TODAY),
  } as unknown as ApplicationDetailView;
}

const submitted: HistoryEntry = { at: AT, action: 'submit', actorId: 'p-1', actorName: '田明', note: null } as HistoryEntry;
const passed: HistoryEntry = { at: AT + 3600_000, action: 'first_review_pass', actorId: 'p-gw', actorName: '王建国', note: null } as HistoryEntry;
const returned: HistoryEntry = { at: AT + 3600_000, action: 'first_review_return', actorId: 'p-gw', actorName: '王建国', note: '照片看不清，请重拍' } as HistoryEntry;

let shown: ApplicationDetailView;
beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = (name, data) =>
    name === 'points' && data.action === 'get' ? { ok: true, data: shown } : { ok: false, code: 'UNKNOWN_ACTION', message: '不支持的操作' };
});
afterEach(() => closePages());

/** The timeline's steps as "label:state", read from the classes the build renders (scoped `main--`). */
function steps(page: Comp): string[] {
  return Array.from((page.dom as HTMLElement).querySelectorAll('.main--journey__step')).map((el) => {
    const state = /journey__step--(\w+)/.exec(el.className)?.[1];
    return `${(el.textContent ?? '').trim()}:${state}`;
  });
}

async function open(app: ApplicationDetailView): Promise<Comp> {
  shown = app;
  const page = renderPage('pages/application/index', { id: 'app-1' });
  await settle();
  return page;
}

it('passed by the grid worker: waits for the committee, in plain words, with the timeline at 月度评议', async () => {
  const page = await open(application({ status: 'first_reviewed', auditMonth: '2026-11' }, [submitted, passed]));
  const text = textOf(page);
  expect(cloud.calls).toContainEqual({ name: 'points', data: { action: 'get', applicationId: 'app-1' } });
  expect(text).toContain('参加村里组织的义务劳动');
  expect(text).toContain('网格员已核实，等评议小组评议');
  expect(steps(page)).toEqual(['已申报:done', '网格员初审:done', '月度评议:current', '季度公示:waiting', '镇复核:waiting', '可兑换:waiting']);
  expect(text).toContain('现在：月度评议，评议小组逐件签字');
  // The expected date from the village's rules (month closed by the 10th of the next), as a date in words.
  const by = shown.journey.find((s) => s.state === 'current')!.expectedBy!;
  expect(text).toMatch(new RegExp(`预计 (\\d{4}年)?${Number(by.slice(5, 7))}月${Number(by.slice(8, 10))}日 前完成`));
  // Who did what, in order, in plain words.
  expect(text).toContain('提交申报 · 田明');
  expect(text).toContain('网格员核实通过 · 王建国');
  expect(text.indexOf('提交申报 · 田明')).toBeLessThan(text.indexOf('网格员核实通过 · 王建国'));
  expect(text).toContain('自家申报');
  // No committee words or codes on the villager's page.
  for (const jargon of ['初审通过', '待评议', '本人申报', '第 1 版', 'GY-02', 'Q4']) expect(text).not.toContain(jargon);
});

it('returned: the timeline stops at 网格员初审 with what to do, and the worker\'s reason', async () => {
  const page = await open(application({ status: 'returned' }, [submitted, returned]));
  const text = textOf(page);
  expect(text).toContain('退回了，请补充后重新申报');
  expect(steps(page)).toEqual(['已申报:done', '网格员初审:stopped', '月度评议:waiting', '季度公示:waiting', '镇复核:waiting', '可兑换:waiting']);
  expect(text).toContain('网格员退回了申报，请按退回原因补充后重新申报');
  expect(text).toContain('网格员退回了申报 · 王建国');
  expect(text).toContain('照片看不清，请重拍');
  expect(text).not.toContain('初审退回');
});

it('approved, the month closed: 季度公示 next, the quarter in words', async () => {
  const page = await open(application({ status: 'approved', auditMonth: '2026-11', monthStatus: 'closed' }, [submitted, passed]));
  const text = textOf(page);
  expect(text).toContain('评议通过，等公示后可兑换');
  expect(steps(page).slice(2, 4)).toEqual(['月度评议:done', '季度公示:current']);
  expect(text).toContain('本季度（2026年第四季度）结束后统一公示');
  expect(text).not.toContain('2026-Q4');
});

it('every step passed: the points can be spent', async () => {
  const page = await open(application({ status: 'approved', auditMonth: '2026-11', monthStatus: 'closed', publicityStatus: 'approved' }, [submitted, passed]));
  expect(steps(page).every((s) => s.endsWith(':done'))).toBe(true);
  expect(textOf(page)).toContain('积分已可以在积分超市兑换');
});

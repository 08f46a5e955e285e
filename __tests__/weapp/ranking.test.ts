/**
 * 年度评比 page of the real weapp build (dist/), against a fake wx.cloud whose answers follow the
 * domain's own workflow and policy (draft → reviewers sign to the quorum → 公示 → 异议 answered →
 * 定稿): the village admin drafts, a reviewer signs, the admin opens the 公示期, a villager reads
 * the honoured households with their own household's honours and the window and objects, a
 * reviewer proposes an answer and a second confirms it, the admin finalizes after the window; the entry is on the 积分公示 page.
 */
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { annualRanking, DEFAULT_HONOURS } from '@domain/ranking/annual';
import { answerRankingObjection, draftRanking, finalizeRanking, objectToRanking, publishRanking, signRanking } from '@domain/ranking/workflow';
import type { AnnualRanking } from '@domain/ranking/types';
import type { RankingView } from '@domain/api/ranking';
import { isPublic, type CommitteeMember } from '@domain/ranking/policy';
import { rankingView } from '@domain/ranking/view';
import { addDays } from '@domain/publicity/quarter';
import { rulesOf } from '@domain/catalogue/villageRules';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { cstDate } from '@domain/shared/time';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto, type Comp } from './miniprogram';

assertBuilt();

const YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
const ranked = [
  { householdId: 'hh-3', gridName: '一组', doorNo: '一组3号', name: '董志强', points: 230 },
  { householdId: 'hh-5', gridName: '二组', doorNo: '二组5号', name: '李秀兰', points: 150 },
  { householdId: 'hh-7', gridName: '二组', doorNo: '二组7号', name: '王建国', points: 90 },
  { householdId: 'hh-8', gridName: '三组', doorNo: '三组8号', name: '赵敏', points: 40 },
];
const policy = { ...DEFAULT_HONOURS, wenmingNongjia: { count: 2, minPoints: 100 }, zuimeiJiating: { count: 1, minPoints: 80 } };

type Who = 'admin' | 'reviewer' | 'villager';
let who: Who = 'admin';
let stored: AnnualRanking | null = null;
const PERSON: Record<Who, { id: string; name: string; household: string }> = {
  admin: { id: 'p-admin', name: '陈村长', household: 'hh-1' },
  reviewer: { id: 'p-rev', name: '周评议', household: 'hh-2' },
  villager: { id: 'p-vil', name: '董志强', household: 'hh-3' },
};
const ROLES: Record<Who, string[]> = { admin: ['villager', 'village_admin'], reviewer: ['villager', 'reviewer'], villager: ['villager', 'household_head'] };

/** The review committee: the two reviewers this test signs as (neither household honoured), and one whose household (二组5号) is: 回避. */
const COMMITTEE: CommitteeMember[] = [
  { personId: 'p-rev', name: '周评议', householdId: 'hh-2' },
  { personId: 'p-rev-2', name: '吴评议', householdId: 'hh-4' },
  { personId: 'p-rev-3', name: '郑评议', householdId: 'hh-5' },
];
const me = () => ({ _id: PERSON[who].id, householdId: PERSON[who].household, villageId: 'v', townId: 't', roles: ROLES[who].map((role) => ({ role: role as 'villager', scope: 'village' as const, scopeId: 'v' })) });

/** The fake's today: moved past the 公示期 to finalize. */
let today = cstDate(Date.now());

/** As the function answers (the same view): admin and reviewer read as the committee, everyone as a villager. */
function view(r: AnnualRanking): RankingView {
  return rankingView(me(), { admin: who === 'admin', committee: who !== 'villager', villager: true }, r, COMMITTEE, today);
}

const actor = () => ({ id: PERSON[who].id, name: PERSON[who].name, at: Date.now() });

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  switch (`${name}.${String(action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: {
          person: { id: PERSON[who].id, name: PERSON[who].name },
          town: { id: 't', name: '清河镇' },
          village: { id: 'v', name: '青山村' },
          household: { id: PERSON[who].household, doorNo: '一组1号', headName: PERSON[who].name, gridId: 'g1', gridName: '一组', members: [] },
          roles: ROLES[who].map((role) => ({ role, scope: 'village', scopeId: 'v' })),
          grids: [],
          policy: null,
        },
      };
    case 'catalogue.getRules':
      return { ok: true, data: rulesOf(DEFAULT_POLICY) };
    case 'catalogue.setRules': {
      const h = (input as { honours: typeof DEFAULT_HONOURS }).honours;
      if (h.wenmingNongjia.minPoints < h.zuimeiJiating.minPoints) return { ok: false, code: 'BAD_INPUT', message: '文明农家的积分要求不能低于最美家庭' };
      return { ok: true, data: { ...rulesOf(DEFAULT_POLICY), honours: h } };
    }
    case 'jobs.runs':
      return { ok: true, data: { items: [] } };
    case 'publicity.get':
      return { ok: true, data: null };
    case 'ranking.get': {
      const visible = stored && (isPublic(stored) || who !== 'villager');
      return { ok: true, data: { year: String(input.year), ranking: visible && stored ? view(stored) : null, can: { draft: who === 'admin' && (!stored || stored.status === 'draft') } } };
    }
    case 'ranking.draft': {
      const lines = annualRanking(ranked, new Set(), policy).filter((l) => l.stars > 0 || l.nomination);
      stored = draftRanking(
        stored,
        { id: `v_${YEAR}`, townId: 't', villageId: 'v', villageName: '青山村', year: String(YEAR), requestId: String(input.requestId) },
        { quarters: [`${YEAR}-Q1`, `${YEAR}-Q2`, `${YEAR}-Q3`], householdCount: 60, lines, black: [], policy, quorum: 2 },
        actor(),
      );
      return { ok: true, data: view(stored) };
    }
    case 'ranking.sign':
      stored = signRanking(stored!, actor(), String(input.requestId), COMMITTEE);
      return { ok: true, data: view(stored) };
    case 'ranking.publish':
      stored = publishRanking(stored!, actor(), String(input.requestId), today, 7);
      return { ok: true, data: view(stored) };
    case 'ranking.object': {
      const i = input as { topic: 'honoured'; householdId: string; reason: string; requestId: string };
      stored = objectToRanking(stored!, { id: `ro-${i.requestId}`, topic: i.topic, householdId: i.householdId, reason: i.reason }, { _id: PERSON[who].id, name: PERSON[who].name, householdId: PERSON[who].household }, actor(), today, i.requestId);
      return { ok: true, data: view(stored) };
    }
    case 'ranking.answer': {
      const i = input as { objectionId: string; outcome: 'dismiss'; reason: string; requestId: string };
      stored = answerRankingObjection(stored!, i.objectionId, me(), { outcome: i.outcome, reason: i.reason }, actor(), i.requestId).ranking;
      return { ok: true, data: view(stored) };
    }
    case 'ranking.finalize':
      stored = finalizeRanking(stored!, actor(), String(input.requestId), today);
      return { ok: true, data: view(stored) };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});
afterEach(() => closePages());

const reads = (page: Comp, text: string) => (Array.from((page.dom as HTMLElement).querySelectorAll('*')) as HTMLElement[]).some((el) => (el.textContent ?? '').trim() === text);
const callsOf = (action: string) => cloud.calls.filter((c) => c.name === 'ranking' && c.data.action === action).map((c) => c.data);

describe('年度评比 (weapp build)', () => {
  test('the 积分公示 page leads to it', async () => {
    who = 'villager';
    const page = renderPage('pkg-villager/publicity/index');
    await settle();
    const wx = (globalThis as unknown as { wx: { navigateTo: (o: unknown) => void } }).wx;
    const nav = jest.spyOn(wx, 'navigateTo');
    tapText(page, '年度评比（星级文明户）');
    await settle();
    expect(String((nav.mock.calls[0]?.[0] as { url?: string } | undefined)?.url)).toContain('pkg-villager/ranking/index');
  });

  test('admin drafts, a reviewer signs, the admin opens the 公示, a villager reads the honours and objects, a reviewer answers, the admin finalizes', async () => {
    stored = null;
    today = cstDate(Date.now());
    who = 'villager';
    let page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(textOf(page)).toContain(`${YEAR} 年的评比还没有公示`);
    expect(callsOf('get')[0]).toEqual({ action: 'get', year: YEAR });
    closePages();

    who = 'admin';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(textOf(page)).toContain(`${YEAR} 年还没有起草评比`);
    tapText(page, `起草 ${YEAR} 年评比`);
    await settle();
    expect(callsOf('draft')).toEqual([{ action: 'draft', requestId: expect.stringMatching(/^[\w-]{8,}$/), year: YEAR }]);
    let text = textOf(page);
    expect(text).toContain('草稿，待评议小组确认');
    expect(text).toContain('评议小组签字（0/2）');
    expect(text).toContain('60 户 / 4 户');
    expect(text).toContain('董*强（一组3号）');
    expect(text).toContain('五星级文明户 · 文明农家');
    expect(text).not.toContain('董志强');
    expect(reads(page, '公示给全村')).toBe(false);
    // The admin is not on the committee: the page says who signs, and who stands aside.
    expect(text).toContain('由评议小组成员签字确认（2 人）：周评议、吴评议');
    expect(text).toMatch(/郑评议\s*回避/);
    expect(text).toContain('郑评议家在本次评比名单中，按规定回避');
    closePages();

    // The reviewer whose household is honoured: no button, the reason where it would be.
    const first = PERSON.reviewer;
    PERSON.reviewer = { id: 'p-rev-3', name: '郑评议', household: 'hh-5' };
    who = 'reviewer';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(textOf(page)).toContain('您家在本次评比名单中，按规定回避');
    expect(reads(page, '核对无误，签字确认')).toBe(false);
    closePages();
    PERSON.reviewer = first;

    who = 'reviewer';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    tapText(page, '核对无误，签字确认');
    await settle();
    expect(callsOf('sign')).toEqual([{ action: 'sign', requestId: expect.stringMatching(/^[\w-]{8,}$/), year: YEAR }]);
    text = textOf(page);
    expect(text).toContain('评议小组签字（1/2）');
    expect(text).toContain('周评议');
    expect(text).toContain('已签，等其他评议小组成员签字');
    expect(text).toMatch(/周评议\s*已签/);
    expect(reads(page, '核对无误，签字确认')).toBe(false);
    closePages();

    // A second reviewer (another person) completes the quorum.
    PERSON.reviewer = { id: 'p-rev-2', name: '吴评议', household: 'hh-4' };
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    tapText(page, '核对无误，签字确认');
    await settle();
    expect(textOf(page)).toContain('评议小组已确认，待公示');
    closePages();

    const end = addDays(today, 6);
    who = 'admin';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    tapText(page, '公示给全村');
    await settle();
    expect(callsOf('publish')).toHaveLength(1);
    text = textOf(page);
    expect(text).toContain('公示中');
    expect(text).toContain(`公示中：${today} 至 ${end}`);
    // No 定稿 and no 奖状 in the window: the reason where the button would be.
    expect(reads(page, '公示期满，定稿')).toBe(false);
    expect(reads(page, '打印奖状（PDF）')).toBe(false);
    expect(text).toContain(`公示期到 ${end} 结束，${addDays(end, 1)} 起才能定稿`);
    closePages();

    who = 'villager';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    text = textOf(page);
    expect(text).toMatch(/本户（一组3号）\s*五星级文明户 · 文明农家/);
    expect(text).toContain('李*兰（二组5号）');
    expect(text).toContain('最美家庭');
    expect(text).toContain('星级文明户（4 户）');
    expect(text).toContain(`公示中：${today} 至 ${end}。对评比结果有意见，可在公示期内提出异议。`);
    expect(text).not.toMatch(/李秀兰|王建国|赵敏/);
    for (const b of ['起草', '核对无误，签字确认', '公示给全村', '打印奖状（PDF）', '公示期满，定稿']) expect(reads(page, b)).toBe(false);
    // 异议: pick the line, say why.
    tapText(page, '对评比结果提出异议');
    await settle();
    tapText(page, '李*兰（二组5号）四星级文明户 · 文明农家');
    await settle();
    typeInto(page, '异议理由', '她家去年有违建没拆');
    await settle();
    tapText(page, '提交异议');
    await settle();
    expect(callsOf('object')).toEqual([
      { action: 'object', requestId: expect.stringMatching(/^[\w-]{8,}$/), year: YEAR, topic: 'honoured', householdId: 'hh-5', reason: '她家去年有违建没拆' },
    ]);
    text = textOf(page);
    expect(text).toContain('我的异议');
    expect(text).toMatch(/李\*兰（二组5号）\s*待评议小组答复/);
    closePages();

    // A reviewer proposes an answer: not upheld, with a reason; a second reviewer confirms it.
    PERSON.reviewer = first;
    who = 'reviewer';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    text = textOf(page);
    expect(text).toContain('异议（1 条待答复）');
    expect(text).toContain('董志强提出：她家去年有违建没拆');
    typeInto(page, '答复理由', '已到现场核实，违建已拆除');
    await settle();
    tapText(page, '异议不成立');
    await settle();
    expect(callsOf('answer')).toEqual([
      { action: 'answer', requestId: expect.stringMatching(/^[\w-]{8,}$/), year: YEAR, objectionId: expect.any(String), outcome: 'dismiss', reason: '已到现场核实，违建已拆除' },
    ]);
    text = textOf(page);
    expect(text).toContain('周评议提出：异议不成立，已到现场核实，违建已拆除');
    expect(text).toMatch(/已提出答复，待另一位评议小组成员确认/);
    expect(text).toContain('待另一位评议小组成员确认（提出人和本户相关、回避的不能确认）');
    expect(reads(page, '异议不成立')).toBe(false);
    closePages();

    // The villager still reads it as waiting for the committee.
    who = 'villager';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(textOf(page)).toMatch(/李\*兰（二组5号）\s*待评议小组答复/);
    expect(textOf(page)).not.toContain('周评议提出');
    closePages();

    // A second reviewer confirms: the proposal's reason is there already.
    who = 'reviewer';
    PERSON.reviewer = { id: 'p-rev-2', name: '吴评议', household: 'hh-4' };
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(textOf(page)).toContain('同意请点同一结论');
    tapText(page, '异议不成立');
    await settle();
    expect(callsOf('answer')[1]).toEqual({ action: 'answer', requestId: expect.stringMatching(/^[\w-]{8,}$/), year: YEAR, objectionId: expect.any(String), outcome: 'dismiss', reason: '已到现场核实，违建已拆除' });
    expect(textOf(page)).toContain('答复（周评议提出，吴评议确认）：已到现场核实，违建已拆除');
    PERSON.reviewer = first;
    closePages();

    // After the window, nothing open: the admin finalizes; the 奖状 print from then on.
    today = addDays(end, 1);
    who = 'admin';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    tapText(page, '公示期满，定稿');
    await settle();
    expect(callsOf('finalize')).toHaveLength(1);
    text = textOf(page);
    expect(text).toContain('已定稿');
    expect(text).toContain(`已定稿（公示期 ${addDays(end, -6)} 至 ${end}），结果不再变动。`);
    expect(reads(page, '打印奖状（PDF）')).toBe(true);
    closePages();

    who = 'villager';
    page = renderPage('pkg-villager/ranking/index');
    await settle();
    expect(reads(page, '对评比结果提出异议')).toBe(false);
    expect(textOf(page)).toContain('异议不成立');
  });

  test('村规设置: the admin changes the 评比 standard; a refusal is shown in the server words', async () => {
    who = 'admin';
    const page = renderPage('pkg-admin/rules/index');
    await settle();
    expect(textOf(page)).toContain('现在的标准：星级文明户：一星 30 分，二星 60 分，三星 100 分，四星 150 分，五星 200 分');
    typeInto(page, '五星积分', '');
    typeInto(page, '文明农家名额', '3');
    typeInto(page, '文明农家积分', '50');
    tapText(page, '也列本季度没有通过申报的户');
    await settle();
    tapText(page, '保存评比设置');
    await settle();
    const calls = cloud.calls.filter((c) => c.name === 'catalogue' && c.data.action === 'setRules').map((c) => c.data);
    expect(calls).toEqual([
      {
        action: 'setRules',
        honours: {
          stars: [
            { level: 1, minPoints: 30 },
            { level: 2, minPoints: 60 },
            { level: 3, minPoints: 100 },
            { level: 4, minPoints: 150 },
          ],
          wenmingNongjia: { count: 3, minPoints: 50 },
          zuimeiJiating: { count: 5, minPoints: 80 },
          blackListWithoutApplication: true,
        },
      },
    ]);
    expect(textOf(page)).toContain('文明农家的积分要求不能低于最美家庭');
    typeInto(page, '文明农家积分', '120');
    await settle();
    tapText(page, '保存评比设置');
    await settle();
    expect(cloud.calls.filter((c) => c.name === 'catalogue' && c.data.action === 'setRules')).toHaveLength(2);
    expect(textOf(page)).not.toContain('文明农家的积分要求不能低于最美家庭');
  });
});


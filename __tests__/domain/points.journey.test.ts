import { applicationJourney, pendingJourney, type JourneyFacts } from '@domain/points/journey';
import { HISTORY_LABELS, SOURCE_LABELS } from '@domain/points/application';
import { VILLAGER_HISTORY, VILLAGER_OBJECTION_ACTION, VILLAGER_OBJECTION_STATUS, VILLAGER_SOURCE, VILLAGER_STATUS, plainText, quarterWords, villagerEntry } from '@domain/points/plainWords';

const policy = { auditCloseByDay: 10, publicityDays: 7 };
const facts = (f: Partial<JourneyFacts>): JourneyFacts => ({ status: 'submitted', deedDate: '2026-11-18', monthStatus: null, publicityStatus: null, ...f });
const states = (f: Partial<JourneyFacts>, today = '2026-11-20') => applicationJourney(facts(f), policy, today).map((s) => `${s.label}:${s.state}`);
const current = (f: Partial<JourneyFacts>, today = '2026-11-20') => applicationJourney(facts(f), policy, today).find((s) => s.state === 'current' || s.state === 'stopped')!;

describe('the points journey of an application', () => {
  it('a fresh application is reported and waits for the grid worker', () => {
    expect(states({})).toEqual(['已申报:done', '网格员初审:current', '月度评议:waiting', '季度公示:waiting', '镇复核:waiting', '可兑换:waiting']);
    expect(current({}).note).toBe('网格员会尽快核实');
  });

  it('after 初审 it waits for the committee, expected by the close-by day of the next month', () => {
    const step = current({ status: 'first_reviewed', auditMonth: '2026-11' });
    expect(step).toMatchObject({ key: 'audit', state: 'current', expectedBy: '2026-12-10' });
  });

  it('approved but the month not closed yet: still 月度评议', () => {
    expect(current({ status: 'approved', auditMonth: '2026-11', monthStatus: 'open' }).key).toBe('audit');
  });

  it('the month closed: 季度公示 is next, expected after the quarter ends plus the publicity days', () => {
    const step = current({ status: 'approved', auditMonth: '2026-11', monthStatus: 'closed' }, '2026-12-11');
    // Q4 ends with December, closed by 2027-01-10, then 7 days of publicity.
    expect(step).toMatchObject({ key: 'publicity', expectedBy: '2027-01-17' });
    // The quarter in words, never its code.
    expect(step.note).toBe('本季度（2026年第四季度）结束后统一公示');
  });

  it('publicity closed: the town reviews; approved: redeemable, every step done', () => {
    expect(current({ status: 'approved', auditMonth: '2026-11', monthStatus: 'closed', publicityStatus: 'closed' }).key).toBe('town_review');
    expect(states({ status: 'approved', auditMonth: '2026-11', monthStatus: 'closed', publicityStatus: 'approved' }).every((s) => s.endsWith(':done'))).toBe(true);
  });

  it('returned, rejected and fraud stop the way with a plain reason', () => {
    expect(current({ status: 'returned' })).toMatchObject({ key: 'first_review', state: 'stopped' });
    expect(current({ status: 'rejected', auditMonth: '2026-11' })).toMatchObject({ key: 'audit', state: 'stopped', note: '评议小组没有通过这次申报，不计分' });
    expect(current({ status: 'fraud', auditMonth: '2026-11' }).state).toBe('stopped');
  });

  it('a date already past is not promised: the step is due today', () => {
    expect(current({ status: 'first_reviewed', auditMonth: '2026-09' }, '2026-11-20').expectedBy).toBe('2026-11-20');
  });
});

describe('the way of pending points (points page)', () => {
  it('评议 done, 公示 next with the end of this quarter\'s publicity', () => {
    const steps = pendingJourney(policy, '2026-11-20');
    expect(steps.map((s) => `${s.label}:${s.state}`)).toEqual(['月度评议:done', '季度公示:current', '镇复核:waiting', '可兑换:waiting']);
    expect(steps[1].expectedBy).toBe('2027-01-17');
    expect(steps[1].note).toContain('本季度（2026年第四季度）');
    expect(steps.map((s) => s.note ?? '').join('')).not.toMatch(/Q\d/);
  });
});

describe('plain words for villagers', () => {
  it('quarter and month codes become words; catalogue codes go', () => {
    expect(quarterWords('2026-Q3')).toBe('2026年第三季度');
    expect(plainText('2026-Q3 基础评分')).toBe('2026年第三季度 基础评分');
    expect(plainText('2026-Q4 公示通过，转为可兑换')).toBe('2026年第四季度 公示通过，转为可兑换');
    expect(plainText('第 1 版 · PV-02')).toBe('第 1 版 ·');
    expect(plainText('2026-11')).toBe('2026年11月');
    expect(plainText('发生于 2026-11-18')).toBe('发生于 2026-11-18');
  });

  it('a ledger line says what changed in words, never 待公示余', () => {
    const line = villagerEntry({ kind: 'base_score', label: '2026-Q3 基础评分', bucket: 'pending', balanceAfter: { pending: 12, redeemable: 3 } });
    expect(line).toEqual({ title: '2026年第三季度 基础评分', kind: '人居环境评分', after: '等公示的积分还有 12 分' });
    expect(JSON.stringify(line)).not.toMatch(/待公示余|Q\d|[A-Z]{2}-\d{2}/);
  });

  it('every status says what happens next', () => {
    expect(VILLAGER_STATUS.first_reviewed).toBe('网格员已核实，等评议小组评议');
    expect(Object.values(VILLAGER_STATUS).every((s) => /[\u4e00-\u9fa5]/.test(s))).toBe(true);
    // Every history action and source has its villager words (no committee jargon: 初审, 代申报, 评议生效).
    expect(Object.keys(VILLAGER_HISTORY).sort()).toEqual(Object.keys(HISTORY_LABELS).sort());
    expect(Object.keys(VILLAGER_SOURCE).sort()).toEqual(Object.keys(SOURCE_LABELS).sort());
    expect([...Object.values(VILLAGER_HISTORY), ...Object.values(VILLAGER_SOURCE)].join('|')).not.toMatch(/初审|代申报|生效/);
    // A villager's objection: where it stands without the committees' 待调查 / 待会签 / 会签.
    expect(VILLAGER_OBJECTION_STATUS.open).toBe('已收到，村里正在核实');
    expect([...Object.values(VILLAGER_OBJECTION_STATUS), ...Object.values(VILLAGER_OBJECTION_ACTION)].join('|')).not.toMatch(/待调查|待会签|会签/);
  });
});

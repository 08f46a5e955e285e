/**
 * Issue 13 part 5 pages of the real weapp build (dist/), against a fake wx.cloud: the town admin
 * records a fund entry for a village they pick (镇基金池 → 记一笔), and the village admin posts the
 * 年度基础分 from 村规设置 when the village's rules say so.
 */
import type { ApiResult } from '@domain/shared/result';
import type { PoolView } from '@domain/fund/types';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf, typeInto } from './miniprogram';

assertBuilt();

type Role = { role: string; scope: string; scopeId: string };
let roles: Role[] = [];
let baseMode: 'quarterly' | 'annual_base' | 'off' = 'annual_base';
let annualRuns = 0;

function pool(id: string, name: string): PoolView {
  return { villageId: id, villageName: name, moneyInFen: 100_000, moneyOutFen: 0, poolFen: 100_000, stockValueFen: 0, liabilityFen: 0, outstandingPoints: 0, warning: null };
}

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action } = data;
  switch (`${name}.${String(action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: { person: { id: 'p-a', name: '高金丽' }, town: { id: 't', name: '清河镇' }, village: { id: 'v', name: '青山村' }, household: null, roles, grids: [], policy: null },
      };
    case 'fund.town':
      return { ok: true, data: { villages: [pool('v', '青山村'), pool('v2', '柳溪村')], total: pool('t', '全镇') } };
    case 'fund.record':
      return { ok: true, data: { entry: { _id: 'f-9' } } };
    case 'catalogue.getRules':
      return {
        ok: true,
        data: {
          auditQuorum: 3,
          auditCloseByDay: 10,
          publicityDays: 7,
          baseScore: { mode: baseMode, pointsPerScore: 0.1, gateMin: 85, gateQuarters: 2, annualBase: 100 },
          veto: { mode: 'clear_and_bar_year', barMonths: 12 },
          yearEnd: 'rollover',
          redBlackVisibility: 'village',
        },
      };
    case 'jobs.runs':
      return { ok: true, data: { items: [] } };
    case 'jobs.annualBase':
      annualRuns += 1;
      return {
        ok: true,
        data: { results: [{ villageId: 'v', villageName: '青山村', year: 2026, applies: true, posted: annualRuns === 1 ? 58 : 0, barred: 2 }] },
      };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
  annualRuns = 0;
});
afterEach(() => closePages());

const callsOf = (fn: string, action: string) => cloud.calls.filter((c) => c.name === fn && c.data.action === action).map((c) => c.data);

describe('town fund entry and 年度基础分 (weapp build)', () => {
  test('镇基金池: the town admin must pick the village; the entry names it', async () => {
    roles = [{ role: 'town_admin', scope: 'town', scopeId: 't' }];
    const page = renderPage('pkg-admin/fund/index', { scope: 'town' });
    await settle();
    expect(textOf(page)).toContain('记一笔');
    expect(textOf(page)).toContain('哪个村的钱');
    typeInto(page, '金额（元）', '5000');
    typeInto(page, '来源', '乡贤 王建国');
    await settle();
    tapText(page, '记入收入');
    await settle();
    expect(callsOf('fund', 'record')).toHaveLength(0);

    // The village row of the form (the pool cards above also read 柳溪村): the last one.
    const rows = Array.from((page.dom as HTMLElement).querySelectorAll('[class*="segmented__item"]')).filter((el) => (el.textContent ?? '').trim() === '柳溪村');
    expect(rows).toHaveLength(1);
    const touch = { pageX: 1, pageY: 1, clientX: 1, clientY: 1, identifier: 0 };
    for (const type of ['touchstart', 'touchend']) {
      const ev = new Event(type, { bubbles: true, cancelable: true }) as Event & Record<string, unknown>;
      ev.touches = type === 'touchstart' ? [touch] : [];
      ev.changedTouches = [touch];
      rows[0].dispatchEvent(ev);
    }
    await settle();
    tapText(page, '记入收入');
    await settle();
    const recorded = callsOf('fund', 'record');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toEqual({ action: 'record', requestId: expect.any(String), kind: 'donation', amountYuan: 5000, villageId: 'v2', counterparty: '乡贤 王建国' });
  });

  test('村规设置: with 年度基础分 chosen the admin posts it; a second tap posts nothing new and says so', async () => {
    roles = [{ role: 'village_admin', scope: 'village', scopeId: 'v' }];
    baseMode = 'annual_base';
    const page = renderPage('pkg-admin/rules/index');
    await settle();
    let text = textOf(page);
    expect(text).toContain('每户每年发一次 100 分');
    tapText(page, '发放今年的年度基础分');
    await settle();
    expect(callsOf('jobs', 'annualBase')).toEqual([{ action: 'annualBase' }]);
    text = textOf(page);
    expect(text).toContain('青山村 2026 年：这次发给 58 户，2 户因一票否决不发');
    tapText(page, '发放今年的年度基础分');
    await settle();
    expect(textOf(page)).toContain('青山村 2026 年：各户都已发过，这次没有再发');
  });

  test('村规设置: no 年度基础分 button when the village scores quarterly', async () => {
    roles = [{ role: 'village_admin', scope: 'village', scopeId: 'v' }];
    baseMode = 'quarterly';
    const page = renderPage('pkg-admin/rules/index');
    await settle();
    expect(textOf(page)).toContain('年底结转记录');
    expect(textOf(page)).not.toContain('发放今年的年度基础分');
  });
});

/**
 * 我家 (pkg-villager/household) in the real weapp build (dist/), against a fake wx.cloud: any member of
 * the household sees each member's points of the year (points.members), can look at last year,
 * and reads that the household is still what is scored; the head also manages the members.
 */
import type { ApiResult } from '@domain/shared/result';
import { ERROR_MESSAGES } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import { assertBuilt, closePages, cloud, renderPage, settle, tapText, textOf } from './miniprogram';

assertBuilt();

const YEAR = Number(cstDate(Date.now()).slice(0, 4));
let head = false;

function fakeBackend(name: string, data: Record<string, unknown>): ApiResult<unknown> {
  const { action, ...input } = data;
  switch (`${name}.${String(action)}`) {
    case 'identity.whoami':
      return {
        ok: true,
        data: {
          person: { id: 'hh-3-m2', name: '董小红' },
          town: { id: 't', name: '清河镇' },
          village: { id: 'v', name: '青山村' },
          household: { id: 'hh-3', doorNo: '一组3号', headName: '董燕强', gridId: 'g1', gridName: '一组', members: [] },
          roles: [{ role: 'villager', scope: 'village', scopeId: 'v' }, ...(head ? [{ role: 'household_head', scope: 'household', scopeId: 'hh-3' }] : [])],
          grids: [],
          policy: null,
        },
      };
    case 'points.members':
      return {
        ok: true,
        data:
          input.year === YEAR - 1
            ? { householdId: 'hh-3', year: YEAR - 1, members: [], people: [] }
            : {
                householdId: 'hh-3',
                year: YEAR,
                members: [
                  { personId: 'hh-3-m1', name: '董燕强', relation: '户主', points: 12, approved: 3 },
                  { personId: 'hh-3-m2', name: '董小红', relation: '女儿', points: 5, approved: 1 },
                  { personId: null, name: '全户', relation: null, points: -2, approved: 0 },
                ],
                people: [],
              },
      };
    case 'org.members':
      return { ok: true, data: { items: [{ id: 'hh-3-m1', name: '董燕强', relation: null, head: true, bound: true }] } };
    case 'org.joinRequests':
      return { ok: true, data: { items: [] } };
    default:
      return { ok: false, code: 'UNKNOWN_ACTION', message: ERROR_MESSAGES.UNKNOWN_ACTION };
  }
}

beforeEach(() => {
  cloud.calls.length = 0;
  cloud.backend = fakeBackend;
});
afterEach(() => closePages());

const membersCalls = () => cloud.calls.filter((c) => c.name === 'points' && c.data.action === 'members').map((c) => c.data);

describe('我家: each member\'s points (weapp build)', () => {
  test('a member (not the head) sees this year\'s points per member and the total; last year on a tap', async () => {
    head = false;
    const page = renderPage('pkg-villager/household/index');
    await settle();
    let text = textOf(page);
    expect(membersCalls()).toEqual([{ action: 'members', year: YEAR }]);
    expect(text).toContain('家里每人挣的积分');
    expect(text).toMatch(/董燕强（户主）\s*\+12 分\s*· 3 件/);
    expect(text).toMatch(/董小红（女儿）\s*\+5 分\s*· 1 件/);
    expect(text).toMatch(/全户\s*-2 分/);
    expect(text).toMatch(/全家合计\s*\+15 分/);
    expect(text).toContain('积分记在全家名下，兑换也按户');
    // Not the head: no member management, and no refusal either.
    expect(text).not.toContain('添加家庭成员');
    expect(text).not.toContain('只有户主或网格员可以处理加入申请');

    tapText(page, `去年（${YEAR - 1}）`);
    await settle();
    expect(membersCalls().at(-1)).toEqual({ action: 'members', year: YEAR - 1 });
    text = textOf(page);
    expect(text).toContain('这一年还没有评议通过的积分');
  });

  test('the head sees the points and, below, the members to manage', async () => {
    head = true;
    const page = renderPage('pkg-villager/household/index');
    await settle();
    const text = textOf(page);
    expect(text).toMatch(/董燕强（户主）\s*\+12 分/);
    expect(text).toContain('添加家庭成员');
  });
});

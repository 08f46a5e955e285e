import { parseDelimited } from '@domain/grid/sheet';
import { planImport, type ImportState } from '@domain/grid/importRoster';
import { peopleLedger, peopleLedgerBook } from '@domain/grid/peopleLedger';
import { csvOf } from '@domain/shared/csv';
import { mustLogRead, phoneFor, privateAccess } from '@domain/grid/policy';
import { gridNode, villageNode } from '@domain/grid/tree';
import { maskPhone, normalizePhone } from '@domain/org/phone';
import { parseTagList, tagLabels } from '@domain/org/tags';
import { DEFAULT_POLICY } from '@domain/org/policy';
import type { Household, Person } from '@domain/org/types';
import type { RoleAssignment } from '@domain/org/roles';

describe('phones', () => {
  it.each([
    ['13812345678', '13812345678'],
    ['138 1234 5678', '13812345678'],
    ['+86 138-1234-5678', '13812345678'],
    ['0539-3621002', '0539-3621002'],
    ['05393621002', '0539-3621002'],
    ['1234', null],
    ['12812345678', null],
    ['电话', null],
  ])('%s → %s', (raw, want) => expect(normalizePhone(raw)).toBe(want));

  it('masks the middle', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0539-3621002')).toBe('0539-****002');
  });
});

describe('tags', () => {
  it('reads labels and common aliases separated by 、 or commas, in canonical order', () => {
    expect(parseTagList('空巢老人、困难家庭,低保；70岁以上')).toEqual({ tags: ['hardship', 'empty_nest', 'over_70', 'low_income'], unknown: [] });
    expect(parseTagList('有钱人、流动人口')).toEqual({ tags: ['migrant'], unknown: ['有钱人'] });
    expect(tagLabels(['migrant', 'hardship'])).toBe('困难家庭、流动人口');
  });
});

describe('privacy', () => {
  const h = { townId: 't', villageId: 'v', gridId: 'g1', tags: ['hardship' as const] };
  const role = (r: RoleAssignment['role'], scope: RoleAssignment['scope'], scopeId: string): RoleAssignment[] => [{ role: r, scope, scopeId }];
  it('grid workers/leaders of the grid, the village admin and the town admin only', () => {
    expect(privateAccess(role('grid_worker', 'grid', 'g1'), h)).toBe('grid');
    expect(privateAccess(role('grid_leader', 'grid', 'g1'), h)).toBe('grid');
    expect(privateAccess(role('grid_worker', 'grid', 'g2'), h)).toBeNull();
    expect(privateAccess(role('village_admin', 'village', 'v'), h)).toBe('village_admin');
    expect(privateAccess(role('village_admin', 'village', 'v2'), h)).toBeNull();
    expect(privateAccess(role('town_admin', 'town', 't'), h)).toBe('town_admin');
    expect(privateAccess(role('reviewer', 'village', 'v'), h)).toBeNull();
    expect(privateAccess(role('villager', 'village', 'v'), h)).toBeNull();
  });
  it('admins reading tagged households are logged; grid workers and untagged households are not', () => {
    expect(mustLogRead('village_admin', h)).toBe(true);
    expect(mustLogRead('town_admin', h)).toBe(true);
    expect(mustLogRead('grid', h)).toBe(false);
    expect(mustLogRead('village_admin', { tags: [] })).toBe(false);
    expect(phoneFor(null, '13812345678')).toBe('138****5678');
    expect(phoneFor('grid', '13812345678')).toBe('13812345678');
  });
});

describe('tree flags', () => {
  it('over the cap, no staff, households in no grid, people in no household', () => {
    const g = gridNode({ _id: 'g1', townId: 't', villageId: 'v', name: '一组', level: 3 }, 101, DEFAULT_POLICY);
    expect(g).toMatchObject({ overCap: true, flags: ['超过每格 100 户上限（101 户），请拆分网格', '未设网格长', '未设网格员'] });
    const full = gridNode({ _id: 'g2', townId: 't', villageId: 'v', name: '二组', level: 3, staff: [{ personId: 'p', name: '张三', role: 'grid_leader' }, { personId: 'q', name: '李四', role: 'grid_worker' }] }, 100, DEFAULT_POLICY);
    expect(full).toMatchObject({ overCap: false, flags: [], leaders: [{ id: 'p', name: '张三' }] });
    const v = villageNode({ _id: 'v', name: '青山村' }, [g, full], [{ _id: 'h', doorNo: '1号', headName: '王五' }], 2);
    expect(v.householdCount).toBe(202);
    expect(v.flags).toEqual(['1 户未划入网格（不漏户）', '一组 超过户数上限', '2 人未登记所属家庭（不漏人）']);
  });
});

describe('CSV', () => {
  it('BOM, quoted cells with commas, quotes and line breaks, CRLF, a last line without newline', () => {
    expect(parseDelimited('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\r\n1,2')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"\nthere'],
      ['1', '2'],
    ]);
  });
  it('tabs when Excel put the text on the clipboard', () => {
    expect(parseDelimited('户主\t门牌号\n张三\t1号\n')).toEqual([
      ['户主', '门牌号'],
      ['张三', '1号'],
    ]);
  });
});

describe('planImport', () => {
  const existing: Household = { _id: 'h1', townId: 't', villageId: 'v', gridId: 'g1', doorNo: '1号', headPersonId: 'p1', headName: '张三', memberCount: 1 };
  const p1: Person = { _id: 'p1', townId: 't', villageId: 'v', householdId: 'h1', name: '张三', relation: '户主', roles: [] };
  const state = (over: Partial<ImportState> = {}): ImportState => ({
    village: { _id: 'v', townId: 't', name: '青山村' },
    policy: DEFAULT_POLICY,
    grids: [
      { _id: 'g1', name: '青山村一组' },
      { _id: 'g2', name: '青山村二组' },
    ],
    households: [existing],
    people: [p1],
    ids: { household: (d) => `H:${d}`, person: (d, n) => `P:${d}:${n}` },
    ...over,
  });
  const sheet = (...rows: string[][]) => [['户主', '成员', '与户主关系', '电话', '所在组', '门牌号', '标签'], ...rows];

  it('updates a stored member’s phone and moves the household to the file’s grid', () => {
    const p = planImport(sheet(['张三', '张三', '户主', '13800000000', '二组', '1号', '']), state());
    expect(p.problems).toEqual([]);
    expect(p.people).toEqual([{ ...p1, phone: '13800000000' }]);
    expect(p.households).toEqual([{ ...existing, gridId: 'g2' }]);
  });

  it('rows of one household must agree on 户主 and 所在组', () => {
    const p = planImport(sheet(['李四', '李四', '户主', '', '一组', '2号', ''], ['王五', '李小', '子女', '', '二组', '2号', '']), state());
    expect(p.problems.map((x) => x.row)).toEqual([3, 3]);
    expect(p.problems[0].message).toContain('户主「王五」与第 2 行的「李四」不一致');
    expect(p.households).toEqual([]);
  });

  it('a 户主 relation on someone else’s row is an error; blank rows are skipped', () => {
    const p = planImport(sheet(['李四', '李小', '户主', '', '一组', '2号', ''], ['', '', '', '', '', '', '']), state());
    expect(p.problems).toEqual([{ row: 2, message: expect.stringContaining('与户主关系为「户主」') }]);
  });

  it('new ids come from the door number and name, so a new household is named the same every time', () => {
    const p = planImport(sheet(['李四', '李四', '户主', '', '一组', '2号', '低保']), state());
    expect(p.households).toEqual([expect.objectContaining({ _id: 'H:2号', headPersonId: 'P:2号:李四', gridId: 'g1', tags: ['low_income'], memberCount: 1 })]);
    expect(p.people).toEqual([expect.objectContaining({ _id: 'P:2号:李四', householdId: 'H:2号', relation: '户主' })]);
    // Cut short after the people were written: the next run writes only the household.
    const again = planImport(sheet(['李四', '李四', '户主', '', '一组', '2号', '低保']), state({ people: [p1, ...p.people] }));
    expect(again.people).toEqual([]);
    expect(again.households).toEqual([expect.objectContaining({ _id: 'H:2号', memberCount: 1 })]);
  });
});

describe('人员信息分布台账', () => {
  it('counts households, people and tags per grid, with a 未划网格 row and a total', () => {
    const hh = (gridId: string, memberCount: number, tags?: Household['tags']) => ({ villageId: 'v', gridId, memberCount, tags });
    const l = peopleLedger(
      [{ _id: 'v', name: '青山村' }],
      [
        { _id: 'g1', villageId: 'v', name: '一组' },
        { _id: 'g2', villageId: 'v', name: '二组' },
      ],
      [hh('g1', 3, ['hardship', 'over_70']), hh('g1', 2), hh('g2', 4, ['over_70']), hh('', 1, ['migrant'])],
    );
    expect(l.rows.map((r) => [r.gridName, r.households, r.people, r.tags.over_70, r.tags.migrant])).toEqual([
      ['一组', 2, 5, 1, 0],
      ['二组', 1, 4, 1, 0],
      ['未划网格', 1, 1, 0, 1],
    ]);
    expect(l.total).toMatchObject({ households: 4, people: 10 });
    const f = csvOf(peopleLedgerBook('青山村', '2026-11-23', l));
    expect(f.filename).toBe('青山村-人员信息分布台账-2026-11-23.csv');
    expect(f.content.split('\r\n')[4]).toBe('合计,,4,10,1,0,2,0,1,0,0,0');
  });
});

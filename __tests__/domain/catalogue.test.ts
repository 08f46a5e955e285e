import { SEED_000_CATEGORIES, SEED_000_VERSION_LABEL } from '../../src/domain/catalogue/seed000';
import { findItem, versionInForce } from '../../src/domain/catalogue/versions';
import type { CatalogueCategory, CatalogueItem, CatalogueVersion } from '../../src/domain/catalogue/types';

const allItems: CatalogueItem[] = SEED_000_CATEGORIES.flatMap((c) => c.items);

function byCode(code: string): CatalogueItem {
  const found = allItems.find((i) => i.code === code);
  if (!found) throw new Error(`no item ${code}`);
  return found;
}

function version(v: number, effectiveFrom: string, categories: CatalogueCategory[] = SEED_000_CATEGORIES): CatalogueVersion {
  return {
    _id: `cat-${v}-${effectiveFrom}`,
    villageId: 'v1',
    version: v,
    effectiveFrom,
    categories,
    createdAt: 0,
    createdBy: 'admin',
  };
}

describe('seed-000 catalogue', () => {
  it('has the six categories in source order with the counts of the source', () => {
    expect(SEED_000_CATEGORIES.map((c) => [c.code, c.name, c.subject, c.items.length])).toEqual([
      ['SA', '社会治安类', 'household', 15],
      ['PV', '公益美德类', 'household', 15],
      ['RB', '乡村建设类', 'household', 15],
      ['RP', '奖励惩罚类', 'household', 14],
      ['FM', '家庭积分类', 'household', 13],
      ['UN', '单位积分类', 'unit', 11],
    ]);
    expect(allItems).toHaveLength(83);
    expect(SEED_000_VERSION_LABEL).toBe('seed-000 默认积分目录');
  });

  it('numbers item codes per category in order, and codes are unique', () => {
    for (const c of SEED_000_CATEGORIES) {
      c.items.forEach((item, i) => expect(item.code).toBe(`${c.code}-${String(i + 1).padStart(2, '0')}`));
    }
    expect(new Set(allItems.map((i) => i.code)).size).toBe(allItems.length);
  });

  it.each([
    ['SA-01', '制止正在危害国家安全、公共安全或者扰乱公共秩序的违法犯罪行为', 30, 'per_time'],
    ['SA-05', '参与调处婚姻、家庭、土地权属等民间纠纷', 15, 'per_time'],
    ['SA-14', '参与社区(村)里组织的防火、防盗、防爆、防事故活动', 5, 'per_time'],
    ['PV-01', '遵纪守法,遵守村规民约,为人诚实守信,无群众反映不良行为', 100, 'per_year'],
    ['PV-02', '每年选择适当旅游项目陪同父母外出观光', 5, 'per_year'],
    ['PV-14', '移风易俗、红白喜事不大操大办,丧事按殡葬改革办', 10, 'per_time'],
    ['RB-10', '为社区(村)发展、治理建言献策未得到采纳', 1, 'per_time'],
    ['RB-11', '领办农村新型经营主体,如农民专业合作社、家庭农场等', 10, 'per_time'],
    ['RP-01', '获得国家级荣誉', 500, 'per_time'],
    ['RP-02', '获得省级荣誉', 300, 'per_time'],
    ['RP-07', '先进事迹被国家媒体报道或者通报表彰', 200, 'per_time'],
    ['RP-12', '先进事迹被村级媒体报道或者通报表彰', 5, 'per_time'],
    ['FM-02', '邻里团结无矛盾纠纷', 15, 'per_year'],
    ['FM-03', '保障子女的义务教育权利、无辍学现象', 6, 'per_year'],
    ['FM-08', '家庭内外环境整洁、干净卫生', 5, 'per_month'],
    ['FM-09', '家庭成员入党、入团、参军', 5, 'per_time'],
    ['UN-03', '保持本单位所属范围干净整洁', 10, 'per_month'],
    ['UN-07', '资助社区(村)开展活动', 20, 'per_time'],
    ['UN-08', '配合社区(村)登记相关信息', 5, 'per_time'],
  ])('%s is "%s", %d points, %s', (code, name, points, unit) => {
    const item = byCode(code);
    expect(item.name).toBe(name);
    expect(item.points).toBe(points);
    expect(item.unit).toBe(unit);
  });

  it('names carry no points suffix nor the source typos: the points and the unit say it', () => {
    for (const item of allItems) {
      expect([item.code, item.name]).not.toEqual([item.code, expect.stringMatching(/\d+分|财务|桔梗|“/)]);
    }
    expect(byCode('PV-09').name).toBe('拾到财物主动上交或归还失主');
    expect(byCode('FM-12')).toMatchObject({ name: '家庭无秸秆焚烧行为', unit: 'per_year' });
    expect(byCode('FM-08').unit).toBe('per_month');
  });

  it('caps per_year items once a year, per_month once a month, and per_time only where judged (PV-03)', () => {
    for (const item of allItems) {
      if (item.unit === 'per_year') expect(item.cap).toEqual({ times: 1, period: 'year' });
      else if (item.unit === 'per_month') expect(item.cap).toEqual({ times: 1, period: 'month' });
    }
    const cappedPerTime = allItems.filter((i) => i.unit === 'per_time' && i.cap !== null).map((i) => i.code);
    expect(cappedPerTime).toEqual(['PV-03']);
    expect(byCode('PV-03').cap).toEqual({ times: 1, period: 'year' });
    expect(byCode('PV-02').cap).toEqual({ times: 1, period: 'year' });
  });

  it('points are positive except the RP-13/RP-14 markers, which are 0', () => {
    for (const item of allItems) {
      if (item.code === 'RP-13' || item.code === 'RP-14') expect(item.points).toBe(0);
      else expect(item.points).toBeGreaterThan(0);
    }
  });

  it('RP-14 is the only negative-list item', () => {
    expect(allItems.filter((i) => i.negativeList).map((i) => i.code)).toEqual(['RP-14']);
  });

  it('only PV-01, RP-13 and RP-14 are not self-reported', () => {
    expect(allItems.filter((i) => !i.selfReport).map((i) => i.code)).toEqual(['PV-01', 'RP-13', 'RP-14']);
  });

  it('requires evidence for acts, not for standing conduct or honours', () => {
    for (const code of ['SA-03', 'SA-11', 'PV-08', 'PV-09', 'RB-06', 'FM-04', 'UN-02']) {
      expect([code, byCode(code).evidenceRequired]).toEqual([code, true]);
    }
    for (const code of ['PV-01', 'FM-01', 'FM-03', 'FM-08', 'UN-05', 'RP-01', 'RP-06', 'RP-13', 'RP-14']) {
      expect([code, byCode(code).evidenceRequired]).toEqual([code, false]);
    }
  });
});

describe('versionInForce', () => {
  it('is null when there is no version yet', () => {
    expect(versionInForce([], '2024-07-01')).toBeNull();
  });

  it('is null before the first version takes effect, and that version from its first day', () => {
    const v1 = version(1, '2024-07-01');
    expect(versionInForce([v1], '2024-06-30')).toBeNull();
    expect(versionInForce([v1], '2024-07-01')).toBe(v1);
    expect(versionInForce([v1], '2030-01-01')).toBe(v1);
  });

  it('picks the latest effectiveFrom ≤ date among two versions, whatever their order', () => {
    const v1 = version(1, '2024-07-01');
    const v2 = version(2, '2025-01-01');
    for (const list of [[v1, v2], [v2, v1]]) {
      expect(versionInForce(list, '2024-12-31')).toBe(v1);
      expect(versionInForce(list, '2025-01-01')).toBe(v2);
      expect(versionInForce(list, '2025-06-15')).toBe(v2);
    }
  });

  it('a future version does not displace the current one', () => {
    const v1 = version(1, '2024-07-01');
    const v3 = version(3, '2099-01-01');
    expect(versionInForce([v3, v1], '2025-01-01')).toBe(v1);
  });

  it('breaks a tie on effectiveFrom by the higher version number', () => {
    const a = version(2, '2025-01-01');
    const b = version(3, '2025-01-01');
    expect(versionInForce([a, b], '2025-03-01')).toBe(b);
    expect(versionInForce([b, a], '2025-03-01')).toBe(b);
  });

  it('prefers a later effectiveFrom even when its version number is lower', () => {
    const older = version(5, '2024-01-01');
    const newer = version(4, '2024-06-01');
    expect(versionInForce([older, newer], '2024-07-01')).toBe(newer);
  });
});

describe('findItem', () => {
  const v = version(1, '2024-07-01');

  it('finds an item with its category', () => {
    const hit = findItem(v, 'FM-08');
    expect(hit?.item.name).toBe('家庭内外环境整洁、干净卫生');
    expect(hit?.category.code).toBe('FM');
    expect(findItem(v, 'UN-07')?.category.subject).toBe('unit');
    expect(findItem(v, 'RP-14')?.item.negativeList).toBe(true);
  });

  it('returns null for unknown codes, wrong case, and an empty catalogue', () => {
    expect(findItem(v, 'SA-16')).toBeNull();
    expect(findItem(v, 'sa-01')).toBeNull();
    expect(findItem(v, '')).toBeNull();
    expect(findItem(version(2, '2025-01-01', []), 'SA-01')).toBeNull();
  });

  it('looks only in the version it is given', () => {
    const trimmed = version(2, '2025-01-01', [{ ...SEED_000_CATEGORIES[0], items: SEED_000_CATEGORIES[0].items.slice(0, 3) }]);
    expect(findItem(trimmed, 'SA-03')?.item.points).toBe(30);
    expect(findItem(trimmed, 'SA-04')).toBeNull();
  });
});

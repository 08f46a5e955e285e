import { deflateRawSync } from 'node:zlib';
import { C } from '@backend/repos/collections';
import type { Household, Person } from '@domain/org/types';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, ADMIN_OTHER_VILLAGE, TOWN, VILLAGER, WORKER_G1 } from '../support/people';
import { expectRefused } from '../support/refusals';

/** grid.importPreview / grid.importCommit: the roster cadres keep, all or nothing, idempotent. */
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
}, 60_000);
afterAll(async () => h?.close());

const HEADER = ['户主', '成员', '与户主关系', '电话', '所在组', '门牌号', '标签'];
const csv = (rows: string[][], bom = true) => (bom ? '\uFEFF' : '') + [HEADER, ...rows].map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\r\n');

async function rosterFingerprint(): Promise<string> {
  const [households, people] = await Promise.all([readAll<Household>(h.db, C.households), readAll<Person>(h.db, C.people)]);
  return JSON.stringify([households, people]);
}
const household = async (id: string) => (await h.db.collection<Household>(C.households).doc(id).get()).data[0];
async function householdByDoor(doorNo: string): Promise<Household | undefined> {
  return (await h.db.collection<Household>(C.households).where({ villageId: 'v-qingshan', doorNo }).get()).data[0];
}

/** A minimal .xlsx (zip of XML) with shared strings, an inline string and a number cell. */
function xlsx(rows: string[][]): string {
  const strings: string[] = [];
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const col = (i: number) => String.fromCharCode(65 + i);
  const sheetRows = rows
    .map((r, ri) => {
      const cells = r
        .map((v, ci) => {
          if (v === '') return '';
          const ref = `${col(ci)}${ri + 1}`;
          if (/^\d{11}$/.test(v)) return `<c r="${ref}"><v>${v}</v></c>`;
          if (ci === 2) return `<c r="${ref}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`;
          strings.push(v);
          return `<c r="${ref}" t="s"><v>${strings.length - 1}</v></c>`;
        })
        .join('');
      return `<row r="${ri + 1}">${cells}</row>`;
    })
    .join('');
  const files: Record<string, string> = {
    '[Content_Types].xml': '<?xml version="1.0"?><Types/>',
    'xl/workbook.xml': '<workbook xmlns:r="r"><sheets><sheet name="名册" sheetId="1" r:id="rId1"/></sheets></workbook>',
    'xl/_rels/workbook.xml.rels': '<Relationships><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    'xl/worksheets/sheet1.xml': `<worksheet><sheetData>${sheetRows}</sheetData></worksheet>`,
    'xl/sharedStrings.xml': `<sst>${strings.map((s) => `<si><r><t>${esc(s)}</t></r></si>`).join('')}</sst>`,
  };
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(files)) {
    const nameBuf = Buffer.from(name, 'utf8');
    const raw = Buffer.from(text, 'utf8');
    const data = deflateRawSync(raw);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(nameBuf.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    // The inflated size, as every zip writer records it (exceljs, through JSZip, checks it).
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(nameBuf.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBuf, data);
    centrals.push(central, nameBuf);
    offset += 30 + nameBuf.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(Object.keys(files).length, 8);
  eocd.writeUInt16LE(Object.keys(files).length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]).toString('base64');
}

let head103 = '';
beforeAll(async () => {
  head103 = (await household('h-qs-1-03')).headName;
});

describe('a file with bad rows', () => {
  const bad = () =>
    csv([
      ['', '王五', '子女', '', '一组', '一组30号', ''], // row 2: no 户主
      ['赵六', '赵六', '户主', '13900000001', '四组', '一组31号', ''], // 3: unknown grid
      ['钱七', '钱七', '户主', '1234', '一组', '一组32号', ''], // 4: bad phone
      ['孙八', '孙八', '户主', '', '二组', '二组40号', ''], // 5
      ['孙八', '孙八', '户主', '', '二组', '二组40号', ''], // 6: duplicate member
      ['周九', '周九', '户主', '', '二组', '二组41号', '困难家庭、有钱人'], // 7: unknown tag
      ['不是户主', '不是户主', '户主', '', '一组', '一组3号', ''], // 8: head differs from the stored one
      ['吴十', '吴十', '户主', '', '三组', '三组50号', '空巢老人'], // 9: fine
    ]);

  it('the preview lists every bad row with its row number, in Chinese, and writes nothing', async () => {
    const before = await rosterFingerprint();
    const r = await h.ok(ADMIN, 'grid', 'importPreview', { format: 'csv', content: bad() });
    expect(r.problems.map((p) => p.row)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(r.problems.map((p) => p.message)).toEqual([
      '缺少户主姓名',
      expect.stringContaining('本村没有网格「四组」'),
      '电话号码格式不正确：1234',
      expect.stringContaining('成员「孙八」重复（第 5 行已有）'),
      expect.stringContaining('未知标签「有钱人」'),
      expect.stringContaining(`已登记的户主是「${head103}」`),
    ]);
    expect(await rosterFingerprint()).toBe(before);
  });

  it('committing it is refused with the same problems and nothing is written, not even the good rows', async () => {
    const before = await rosterFingerprint();
    const r = await h.call(ADMIN, 'grid', 'importCommit', { format: 'csv', content: bad() });
    expectRefused(r, 'IMPORT_INVALID', /6 处错误/);
    expect(!r.ok && (r.details?.problems as { row: number }[]).map((p) => p.row)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(await rosterFingerprint()).toBe(before);
    expect(await householdByDoor('三组50号')).toBeUndefined();
  });

  it('a grid that would go over the cap refuses the file', async () => {
    await h.db.collection(C.villages).doc('v-qingshan').update({ policy: h.db.command.set({ redemptionDay: { mode: 'any_day' }, maxHouseholdsPerGrid: 21 }) });
    try {
      const before = await rosterFingerprint();
      const r = await h.call(ADMIN, 'grid', 'importCommit', {
        format: 'csv',
        content: csv([
          ['甲一', '甲一', '户主', '', '一组', '一组60号', ''],
          ['乙二', '乙二', '户主', '', '一组', '一组61号', ''],
        ]),
      });
      expectRefused(r, 'IMPORT_INVALID');
      expect(!r.ok && r.details?.problems).toEqual([{ row: 2, message: expect.stringMatching(/导入后「青山村一组」将有 22 户，超过每个网格 21 户的上限.*第 2、3 行/) }]);
      expect(await rosterFingerprint()).toBe(before);
    } finally {
      await h.db.collection(C.villages).doc('v-qingshan').update({ policy: h.db.command.set({ redemptionDay: { mode: 'any_day' } }) });
    }
  });

  it('a file without the 户主 or 门牌号 column is refused at the header', async () => {
    const r = await h.ok(ADMIN, 'grid', 'importPreview', { format: 'csv', content: '姓名,电话\n张三,13900000000\n' });
    expect(r.problems).toEqual([{ row: 1, message: expect.stringContaining('表头缺少列：户主、门牌号') }]);
  });
});

describe('a good file', () => {
  const good = () =>
    csv([
      ['陈国强', '陈国强', '户主', '139 1111 2222', '一组', '一组21号', '困难家庭、低保'],
      ['陈国强', '李秀兰', '配偶', '', '一组', '一组21号', ''],
      ['陈国强', '陈小明', '子女', '+86 138-3333-4444', '一组', '一组21号', '70岁以上'],
      ['刘大山', '', '', '', '青山村二组', '二组21号', '流动人口'],
      ['刘大山', '刘小山', '子女', '', '青山村二组', '二组21号', ''],
      ['黄老汉', '黄老汉', '户主', '0539-3621002', '', '无组1号', '空巢老人,70岁以上'],
      [head103, '新来的孙子', '孙子女', '', '一组', '一组3号', ''],
    ]);

  it('preview: counts what would be written, notes the household with no grid', async () => {
    const r = await h.ok(ADMIN, 'grid', 'importPreview', { format: 'csv', content: good() });
    expect(r.problems).toEqual([]);
    expect(r.notes).toEqual([{ row: 7, message: expect.stringContaining('未填所在组') }]);
    expect(r.summary).toMatchObject({ rows: 7, households: 4, people: 8, newHouseholds: 3, changedHouseholds: 1, newPeople: 7, changedPeople: 0 });
    expect(r.summary.grids.find((g) => g.id === 'g-qs-1')).toEqual({ id: 'g-qs-1', name: '青山村一组', before: 20, after: 21 });
    expect(await householdByDoor('一组21号')).toBeUndefined();
  });

  it('commit writes households and people into the right grids, with tags, phones and roles', async () => {
    const before103 = await household('h-qs-1-03');
    const r = await h.ok(ADMIN, 'grid', 'importCommit', { format: 'csv', content: good() });
    expect(r.written).toEqual({ households: 4, people: 7 });
    const chen = (await householdByDoor('一组21号')) as Household;
    expect(chen).toMatchObject({ gridId: 'g-qs-1', headName: '陈国强', memberCount: 3, tags: ['hardship', 'over_70', 'low_income'], townId: 'town-qinghe' });
    const members = (await h.db.collection<Person>(C.people).where({ householdId: chen._id }).get()).data;
    expect(members.map((m) => [m.name, m.relation, m.phone ?? null]).sort()).toEqual(
      [
        ['陈国强', '户主', '13911112222'],
        ['陈小明', '子女', '13833334444'],
        ['李秀兰', '配偶', null],
      ].sort(),
    );
    const head = members.find((m) => m._id === chen.headPersonId) as Person;
    expect(head.roles.map((x) => x.role).sort()).toEqual(['household_head', 'villager']);
    expect(await householdByDoor('二组21号')).toMatchObject({ gridId: 'g-qs-2', headName: '刘大山', memberCount: 2, tags: ['migrant'] });
    expect(await householdByDoor('无组1号')).toMatchObject({ gridId: '', tags: ['empty_nest', 'over_70'] });
    expect((await h.db.collection<Person>(C.people).where({ householdId: (await householdByDoor('无组1号'))?._id as string }).get()).data[0].phone).toBe('0539-3621002');
    // The existing household gains the member and keeps everything else.
    const after103 = await household('h-qs-1-03');
    expect(after103).toEqual({ ...before103, memberCount: before103.memberCount + 1, ...(before103.tags ? { tags: before103.tags } : {}) });
    // The new grid worker of 一组 sees them; the tree flags the household with no grid.
    expect((await h.ok(WORKER_G1, 'grid', 'households', {})).items.map((x) => x.doorNo)).toContain('一组21号');
    const v = (await h.ok(ADMIN, 'grid', 'tree', {})).villages[0];
    expect(v.unassigned.map((x) => x.doorNo)).toEqual(['无组1号']);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await rosterFingerprint();
    const changes = (await h.db.collection(C.orgChanges).count()).total;
    const r = await h.ok(ADMIN, 'grid', 'importCommit', { format: 'csv', content: good() });
    expect(r.written).toEqual({ households: 0, people: 0 });
    expect(r.summary).toMatchObject({ newHouseholds: 0, changedHouseholds: 0, newPeople: 0, changedPeople: 0 });
    expect(await rosterFingerprint()).toBe(before);
    expect((await h.db.collection(C.orgChanges).count()).total).toBe(changes);
  });

  it('the same roster as tab-separated text pasted from Excel, or as .xlsx, is the same file', async () => {
    const rows = good()
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .map((l) => l.split(','));
    const tsv = rows.map((r) => r.join('\t')).join('\n');
    expect((await h.ok(ADMIN, 'grid', 'importCommit', { format: 'csv', content: tsv })).written).toEqual({ households: 0, people: 0 });
    const x = await h.ok(ADMIN, 'sheets', 'importPreview', { content: xlsx([HEADER, ['冯一', '冯一', '户主', '13955556666', '三组', '三组60号', '低收入'], ['冯一', '冯二', '子女', '', '三组', '三组60号', '']]) });
    expect(x.problems).toEqual([]);
    expect(x.summary).toMatchObject({ households: 1, people: 2, newHouseholds: 1, newPeople: 2 });
    const bad = await h.ok(ADMIN, 'sheets', 'importPreview', { content: xlsx([HEADER, ['', '冯二', '子女', '', '三组', '三组60号', '']]) });
    expect(bad.problems).toEqual([{ row: 2, message: '缺少户主姓名' }]);
    expectRefused(await h.call(ADMIN, 'sheets', 'importPreview', { content: Buffer.from('not a zip').toString('base64') }), 'BAD_INPUT', /Excel/);
  });
});

describe('who may import', () => {
  it('only the village admin, into their own village', async () => {
    const content = csv([['郑一', '郑一', '户主', '', '一组', '一组70号', '']]);
    for (const who of [WORKER_G1, TOWN, VILLAGER]) {
      expectRefused(await h.call(who, 'grid', 'importPreview', { format: 'csv', content }), 'FORBIDDEN');
      expectRefused(await h.call(who, 'grid', 'importCommit', { format: 'csv', content }), 'FORBIDDEN');
    }
    // 柳溪村's admin importing it: 一组 is 柳溪村一组, so the household lands in 柳溪村.
    const r = await h.ok(ADMIN_OTHER_VILLAGE, 'grid', 'importCommit', { format: 'csv', content });
    expect(r.written).toEqual({ households: 1, people: 1 });
    expect(await householdByDoor('一组70号')).toBeUndefined();
    expect((await h.db.collection<Household>(C.households).where({ villageId: 'v-liuxi', doorNo: '一组70号' }).get()).data[0].gridId).toBe('g-lx-1');
    expectRefused(await h.call(ADMIN, 'grid', 'importPreview', { format: 'pdf', content }), 'BAD_INPUT');
    expectRefused(await h.call(ADMIN, 'grid', 'importPreview', { format: 'csv', content: '' }), 'BAD_INPUT', /粘贴或选择/);
  });
});

describe('an .xlsx as Excel writes it (sheets.importPreview / importCommit)', () => {
  it('reads rich text, numbers and formulas as their text; the same bad-row reporting; commit writes', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名册');
    ws.addRow(HEADER);
    ws.addRow([{ richText: [{ text: '褚' }, { text: '一', font: { bold: true } }] }, '褚一', '户主', 13977778888, '三组', '三组61号', '']);
    ws.addRow(['褚一', { formula: '"褚"&"二"', result: '褚二' }, '子女', '', '三组', '三组61号', '']);
    ws.addRow(['褚一', '褚三', '子女', '', '三组', '', '']);
    const content = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const bad = await h.ok(ADMIN, 'sheets', 'importPreview', { content });
    expect(bad.problems).toEqual([{ row: 4, message: '缺少门牌号' }]);
    expectRefused(await h.call(ADMIN, 'sheets', 'importCommit', { content }), 'IMPORT_INVALID');

    ws.spliceRows(4, 1);
    const good = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const r = await h.ok(ADMIN, 'sheets', 'importCommit', { content: good });
    expect(r.written).toEqual({ households: 1, people: 2 });
    const hh = await householdByDoor('三组61号');
    expect(hh).toMatchObject({ headName: '褚一', memberCount: 2 });
    const people = (await h.db.collection<Person>(C.people).where({ householdId: hh?._id }).get()).data;
    expect(people.map((p) => [p.name, p.phone ?? '']).sort()).toEqual([['褚一', '13977778888'], ['褚二', '']]);
    // Only the village admin: the same gate as the CSV import.
    expectRefused(await h.call(WORKER_G1, 'sheets', 'importPreview', { content: good }), 'FORBIDDEN');
  });
});

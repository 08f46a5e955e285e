import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import { C } from '@backend/repos/collections';
import { text, textLines } from '@domain/api/text';
import { BAD_TEXT_MESSAGE } from '@domain/shared/text';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, CLERK, HEAD, LEADER_G1, REVIEWER, SUPERVISOR, TOWN, VILLAGER, WORKER_G2 } from '../support/people';
import { admits } from '@domain/access/gate';
import { orgRepo } from '@backend/repos/org';
import type { ActionDef } from '@backend/runtime/handler';
import { branchesOf, dataPath, sampleInput, setAt, stringPaths, type Path } from '../support/schemaWalk';

/**
 * Every string an action takes goes through one check (src/domain/api/text.ts): a NUL, a lone
 * surrogate or a control character is BAD_INPUT with a Chinese message, and nothing is written —
 * never a PostgreSQL error surfacing as INTERNAL. The fields are found by walking the schemas.
 */
const BAD = {
  NUL: 'ab\u0000cd',
  'lone high surrogate': 'ab\uD800cd',
  'lone low surrogate': 'ab\uDC00',
  BEL: 'ab\u0007cd',
  ESC: 'ab\u001Bcd',
  DEL: 'ab\u007Fcd',
  'C1 NEL': 'ab\u0085cd',
  'vertical tab': 'ab\u000Bcd',
};

interface Field {
  fn: string;
  action: string;
  schema: ZodType;
  path: Path;
}
const FIELDS: Field[] = Object.entries(FUNCTIONS).flatMap(([fn, def]) =>
  Object.entries(def as Record<string, { schema: ZodType }>).flatMap(([action, a]) => stringPaths(a.schema).map((path) => ({ fn, action, schema: a.schema, path }))),
);
const label = (f: Field) => `${f.fn}.${f.action} ${dataPath(f.path).join('.')}`;
const sample = (f: Field) => sampleInput(f.schema, branchesOf(f.path));

/** Issues, with the ones nested in a failed union. */
type Issue = { path: PropertyKey[]; message: string; errors?: Issue[][] };
const flatten = (issues: Issue[]): Issue[] => issues.flatMap((i) => [i, ...flatten((i.errors ?? []).flat())]);

it('finds the string fields of every action (free text, ids, dates, codes, nested rows)', () => {
  const names = new Set(FIELDS.map(label));
  expect(FIELDS.length).toBeGreaterThan(80);
  for (const f of [
    'points.submit description',
    'points.submit photos.0',
    'veto.record item',
    'grid.saveRoster members.0.name',
    'grid.importCommit content',
    'catalogue.saveDraft categories.0.items.0.name',
    'shop.setPolicy redemptionDay.market.dates.0',
    'ledger.adjust reason',
  ]) {
    expect(names).toContain(f);
  }
});

describe.each(FIELDS.map((f) => [label(f), f] as const))('%s', (_, f) => {
  it('the sample input is valid, and each bad character in the field is refused at that field', () => {
    const base = sample(f);
    expect(f.schema.safeParse(base).error?.issues ?? []).toEqual([]);
    for (const [what, bad] of Object.entries(BAD)) {
      const r = f.schema.safeParse(setAt(base, dataPath(f.path), bad));
      expect({ what, ok: r.success }).toEqual({ what, ok: false });
      const issues = flatten((r.error?.issues ?? []) as Issue[]);
      expect({ what, found: issues.some((i) => i.message === BAD_TEXT_MESSAGE && JSON.stringify(i.path) === JSON.stringify(dataPath(f.path).slice(-i.path.length))) }).toEqual({
        what,
        found: true,
      });
    }
  });
});

describe('through the functions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  }, 60_000);
  afterAll(async () => h?.close());

  async function fingerprint(): Promise<string> {
    const all = await Promise.all(Object.values(C).map((c) => readAll(h.db, c)));
    return JSON.stringify(all);
  }

  /** Someone the action's gate admits (the gate runs before the input is read): the admin when it may. */
  async function callerOf(fn: string, action: string): Promise<string> {
    const gate = (FUNCTIONS as unknown as Record<string, Record<string, ActionDef<unknown, unknown>>>)[fn][action].gate;
    for (const openid of [ADMIN, VILLAGER, HEAD, WORKER_G2, LEADER_G1, REVIEWER, SUPERVISOR, CLERK, TOWN]) {
      if (admits(gate, await orgRepo.personByOpenid(h.db, openid))) return openid;
    }
    throw new Error(`no demo identity passes the gate of ${fn}.${action}`);
  }

  it('every action with a NUL or a lone surrogate in any string field: BAD_INPUT, the field named, nothing written', async () => {
    const before = await fingerprint();
    const wrong: string[] = [];
    for (const f of FIELDS) {
      for (const bad of [BAD.NUL, BAD['lone high surrogate']]) {
        const input = setAt(sample(f), dataPath(f.path), bad) as Record<string, unknown>;
        const r = (await h.call(await callerOf(f.fn, f.action), f.fn as never, f.action as never, input)) as { ok: boolean; code?: string; message?: string; details?: { path?: string } };
        const inUnion = f.path.some((s) => typeof s === 'string' && s.startsWith('#'));
        const fine = !r.ok && r.code === 'BAD_INPUT' && /[\u4e00-\u9fa5]/.test(r.message ?? '') && (inUnion || (r.message === BAD_TEXT_MESSAGE && r.details?.path === dataPath(f.path).join('.')));
        if (!fine) wrong.push(`${label(f)}: ${JSON.stringify(r).slice(0, 160)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await fingerprint()).toBe(before);
  }, 120_000);

  /** Inputs that are valid but for the one field: before the shared check these reached PostgreSQL. */
  const rid = () => `t-${randomUUID()}`;
  const CASES: [string, string, 'points' | 'veto' | 'ledger' | 'grid' | 'shop' | 'fund' | 'events' | 'patrol', string, (bad: string) => Record<string, unknown>][] = [
    ['points.submit description', VILLAGER, 'points', 'submit', (bad) => ({ requestId: rid(), itemCode: 'FM-08', deedDate: '2026-11-18', place: '一组 3 号门前', description: `打扫${bad}房前屋后`, photos: [] })],
    ['veto.record description', REVIEWER, 'veto', 'record', (bad) => ({ requestId: rid(), householdId: 'h-qs-1-03', item: '违法违纪', description: `参与聚众赌博${bad}被处罚`, eventDate: '2026-11-15' })],
    ['ledger.adjust reason', ADMIN, 'ledger', 'adjust', (bad) => ({ requestId: rid(), householdId: 'h-qs-1-03', points: 5, reason: `补录${bad}积分` })],
    ['grid.createGrid name', ADMIN, 'grid', 'createGrid', (bad) => ({ name: `新${bad}组` })],
    ['grid.findPeople name', ADMIN, 'grid', 'findPeople', (bad) => ({ name: `张${bad}` })],
    ['shop.saveGoods name', ADMIN, 'shop', 'saveGoods', (bad) => ({ name: `食用油${bad}`, price: 30 })],
    ['fund.record note', ADMIN, 'fund', 'record', (bad) => ({ requestId: rid(), kind: 'donation', amountYuan: 100, note: `修路${bad}结余` })],
    ['events.report description', VILLAGER, 'events', 'report', (bad) => ({ requestId: rid(), category: EVENT_CATEGORY, place: '村口', description: `路灯坏了${bad}很久`, photos: [] })],
    ['patrol.visit note', WORKER_G2, 'patrol', 'visit', (bad) => ({ requestId: rid(), householdId: 'h-qs-2-07', note: `老人${bad}身体好` })],
  ];

  it.each(CASES)('%s: refused with BAD_INPUT and the Chinese message, nothing written', async (_, who, fn, action, input) => {
    for (const bad of Object.values(BAD)) {
      const before = await fingerprint();
      const r = await h.call(who, fn, action as never, input(bad));
      expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT', message: BAD_TEXT_MESSAGE });
      expect(await fingerprint()).toBe(before);
    }
    // The same input with ordinary text is accepted: the refusal is the characters, not the case.
    expect(await h.call(who, fn, action as never, input('，'))).toMatchObject({ ok: true });
  });

  it('an .xlsx whose cells hold a control character (U+0085, legal in XML) is refused with the rows', async () => {
    const { buildZip, sheetXml, WORKBOOK_PARTS } = await import('../support/zip');
    const HEADER = ['户主', '成员', '与户主关系', '电话', '所在组', '门牌号', '标签'];
    const xml = sheetXml([
      { r: 1, cells: HEADER },
      { r: 2, cells: ['冯一', '冯一', '户主', '13955556666', '三组', '三组60号', ''] },
      { r: 3, cells: ['冯一', '冯二', '子女', '', '三组', '三组60号', ''] },
    ])
      .toString('utf8')
      .replace('冯二', '冯&#x85;二');
    const content = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(xml) }]).toString('base64');
    const before = await fingerprint();
    for (const action of ['importPreview', 'importCommit'] as const) {
      const r = await h.call(ADMIN, 'sheets', action, { content });
      expect(r).toMatchObject({ ok: false, code: 'BAD_INPUT' });
      if (!r.ok) expect(r.message).toMatch(/第 3 行.*无法识别的字符/);
    }
    expect(await fingerprint()).toBe(before);
  });
});

const EVENT_CATEGORY = 'environment';

describe('the text helpers', () => {
  it('one-line text is trimmed and refuses line breaks; multi-line text keeps \\n and \\t and turns \\r\\n into \\n', () => {
    expect(text().parse('  张三 ')).toBe('张三');
    expect(text().safeParse('张\n三').success).toBe(false);
    expect(textLines().parse(' 第一行\r\n\t第二行\r第三行 ')).toBe('第一行\n\t第二行\n第三行');
    expect(textLines().parse('表情 😀 可以')).toBe('表情 😀 可以');
    for (const bad of Object.values(BAD)) expect(textLines().safeParse(bad).error?.issues[0].message).toBe(BAD_TEXT_MESSAGE);
  });
});

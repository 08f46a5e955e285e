import { randomUUID } from 'node:crypto';
import type { ZodType } from 'zod';
import { C } from '@backend/repos/collections';
import { FUNCTIONS } from '../../cloudfunctions/registry';
import { readAll } from '../support/invariants';
import { openHarness, type Harness } from '../support/harness';
import { ADMIN, REVIEWER, VILLAGER } from '../support/people';
import { expectRefused } from '../support/refusals';
import { branchesOf, dataPath, sampleInput, setAt, stringPaths, type Path } from '../support/schemaWalk';

/**
 * Every date, month and quarter an action takes has a lower bound (2000) and an upper one
 * (2099), with a Chinese message; where time matters the rule is tighter: a veto's event may be
 * at most a year old (one dated 1900-01-01 was accepted and then showed on no 黑榜).
 */
type Kind = 'date' | 'month' | 'quarter';
interface Field {
  fn: string;
  action: string;
  schema: ZodType;
  path: Path;
  kind: Kind;
}

/** A field is a date (month, quarter) field when its sample is one and it refuses an impossible one. */
function kindOf(schema: ZodType, path: Path, base: unknown): Kind | null {
  const at = dataPath(path);
  let v: unknown = base;
  for (const seg of at) v = (v as Record<string | number, unknown>)[seg];
  const refuses = (s: string) => !schema.safeParse(setAt(base, at, s)).success;
  if (typeof v !== 'string') return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(v) && refuses('2026-13-01')) return 'date';
  if (/^\d{4}-\d{2}$/.test(v) && refuses('2026-13')) return 'month';
  if (/^\d{4}-Q\d$/.test(v) && refuses('2026-Q5')) return 'quarter';
  return null;
}

const FIELDS: Field[] = Object.entries(FUNCTIONS).flatMap(([fn, def]) =>
  Object.entries(def as Record<string, { schema: ZodType }>).flatMap(([action, a]) =>
    stringPaths(a.schema).flatMap((path) => {
      const kind = kindOf(a.schema, path, sampleInput(a.schema, branchesOf(path)));
      return kind ? [{ fn, action, schema: a.schema, path, kind }] : [];
    }),
  ),
);
const label = (f: Field) => `${f.fn}.${f.action} ${dataPath(f.path).join('.')}`;

const TOO_EARLY: Record<Kind, string[]> = { date: ['1900-01-01', '1999-12-31', '0000-01-01'], month: ['1900-01', '1999-12'], quarter: ['1900-Q1', '1999-Q4'] };
const TOO_LATE: Record<Kind, string[]> = { date: ['2100-01-01', '9999-12-31'], month: ['2100-01'], quarter: ['2100-Q1'] };
const EDGES: Record<Kind, string[]> = { date: ['2000-01-01', '2099-12-31'], month: ['2000-01', '2099-12'], quarter: ['2000-Q1', '2099-Q4'] };

it('finds the date, month and quarter fields of the actions', () => {
  const names = FIELDS.map(label);
  for (const f of ['veto.record eventDate', 'points.submit deedDate', 'ledger.balanceAt date', 'audit.recordBaseScore date', 'audit.month month', 'publicity.open quarter', 'catalogue.saveDraft effectiveFrom']) {
    expect(names).toContain(f);
  }
  expect(FIELDS.length).toBeGreaterThan(20);
});

describe.each(FIELDS.map((f) => [label(f), f] as const))('%s', (_, f) => {
  it('refuses years before 2000 and after 2099 with a Chinese message, accepts the edges', () => {
    const base = sampleInput(f.schema, branchesOf(f.path));
    for (const bad of [...TOO_EARLY[f.kind], ...TOO_LATE[f.kind]]) {
      const r = f.schema.safeParse(setAt(base, dataPath(f.path), bad));
      expect({ bad, ok: r.success }).toEqual({ bad, ok: false });
      expect(r.error?.issues[0].message).toMatch(/[\u4e00-\u9fa5].*(2000|2099)/);
    }
    for (const edge of EDGES[f.kind]) expect({ edge, ok: f.schema.safeParse(setAt(base, dataPath(f.path), edge)).success }).toEqual({ edge, ok: true });
  });
});

describe('through the functions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  }, 60_000);
  afterAll(async () => h?.close());
  const rid = () => `t-${randomUUID()}`;
  const vetoes = async () => JSON.stringify(await readAll(h.db, C.vetoes));
  const veto = (eventDate: string) => ({ requestId: rid(), householdId: 'h-qs-3-06', item: '违法违纪', description: '参与聚众赌博，被派出所处罚', eventDate });

  it('a veto dated 1900-01-01 is BAD_INPUT, and nothing is recorded', async () => {
    const before = await vetoes();
    expectRefused(await h.call(REVIEWER, 'veto', 'record', veto('1900-01-01')), 'BAD_INPUT', /不能早于 2000-01-01/);
    expect(await vetoes()).toBe(before);
  });

  it('a veto more than a year old is DATE_TOO_OLD (it would bar nothing and show on no 黑榜); within the year it is recorded', async () => {
    // The harness's today is 2026-11-20: the earliest event date is 2025-11-20.
    const before = await vetoes();
    expectRefused(await h.call(REVIEWER, 'veto', 'record', veto('2025-11-19')), 'DATE_TOO_OLD', /2025-11-20/);
    expectRefused(await h.call(REVIEWER, 'veto', 'record', veto('2010-06-01')), 'DATE_TOO_OLD', /一年内/);
    expect(await vetoes()).toBe(before);
    expect(await h.ok(REVIEWER, 'veto', 'record', veto('2025-11-20'))).toMatchObject({ status: 'recorded', eventDate: '2025-11-20' });
  });

  it('other dates before 2000: BAD_INPUT with the bound in Chinese', async () => {
    expectRefused(await h.call(VILLAGER, 'ledger', 'balanceAt', { date: '1900-01-01' }), 'BAD_INPUT', /2000-01-01/);
    expectRefused(
      await h.call(VILLAGER, 'points', 'submit', { requestId: rid(), itemCode: 'FM-08', deedDate: '1999-12-31', place: '门前', description: '打扫卫生', photos: [] }),
      'BAD_INPUT',
      /2000-01-01/,
    );
    expectRefused(await h.call(ADMIN, 'audit', 'month', { month: '1900-01' }), 'BAD_INPUT', /2000/);
    expectRefused(await h.call(ADMIN, 'shop', 'setPolicy', { redemptionDay: { mode: 'last_market_day', market: { dates: ['1900-01-05'] } } }), 'BAD_INPUT', /2000-01-01/);
  });
});

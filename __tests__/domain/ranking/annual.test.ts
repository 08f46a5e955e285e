import { annualRanking, DEFAULT_HONOURS, describeHonours, honoursProblem, honoursText, starsFor, withoutApplication, type HonoursPolicy } from '@domain/ranking/annual';
import {
  answerRankingObjection,
  assertYearOver,
  draftRanking,
  finalizeRanking,
  MAX_HONOURED,
  objectToRanking,
  publishRanking,
  signRanking,
  type RankingActor,
} from '@domain/ranking/workflow';
import { finalizeProblem, inObjectionWindow, mayAnswerRankingObjection, mayObjectToRanking, mayReadRanking, maySignRanking, rankingQuorum, rankingSignState, type CommitteeMember } from '@domain/ranking/policy';
import { assertCertificatesPrintable } from '@domain/ranking/certificate';
import type { AnnualRanking } from '@domain/ranking/types';
import { assertRules, rulesOf } from '@domain/catalogue/villageRules';
import { DEFAULT_POLICY } from '@domain/org/policy';
import { honoursSchema, setRulesInput } from '@domain/api/catalogue';
import { DomainError } from '@domain/shared/errors';
import { withNoApplication } from '@domain/publicity/redBlack';

const r = (id: string, points: number, door = id) => ({ householdId: id, gridName: '一组', doorNo: `${door}号`, name: '张三丰', points });

describe('annual ranking (rules)', () => {
  const policy: HonoursPolicy = { ...DEFAULT_HONOURS, wenmingNongjia: { count: 2, minPoints: 100 }, zuimeiJiating: { count: 1, minPoints: 50 } };

  it('ranks by points with shared ranks, stars by thresholds, nominations by counts and minimums', () => {
    const lines = annualRanking([r('a', 120, '1'), r('b', 210, '2'), r('c', 100, '3'), r('d', 90, '4'), r('e', 55, '5'), r('f', 0, '6')], new Set(), policy);
    expect(lines.map((l) => [l.householdId, l.rank, l.stars, l.nomination])).toEqual([
      ['b', 1, 5, 'wenming_nongjia'],
      ['a', 2, 3, 'wenming_nongjia'],
      ['c', 3, 3, 'zuimei_jiating'],
      ['d', 4, 2, null],
      ['e', 5, 1, null],
      ['f', 6, 0, null],
    ]);
    expect(lines[0].name).toBe('张*丰');
  });

  it('a black-listed household is ranked but neither starred nor nominated; the next one is', () => {
    const lines = annualRanking([r('a', 300), r('b', 150)], new Set(['a']), policy);
    expect(lines[0]).toMatchObject({ householdId: 'a', rank: 1, stars: 0, nomination: null });
    expect(lines[1]).toMatchObject({ householdId: 'b', stars: 4, nomination: 'wenming_nongjia' });
  });

  it('stars: the highest level reached, none below the lowest threshold', () => {
    expect(starsFor(29, DEFAULT_HONOURS)).toBe(0);
    expect(starsFor(30, DEFAULT_HONOURS)).toBe(1);
    expect(starsFor(1000, DEFAULT_HONOURS)).toBe(5);
  });

  it('households without an approved application go on the black list only when the policy says so', () => {
    const hh = [{ _id: 'a' }, { _id: 'b' }];
    expect(withoutApplication(hh, new Set(['a']), DEFAULT_HONOURS)).toEqual([]);
    expect(withoutApplication(hh, new Set(['a']), { ...DEFAULT_HONOURS, blackListWithoutApplication: true })).toEqual([{ _id: 'b' }]);
  });

  it('ties: the same rank, listed by grid and door whatever the input order; a tie at the last place is nominated together', () => {
    const input = [r('c', 120, '3'), r('a', 120, '1'), r('b', 210, '2'), r('d', 120, '4'), r('e', 90, '5')];
    const lines = annualRanking(input, new Set(), policy);
    expect(lines.map((l) => [l.householdId, l.rank, l.nomination])).toEqual([
      ['b', 1, 'wenming_nongjia'],
      ['a', 2, 'wenming_nongjia'],
      ['c', 2, 'wenming_nongjia'],
      ['d', 2, 'wenming_nongjia'],
      ['e', 5, 'zuimei_jiating'],
    ]);
    expect(annualRanking([...input].reverse(), new Set(), policy)).toEqual(lines);
  });

  it('below a minimum nobody is nominated, whatever the count', () => {
    const lines = annualRanking([r('a', 49), r('b', 45)], new Set(), policy);
    expect(lines.map((l) => l.nomination)).toEqual([null, null]);
    expect(lines.map((l) => l.stars)).toEqual([1, 1]);
  });

  it('the standard in words', () => {
    expect(describeHonours(DEFAULT_HONOURS)).toBe('星级文明户：一星 30 分，二星 60 分，三星 100 分，四星 150 分，五星 200 分；文明农家 10 户（至少 100 分）；最美家庭 5 户（至少 80 分）。');
    expect(describeHonours({ ...DEFAULT_HONOURS, stars: [], zuimeiJiating: { count: 0, minPoints: 0 } })).toBe('不评星级文明户；文明农家 10 户（至少 100 分）；不评最美家庭。');
  });

  it('honours in words', () => {
    expect(honoursText({ stars: 3, nomination: 'wenming_nongjia' })).toBe('三星级文明户 · 文明农家');
    expect(honoursText({ stars: 0, nomination: 'zuimei_jiating' })).toBe('最美家庭');
  });
});

describe('评比设置 is village policy', () => {
  it('defaults are in the village policy and in 村规设置', () => {
    expect(DEFAULT_POLICY.honours).toEqual(DEFAULT_HONOURS);
    expect(rulesOf(DEFAULT_POLICY).honours).toEqual(DEFAULT_HONOURS);
    expect(honoursProblem(DEFAULT_HONOURS)).toBeNull();
  });

  it('rules across fields, in words', () => {
    const bad = (h: Partial<HonoursPolicy>) => honoursProblem({ ...DEFAULT_HONOURS, ...h });
    expect(bad({ stars: [{ level: 1, minPoints: 30 }, { level: 1, minPoints: 40 }] })).toBe('星级不能重复设置');
    expect(bad({ stars: [{ level: 1, minPoints: 50 }, { level: 2, minPoints: 40 }] })).toBe('2 星的积分要求应高于 1 星');
    expect(bad({ wenmingNongjia: { count: 3, minPoints: 10 } })).toBe('文明农家的积分要求不能低于最美家庭');
    expect(bad({ stars: [] })).toBeNull();
    expect(() => assertRules(rulesOf({ ...DEFAULT_POLICY, honours: { ...DEFAULT_HONOURS, stars: [{ level: 2, minPoints: 10 }, { level: 3, minPoints: 10 }] } }))).toThrow(
      new DomainError('BAD_INPUT', '3 星的积分要求应高于 2 星'),
    );
  });

  it('the API schema checks ranges with Chinese messages', () => {
    const parse = (honours: unknown) => setRulesInput.safeParse({ honours });
    expect(parse(DEFAULT_HONOURS).success).toBe(true);
    const tooMany = parse({ ...DEFAULT_HONOURS, wenmingNongjia: { count: 101, minPoints: 100 } });
    expect(tooMany.success).toBe(false);
    expect(tooMany.error?.issues[0].message).toBe('文明农家名额应在 0 到 100 之间');
    expect(parse({ ...DEFAULT_HONOURS, stars: [{ level: 6, minPoints: 10 }] }).error?.issues[0].message).toBe('星级应在 1 到 5 之间');
    expect(honoursSchema.safeParse({ ...DEFAULT_HONOURS, extra: 1 }).success).toBe(false);
  });
});

describe('年度评比: draft, committee confirmation, publication', () => {
  const admin: RankingActor = { id: 'p-admin', name: '村干部', at: 1000 };
  const rev = (n: number): RankingActor => ({ id: `p-rev-${n}`, name: `评议${n}`, at: 2000 + n });
  const figures = { quarters: ['2026-Q1', '2026-Q2'], householdCount: 3, lines: annualRanking([r('a', 120)], new Set(), DEFAULT_HONOURS), black: [], policy: DEFAULT_HONOURS, quorum: 3 };
  const input = { id: 'v_2026', townId: 't', villageId: 'v', villageName: '青山村', year: '2026', requestId: 'req-draft-1' };
  /** Five reviewers, none of whose households is honoured. */
  const committee: CommitteeMember[] = [1, 2, 3, 4, 5].map((n) => ({ personId: `p-rev-${n}`, name: `评议${n}`, householdId: `h-rev-${n}` }));

  it('the year must be over, and some quarter approved by the town', () => {
    expect(() => assertYearOver('2026', '2026-12-31')).toThrow('2026 年还没有结束，不能评比');
    expect(() => assertYearOver('2026', '2027-01-01')).not.toThrow();
    expect(() => draftRanking(null, input, { ...figures, quarters: [] }, admin)).toThrow('2026 年还没有镇复核通过的季度，不能评比');
  });

  it('quorum of reviewers confirms; redrafting clears signatures; only a confirmed ranking is published, once', () => {
    let d = draftRanking(null, input, figures, admin);
    expect(d).toMatchObject({ status: 'draft', signatures: [], drafterId: 'p-admin', householdCount: 3, requestIds: ['req-draft-1'] });
    d = signRanking(d, rev(1), 'req-s1', committee);
    expect(() => signRanking(d, rev(1), 'req-s1b', committee)).toThrow('您已签过字');
    d = draftRanking(d, { ...input, requestId: 'req-draft-2' }, figures, admin);
    expect(d.signatures).toEqual([]);
    expect(d.history.map((h) => h.action)).toEqual(['draft', 'sign', 'redraft']);
    expect(() => publishRanking(d, admin, 'req-p', '2027-01-06', 7)).toThrow('评议小组确认后才能公示');
    d = signRanking(signRanking(d, rev(1), 'a1', committee), rev(2), 'a2', committee);
    expect(d.status).toBe('draft');
    d = signRanking(d, rev(3), 'a3', committee);
    expect(d.status).toBe('confirmed');
    expect(d.history.at(-1)).toMatchObject({ action: 'confirm', note: '评议1、评议2、评议3' });
    expect(() => signRanking(d, rev(4), 'a4', committee)).toThrow('评议小组已确认，无需再签');
    expect(() => draftRanking(d, input, figures, admin)).toThrow('评议小组已确认，不能重新计算');
    const p = publishRanking(d, { ...admin, at: 9000 }, 'req-p', '2027-01-06', 7);
    expect(p).toMatchObject({ status: 'publicity', publishedAt: 9000, startDate: '2027-01-06', endDate: '2027-01-12' });
    expect(p.history.at(-1)).toMatchObject({ action: 'publish', note: '公示期 2027-01-06 至 2027-01-12' });
    expect(() => publishRanking(p, admin, 'req-p2', '2027-01-06', 7)).toThrow('年度评比正在公示');
    expect(() => draftRanking(p, input, figures, admin)).toThrow('年度评比正在公示，不能重新计算');
  });

  it('four eyes: a reviewer who drafted cannot confirm alone, even when the quorum is one', () => {
    const drafter = rev(1);
    let d = draftRanking(null, input, { ...figures, quorum: 1 }, drafter);
    d = signRanking(d, drafter, 's1', committee);
    expect(d.status).toBe('draft');
    d = signRanking(d, rev(2), 's2', committee);
    expect(d.status).toBe('confirmed');
  });

  it('who reads and signs', () => {
    const access = (o: Partial<{ committee: boolean; villager: boolean }>) => ({ committee: false, villager: false, admin: false, town: false, ...o });
    expect(mayReadRanking(access({ villager: true }), { status: 'draft' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(mayReadRanking(access({ villager: true }), { status: 'confirmed' })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(mayReadRanking(access({ villager: true }), { status: 'publicity' }).ok).toBe(true);
    expect(mayReadRanking(access({ villager: true }), { status: 'published' }).ok).toBe(true);
    expect(mayReadRanking(access({ committee: true }), { status: 'draft' }).ok).toBe(true);
    expect(mayReadRanking(access({}), null)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    const reviewer = { _id: 'p', householdId: null, villageId: 'v', townId: 't', roles: [{ role: 'reviewer' as const, scope: 'village' as const, scopeId: 'v' }] };
    const lines = annualRanking([r('h-own', 150), r('h-other', 120)], new Set(), DEFAULT_HONOURS);
    expect(maySignRanking(reviewer, { villageId: 'v', lines }).ok).toBe(true);
    expect(maySignRanking(reviewer, { villageId: 'w', lines })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
  });

  it('recusal: a reviewer whose own household is honoured cannot sign that ranking; one whose household is ranked without honour can', () => {
    const reviewer = (householdId: string | null) => ({ _id: 'p', householdId, villageId: 'v', townId: 't', roles: [{ role: 'reviewer' as const, scope: 'village' as const, scopeId: 'v' }] });
    const lines = annualRanking([r('h-own', 150), r('h-other', 120)], new Set(), DEFAULT_HONOURS);
    expect(maySignRanking(reviewer('h-own'), { villageId: 'v', lines })).toEqual({ ok: false, code: 'OWN_HOUSEHOLD_HONOURED', message: expect.stringMatching(/回避/) });
    expect(maySignRanking(reviewer('h-plain'), { villageId: 'v', lines }).ok).toBe(true);
    // Another village's reviewer learns nothing about who is honoured there.
    expect(maySignRanking({ ...reviewer('h-own'), roles: [{ role: 'reviewer', scope: 'village', scopeId: 'w' }] }, { villageId: 'v', lines })).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('回避 and the quorum (rankingQuorum: the one rule for the function and the page)', () => {
  const admin: RankingActor = { id: 'p-admin', name: '村干部', at: 1000 };
  const input = { id: 'v_2026', townId: 't', villageId: 'v', villageName: '青山村', year: '2026', requestId: 'req-draft-1' };
  // Five honoured households: h-1 … h-5 (120 … 80 points, every one starred).
  const lines = annualRanking([1, 2, 3, 4, 5].map((n) => r(`h-${n}`, 130 - n * 10, String(n))), new Set(), DEFAULT_HONOURS);
  const figures = { quarters: ['2026-Q1'], householdCount: 5, lines, black: [], policy: DEFAULT_HONOURS, quorum: 3 };
  /** Reviewer n lives in h-n when honoured, else in an household outside the honours. */
  const member = (n: number, honoured: boolean): CommitteeMember => ({ personId: `p-rev-${n}`, name: `评议${n}`, householdId: honoured ? `h-${n}` : `h-plain-${n}` });
  const committeeWith = (recused: number) => [1, 2, 3, 4, 5].map((n) => member(n, n <= recused));
  const sign = (d: ReturnType<typeof draftRanking>, n: number, committee: CommitteeMember[]) => signRanking(d, { id: `p-rev-${n}`, name: `评议${n}`, at: 3000 + n }, `s-${n}`, committee);

  it('nobody recused: the village rule (3 of 5)', () => {
    const q = rankingQuorum({ lines, quorum: 3, signatures: [] }, committeeWith(0));
    expect(q).toMatchObject({ rule: 3, needed: 3, reachable: true, recused: [], text: '需 3 位评议小组成员签字确认。' });
    expect(q.signers).toHaveLength(5);
  });

  it('one recused: still 3 of the 4 who may sign', () => {
    const q = rankingQuorum({ lines, quorum: 3, signatures: [] }, committeeWith(1));
    expect(q).toMatchObject({ needed: 3, reachable: true, recused: [{ personId: 'p-rev-1', name: '评议1' }] });
    expect(q.text).toBe('评议1家在本次评比名单中，按规定回避；需其余成员中 3 位签字确认。');
  });

  it('three of five recused: the two who may sign confirm together — the draft is not stuck', () => {
    const committee = committeeWith(3);
    const q = rankingQuorum({ lines, quorum: 3, signatures: [] }, committee);
    expect(q).toMatchObject({ needed: 2, reachable: true });
    expect(q.signers.map((s) => s.personId)).toEqual(['p-rev-4', 'p-rev-5']);
    expect(q.text).toBe('评议1、评议2、评议3家在本次评比名单中，按规定回避；能签字的 2 人都签字后确认（村规 3 人，回避的不计，至少 2 人）。');
    let d = draftRanking(null, input, figures, admin);
    d = sign(d, 4, committee);
    expect(d.status).toBe('draft');
    expect(d.history.at(-1)?.note).toBe('1/2');
    d = sign(d, 5, committee);
    expect(d).toMatchObject({ status: 'confirmed' });
    expect(d.history.at(-1)).toMatchObject({ action: 'confirm', note: '评议4、评议5' });
  });

  it('four of five recused: never one signer — the draft says at once it cannot be confirmed, why, and what to do', () => {
    const committee = committeeWith(4);
    const q = rankingQuorum({ lines, quorum: 3, signatures: [] }, committee);
    expect(q).toMatchObject({ needed: 2, reachable: false });
    expect(q.text).toBe(
      '评议小组 5 人中 4 人回避（评议1、评议2、评议3、评议4家在本次评比名单中，按规定回避），能签字的只有 1 人，不够 2 人签字确认，这份评比确认不了。请村两委在“评议监督小组”中增补评议小组成员，新成员签字后即可确认，不用重新计算。',
    );
    let d = sign(draftRanking(null, input, figures, admin), 5, committee);
    expect(d.status).toBe('draft');
    // A new member appointed: the same draft, the count follows the committee.
    const grown = [...committee, { personId: 'p-rev-6', name: '评议6', householdId: null }];
    expect(rankingQuorum(d, grown)).toMatchObject({ needed: 2, reachable: true });
    d = sign(d, 6, grown);
    expect(d.status).toBe('confirmed');
  });

  it('never the drafter alone: a drafter on the committee and one other both sign', () => {
    const committee = [{ personId: 'p-admin', name: '村干部', householdId: null }, member(2, false), member(3, true), member(4, true), member(5, true)];
    let d = draftRanking(null, input, figures, admin);
    expect(rankingQuorum(d, committee)).toMatchObject({ needed: 2, reachable: true });
    d = signRanking(d, admin, 's-admin', committee);
    expect(d.status).toBe('draft');
    d = sign(d, 2, committee);
    expect(d.status).toBe('confirmed');
  });

  it('a committee short of members with nobody recused: the rule stands, and the draft says what is missing', () => {
    const q = rankingQuorum({ lines, quorum: 3, signatures: [] }, [member(1, false), member(2, false)]);
    expect(q).toMatchObject({ needed: 3, reachable: false });
    expect(q.text).toMatch(/^评议小组现在只有 2 人，不够 3 人签字确认/);
  });

  it('what the page shows where the sign button would be', () => {
    const d = draftRanking(null, input, figures, admin);
    const committee = committeeWith(3);
    const q = rankingQuorum(d, committee);
    const reviewer = (householdId: string, id = 'p-rev-1') => ({ _id: id, householdId, villageId: 'v', townId: 't', roles: [{ role: 'reviewer' as const, scope: 'village' as const, scopeId: 'v' }] });
    expect(rankingSignState(reviewer('h-1'), d, q)).toEqual({ kind: 'recused', text: '您家在本次评比名单中，按规定回避，不能签字确认；由其他评议小组成员签字' });
    expect(rankingSignState(reviewer('h-plain-4', 'p-rev-4'), d, q)).toEqual({ kind: 'sign' });
    const signed = sign(d, 4, committee);
    expect(rankingSignState(reviewer('h-plain-4', 'p-rev-4'), signed, q)).toEqual({ kind: 'signed', text: '已签，等其他评议小组成员签字' });
    const villager = { _id: 'p-v', householdId: 'h-9', villageId: 'v', townId: 't', roles: [{ role: 'village_admin' as const, scope: 'village' as const, scopeId: 'v' }] };
    expect(rankingSignState(villager, d, q)).toEqual({ kind: 'not_member', text: '由评议小组成员签字确认（2 人）：评议4、评议5' });
    expect(rankingSignState(reviewer('h-plain-4', 'p-rev-4'), { ...d, status: 'confirmed' }, q)).toEqual({ kind: 'closed' });
  });
});

describe('年度评比 within one document', () => {
  const admin: RankingActor = { id: 'p-admin', name: '村干部', at: 1000 };
  const input = { id: 'v_2026', townId: 't', villageId: 'v', villageName: '青山村', year: '2026', requestId: 'req-cap' };
  /** A 10,000-household village whose 1 星 asks for 1 point: nearly everyone is honoured. */
  const village = Array.from({ length: 10_000 }, (_, i) => ({
    householdId: `h-v-${String(i).padStart(5, '0')}-abcdefghijkl`,
    gridName: `第${(i % 100) + 1}网格`,
    doorNo: `青山村第${(i % 100) + 1}村民小组幸福路${i}号附${i % 7}室`,
    name: '欧阳春花',
    points: 1 + (i % 500),
  }));
  const low: HonoursPolicy = { ...DEFAULT_HONOURS, stars: [{ level: 1, minPoints: 1 }] };
  const figuresOf = (lines: ReturnType<typeof annualRanking>) => ({ quarters: ['2026-Q4'], householdCount: 10_000, lines, black: [], policy: low, quorum: 3 });

  it('very low thresholds in a 10,000-household village: the draft is refused with the count and what to change', () => {
    const lines = annualRanking(village, new Set(), low).filter((l) => l.stars > 0 || l.nomination !== null);
    expect(lines.length).toBe(10_000);
    let thrown: unknown;
    try {
      draftRanking(null, input, figuresOf(lines), admin);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code: 'HONOURS_TOO_MANY', details: { honoured: 10_000, max: MAX_HONOURED } });
    expect((thrown as Error).message).toMatch(/10000 户获评.*提高星级文明户的积分要求/);
  });

  it('at the cap, with long door numbers and names, the ranking document stays well under CloudBase\'s document size', () => {
    const lines = annualRanking(village, new Set(), low).filter((l) => l.stars > 0).slice(0, MAX_HONOURED);
    const d = draftRanking(null, input, figuresOf(lines), admin);
    const bytes = Buffer.byteLength(JSON.stringify(d));
    // 16 MB is the platform's limit; the page and the 奖状 read the document whole, so we keep to 1 MB.
    expect(bytes).toBeLessThan(1024 * 1024);
  });
});

describe('黑榜 without an approved application', () => {
  const line = (id: string) => ({ householdId: id, gridName: '一组', doorNo: `一组${id}号`, name: '王小明', months: [0, 0, 0] as [number, number, number], baseScore: 0, corrections: 0, total: 0 });
  const veto = { householdId: 'b', doorNo: '一组b号', name: '王*明', item: '负面清单', eventDate: '2026-08-01' };

  it('off: the vetoes as they are; on: the others without an approved application, once each, masked', () => {
    const lines = [line('a'), line('b'), line('c')];
    expect(withNoApplication([veto], lines, new Set(['a']), DEFAULT_HONOURS, '2026-09-30')).toEqual([veto]);
    expect(withNoApplication([veto], lines, new Set(['a']), { ...DEFAULT_HONOURS, blackListWithoutApplication: true }, '2026-09-30')).toEqual([
      veto,
      { householdId: 'c', doorNo: '一组c号', name: '王*明', item: '本季度没有通过的申报', eventDate: '2026-09-30', reason: 'no_application' },
    ]);
  });
});


describe('奖状 words', () => {
  it('one per honoured line, the head by full name (else the door), the honours, the date in China', async () => {
    const { certificatesOf } = await import('@domain/ranking/certificate');
    const lines = annualRanking([r('a', 220, '1'), r('b', 85, '2')], new Set(), { ...DEFAULT_HONOURS, wenmingNongjia: { count: 1, minPoints: 100 }, zuimeiJiating: { count: 1, minPoints: 80 } });
    const certs = certificatesOf({ villageName: '青山村', year: '2026', lines, publishedAt: Date.parse('2027-01-05T17:00:00Z'), updatedAt: 0 }, new Map([['a', '张三丰']]));
    expect(certs).toEqual([
      { householdId: 'a', to: '张三丰 户（1号）', body: '在 2026 年度青山村乡约积分评比中，全年积分 220 分，荣获：', honours: ['文明农家', '五星级文明户'], issuer: '青山村村民委员会', date: '2027年1月6日' },
      { householdId: 'b', to: '2号 户', body: '在 2026 年度青山村乡约积分评比中，全年积分 85 分，荣获：', honours: ['最美家庭', '二星级文明户'], issuer: '青山村村民委员会', date: '2027年1月6日' },
    ]);
  });
});

describe('年度评比 published like a publicity: 公示期, 异议, the committee answers, 定稿', () => {
  const admin: RankingActor = { id: 'p-admin', name: '村干部', at: 1000 };
  const rev = (n: number): RankingActor => ({ id: `p-rev-${n}`, name: `评议${n}`, at: 2000 + n });
  const committee: CommitteeMember[] = [1, 2, 3].map((n) => ({ personId: `p-rev-${n}`, name: `评议${n}`, householdId: `h-rev-${n}` }));
  const lines = annualRanking([r('h-a', 220, '1'), r('h-b', 120, '2'), r('h-rev-3', 90, '3'), r('h-black', 300, '9')], new Set(['h-black']), DEFAULT_HONOURS).filter((l) => l.stars > 0);
  const black = [{ householdId: 'h-black', doorNo: '9号', name: '李*', item: '负面清单：测试', eventDate: '2026-05-10' }];
  const figures = { quarters: ['2026-Q1'], householdCount: 5, lines, black, policy: DEFAULT_HONOURS, quorum: 2 };
  const input = { id: 'v_2026', townId: 't', villageId: 'v', villageName: '青山村', year: '2026', requestId: 'req-draft-1' };
  const person = (id: string, householdId: string | null, roles: { role: 'reviewer' | 'villager'; scopeId: string }[] = []) => ({
    _id: id,
    name: `人${id}`,
    householdId,
    villageId: 'v',
    townId: 't',
    roles: roles.map((x) => ({ ...x, scope: 'village' as const })),
  });
  const villager = person('p-vil', 'h-vil');
  const reviewer = (n: number, householdId = `h-rev-${n}`) => person(`p-rev-${n}`, householdId, [{ role: 'reviewer', scopeId: 'v' }]);
  const at = (n: number): RankingActor => ({ id: 'x', name: 'x', at: n });

  function inPublicity(): AnnualRanking {
    let d = draftRanking(null, input, figures, admin);
    d = signRanking(signRanking(d, rev(1), 's1', committee), rev(2), 's2', committee);
    expect(d.status).toBe('confirmed');
    return publishRanking(d, admin, 'p1', '2027-01-06', 7);
  }
  const object = (p: AnnualRanking, householdId: string, topic: 'honoured' | 'black' | 'own', today: string, who = villager, id = `o-${householdId}`) =>
    objectToRanking(p, { id, topic, householdId, reason: '他家去年有违规' }, who, at(5000), today, `req-${id}`);

  it('the window: villagers object on its last day, not after; only while in 公示', () => {
    const p = inPublicity();
    expect(inObjectionWindow(p, '2027-01-12')).toBe(true);
    expect(inObjectionWindow(p, '2027-01-13')).toBe(false);
    const o = object(p, 'h-a', 'honoured', '2027-01-12');
    expect(o.objections?.[0]).toMatchObject({ topic: 'honoured', householdId: 'h-a', lineLabel: '张*丰（1号）', status: 'open', objectorHouseholdId: 'h-vil' });
    expect(() => object(p, 'h-a', 'honoured', '2027-01-13')).toThrow('公示期已于 2027-01-12 结束，不能再提出异议');
    const draft = draftRanking(null, input, figures, admin);
    expect(() => object(draft, 'h-a', 'honoured', '2027-01-06')).toThrow('年度评比不在公示中，不能提出异议');
  });

  it('about a line honoured or black-listed, or one\'s own household; not a line that is not there; not twice while open', () => {
    const p = inPublicity();
    expect(object(p, 'h-black', 'black', '2027-01-07').objections?.[0].lineLabel).toBe('李*（9号）');
    expect(object(p, 'h-vil', 'own', '2027-01-07').objections?.[0].lineLabel).toBe('本户（未获评）');
    expect(() => object(p, 'h-b', 'own', '2027-01-07')).toThrow(expect.objectContaining({ code: 'NOT_FOUND', message: '只能对本户是否获评提出异议' }));
    expect(() => object(p, 'h-nobody', 'honoured', '2027-01-07')).toThrow('获评名单中没有该户');
    expect(() => object(p, 'h-a', 'black', '2027-01-07')).toThrow('不参评名单中没有该户');
    const once = object(p, 'h-a', 'honoured', '2027-01-07');
    expect(() => object(once, 'h-a', 'honoured', '2027-01-07', villager, 'o-2')).toThrow('您对这一条已有异议在等答复');
  });

  it('a non-villager may not object (NOT_FOUND: nothing learnt)', () => {
    expect(mayObjectToRanking({ villager: false })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(mayObjectToRanking({ villager: true }).ok).toBe(true);
  });

  it('answers: not by a non-reviewer, not on one\'s own household\'s line, not on one\'s own household\'s objection, not while recused', () => {
    const p = object(object(inPublicity(), 'h-a', 'honoured', '2027-01-07'), 'h-b', 'honoured', '2027-01-07', reviewer(2), 'o-by-rev2');
    const [onA, byRev2] = p.objections ?? [];
    expect(mayAnswerRankingObjection(villager, p, onA)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(mayAnswerRankingObjection(reviewer(1, 'h-a'), p, onA)).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_REVIEW' });
    expect(mayAnswerRankingObjection(reviewer(2), p, byRev2)).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_REVIEW', message: '不能答复本户提出的异议（需回避）' });
    // 评议3's household (3号, 90 points) is honoured: they stand aside, as for signing.
    expect(mayAnswerRankingObjection(reviewer(3), p, onA)).toMatchObject({ ok: false, code: 'OWN_HOUSEHOLD_HONOURED' });
    expect(mayAnswerRankingObjection(reviewer(1), p, onA).ok).toBe(true);
    expect(() => answerRankingObjection(p, byRev2.id, reviewer(2), { outcome: 'dismiss', reason: '已核实' }, rev(2), 'a1')).toThrow('不能答复本户提出的异议（需回避）');
    expect(() => answerRankingObjection(p, 'nope', reviewer(1), { outcome: 'dismiss', reason: '已核实' }, rev(1), 'a1')).toThrow('找不到该异议');
  });

  it('two members answer (four eyes): the first proposes, another agreeing decides; one member alone never undoes the ranking', () => {
    const p = object(object(inPublicity(), 'h-a', 'honoured', '2027-01-07'), 'h-b', 'honoured', '2027-01-07');
    const proposed = answerRankingObjection(p, 'o-h-a', reviewer(1), { outcome: 'dismiss', reason: '已核实，积分无误' }, rev(1), 'a1');
    expect(proposed.objection).toMatchObject({ status: 'proposed', answer: null, proposal: { outcome: 'dismiss', reason: '已核实，积分无误', by: { personId: 'p-rev-1' } } });
    expect(proposed.ranking.history.at(-1)).toMatchObject({ action: 'propose', note: '张*丰（1号）：异议不成立，已核实，积分无误' });
    // Not confirmed by the one who proposed it; 定稿 waits for the second member.
    expect(mayAnswerRankingObjection(reviewer(1), proposed.ranking, proposed.objection)).toMatchObject({ ok: false, code: 'OWN_WORK_REVIEW' });
    expect(() => answerRankingObjection(proposed.ranking, 'o-h-a', reviewer(1), { outcome: 'dismiss', reason: '再确认' }, rev(1), 'a1b')).toThrow('您已提出答复，需另一位评议小组成员确认');
    expect(finalizeProblem(proposed.ranking, '2027-01-13')).toMatchObject({ code: 'OBJECTIONS_OPEN', message: '还有 2 条异议未答复，不能定稿' });
    const dismissed = answerRankingObjection(proposed.ranking, 'o-h-a', reviewer(2), { outcome: 'dismiss', reason: '同意' }, rev(2), 'a2');
    expect(dismissed.ranking.status).toBe('publicity');
    expect(dismissed.objection).toMatchObject({ status: 'dismissed', proposal: null, answer: { reason: '已核实，积分无误', by: { personId: 'p-rev-1' }, confirmedBy: { personId: 'p-rev-2' } } });
    expect(dismissed.ranking.history.at(-1)).toMatchObject({ action: 'dismiss', note: '张*丰（1号）：同意评议1的答复' });
    expect(() => answerRankingObjection(dismissed.ranking, 'o-h-a', reviewer(4), { outcome: 'uphold', reason: '再看看' }, rev(4), 'a3')).toThrow('该异议已答复');

    // One member upholding leaves the signed ranking in 公示; another disagreeing replaces the proposal.
    const byOne = answerRankingObjection(dismissed.ranking, 'o-h-b', reviewer(2), { outcome: 'uphold', reason: '该户有违规未计' }, rev(2), 'a4');
    expect(byOne.ranking).toMatchObject({ status: 'publicity', signatures: p.signatures });
    const disagreed = answerRankingObjection(byOne.ranking, 'o-h-b', reviewer(1), { outcome: 'dismiss', reason: '违规已在一季度扣分' }, rev(1), 'a5');
    expect(disagreed.objection).toMatchObject({ status: 'proposed', proposal: { outcome: 'dismiss', by: { personId: 'p-rev-1' } } });
    expect(disagreed.ranking.status).toBe('publicity');
    const upheld = answerRankingObjection(
      answerRankingObjection(disagreed.ranking, 'o-h-b', reviewer(2), { outcome: 'uphold', reason: '该户有违规未计' }, rev(2), 'a6').ranking,
      'o-h-b',
      reviewer(4),
      { outcome: 'uphold', reason: '同意' },
      rev(4),
      'a7',
    );
    expect(upheld.objection).toMatchObject({ status: 'upheld', answer: { reason: '该户有违规未计', by: { personId: 'p-rev-2' }, confirmedBy: { personId: 'p-rev-4' } } });
    expect(upheld.ranking).toMatchObject({ status: 'draft', signatures: [], startDate: null, endDate: null, publishedAt: null });
    expect(upheld.ranking.history.at(-1)).toMatchObject({ action: 'uphold', note: '张*丰（2号）：同意评议2的答复' });
    // Only the committee undoes it: the admin cannot publish the draft again, a redraft keeps the objections.
    expect(() => publishRanking(upheld.ranking, admin, 'p2', '2027-01-08', 7)).toThrow('评议小组确认后才能公示');
    const redrafted = draftRanking(upheld.ranking, { ...input, requestId: 'req-draft-2' }, figures, admin);
    expect(redrafted.objections?.map((o) => o.status)).toEqual(['dismissed', 'upheld']);
  });

  it('定稿: not before the window is over, not with an objection open; then final, and only then the 奖状', () => {
    const p = object(inPublicity(), 'h-a', 'honoured', '2027-01-07');
    expect(() => assertCertificatesPrintable(p, '2026')).toThrow('2026 年度评比还在公示中（到 2027-01-12 结束），公示期满定稿后才能打印奖状');
    expect(() => finalizeRanking(p, admin, 'f1', '2027-01-12')).toThrow(expect.objectContaining({ code: 'PUBLICITY_WINDOW', message: '公示期到 2027-01-12 结束，2027-01-13 起才能定稿' }));
    expect(() => finalizeRanking(p, admin, 'f1', '2027-01-13')).toThrow(expect.objectContaining({ code: 'OBJECTIONS_OPEN', message: '还有 1 条异议未答复，不能定稿' }));
    const proposed = answerRankingObjection(p, 'o-h-a', reviewer(1), { outcome: 'dismiss', reason: '已核实' }, rev(1), 'a1').ranking;
    const answered = answerRankingObjection(proposed, 'o-h-a', reviewer(2), { outcome: 'dismiss', reason: '同意' }, rev(2), 'a2').ranking;
    expect(finalizeProblem(answered, '2027-01-13')).toBeNull();
    const f = finalizeRanking(answered, { ...admin, at: 7777 }, 'f1', '2027-01-13');
    expect(f).toMatchObject({ status: 'published', finalizedAt: 7777 });
    expect(() => assertCertificatesPrintable(f, '2026')).not.toThrow();
    expect(() => finalizeRanking(f, admin, 'f2', '2027-01-14')).toThrow('年度评比已定稿');
    expect(() => object(f, 'h-a', 'honoured', '2027-01-13', villager, 'late')).toThrow('年度评比不在公示中');
    expect(() => finalizeRanking(draftRanking(null, input, figures, admin), admin, 'f3', '2027-02-01')).toThrow('年度评比公示后才能定稿');
  });
});

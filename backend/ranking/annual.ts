import { DomainError } from '@domain/shared/errors';
import { cstDate } from '@domain/shared/time';
import type { Person } from '@domain/org/types';
import { policyWithDefaults } from '@domain/org/policy';
import { blackList, rankedOf, type Ranked } from '@domain/publicity/redBlack';
import { quartersOfYearTo } from '@domain/publicity/quarter';
import { annualRanking } from '@domain/ranking/annual';
import { rankUnits, type UnitRankLine } from '@domain/ranking/units';
import { isHouseholdLine } from '@domain/publicity/lines';
import {
  rankingIdOf,
  type AnnualRanking,
  type RankingObjection,
} from '@domain/ranking/types';
import {
  answerRankingObjection,
  assertYearOver,
  draftRanking,
  finalizeRanking,
  objectToRanking,
  publishRanking,
  signRanking,
  type RankingActor,
  type RankingAnswer,
  type RankingFigures,
  type RankingObjectionInput,
} from '@domain/ranking/workflow';
import { maySignRanking, type CommitteeMember } from '@domain/ranking/policy';
import type { Database } from '../db/types';
import { C } from '../repos/collections';
import type { VillageDoc } from '../repos/org';
import { publicityRepo } from '../repos/publicity';
import { roleHoldersRepo } from '../repos/roleHolders';
import { vetoesRepo } from '../repos/vetoes';
import type { Deps } from '../runtime/deps';

/**
 * 年度评比 (src/domain/ranking): the figures are read before the transaction (the year's
 * town-approved quarters are final: nothing changes them), then one transaction reads and
 * writes the ranking document alone — the contended document, written first and only, so two
 * admins drafting or two reviewers signing at once conflict there and one retries.
 */
export async function rankingFigures(db: Database, village: VillageDoc, year: string): Promise<RankingFigures> {
  const policy = policyWithDefaults(village.policy);
  const approved = (await publicityRepo.ofVillageQuarters(db, village._id, quartersOfYearTo(`${year}-Q4`))).filter((q) => q.status === 'approved');
  const sums = new Map<string, Ranked>();
  const units = new Map<string, Omit<UnitRankLine, 'rank'>>();
  for (const q of approved) {
    for (const c of await publicityRepo.chunks(db, q._id)) {
      for (const l of c.lines) {
        if (!isHouseholdLine(l)) {
          const u = units.get(l.householdId);
          units.set(l.householdId, { unitId: l.householdId, name: l.name, kindLabel: l.doorNo, points: (u?.points ?? 0) + l.total });
          continue;
        }
        const prior = sums.get(l.householdId);
        sums.set(l.householdId, prior ? { ...prior, points: prior.points + l.total } : rankedOf(l));
      }
    }
  }
  const black = blackList(await vetoesRepo.effectiveBetween(db, village._id, `${year}-01-01`, `${year}-12-31`), `${year}-01-01`, `${Number(year) + 1}-01-01`);
  const ranked = annualRanking([...sums.values()], new Set(black.map((b) => b.householdId)), policy.honours);
  return {
    quarters: approved.map((q) => q.quarter).sort(),
    householdCount: ranked.length,
    lines: ranked.filter((l) => l.stars > 0 || l.nomination !== null),
    units: rankUnits(units.values()),
    black,
    policy: policy.honours,
    quorum: policy.auditQuorum,
  };
}

function actorOf(person: Person, at: number): RankingActor {
  return { id: person._id, name: person.name, at };
}

async function apply(
  db: Database,
  id: string,
  requestId: string,
  change: (prior: AnnualRanking | null) => AnnualRanking,
): Promise<AnnualRanking> {
  return db.runTransaction(async (tx) => {
    const ref = tx.collection<AnnualRanking>(C.annualRankings).doc(id);
    const { data: prior } = await ref.get();
    if (prior?.requestIds.includes(requestId)) return prior;
    const next = change(prior);
    const { _id, ...doc } = next;
    void _id;
    await ref.set(doc);
    return next;
  });
}

export async function draftAnnualRanking(deps: Pick<Deps, 'db' | 'now'>, person: Person, village: VillageDoc, year: string, requestId: string): Promise<AnnualRanking> {
  const now = deps.now();
  const id = rankingIdOf(village._id, year);
  // A retry of a draft already written answers at once, even after the year's figures moved on.
  const { data } = await deps.db.collection<AnnualRanking>(C.annualRankings).doc(id).get();
  if (data[0]?.requestIds.includes(requestId)) return data[0];
  assertYearOver(year, cstDate(now));
  const figures = await rankingFigures(deps.db, village, year);
  return apply(deps.db, id, requestId, (prior) =>
    draftRanking(prior, { id, townId: village.townId, villageId: village._id, villageName: village.name, year, requestId }, figures, actorOf(person, now)),
  );
}

/**
 * The village's review committee (评议小组) as it stands, from the role index: a handful of
 * documents, read before the transaction (appointments are rare; who may sign is checked again
 * on the signer).
 */
export async function committeeOf(db: Database, villageId: string): Promise<CommitteeMember[]> {
  const ids = await roleHoldersRepo.personIds(db, villageId, ['reviewer']);
  if (ids.length === 0) return [];
  const { data } = await db.collection<Person>(C.people).where({ _id: db.command.in(ids) }).limit(1000).get();
  return data
    .filter((p) => p.roles.some((r) => r.role === 'reviewer' && r.scopeId === villageId))
    .map((p) => ({ personId: p._id, name: p.name, householdId: p.householdId }))
    .sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
}

export async function signAnnualRanking(deps: Pick<Deps, 'db' | 'now'>, person: Person, ranking: AnnualRanking, requestId: string): Promise<AnnualRanking> {
  const committee = await committeeOf(deps.db, ranking.villageId);
  return apply(deps.db, ranking._id, requestId, (prior) => {
    if (!prior) throw new DomainError('NOT_FOUND', '找不到该年度评比');
    // Again on the document being signed: a redraft in between may have honoured the signer's household.
    const may = maySignRanking(person, prior);
    if (!may.ok) throw new DomainError(may.code, may.message);
    return signRanking(prior, actorOf(person, deps.now()), requestId, committee);
  });
}

/** 公示: the window is the village's 公示期 (村规设置, the quarter publicity's days; 7 by default). */
export async function publishAnnualRanking(deps: Pick<Deps, 'db' | 'now'>, person: Person, village: VillageDoc, year: string, requestId: string): Promise<AnnualRanking> {
  const now = deps.now();
  const days = policyWithDefaults(village.policy).publicityDays;
  return apply(deps.db, rankingIdOf(village._id, year), requestId, (prior) => {
    if (!prior) throw new DomainError('NOT_FOUND', `${year} 年还没有起草评比`);
    return publishRanking(prior, actorOf(person, now), requestId, cstDate(now), days);
  });
}

/** 异议 within the 公示期: kept in the ranking's document. */
export async function objectAnnualRanking(deps: Pick<Deps, 'db' | 'now'>, person: Person, ranking: AnnualRanking, input: Omit<RankingObjectionInput, 'id'>, requestId: string): Promise<AnnualRanking> {
  const now = deps.now();
  return apply(deps.db, ranking._id, requestId, (prior) => {
    if (!prior) throw new DomainError('NOT_FOUND', '找不到该年度评比');
    return objectToRanking(prior, { ...input, id: `ro-${requestId}` }, person, actorOf(person, now), cstDate(now), requestId);
  });
}

/** The committee's answer; the objection as answered (a retry: as it stands). */
export async function answerAnnualRankingObjection(
  deps: Pick<Deps, 'db' | 'now'>,
  person: Person,
  ranking: AnnualRanking,
  objectionId: string,
  answer: RankingAnswer,
  requestId: string,
): Promise<{ ranking: AnnualRanking; objection: RankingObjection | null }> {
  let objection: RankingObjection | null = null;
  const next = await apply(deps.db, ranking._id, requestId, (prior) => {
    if (!prior) throw new DomainError('NOT_FOUND', '找不到该年度评比');
    const done = answerRankingObjection(prior, objectionId, person, answer, actorOf(person, deps.now()), requestId);
    objection = done.objection;
    return done.ranking;
  });
  return { ranking: next, objection: objection ?? next.objections?.find((o) => o.id === objectionId) ?? null };
}

/** 定稿 after the window, no objection open. */
export async function finalizeAnnualRanking(deps: Pick<Deps, 'db' | 'now'>, person: Person, village: VillageDoc, year: string, requestId: string): Promise<AnnualRanking> {
  const now = deps.now();
  return apply(deps.db, rankingIdOf(village._id, year), requestId, (prior) => {
    if (!prior) throw new DomainError('NOT_FOUND', `${year} 年还没有起草评比`);
    return finalizeRanking(prior, actorOf(person, now), requestId, cstDate(now));
  });
}

export async function rankingOf(db: Database, villageId: string, year: string): Promise<AnnualRanking | null> {
  const { data } = await db.collection<AnnualRanking>(C.annualRankings).doc(rankingIdOf(villageId, year)).get();
  return data[0] ?? null;
}


import type { LineChunk, Publicity, RedBlack } from '@domain/publicity/types';
import { isHouseholdLine } from '@domain/publicity/lines';
import { blackList, rankedOf, redList, withNoApplication, type Ranked } from '@domain/publicity/redBlack';
import { policyWithDefaults } from '@domain/org/policy';
import { addDays, dayAfterQuarter, firstDayOfQuarter, monthsOfQuarter, quartersOfYearTo } from '@domain/publicity/quarter';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';
import { vetoesRepo } from '../repos/vetoes';
import { auditRepo } from '../repos/audit';
import { orgRepo } from '../repos/org';

/**
 * 红黑榜 of a publicity, computed when it is published, corrected, closed and approved, and
 * stored on the publicity: reading it is one document whatever the village's size.
 * - quarter red: this quarter's top ten lines;
 * - year red: the year's approved quarters summed (this one counts once it is approved);
 * - black: effective vetoes whose event is in the quarter / the year; in the quarter also, when
 *   the village's rules say so (honours.blackListWithoutApplication), households without an
 *   approved application in the quarter's audit months (read only then: ≤ 1000 per query).
 * Households only: units (单位积分) have their own section of the list, not the 红黑榜.
 * `lines` are this quarter's chunks when the caller already holds them.
 */
export async function computeRedBlack(db: Database, p: Publicity, now: number, lines?: LineChunk[]): Promise<RedBlack> {
  const year = p.quarter.slice(0, 4);
  const lastDay = addDays(dayAfterQuarter(p.quarter), -1);
  const [quarterVetoes, yearVetoes] = await Promise.all([
    vetoesRepo.effectiveBetween(db, p.villageId, firstDayOfQuarter(p.quarter), lastDay),
    vetoesRepo.effectiveBetween(db, p.villageId, `${year}-01-01`, `${year}-12-31`),
  ]);
  const vetoBlack = blackList(quarterVetoes, firstDayOfQuarter(p.quarter), dayAfterQuarter(p.quarter));
  const yearBlack = blackList(yearVetoes, `${year}-01-01`, `${Number(year) + 1}-01-01`);

  const own = lines ?? (await publicityRepo.chunks(db, p._id));
  const honours = policyWithDefaults((await orgRepo.village(db, p.villageId))?.policy).honours;
  let quarterBlack = vetoBlack;
  if (honours.blackListWithoutApplication) {
    const approved = new Set<string>();
    for (const month of monthsOfQuarter(p.quarter)) {
      for (const a of await auditRepo.decided(db, p.villageId, month)) if (a.status === 'approved') approved.add(a.householdId);
    }
    quarterBlack = withNoApplication(
      vetoBlack,
      (function* () {
        for (const c of own) yield* c.lines.filter(isHouseholdLine);
      })(),
      approved,
      honours,
      lastDay,
    );
  }
  const quarterTop = redList(
    (function* () {
      for (const c of own) for (const l of c.lines) if (isHouseholdLine(l)) yield rankedOf(l);
    })(),
    new Set(quarterBlack.map((b) => b.householdId)),
  );

  // The year: every approved quarter of the year so far (this one too once approved).
  const approved = (await publicityRepo.ofVillageQuarters(db, p.villageId, quartersOfYearTo(`${year}-Q4`))).filter(
    (q) => q.status === 'approved' || (q._id === p._id && p.status === 'approved'),
  );
  const sums = new Map<string, Ranked>();
  for (const q of approved) {
    const chunks = q._id === p._id ? own : await publicityRepo.chunks(db, q._id);
    for (const c of chunks) {
      for (const l of c.lines.filter(isHouseholdLine)) {
        const prior = sums.get(l.householdId);
        sums.set(l.householdId, prior ? { ...prior, points: prior.points + l.total } : rankedOf(l));
      }
    }
  }
  const yearTop = redList(sums.values(), new Set(yearBlack.map((b) => b.householdId)));
  return { quarterTop, yearTop, quarterBlack, yearBlack, computedAt: now };
}

import type { LineChunk, Publicity, RedBlack } from '@domain/publicity/types';
import { blackList, rankedOf, redList, type Ranked } from '@domain/publicity/redBlack';
import { addDays, dayAfterQuarter, firstDayOfQuarter, quartersOfYearTo } from '@domain/publicity/quarter';
import type { Database } from '../db/types';
import { publicityRepo } from '../repos/publicity';
import { vetoesRepo } from '../repos/vetoes';

/**
 * 红黑榜 of a publicity, computed when it is published, corrected, closed and approved, and
 * stored on the publicity: reading it is one document whatever the village's size.
 * - quarter red: this quarter's top ten lines;
 * - year red: the year's approved quarters summed (this one counts once it is approved);
 * - black: effective vetoes whose event is in the quarter / the year.
 * `lines` are this quarter's chunks when the caller already holds them.
 */
export async function computeRedBlack(db: Database, p: Publicity, now: number, lines?: LineChunk[]): Promise<RedBlack> {
  const year = p.quarter.slice(0, 4);
  const lastDay = addDays(dayAfterQuarter(p.quarter), -1);
  const [quarterVetoes, yearVetoes] = await Promise.all([
    vetoesRepo.effectiveBetween(db, p.villageId, firstDayOfQuarter(p.quarter), lastDay),
    vetoesRepo.effectiveBetween(db, p.villageId, `${year}-01-01`, `${year}-12-31`),
  ]);
  const quarterBlack = blackList(quarterVetoes, firstDayOfQuarter(p.quarter), dayAfterQuarter(p.quarter));
  const yearBlack = blackList(yearVetoes, `${year}-01-01`, `${Number(year) + 1}-01-01`);

  const own = lines ?? (await publicityRepo.chunks(db, p._id));
  const quarterTop = redList(
    (function* () {
      for (const c of own) for (const l of c.lines) yield rankedOf(l);
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
      for (const l of c.lines) {
        const prior = sums.get(l.householdId);
        sums.set(l.householdId, prior ? { ...prior, points: prior.points + l.total } : rankedOf(l));
      }
    }
  }
  const yearTop = redList(sums.values(), new Set(yearBlack.map((b) => b.householdId)));
  return { quarterTop, yearTop, quarterBlack, yearBlack, computedAt: now };
}

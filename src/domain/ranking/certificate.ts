import { cstDate } from '../shared/time';
import { NOMINATION_LABELS, type AnnualLine } from './annual';
import type { AnnualRanking } from './types';

/** One 奖状 (荣誉证书): the words on it, for one honoured household. */
export interface Certificate {
  householdId: string;
  /** The head's full name: the certificate is handed to the household, never posted. */
  to: string;
  body: string;
  /** 星级文明户, 文明农家 / 最美家庭: the honours, one per line, large. */
  honours: string[];
  issuer: string;
  date: string;
}

function dateWords(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export function honourTitles(line: Pick<AnnualLine, 'stars' | 'nomination'>): string[] {
  const out: string[] = [];
  if (line.nomination) out.push(NOMINATION_LABELS[line.nomination]);
  if (line.stars > 0) out.push(`${'一二三四五'[line.stars - 1]}星级文明户`);
  return out;
}

/**
 * The certificates of a published ranking, in rank order: `heads` gives each household's head's
 * full name (a household without one is addressed by its door number).
 */
export function certificatesOf(r: Pick<AnnualRanking, 'villageName' | 'year' | 'lines' | 'publishedAt' | 'updatedAt'>, heads: ReadonlyMap<string, string>): Certificate[] {
  const date = dateWords(cstDate(r.publishedAt ?? r.updatedAt));
  return r.lines.map((l) => {
    const head = heads.get(l.householdId);
    return {
      householdId: l.householdId,
      to: head ? `${head} 户（${l.doorNo}）` : `${l.doorNo} 户`,
      body: `在 ${r.year} 年度${r.villageName}乡约积分评比中，全年积分 ${l.points} 分，荣获：`,
      honours: honourTitles(l),
      issuer: `${r.villageName}村民委员会`,
      date,
    };
  });
}

import { cstDate } from '../shared/time';
import { DomainError } from '../shared/errors';
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

/** 奖状 print from a final (定稿) ranking only: refused before, in words. */
export function assertCertificatesPrintable(r: Pick<AnnualRanking, 'status' | 'endDate'> | null, year: string): asserts r is AnnualRanking {
  if (r?.status === 'published') return;
  const why =
    r?.status === 'publicity'
      ? `${year} 年度评比还在公示中（到 ${r.endDate ?? ''} 结束），公示期满定稿后才能打印奖状`
      : `${year} 年度评比公示期满定稿后才能打印奖状`;
  throw new DomainError('INVALID_TRANSITION', why);
}

/**
 * The certificates of a final ranking, in rank order: `heads` gives each household's head's
 * full name (a household without one is addressed by its door number).
 */
export function certificatesOf(r: Pick<AnnualRanking, 'villageName' | 'year' | 'lines' | 'publishedAt' | 'updatedAt' | 'finalizedAt'>, heads: ReadonlyMap<string, string>): Certificate[] {
  const date = dateWords(cstDate(r.finalizedAt ?? r.publishedAt ?? r.updatedAt));
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

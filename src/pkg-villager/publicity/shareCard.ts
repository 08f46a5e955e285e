import type { PublicityView } from '@domain/api/publicity';
import { quarterWords } from '@domain/points/plainWords';
import { route } from '../../constants/routes';

/**
 * The fixed picture of a shared 公示: without `imageUrl` WeChat would take a screenshot of the
 * page, which shows door numbers and (masked) names, including the 黑榜, to a whole group.
 */
export const SHARE_IMAGE = '/assets/share/publicity.png';

/** The share card: village, quarter and period only — never a name or a door number. */
export function shareCard(p: Pick<PublicityView, 'villageId' | 'villageName' | 'quarter' | 'startDate' | 'endDate'> | null): { title: string; path: string; imageUrl: string } {
  if (!p) return { title: '积分公示', path: route('publicity'), imageUrl: SHARE_IMAGE };
  return {
    title: `${p.villageName} ${quarterWords(p.quarter)}积分公示（${p.startDate} 至 ${p.endDate}）`,
    path: route('publicity', { villageId: p.villageId, quarter: p.quarter }),
    imageUrl: SHARE_IMAGE,
  };
}

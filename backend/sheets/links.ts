import { PAGES } from '@domain/shared/pages';

/** The publicity page (its path in the weapp package). */
export const PUBLICITY_PAGE = PAGES.publicity;

/**
 * What a printed QR code holds. With XIANGYUE_QR_LINK_PREFIX set (an https prefix registered in the
 * mini-program's console under 扫普通链接二维码打开小程序), WeChat's scanner opens the page itself;
 * without it the code holds the page's path, which a person can still read out.
 */
export function publicityLink(villageId: string, quarter: string): string {
  const prefix = process.env.XIANGYUE_QR_LINK_PREFIX?.replace(/\/+$/, '');
  const query = `villageId=${encodeURIComponent(villageId)}&quarter=${encodeURIComponent(quarter)}`;
  return prefix ? `${prefix}/publicity?${query}` : `${PUBLICITY_PAGE}?${query}`;
}

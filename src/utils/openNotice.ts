import Taro from '@tarojs/taro';
import { PAGES, TAB_PAGES } from '../constants/routes';

/** Opens the page a notice is about (its `page`: a path with query, no leading slash); a tab page is switched to. */
export function openNoticePage(page: string): void {
  const path = page.split('?')[0];
  const isTab = TAB_PAGES.some((p) => PAGES[p] === path);
  if (isTab) void Taro.switchTab({ url: `/${path}` });
  else void Taro.navigateTo({ url: `/${page}` });
}

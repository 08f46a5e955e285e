import Taro from '@tarojs/taro';
import type { Workbench } from '@domain/api/identity';

/**
 * The tab bar fits the person (the static list is the villager's: 首页 · 申报 · 积分 · 我的):
 * staff read 工作台 on the first tab; a town admin without a household has no villager pages,
 * so no tab bar at all. Called by 首页 once the workbench is known; failures are harmless.
 */
export function fitTabBar(wb: Pick<Workbench, 'staff' | 'townOnly'>): void {
  const quiet = () => undefined;
  if (wb.townOnly) {
    void Taro.hideTabBar({ animation: false }).catch(quiet);
    return;
  }
  void Taro.showTabBar({ animation: false }).catch(quiet);
  void Taro.setTabBarItem({ index: 0, text: wb.staff ? '工作台' : '首页' }).catch(quiet);
}

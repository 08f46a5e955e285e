import Taro, { usePullDownRefresh } from '@tarojs/taro';

/** Pull down to reload: runs `reload` and ends the refresh animation when it settles, failed or not. */
export function usePullToReload(reload: () => Promise<unknown>): void {
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });
}

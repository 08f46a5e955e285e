import Taro, { usePullDownRefresh } from '@tarojs/taro';

/**
 * Pull down to reload: runs `reload` and ends the refresh animation when it settles, failed or not.
 * `enabled` false: the handler is still registered (hooks can't be conditional) and does nothing.
 */
export function usePullToReload(reload: () => Promise<unknown>, enabled = true): void {
  usePullDownRefresh(() => {
    if (enabled) void reload().finally(() => Taro.stopPullDownRefresh());
  });
}

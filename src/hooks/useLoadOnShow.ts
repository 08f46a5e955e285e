import { useEffect, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Run `load` when the component mounts and whenever its page is shown again. A component mounted
 * with its page would get both at once (mount, then the page's first onShow): they count as one.
 */
export function useLoadOnShow(load: () => unknown, windowMs = 1000): void {
  const last = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const run = () => {
    const now = Date.now();
    if (now - last.current < windowMs) return;
    last.current = now;
    loadRef.current();
  };
  useEffect(run, []); // eslint-disable-line react-hooks/exhaustive-deps
  useDidShow(run);
}

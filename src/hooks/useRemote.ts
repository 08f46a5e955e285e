import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf, isApiError, type ApiErrorCode } from '../services/api';
import { useLoadOnShow } from './useLoadOnShow';
import { usePullToReload } from './usePullToReload';

export interface Remote<T> {
  data: T | null;
  loading: boolean;
  /** The server's (Chinese) message when the load failed. */
  error: string | null;
  errorCode: ApiErrorCode | null;
  reload: () => Promise<void>;
}

export interface RemoteOptions {
  /** false: the page loads it itself. */
  auto?: boolean;
  deps?: readonly unknown[];
  /** Load again every time the page is shown (back from another page, back to the app), not only on open. */
  onShow?: boolean;
  /** Load again when the user pulls the page down, and end the refresh when the answer is in. */
  pullDown?: boolean;
}

/**
 * Load something from the backend when the page opens, when `deps` change, and on `reload`. Keeps the last
 * data while reloading; a stale answer never overwrites a newer one.
 *
 * `loading` is true from the start until the first answer (data or error), whether or not the load has
 * been asked for yet: a page must never show its empty state ("还没有…") before the server has answered
 * — a villager on a slow network would read it as "you have nothing".
 */
export function useRemote<T>(
  load: () => Promise<T>,
  options: RemoteOptions = {},
): Remote<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<ApiErrorCode | null>(null);
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine !== seq.current) return;
      setData(value);
      setError(null);
      setErrorCode(null);
    } catch (e) {
      if (mine !== seq.current) return;
      setError(messageOf(e));
      setErrorCode(isApiError(e) ? e.code : null);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, []);

  // Load on open (unless auto is false) and again whenever a dependency changes.
  const first = useRef(true);
  useEffect(() => {
    const isFirst = first.current;
    first.current = false;
    // onShow: the first load is the first show's (useLoadOnShow below counts mount and show as one).
    if (isFirst && (options.auto === false || options.onShow)) return;
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, options.deps ?? []);

  // Hooks run on every render in the same order: the options decide inside them.
  const { onShow, pullDown } = options;
  useLoadOnShow(() => {
    if (onShow) void reload();
  });
  usePullToReload(reload, pullDown === true);

  return { data, loading, error, errorCode, reload };
}

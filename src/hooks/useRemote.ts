import { useCallback, useEffect, useRef, useState } from 'react';
import { messageOf, isApiError, type ApiErrorCode } from '../services/api';

export interface Remote<T> {
  data: T | null;
  loading: boolean;
  /** The server's (Chinese) message when the load failed. */
  error: string | null;
  errorCode: ApiErrorCode | null;
  reload: () => Promise<void>;
}

/**
 * Load something from the backend when the page opens, when `deps` change, and on `reload`. Keeps the last
 * data while reloading; a stale answer never overwrites a newer one. `auto: false`: the page loads it
 * itself (on show).
 *
 * `loading` is true from the start until the first answer (data or error), whether or not the load has
 * been asked for yet: a page must never show its empty state ("还没有…") before the server has answered
 * — a villager on a slow network would read it as "you have nothing".
 */
export function useRemote<T>(
  load: () => Promise<T>,
  options: { auto?: boolean; deps?: readonly unknown[] } = {},
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
    if (isFirst && options.auto === false) return;
    void reload();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, options.deps ?? []);

  return { data, loading, error, errorCode, reload };
}

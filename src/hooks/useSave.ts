import { useCallback, useRef, useState } from 'react';
import { isApiError, messageOf, type ApiErrorCode } from '../services/api';
import { showError, toastSuccess } from '../services/feedback';

export interface Save {
  /** A call is on its way: buttons wait (a second tap is ignored). */
  busy: boolean;
  /** The last refusal, in the server's (Chinese) words, until the next success or `clear`. */
  error: string | null;
  errorCode: ApiErrorCode | null;
  /**
   * Run one write. Resolves to its answer, or `undefined` when refused (or already busy).
   * `success`: a short toast after it worked; `quiet`: no toast on refusal (the page shows `error` itself).
   */
  run<T>(fn: () => Promise<T>, options?: { success?: string; quiet?: boolean }): Promise<T | undefined>;
  clear(): void;
}

/** Saving from a page: one call at a time, the server's refusal kept for the page to show. */
export function useSave(): Save {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [errorCode, setErrorCode] = useState<ApiErrorCode | null>(null);
  const running = useRef(false);

  const run = useCallback(async <T,>(fn: () => Promise<T>, options: { success?: string; quiet?: boolean } = {}): Promise<T | undefined> => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    try {
      const value = await fn();
      setError(null);
      setErrorCode(null);
      if (options.success) toastSuccess(options.success);
      return value;
    } catch (e) {
      setError(messageOf(e));
      setErrorCode(isApiError(e) ? e.code : null);
      if (!options.quiet) showError(e);
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);

  const clear = useCallback(() => {
    setError(null);
    setErrorCode(null);
  }, []);

  return { busy, error, errorCode, run, clear };
}

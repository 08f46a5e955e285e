import type { Database, EngineLimits, Transaction } from '@backend/db/types';

/**
 * A database whose requests advance `clock.t` as a call's time goes on CloudBase: one tick per
 * request (a round trip; inside transactions too), one more per document a query returns
 * (decoding). `limits` makes it pass for another engine (e.g. CloudBase's small batches).
 */
export function metered(db: Database, clock: { t: number }, limits?: EngineLimits): Database {
  const wrap = <T extends object>(o: T): T =>
    new Proxy(o, {
      get(target, prop, receiver) {
        if (prop === 'limits' && limits) return limits;
        const v = Reflect.get(target, prop, receiver) as unknown;
        if (typeof v !== 'function') return v;
        if (prop === 'runTransaction') {
          return <R>(fn: (tx: Transaction) => Promise<R>, attempts?: number) => (v as Database['runTransaction']).call(target, (tx) => fn(wrap(tx)), attempts);
        }
        return (...args: unknown[]) => {
          const r = (v as (...a: unknown[]) => unknown).apply(target, args);
          if (r instanceof Promise) {
            return r.then((res: unknown) => {
              const data = (res as { data?: unknown } | null)?.data;
              clock.t += 1 + (Array.isArray(data) ? data.length : 0);
              return res;
            });
          }
          return typeof r === 'object' && r !== null ? wrap(r) : r;
        };
      },
    });
  return wrap(db);
}

/**
 * A call's time for a batch job (publishing, the town's approval): a cloud function has a
 * timeout, so a call works for at most `budgetMs` and answers with its progress. "At most"
 * holds for the whole call, not only for when its last batch starts: a batch starts only if
 * one twice as long as the longest so far still ends in time, and the finishing step (the 红黑榜
 * over the whole village, then the status) runs in a call that has used at most half its time
 * — else the next call does it alone.
 */
export interface CallBudget {
  /** Time for another batch (judged by twice the longest so far)? */
  room(): boolean;
  /** Runs one batch, timing it. */
  step<R>(batch: () => Promise<R>): Promise<R>;
  /** Time for the finishing step: no batch ran in this call, or half the time is left. */
  roomToFinish(): boolean;
}

export function callBudget(clock: () => number, started: number, budgetMs: number): CallBudget {
  const stopAt = started + budgetMs;
  let longest = 0;
  let steps = 0;
  return {
    // Twice the longest so far: a margin for a slower one (a busy database or instance).
    room: () => clock() + 2 * longest < stopAt,
    async step(batch) {
      const t = clock();
      try {
        return await batch();
      } finally {
        steps++;
        longest = Math.max(longest, clock() - t);
      }
    },
    roomToFinish: () => steps === 0 || clock() - started <= budgetMs / 2,
  };
}

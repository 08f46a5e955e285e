/**
 * The local server's stand-in for the CloudBase timer trigger: once an hour it asks whether a
 * year-end run is due (January, for the year just ended) and runs it. Idempotent, so the
 * hourly check after the first success only reads the finished run docs.
 */
import type { Deps } from '@backend/runtime/deps';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';

const HOUR_MS = 60 * 60 * 1000;

export function startJobSchedule(deps: Pick<Deps, 'db' | 'now'>, everyMs = HOUR_MS): () => void {
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const r = await runScheduledYearEnd(deps);
      const fresh = r?.runs.filter((run) => run.finishedAt !== null && run.finishedAt >= deps.now() - everyMs) ?? [];
      if (r && fresh.length > 0) console.log(`年底结转 ${r.year}：${fresh.map((x) => `${x.villageName}${x.mode === 'clear' ? `清零 ${x.pointsCleared} 分` : '滚动结存'}`).join('，')}`);
    } catch (e) {
      console.error('[xiangyue] year-end job failed (will retry next hour)', e);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

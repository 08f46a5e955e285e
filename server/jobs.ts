/**
 * The local server's stand-in for the CloudBase timer triggers: once an hour it asks whether a
 * year-end run is due (January, for the year just ended) and runs it, and runs the daily
 * reminders and the push outbox's retries, and deletes stored exports older than a day. Idempotent, so the hourly check after the first
 * success only reads the finished run docs and sends no reminder twice.
 */
import type { Deps } from '@backend/runtime/deps';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import { runDailyReminders } from '@backend/jobs/dailyReminders';
import { runPurgeExports } from '@backend/jobs/purgeExports';

const HOUR_MS = 60 * 60 * 1000;

export function startJobSchedule(deps: Pick<Deps, 'db' | 'now' | 'push' | 'files'>, everyMs = HOUR_MS): () => void {
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
    }
    try {
      // 每日提醒: idempotent per (kind, subject, day), so the hourly check sends each reminder once a day; then the push outbox's retries.
      const r = await runDailyReminders(deps);
      const sent = r.auditDue + r.publicityClosing + r.eventNear + r.eventOverdue + r.eventsFlagged;
      if (sent > 0) console.log(`每日提醒 ${r.day}：评议 ${r.auditDue}，公示 ${r.publicityClosing}，事件临期 ${r.eventNear}，事件超期 ${r.eventOverdue}，记入督办 ${r.eventsFlagged}`);
    } catch (e) {
      console.error('[xiangyue] daily reminders failed (will retry next hour)', e);
    }
    try {
      // Stored exports older than a day (the CloudBase timer runs it nightly).
      await runPurgeExports(deps);
    } catch (e) {
      console.error('[xiangyue] purging stored exports failed (will retry next hour)', e);
    } finally {
      busy = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

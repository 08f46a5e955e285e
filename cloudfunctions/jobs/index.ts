import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import type { Deps } from '@backend/runtime/deps';
import type { FunctionEvent } from '@backend/runtime/handler';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import { runDailyReminders } from '@backend/jobs/dailyReminders';
import { runPurgeExports } from '@backend/jobs/purgeExports';
import { flushOutbox } from '@backend/notices/push';
import { pollPhotoChecks, recordPushedVerdict } from '@backend/moderation/photos';
import { mediaCheckPush } from '@backend/moderation/wechat';
import { jobs } from './actions';

/** What each timer trigger of config.json runs (by its name). */
const TIMERS: Record<string, (deps: Deps) => Promise<unknown>> = {
  /** 1 January 00:05 China time: the year-end job for the year just ended, over every village. */
  yearEnd: (deps) => runScheduledYearEnd(deps),
  /** Every morning: what is due today (audit close day, publicity window, event deadlines), notified once a day. */
  dailyReminders: (deps) => runDailyReminders(deps),
  /** Every 10 minutes: the 订阅消息 outbox's due retries. */
  pushOutbox: (deps) => flushOutbox(deps),
  /** Every 10 minutes: photos still waiting for their content verdict are settled or resubmitted. */
  contentChecks: (deps) => pollPhotoChecks(deps),
  /** Every night at 03:30 China time: stored exports older than a day are deleted (STORED_EXPORT_KEEP_MS). */
  purgeExports: (deps) => runPurgeExports(deps),
};

/**
 * Deployed entry (bundled by scripts/buildFunctions.ts). Besides the actions, each timer trigger
 * of config.json runs its job; a timer of another name does nothing. WeChat's `wxa_media_check`
 * message (消息推送 configured to this function) records a photo's verdict; it must name a trace
 * id we submitted (never handed to clients), else it changes nothing.
 */
export const main = cloudbaseMain(jobs, {
  onTimer: async (deps, event: FunctionEvent) => {
    const run = TIMERS[String(event.TriggerName)];
    return run ? run(deps) : null;
  },
  onMessage: (deps, event) => {
    const push = mediaCheckPush(event);
    return push ? recordPushedVerdict(deps, push.traceId, push.verdict) : null;
  },
});

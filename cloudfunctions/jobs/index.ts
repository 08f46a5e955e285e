import { cloudbaseMain } from '@backend/runtime/cloudbaseEntry';
import { runScheduledYearEnd } from '@backend/jobs/scheduled';
import { pollPhotoChecks, recordPushedVerdict } from '@backend/moderation/photos';
import { mediaCheckPush } from '@backend/moderation/wechat';
import { jobs } from './actions';

/**
 * Deployed entry (bundled by scripts/buildFunctions.ts). Besides the actions:
 * - the `yearEnd` timer of config.json (1 January 00:05 China time) runs the year-end job for
 *   the year just ended over every village;
 * - the `contentChecks` timer (every 10 minutes) settles or resubmits photos still waiting for
 *   their content verdict;
 * - WeChat's `wxa_media_check` message (消息推送 configured to this function) records a photo's
 *   verdict; it must name a trace id we submitted (never handed to clients), else it changes nothing.
 */
export const main = cloudbaseMain(jobs, {
  onTimer: (deps, event) => (event.TriggerName === 'contentChecks' ? pollPhotoChecks(deps) : runScheduledYearEnd(deps)),
  onMessage: (deps, event) => {
    const push = mediaCheckPush(event);
    return push ? recordPushedVerdict(deps, push.traceId, push.verdict) : null;
  },
});

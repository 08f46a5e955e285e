/**
 * Platform session facts. weapp: identity is the WeChat OPENID, nothing to choose.
 * H5 (demo): a demo identity must be chosen on the 选择演示身份 page first.
 */
/** True when the pages should send the user to choose a demo identity first. */
export function needsDemoIdentity(): boolean;
/** True when running against the local demo server (shows the 切换身份 link). */
export const isDemo: boolean;

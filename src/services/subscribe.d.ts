/**
 * 订阅消息: asks WeChat for one-time grants of these templates (at most 3) and records the accepted
 * ones (notices.grant). WeChat allows it only from a tap: call it synchronously, first thing in the
 * tap handler, before any await. H5 has no 订阅消息: nothing happens.
 */
export function askSubscribe(tmplIds: readonly string[]): void;

/** H5 has no 订阅消息: notices reach the 消息中心 only. */
export function askSubscribe(tmplIds: readonly string[]): void {
  void tmplIds;
}

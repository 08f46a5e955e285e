import { call } from './api';

interface SubscribeResult {
  [templateId: string]: string;
}
declare const wx: {
  requestSubscribeMessage(o: { tmplIds: string[]; success?: (res: SubscribeResult) => void; fail?: (e: unknown) => void }): void;
};

/** Called inside the tap (WeChat refuses it otherwise); each 'accept' allows one message, recorded by notices.grant. */
export function askSubscribe(tmplIds: readonly string[]): void {
  const ids = tmplIds.slice(0, 3);
  if (ids.length === 0) return;
  wx.requestSubscribeMessage({
    tmplIds: ids,
    success: (res) => {
      const accepted = ids.filter((id) => res[id] === 'accept');
      if (accepted.length > 0) void call('notices', 'grant', { accepted }).catch(() => undefined);
    },
    // Declined, or 订阅消息 switched off: the notice still lands in the 消息中心.
    fail: () => undefined,
  });
}

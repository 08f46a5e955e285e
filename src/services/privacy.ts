import Taro from '@tarojs/taro';
import { route } from '../constants/routes';

type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

let pending: Resolve | null = null;

/**
 * WeChat asks before the first privacy API call (chooseMedia, chooseMessageFile, …) once the
 * 用户隐私保护指引 is set: we open pages/privacy, where the person reads the policy and agrees
 * (a button with open-type agreePrivacyAuthorization) or declines. Registered once at launch.
 */
export function watchPrivacyPrompts(): void {
  if (process.env.TARO_ENV !== 'weapp') return;
  const wxApi = (globalThis as unknown as { wx?: { onNeedPrivacyAuthorization?: (cb: (resolve: Resolve) => void) => void } }).wx;
  if (!wxApi?.onNeedPrivacyAuthorization) return; // base library < 2.32.3: no prompt needed
  wxApi.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    void Taro.navigateTo({ url: route('privacy', { ask: 1 }) });
  });
}

/** Is WeChat waiting for the person's answer? */
export function privacyAnswerPending(): boolean {
  return pending !== null;
}

/** Passes the person's answer to WeChat (the agree button's id for an agreement). */
export function answerPrivacy(agree: boolean, buttonId?: string): void {
  const resolve = pending;
  pending = null;
  resolve?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
}

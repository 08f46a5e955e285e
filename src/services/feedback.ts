import Taro from '@tarojs/taro';
import { messageOf } from './errors';

/** A short message at the bottom/centre of the screen. */
export function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none', duration: 2500 });
}

export function toastSuccess(title: string): void {
  void Taro.showToast({ title, icon: 'success', duration: 1500 });
}

/** Show what went wrong, in the server's words when it said something. */
export function showError(e: unknown): void {
  toast(messageOf(e));
}

import Taro from '@tarojs/taro';

/** 大字模式 (适老化): on when the person switched it on in 我的, or — if they never chose — when the phone's font is set large. */
const KEY = 'xy-elder';

/** WeChat's font-size setting is 16–17 px by default; from this on the person chose large type. */
const LARGE_FONT_SETTING = 20;

export type ElderChoice = 'on' | 'off' | 'auto';

export function elderChoice(): ElderChoice {
  try {
    const v = Taro.getStorageSync(KEY) as unknown;
    return v === 'on' || v === 'off' ? v : 'auto';
  } catch {
    return 'auto';
  }
}

export function setElderChoice(choice: ElderChoice): void {
  if (choice === 'auto') Taro.removeStorageSync(KEY);
  else Taro.setStorageSync(KEY, choice);
}

/** The phone's own text size: WeChat's fontSizeSetting (weapp), the browser's default font size (H5). */
function systemLargeFont(): boolean {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const probe = document.createElement('div');
      probe.style.cssText = 'font-size: medium; position: absolute; visibility: hidden';
      document.body.appendChild(probe);
      const px = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
      return px >= LARGE_FONT_SETTING;
    }
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number };
    return (info.fontSizeSetting ?? 0) >= LARGE_FONT_SETTING;
  } catch {
    return false;
  }
}

export function isElder(): boolean {
  const c = elderChoice();
  return c === 'on' || (c === 'auto' && systemLargeFont());
}

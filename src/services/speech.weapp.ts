import Taro from '@tarojs/taro';

/** WeChat's 同声传译 plugin (declared in app.config's plugins): textToSpeech → an mp3 URL. */
interface WechatSI {
  textToSpeech(o: { lang: string; tts: boolean; content: string; success: (r: { filename: string }) => void; fail: (e: { msg?: string }) => void }): void;
}

declare const requirePlugin: ((name: string) => unknown) | undefined;

let audio: Taro.InnerAudioContext | null = null;

function plugin(): WechatSI | null {
  try {
    const p = typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as Partial<WechatSI>) : null;
    return p && typeof p.textToSpeech === 'function' ? (p as WechatSI) : null;
  } catch {
    return null;
  }
}

export function canSpeak(): boolean {
  return plugin() !== null;
}

/** The plugin reads at most ~1000 characters a call: longer texts are cut there. */
export function speak(text: string): Promise<void> {
  const si = plugin();
  if (!si) return Promise.reject(new Error('当前微信版本不能朗读'));
  return new Promise((resolve, reject) => {
    si.textToSpeech({
      lang: 'zh_CN',
      tts: true,
      content: text.slice(0, 1000),
      success: (r) => {
        stopSpeaking();
        audio = Taro.createInnerAudioContext();
        audio.src = r.filename;
        audio.play();
        resolve();
      },
      fail: (e) => reject(new Error(e.msg ? `朗读失败：${e.msg}` : '朗读失败，请稍后再试')),
    });
  });
}

export function stopSpeaking(): void {
  if (audio) {
    audio.stop();
    audio.destroy();
    audio = null;
  }
}

/** 读给我听 in the browser: speechSynthesis, in Chinese, a little slower for older ears. */
export function canSpeak(): boolean {
  return typeof window !== 'undefined' && 'speechSynthesis' in window && typeof SpeechSynthesisUtterance !== 'undefined';
}

export function speak(text: string): Promise<void> {
  if (!canSpeak()) return Promise.reject(new Error('这个浏览器不能朗读'));
  window.speechSynthesis.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = 'zh-CN';
  u.rate = 0.9;
  window.speechSynthesis.speak(u);
  return Promise.resolve();
}

export function stopSpeaking(): void {
  if (canSpeak()) window.speechSynthesis.cancel();
}

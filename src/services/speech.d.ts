/**
 * 读给我听: reads a text aloud. weapp: WeChat's 同声传译 plugin (WechatSI) turns the text into
 * speech and an InnerAudioContext plays it; H5: the browser's speechSynthesis. Resolves when
 * playing started; rejects (with a Chinese message) when this phone cannot.
 */
export function speak(text: string): Promise<void>;
/** Stops what is being read. */
export function stopSpeaking(): void;
/** Whether this build and phone can read aloud at all (the button is hidden otherwise). */
export function canSpeak(): boolean;

/**
 * Optional: the persona's lines read aloud with the browser's own speech synthesis (no network), when the trainee
 * turns it on and the browser has a voice for the scenario's language.
 */
const KEY = 'calldojo.speak';

/** The best local voice for a language ("zh" → zh-CN first), or undefined when the browser has none. */
export function voiceFor(voices: readonly Pick<SpeechSynthesisVoice, 'lang' | 'localService'>[], lang: 'zh' | 'en') {
  const want = lang === 'zh' ? ['zh-cn', 'zh'] : ['en-us', 'en'];
  for (const prefix of want) {
    const matches = voices.filter((v) => v.lang.toLowerCase().replace('_', '-').startsWith(prefix));
    const local = matches.find((v) => v.localService);
    if (local ?? matches[0]) return local ?? matches[0];
  }
  return undefined;
}

export class SpeechSetting {
  enabled = $state(read());
  /** Whether this browser can speak at all (voices may still be missing for a language). */
  readonly supported = typeof globalThis.speechSynthesis !== 'undefined';

  set(on: boolean): void {
    this.enabled = on;
    try {
      localStorage.setItem(KEY, on ? '1' : '0');
    } catch {
      // not remembered, still applies to this tab
    }
  }

  /** Speaks `text` when enabled and a voice exists; returns whether it spoke. */
  say(text: string, lang: 'zh' | 'en'): boolean {
    if (!this.enabled || !this.supported) return false;
    const synth = globalThis.speechSynthesis;
    const voice = voiceFor(synth.getVoices(), lang);
    if (!voice) return false;
    const u = new SpeechSynthesisUtterance(text);
    u.voice = voice as SpeechSynthesisVoice;
    u.lang = voice.lang;
    synth.cancel(); // a new persona line replaces one still being read
    synth.speak(u);
    return true;
  }
}

function read(): boolean {
  try {
    return globalThis.localStorage?.getItem(KEY) === '1';
  } catch {
    return false;
  }
}

export const speech = new SpeechSetting();

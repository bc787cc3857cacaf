import { describe, expect, it } from 'vitest';
import { voiceFor } from '../../src/state/speech.svelte.ts';

const v = (lang: string, localService = true) => ({ lang, localService });

describe('voiceFor', () => {
  it('prefers a local zh-CN voice for Chinese scenarios, then any Chinese voice', () => {
    expect(voiceFor([v('en-US'), v('zh-TW'), v('zh-CN', false), v('zh-CN')], 'zh')).toEqual(v('zh-CN'));
    expect(voiceFor([v('en-US'), v('zh_TW')], 'zh')).toEqual(v('zh_TW'));
  });

  it('finds an English voice for en scenarios and nothing when the browser has none', () => {
    expect(voiceFor([v('zh-CN'), v('en-GB')], 'en')).toEqual(v('en-GB'));
    expect(voiceFor([v('zh-CN')], 'en')).toBeUndefined();
    expect(voiceFor([], 'zh')).toBeUndefined();
  });
});

describe('SpeechSetting', () => {
  it('speaks a persona line in the scenario language only when turned on and a voice exists', async () => {
    const spoken: { text: string; lang: string }[] = [];
    const { vi } = await import('vitest');
    vi.stubGlobal(
      'SpeechSynthesisUtterance',
      class {
        voice: unknown = null;
        lang = '';
        constructor(public text: string) {}
      },
    );
    vi.stubGlobal('speechSynthesis', {
      getVoices: () => [{ lang: 'zh-CN', localService: true }],
      cancel: () => {},
      speak: (u: { text: string; lang: string }) => spoken.push({ text: u.text, lang: u.lang }),
    });
    const { SpeechSetting } = await import('../../src/state/speech.svelte.ts');
    const s = new SpeechSetting();
    s.set(false);
    expect(s.say('喂，您好？', 'zh')).toBe(false);
    s.set(true);
    expect(s.say('喂，您好？', 'zh')).toBe(true);
    expect(s.say('Hello?', 'en')).toBe(false); // no English voice on this browser
    expect(spoken).toEqual([{ text: '喂，您好？', lang: 'zh-CN' }]);
    expect(localStorage.getItem('calldojo.speak')).toBe('1');
    vi.unstubAllGlobals();
  });
});

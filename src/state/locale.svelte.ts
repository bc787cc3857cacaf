import { initialLocale, translate, type Locale, type MessageKey } from '../i18n/translate.ts';

const STORAGE_KEY = 'calldojo.lang';

/** The UI language: starts from `?lang=` or the remembered choice, remembers changes, keeps <html lang> in step. */
export class LocaleState {
  current = $state<Locale>('zh-CN');

  constructor(search = globalThis.location?.search ?? '', storage: Storage | undefined = safeStorage()) {
    this.storage = storage;
    this.current = initialLocale(search, storage?.getItem(STORAGE_KEY) ?? null);
    // A ?lang= link from an LMS is a choice too: remember it for the next visit.
    this.storage?.setItem(STORAGE_KEY, this.current);
    this.syncDocument();
  }

  private storage: Storage | undefined;

  /** Switches the language and remembers it. */
  set(locale: Locale): void {
    this.current = locale;
    this.storage?.setItem(STORAGE_KEY, locale);
    this.syncDocument();
  }

  /** Translates a UI key in the current language. */
  t = (key: MessageKey, params?: Record<string, string | number>): string => translate(this.current, key, params);

  private syncDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.current;
  }
}

function safeStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // private mode or disabled storage: the language simply is not remembered
  }
}

export const locale = new LocaleState();

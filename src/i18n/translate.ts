import { en } from './messages/en.ts';
import { zhCN, type MessageKey, type Messages } from './messages/zh-CN.ts';
import { selectPlurals } from './plural.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export type { MessageKey };

const catalogues: Record<Locale, Messages> = { 'zh-CN': zhCN, en };

/**
 * Looks up `key` in the locale's catalogue, picks its plural forms by the locale's plural rules (see plural.ts) and
 * fills `{name}` placeholders from `params`.
 */
export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const found = catalogues[locale][key];
  const text = selectPlurals(found ?? zhCN[key] ?? key, found === undefined ? DEFAULT_LOCALE : locale, params);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Maps loose input ("en-US", "zh", "ZH-cn") to a supported locale, or undefined. */
export function parseLocale(value: string | null | undefined): Locale | undefined {
  if (!value) return undefined;
  const v = value.trim().toLowerCase();
  if (v === 'en' || v.startsWith('en-')) return 'en';
  if (v === 'zh' || v.startsWith('zh-')) return 'zh-CN';
  return undefined;
}

/** The locale to start with: the URL's `?lang=` wins, then the remembered choice, then zh-CN. */
export function initialLocale(search: string, remembered: string | null): Locale {
  return parseLocale(new URLSearchParams(search).get('lang')) ?? parseLocale(remembered) ?? DEFAULT_LOCALE;
}

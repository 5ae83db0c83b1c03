import { createStore, useStore } from '../store';
import { en } from './en';
import { zhCN, type MessageKey, type Messages } from './zh-CN';

export type { MessageKey } from './zh-CN';
export type Locale = 'zh-CN' | 'en';
export const locales: readonly Locale[] = ['zh-CN', 'en'];

const dictionaries: Record<Locale, Messages> = { 'zh-CN': zhCN, en };
const storageKey = 'cc.locale';

function storedLocale(): Locale | undefined {
  try {
    const value = localStorage.getItem(storageKey);
    return locales.find((l) => l === value);
  } catch {
    return undefined; // storage can be disabled (private mode, policies)
  }
}

export const localeStore = createStore<Locale>(storedLocale() ?? 'zh-CN');

function applyDocumentLocale(locale: Locale): void {
  document.documentElement.lang = locale;
  document.title = `${dictionaries[locale]['app.brand']} / ${dictionaries[locale]['app.brandSub']}`;
}
applyDocumentLocale(localeStore.get());

export function setLocale(locale: Locale): void {
  try {
    localStorage.setItem(storageKey, locale);
  } catch {
    // not persisted, still switched for this tab
  }
  applyDocumentLocale(locale);
  localeStore.set(locale);
}

/** Follows the user's profile locale only when this browser has no choice of its own yet. */
export function adoptProfileLocale(locale: Locale): void {
  if (!storedLocale() && locale !== localeStore.get()) {
    applyDocumentLocale(locale);
    localeStore.set(locale);
  }
}

export type MessageParams = Record<string, string | number>;

/** The message for `key` in the current locale, with `{param}` placeholders filled in. */
export function t(key: MessageKey, params?: MessageParams): string {
  const text = dictionaries[localeStore.get()][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** `t` for components: subscribing makes the component re-render when the language changes. */
export function useT(): typeof t {
  useStore(localeStore);
  return t;
}

export function useLocale(): Locale {
  return useStore(localeStore);
}
